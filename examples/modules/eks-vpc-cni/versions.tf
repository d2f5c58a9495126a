terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    vpccni = {
      source  = "vpccni/vpccni"
      version = "~> 0.1"
    }
  }
}
