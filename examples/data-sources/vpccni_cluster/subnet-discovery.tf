# Enhanced subnet discovery (VPC CNI 1.18 and later, on by default). The
# node subnet has 90 free addresses; a new subnet in the same zone, from a
# secondary CIDR, is tagged kubernetes.io/role/cni. Each m5.large holds 14
# secondaries with the recommendation: its primary ENI (1 + 9) stays in the
# node subnet, and the second ENI (1 + 5) goes to the freer tagged subnet.
# At max + surge (8 nodes) the node subnet needs 80 and the tagged one 48;
# without the tagged subnet the node subnet would need 128.
data "vpccni_cluster" "esd" {
  node_group {
    name          = "apps"
    instance_type = "m5.large"
    expected_pods = 12
    desired_nodes = 4
    max_nodes     = 6
  }

  subnet {
    id                = "subnet-nodes-a"
    cidr              = "10.0.0.0/24"
    availability_zone = "eu-west-1a"
    available_ips     = 90
  }
  subnet {
    id                = "subnet-cni-a"
    cidr              = "100.64.0.0/24"
    availability_zone = "eu-west-1a"
    purpose           = "cni"
  }
}

output "needed_at_max_plus_surge" {
  # { subnet-cni-a = 48, subnet-nodes-a = 80 }
  value = { for id, u in data.vpccni_cluster.esd.subnets_usage : id => u.ips_needed_surge }
}
