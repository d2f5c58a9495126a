# Prefix delegation: nodes hold /28 prefixes, which need 16 aligned free
# addresses each. From a CIDR the plan counts the aligned blocks a fresh
# subnet offers; for subnets already in use, reserve the space with a
# prefix-type aws_ec2_subnet_cidr_reservation of the size it reports.
data "vpccni_cluster" "pd" {
  prefix_delegation = true

  node_group {
    name          = "general"
    instance_type = "m6i.xlarge"
    vcpus         = 4
    expected_pods = 60
    desired_nodes = 10
    max_nodes     = 30
  }

  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/21"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.8.0/21"
    availability_zone = "eu-west-1b"
  }
}

output "prefix_reservations" {
  # Per subnet: /28 blocks needed at max + surge, blocks a fresh subnet
  # offers, and the prefix length of a reservation that holds them.
  value = {
    for id, u in data.vpccni_cluster.pd.subnets_usage : id => {
      needed      = u.prefix_blocks_needed
      offered     = u.prefix_blocks
      reservation = "/${u.prefix_reservation_cidr_size}"
    }
  }
}
