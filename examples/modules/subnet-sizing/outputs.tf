output "subnet_fits" {
  description = "Whether every subnet holds its nodes with the recommended settings."
  value       = data.vpccni_warm_pool.this.subnet_fits
}

output "subnet_capacity" {
  description = "Addresses the subnets offer in all."
  value       = data.vpccni_warm_pool.this.subnet_capacity
}

output "total_ips" {
  description = "Subnet addresses the node group takes with the recommended settings and with the vpc-cni add-on defaults."
  value = {
    recommended     = data.vpccni_warm_pool.this.recommended.total_ips
    add_on_defaults = data.vpccni_warm_pool.this.baseline.total_ips
  }
}

output "configuration_values" {
  description = "The vpc-cni add-on configuration to apply (aws_eks_addon.configuration_values)."
  value       = data.vpccni_warm_pool.this.configuration_values
}

# The provider function's result, through an output: tests assert on
# output.node_ips rather than call the function inside an assert, which
# crashes OpenTofu 1.12 (see the guide "Testing subnet sizing with
# terraform test").
output "node_ips" {
  description = "Subnet addresses one node takes with the recommended settings (provider::vpccni::node_ips)."
  value = provider::vpccni::node_ips(var.instance_type, var.expected_pods, {
    minimum_ip_target = data.vpccni_warm_pool.this.minimum_ip_target
    warm_ip_target    = data.vpccni_warm_pool.this.warm_ip_target
  })
}
