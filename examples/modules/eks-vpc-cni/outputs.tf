output "configuration_values" {
  description = "The vpc-cni add-on configuration applied: MINIMUM_IP_TARGET and WARM_IP_TARGET."
  value       = data.vpccni_warm_pool.this.configuration_values
}

output "subnet_addresses" {
  description = "Subnet addresses the node group takes at max_nodes, with the add-on defaults and with the recommendation."
  value = {
    add_on_defaults = data.vpccni_warm_pool.this.baseline.total_ips
    recommended     = data.vpccni_warm_pool.this.recommended.total_ips
    saved           = data.vpccni_warm_pool.this.saved_ips
    per_subnet      = data.vpccni_warm_pool.this.subnets
  }
}
