# Nodes that AL2023's nodeadm starts from a custom AMI get
# ENIs x (IPs per ENI - 1) + 2 whatever the VPC CNI mode: 29 on m5.large,
# although under prefix delegation the VPC CNI could serve 110 pods. The
# plan warns when that is fewer than a group needs; kubelet_max_pods is what
# the nodes should get. With max_pods_from = "nodeadm" and max_pods = 110
# the plan runs with 110, and node_config is the NodeConfig that gives it
# to the nodes.
data "vpccni_cluster" "pd" {
  prefix_delegation = true

  node_group {
    name          = "apps"
    instance_type = "m5.large"
    expected_pods = 40
    desired_nodes = 6
    max_pods_from = "nodeadm"
    max_pods      = 110
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

output "max_pods" {
  # { kubelet_max_pods = 110, planned_with = 110 }
  value = {
    kubelet_max_pods = data.vpccni_cluster.pd.groups["apps"].kubelet_max_pods
    planned_with     = data.vpccni_cluster.pd.groups["apps"].max_pods
  }
}

# The user data part terraform-aws-eks takes in cloudinit_pre_nodeadm (see
# terraform-aws-eks-nodeadm.tf). Its content:
#   ---
#   apiVersion: node.eks.aws/v1alpha1
#   kind: NodeConfig
#   spec:
#     kubelet:
#       config:
#         maxPods: 110
output "cloudinit_pre_nodeadm" {
  value = [{
    content_type = "application/node.eks.aws"
    content      = data.vpccni_cluster.pd.groups["apps"].node_config
  }]
}
