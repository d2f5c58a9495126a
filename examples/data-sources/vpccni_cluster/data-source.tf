# Three node groups over three zones. One aws-node setting pair serves all
# of them; every subnet is checked at desired size, at max size and during a
# rolling update at max size (EKS adds twice the zones: 6 nodes per group).
# Node groups and subnets are blocks: a misspelt argument in them fails the
# plan with its name and line.
data "vpccni_cluster" "this" {
  node_group {
    name          = "general"
    instance_type = "m5.large"
    expected_pods = 20
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
  node_group {
    name          = "compute"
    instance_type = "c5.4xlarge"
    expected_pods = 100
    desired_nodes = 2
    max_nodes     = 4
  }

  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/22"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.4.0/22"
    availability_zone = "eu-west-1b"
  }
  subnet {
    id                = "subnet-c"
    cidr              = "10.0.8.0/22"
    availability_zone = "eu-west-1c"
  }
}

output "configuration_values" {
  # {"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}
  value = data.vpccni_cluster.this.configuration_values
}

output "worst_subnet" {
  # { id = "subnet-a", phase = "none", shortfall = -265 }
  value = data.vpccni_cluster.this.worst_subnet
}

# In a module, the node groups usually come from a variable: a dynamic
# block writes one node_group block per element.
variable "node_groups" {
  type = list(object({
    name          = string
    instance_type = string
    expected_pods = number
    desired_nodes = number
    max_nodes     = optional(number)
  }))
  default = [{ name = "batch", instance_type = "c6i.2xlarge", expected_pods = 30, desired_nodes = 2 }]
}

data "vpccni_cluster" "from_variable" {
  dynamic "node_group" {
    for_each = var.node_groups
    content {
      name          = node_group.value.name
      instance_type = node_group.value.instance_type
      expected_pods = node_group.value.expected_pods
      desired_nodes = node_group.value.desired_nodes
      max_nodes     = node_group.value.max_nodes
    }
  }
  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/22"
    availability_zone = "eu-west-1a"
  }
}
