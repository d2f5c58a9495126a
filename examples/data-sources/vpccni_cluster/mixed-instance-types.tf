# A managed node group that may launch either of two types (Spot
# diversification). EKS gives every node the smallest max pods of its types:
# m5.large's 29, so the m5.xlarge nodes run 29 pods too, not 58. The subnets
# must hold whichever type a zone gets, so the plan sizes them for the type
# that takes the most addresses at 20 pods: m5.large, 22 addresses on 3 ENIs
# (25), against m5.xlarge's 22 on 2 (24).
data "vpccni_cluster" "spot" {
  node_group {
    name           = "spot"
    instance_types = ["m5.xlarge", "m5.large"]
    expected_pods  = 20
    desired_nodes  = 6
    max_nodes      = 9
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

output "spot" {
  # { max_pods = 29, max_pods_instance_type = "m5.large",
  #   worst_instance_type = "m5.large", ips_per_node = 25 }
  value = {
    max_pods               = data.vpccni_cluster.spot.groups["spot"].max_pods
    max_pods_instance_type = data.vpccni_cluster.spot.groups["spot"].max_pods_instance_type
    worst_instance_type    = data.vpccni_cluster.spot.groups["spot"].worst_instance_type
    ips_per_node           = data.vpccni_cluster.spot.groups["spot"].recommended.ips_per_node
  }
}

output "subnet_a" {
  # 15 nodes at max + surge (9 + 6), 5 a zone: 5 x 25 = 125 of 251.
  value = data.vpccni_cluster.spot.subnets_usage["subnet-a"].ips_needed_surge
}
