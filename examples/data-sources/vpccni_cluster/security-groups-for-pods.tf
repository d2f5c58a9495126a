# Security groups for pods (ENABLE_POD_ENI). Each m5.large gets a trunk ENI,
# which takes one of its 3 ENI slots and one address, and each pod with its
# own security groups a branch ENI with one address, outside the warm pool.
# 15 ordinary pods: 17 secondaries on the 2 ENIs left (9 + 8), 2 ENI
# primaries and the trunk's: 20 a node; with 5 branch pods, 25.
data "vpccni_cluster" "sgp" {
  security_groups_for_pods = true

  node_group {
    name                      = "web"
    instance_type             = "m5.large"
    expected_pods             = 15
    pods_with_security_groups = 5
    desired_nodes             = 6
  }

  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/24"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.1.0/24"
    availability_zone = "eu-west-1b"
  }
  subnet {
    id                = "subnet-c"
    cidr              = "10.0.2.0/24"
    availability_zone = "eu-west-1c"
  }
}

output "web" {
  # { ips_per_node = 20, branch_ips_per_node = 5, max_pods = 29 }
  value = {
    ips_per_node        = data.vpccni_cluster.sgp.groups["web"].recommended.ips_per_node
    branch_ips_per_node = data.vpccni_cluster.sgp.groups["web"].branch_ips_per_node
    max_pods            = data.vpccni_cluster.sgp.groups["web"].max_pods
  }
}

output "subnet_a" {
  # 2 nodes at desired, 4 at max + surge (6 + 6 over 3 zones), 25 each:
  # [50, 100]
  value = [
    data.vpccni_cluster.sgp.subnets_usage["subnet-a"].ips_needed_desired,
    data.vpccni_cluster.sgp.subnets_usage["subnet-a"].ips_needed_surge,
  ]
}

output "configuration_values" {
  # {"env":{"ENABLE_POD_ENI":"true","MINIMUM_IP_TARGET":"15","WARM_IP_TARGET":"2"}}
  value = data.vpccni_cluster.sgp.configuration_values
}
