# The article's cluster in a /25 (123 usable addresses): even the
# recommended settings need 240, so the plan fails with the numbers and the
# ways out. `make demo` expects this plan to fail.

terraform {
  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}

data "vpccni_warm_pool" "article" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  spare_ips     = 2
  subnet_cidrs  = ["10.0.0.0/25"]
}

output "configuration_values" {
  value = data.vpccni_warm_pool.article.configuration_values
}
