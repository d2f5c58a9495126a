# Limits from the provider's embedded table of EC2 instance types.
data "vpccni_instance_type" "node" {
  instance_type = "r5.xlarge"
  vcpus         = 4 # only the prefix-delegation cap uses it
}

output "node" {
  value = {
    max_network_interfaces       = data.vpccni_instance_type.node.max_network_interfaces       # 4
    ipv4_addresses_per_interface = data.vpccni_instance_type.node.ipv4_addresses_per_interface # 15
    max_pods                     = data.vpccni_instance_type.node.max_pods                     # 58
    max_pods_custom_networking   = data.vpccni_instance_type.node.max_pods_custom_networking   # 44
    max_pods_prefix_delegation   = data.vpccni_instance_type.node.max_pods_prefix_delegation   # 110
  }
}

# A type the table does not know yet: give its limits (for example from the
# aws provider's aws_ec2_instance_type data source, counting only the default
# network card's ENIs for multi-card types).
data "vpccni_instance_type" "new_type" {
  instance_type                = "m99.xlarge"
  max_network_interfaces       = 4
  ipv4_addresses_per_interface = 15
}
