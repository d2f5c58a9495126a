terraform {
  # Provider functions (node_ips) need Terraform 1.8 or OpenTofu 1.7.
  required_version = ">= 1.8"

  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}
