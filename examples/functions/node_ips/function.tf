terraform {
  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}

# Subnet addresses one r5.xlarge node takes with 20 pods.
output "defaults" {
  value = provider::vpccni::node_ips("r5.xlarge", 20, {}) # 45
}

output "tuned" {
  value = provider::vpccni::node_ips("r5.xlarge", 20, { minimum_ip_target = 20, warm_ip_target = 2 }) # 24
}

output "prefix_delegation" {
  value = provider::vpccni::node_ips("t3.small", 17, { prefix_delegation = true }) # 3 /28s + 1 ENI = 49
}
