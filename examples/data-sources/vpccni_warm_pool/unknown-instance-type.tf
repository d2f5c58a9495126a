# For an instance type newer than the provider's table, describe it with
# the aws provider. aws_ec2_instance_type.maximum_network_interfaces sums
# every network card; the VPC CNI uses the default card only, so for
# multi-card types give that card's count instead.
data "aws_ec2_instance_type" "new" {
  instance_type = "m9i.4xlarge"
}

data "vpccni_warm_pool" "new" {
  instance_type                = data.aws_ec2_instance_type.new.instance_type
  max_network_interfaces       = data.aws_ec2_instance_type.new.maximum_network_interfaces
  ipv4_addresses_per_interface = data.aws_ec2_instance_type.new.maximum_ipv4_addresses_per_interface
  vcpus                        = data.aws_ec2_instance_type.new.default_vcpus
  expected_pods                = 40
  node_count                   = 6
}
