# A Windows node group beside the Linux nodes it needs for CoreDNS. The VPC
# resource controller, not aws-node, gives Windows nodes their addresses, on
# the primary ENI only: an m5.large runs at most 9 pods (10 addresses - 1).
# Its settings live in the kube-system/amazon-vpc-cni ConfigMap:
# windows_configmap_data has them, with the Windows group's pods as the
# minimum. At 8 pods a node holds min(max(8, 8 + 2), 9) = 9 addresses and
# its primary, 10.
data "vpccni_cluster" "mixed_os" {
  node_group {
    name          = "linux"
    instance_type = "m5.large"
    expected_pods = 20
    desired_nodes = 2
  }
  node_group {
    name          = "windows"
    os            = "windows"
    instance_type = "m5.large"
    expected_pods = 8
    desired_nodes = 10
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
}

output "windows" {
  # { max_pods = 9, ips_per_node = 10 }
  value = {
    max_pods     = data.vpccni_cluster.mixed_os.groups["windows"].max_pods
    ips_per_node = data.vpccni_cluster.mixed_os.groups["windows"].recommended.ips_per_node
  }
}

output "amazon_vpc_cni_configmap" {
  # { enable-windows-ipam = "true", minimum-ip-target = "8", warm-ip-target = "2" }
  # The aws-vpc-cni Helm chart renders this ConfigMap from its values
  # (enableWindowsIpam, minimumWindowsIPTarget, warmWindowsIPTarget): set
  # those rather than editing the ConfigMap, which the chart overwrites.
  value = data.vpccni_cluster.mixed_os.windows_configmap_data
}

output "aws_node" {
  # aws-node still serves the Linux group:
  # {"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}
  value = data.vpccni_cluster.mixed_os.configuration_values
}
