# Feed the recommendation to the vpc-cni add-on. The subnets and the
# instance type come from the aws provider; vpccni itself never calls AWS.
data "aws_subnet" "nodes" {
  for_each = toset(var.node_subnet_ids)
  id       = each.value
}

data "vpccni_warm_pool" "workers" {
  instance_type = "m6i.2xlarge"
  expected_pods = 30
  node_count    = var.max_nodes

  subnet_cidrs         = [for id in var.node_subnet_ids : data.aws_subnet.nodes[id].cidr_block]
  subnet_available_ips = [for id in var.node_subnet_ids : data.aws_subnet.nodes[id].available_ip_address_count]
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name         = var.cluster_name
  addon_name           = "vpc-cni"
  configuration_values = data.vpccni_warm_pool.workers.configuration_values
}

variable "cluster_name" {
  type = string
}

variable "node_subnet_ids" {
  type = list(string)
}

variable "max_nodes" {
  type = number
}
