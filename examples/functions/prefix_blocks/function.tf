terraform {
  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}

output "prefixes_in_a_fresh_24" {
  value = provider::vpccni::prefix_blocks("10.0.0.0/24") # 14
}
