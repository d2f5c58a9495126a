terraform {
  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}

output "r5_xlarge_max_pods" {
  value = provider::vpccni::max_pods("r5.xlarge") # 58
}

# p4d.24xlarge has 60 ENIs over 4 network cards; pods only use the 15 on the
# default card.
output "p4d_24xlarge_max_pods" {
  value = provider::vpccni::max_pods("p4d.24xlarge") # 737
}
