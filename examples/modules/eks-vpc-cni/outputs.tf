output "configuration_values" {
  description = "The vpc-cni add-on configuration applied: MINIMUM_IP_TARGET and WARM_IP_TARGET, merged into addon_configuration."
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

output "remedies" {
  description = "The node group under each remedy for subnet exhaustion (ip_targets, prefix_delegation, custom_networking, ipv6): node- and pod-subnet addresses at max_nodes, and whether the node group's subnets hold it."
  value = {
    for a in data.vpccni_warm_pool.this.alternatives : a.remedy => {
      node_subnet_ips = a.node_subnet_ips
      pod_subnet_ips  = a.pod_subnet_ips
      fits            = a.fits
      notes           = a.notes
    }
  }
}
