# Subnets created in the same apply: their ids are unknown at plan time, so
# Terraform reads the data source during apply, and a subnet too small for
# the cluster stops the apply, not the plan. A check block on fits says so
# at plan time: "Check block assertion known after apply".
resource "aws_subnet" "nodes" {
  for_each          = { a = "10.0.0.0/24", b = "10.0.1.0/24" }
  vpc_id            = var.vpc_id
  cidr_block        = each.value
  availability_zone = "eu-west-1${each.key}"
}

data "vpccni_cluster" "new" {
  node_group {
    name          = "apps"
    instance_type = "r5.xlarge"
    expected_pods = 20
    desired_nodes = 10
  }

  dynamic "subnet" {
    for_each = aws_subnet.nodes
    content {
      id                = subnet.value.id
      cidr              = subnet.value.cidr_block
      availability_zone = subnet.value.availability_zone
    }
  }
}

check "node_subnets_hold_the_cluster" {
  assert {
    condition     = data.vpccni_cluster.new.fits
    error_message = "The node subnets cannot hold the cluster at max + surge: ${jsonencode(data.vpccni_cluster.new.worst_subnet)}"
  }
}

variable "vpc_id" {
  type = string
}
