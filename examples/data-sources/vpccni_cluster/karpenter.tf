# A Karpenter NodePool of m5 sizes large to 2xlarge under limits.cpu = 32,
# planned at its worst case, with the EC2NodeClass kubelet section it
# assumes.
data "vpccni_cluster" "karpenter" {
  karpenter_node_pool {
    name          = "default"
    families      = ["m5"]
    smallest_size = "large"
    largest_size  = "2xlarge"
    expected_pods = 20
    max_vcpus     = 32
  }

  subnet {
    id                = "subnet-a1"
    cidr              = "10.0.0.0/24"
    available_ips     = 100
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-a2"
    cidr              = "10.0.1.0/24"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.2.0/24"
    availability_zone = "eu-west-1b"
  }
}

output "karpenter_worst_case" {
  value = data.vpccni_cluster.karpenter.karpenter_node_pools["default"].worst_instance_type # "m5.large"
}

output "ec2_node_class_kubelet" {
  # kubelet:
  #   maxPods: 29
  value = data.vpccni_cluster.karpenter.karpenter_node_pools["default"].ec2_node_class_kubelet
}
