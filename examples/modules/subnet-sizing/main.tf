# Sizes one node group's subnets with no provider but vpccni: everything
# comes from the inputs, so `terraform test` can plan it offline.

data "vpccni_warm_pool" "this" {
  instance_type = var.instance_type
  expected_pods = var.expected_pods
  node_count    = var.node_count
  spare_ips     = var.spare_ips
  subnet_cidrs  = var.subnet_cidrs

  # Day 2: AWS's free counts (aws_subnet.available_ip_address_count) leave
  # out what the running nodes hold; the plan adds it back.
  subnet_available_ips = var.subnet_available_ips
  running_nodes        = var.running_nodes

  # Subnets too small should fail this data source's postcondition below,
  # not the provider: `terraform test` can expect the failure of a
  # condition (expect_failures), never a provider error.
  fail_on_insufficient_subnet = false

  lifecycle {
    postcondition {
      condition     = self.subnet_fits
      error_message = "The subnets (${join(", ", var.subnet_cidrs)}) offer ${self.subnet_capacity} addresses; ${var.node_count} ${var.instance_type} nodes with ${var.expected_pods} pods each take ${self.recommended.total_ips} with the recommended settings. Use larger or more subnets."
    }
  }
}
