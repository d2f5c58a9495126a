# Sizes the vpc-cni add-on of one node group from what AWS says about its
# subnets and instance type, and fails the plan when the subnets cannot hold
# the group at max_nodes. The aws provider reads AWS; vpccni does the
# arithmetic offline.

data "aws_subnet" "node" {
  for_each = toset(var.node_subnet_ids)
  id       = each.value
}

data "aws_ec2_instance_type" "node" {
  instance_type = var.instance_type
}

data "vpccni_warm_pool" "this" {
  instance_type = var.instance_type
  # The table knows the ENI limits (of the default network card, which
  # aws_ec2_instance_type's maximum_network_interfaces overstates for
  # multi-card types); only the vCPU count, which decides the prefix
  # delegation max-pods cap, comes from AWS.
  vcpus         = data.aws_ec2_instance_type.node.default_vcpus
  expected_pods = var.expected_pods
  node_count    = var.max_nodes
  spare_ips     = var.spare_ips

  # Day 2: available_ip_address_count below leaves out what the group's
  # running nodes hold; the plan adds it back, as they hold it with
  # current_settings (null: the add-on defaults).
  running_nodes = var.running_nodes
  dynamic "current" {
    for_each = var.current_settings == null ? [] : [var.current_settings]
    content {
      minimum_ip_target  = current.value.minimum_ip_target
      warm_ip_target     = current.value.warm_ip_target
      warm_eni_target    = current.value.warm_eni_target
      warm_prefix_target = current.value.warm_prefix_target
    }
  }

  # The caller's own add-on settings, merged into configuration_values.
  addon_configuration = var.addon_configuration

  subnet_cidrs         = [for id in var.node_subnet_ids : data.aws_subnet.node[id].cidr_block]
  subnet_available_ips = [for id in var.node_subnet_ids : data.aws_subnet.node[id].available_ip_address_count]
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = var.cluster_name
  addon_name                  = "vpc-cni"
  addon_version               = var.addon_version
  configuration_values        = data.vpccni_warm_pool.this.configuration_values
  resolve_conflicts_on_update = "OVERWRITE"
}
