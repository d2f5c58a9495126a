# Three node groups over three zones. One aws-node setting pair serves all
# of them; every subnet is checked at desired size, at max size and during a
# rolling update at max size (EKS adds twice the zones: 6 nodes per group).
data "vpccni_cluster" "this" {
  node_groups = [
    { name = "general", instance_type = "m5.large", expected_pods = 20, desired_nodes = 6, max_nodes = 12 },
    { name = "memory", instance_type = "r5.xlarge", expected_pods = 40, desired_nodes = 3, max_nodes = 6 },
    { name = "compute", instance_type = "c5.4xlarge", expected_pods = 100, desired_nodes = 2, max_nodes = 4 },
  ]
  subnets = [
    { id = "subnet-a", cidr = "10.0.0.0/22", availability_zone = "eu-west-1a" },
    { id = "subnet-b", cidr = "10.0.4.0/22", availability_zone = "eu-west-1b" },
    { id = "subnet-c", cidr = "10.0.8.0/22", availability_zone = "eu-west-1c" },
  ]
}

output "configuration_values" {
  # {"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}
  value = data.vpccni_cluster.this.configuration_values
}

output "worst_subnet" {
  # { id = "subnet-a", phase = "none", shortfall = -265 }
  value = data.vpccni_cluster.this.worst_subnet
}
