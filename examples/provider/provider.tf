terraform {
  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}

# The provider takes no configuration and makes no network calls; this block
# may be left out.
provider "vpccni" {}
