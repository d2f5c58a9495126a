# The article's ten r5.xlarge nodes at 20 pods, spread over three /25 node
# subnets. A rolling update adds 6 nodes: 16 at max + surge, 6 in zone a.
# With the recommended IP targets zone a needs 6 x 24 = 144 addresses and
# its /25 offers 123, so the plan would fail; with
# fail_on_insufficient_subnet = false it warns, and alternatives says which
# remedy fits instead.
data "vpccni_cluster" "apps" {
  fail_on_insufficient_subnet = false

  node_group {
    name          = "apps"
    instance_type = "r5.xlarge"
    expected_pods = 20
    desired_nodes = 10
  }

  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/25"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.0.128/25"
    availability_zone = "eu-west-1b"
  }
  subnet {
    id                = "subnet-c"
    cidr              = "10.0.1.0/25"
    availability_zone = "eu-west-1c"
  }
}

output "remedies_that_fit" {
  # custom_networking: 16 node-subnet addresses, and a /24 per zone for
  # 384 pod addresses in 100.64.0.0/10; ipv6: 16 node-subnet addresses.
  value = {
    for a in data.vpccni_cluster.apps.alternatives : a.remedy => {
      node_subnet_ips            = a.node_subnet_ips
      pod_subnet_ips             = a.pod_subnet_ips
      smallest_pod_subnet_prefix = a.smallest_pod_subnet_prefix
      env                        = a.env
    } if a.fits == true
  }
}
