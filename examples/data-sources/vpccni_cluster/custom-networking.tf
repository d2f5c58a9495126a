# Custom networking: pods take addresses from a secondary CIDR
# (100.64.0.0/16) through one ENIConfig subnet per zone; the node subnets
# keep one address per node. configuration_values then carries the
# add-on's eniConfig section as well as the env.
data "vpccni_cluster" "cn" {
  region = "eu-west-1"

  node_group {
    name          = "general"
    instance_type = "m5.large"
    expected_pods = 15
    desired_nodes = 6
    max_nodes     = 12
  }
  node_group {
    name          = "memory"
    instance_type = "r5.xlarge"
    expected_pods = 40
    desired_nodes = 3
    max_nodes     = 6
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
    id                 = "subnet-pods-a"
    cidr               = "100.64.0.0/19"
    availability_zone  = "eu-west-1a"
    purpose            = "pods"
    security_group_ids = ["sg-0123456789abcdef0"]
  }
  subnet {
    id                 = "subnet-pods-b"
    cidr               = "100.64.32.0/19"
    availability_zone  = "eu-west-1b"
    purpose            = "pods"
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name         = "example"
  addon_name           = "vpc-cni"
  configuration_values = data.vpccni_cluster.cn.configuration_values
}
