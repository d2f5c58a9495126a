# `make demo` plans this configuration with the provider built from this
# tree; nothing here calls AWS. Run it yourself with a CLI configuration whose
# dev_overrides point at the provider binary, then `terraform plan` (no init).

terraform {
  required_providers {
    vpccni = {
      source = "vpccni/vpccni"
    }
  }
}

# The field report that started the project: ten r5.xlarge nodes running
# about 20 pods each, in one /24. With the vpc-cni add-on defaults
# (WARM_ENI_TARGET=1) each node holds a whole spare ENI of addresses.
data "vpccni_warm_pool" "article" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  spare_ips     = 2
  subnet_cidrs  = ["10.0.0.0/24"]
}

output "article" {
  description = "The article's cluster: settings to apply and the subnet addresses before and after."
  value = {
    configuration_values = data.vpccni_warm_pool.article.configuration_values
    per_node = {
      defaults    = "${data.vpccni_warm_pool.article.baseline.secondary_ips_per_node} secondary IPs on ${data.vpccni_warm_pool.article.baseline.enis_per_node} ENIs = ${data.vpccni_warm_pool.article.baseline.ips_per_node} addresses"
      recommended = "${data.vpccni_warm_pool.article.recommended.secondary_ips_per_node} secondary IPs on ${data.vpccni_warm_pool.article.recommended.enis_per_node} ENIs = ${data.vpccni_warm_pool.article.recommended.ips_per_node} addresses"
    }
    ten_nodes = {
      defaults    = data.vpccni_warm_pool.article.baseline.total_ips
      recommended = data.vpccni_warm_pool.article.recommended.total_ips
      saved       = data.vpccni_warm_pool.article.saved_ips
    }
    subnet = data.vpccni_warm_pool.article.subnets[0]
  }
}

# Tuning is the first aid; the article ends with the real fixes. The same
# node group under each remedy, computed with the same model: addresses
# from the node subnet (and, under custom networking, from ENIConfig
# subnets), what each saves against the defaults, and whether the /24 holds
# it.
output "remedies" {
  description = "The article's cluster under each remedy: node-subnet and pod-subnet addresses, saved, fits the /24."
  value = {
    for a in data.vpccni_warm_pool.article.alternatives : a.remedy => (
      a.possible ? format("%4d node-subnet + %3d pod-subnet addresses, saves %3d, fits the /24: %-5t (smallest node subnet /%d)",
      a.node_subnet_ips, a.pod_subnet_ips, a.node_subnet_ips_saved, a.fits, a.smallest_node_subnet_prefix)
      : a.notes
    )
  }
}

# Day 2: the same ten nodes already run on the defaults, in a /23 that AWS
# says has 57 free addresses (aws_subnet.available_ip_address_count). The
# free count leaves out the 450 the nodes hold, so the plan adds them back:
# the /23 offers 507 for the change, which needs 240.
data "vpccni_warm_pool" "day_2" {
  instance_type        = "r5.xlarge"
  expected_pods        = 20
  node_count           = 10
  running_nodes        = 10
  subnet_cidrs         = ["10.0.0.0/23"]
  subnet_available_ips = [57]
}

output "day_2" {
  description = "The article's nodes running on the defaults: what they hold now, what the /23 offers for the change, what the recommendation needs."
  value = format("%d free now + %d held by the running nodes = %d offered; the recommendation needs %d (fits: %t) and frees %d",
    data.vpccni_warm_pool.day_2.subnets[0].capacity - data.vpccni_warm_pool.day_2.subnets[0].held_now,
    data.vpccni_warm_pool.day_2.subnets[0].held_now, data.vpccni_warm_pool.day_2.subnets[0].capacity,
    data.vpccni_warm_pool.day_2.recommended.total_ips, data.vpccni_warm_pool.day_2.subnet_fits,
  data.vpccni_warm_pool.day_2.saved_ips)
}

# A managed node group that may launch m5.xlarge or m5.large (Spot). EKS
# gives every node the smallest max pods of the types (m5.large's 29), and
# the subnets must hold the type that takes the most addresses at 20 pods.
data "vpccni_cluster" "spot" {
  node_group {
    name           = "spot"
    instance_types = ["m5.xlarge", "m5.large"]
    expected_pods  = 20
    desired_nodes  = 6
    max_nodes      = 9
  }
  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/24"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.1.0/24"
    availability_zone = "eu-west-1b"
  }
  subnet {
    id                = "subnet-c"
    cidr              = "10.0.2.0/24"
    availability_zone = "eu-west-1c"
  }
}

output "mixed_types" {
  description = "A group of m5.xlarge and m5.large: the max pods every node gets, the type the subnets are sized for, and a zone's needs."
  value = {
    max_pods     = "${data.vpccni_cluster.spot.groups["spot"].max_pods} on every node (${data.vpccni_cluster.spot.groups["spot"].max_pods_instance_type}'s)"
    sized_for    = "${data.vpccni_cluster.spot.groups["spot"].worst_instance_type}: ${data.vpccni_cluster.spot.groups["spot"].recommended.ips_per_node} addresses a node"
    subnet_a     = "${data.vpccni_cluster.spot.subnets_usage["subnet-a"].ips_needed_surge} of ${data.vpccni_cluster.spot.subnets_usage["subnet-a"].capacity} at max + surge (15 nodes over 3 zones)"
    aws_node_env = data.vpccni_cluster.spot.configuration_values
  }
}

# A Karpenter NodePool of m5 large to 2xlarge under limits.cpu = 32: the
# worst case is 16 m5.large (25 addresses each, 400 in all), and each node
# goes to its zone's freest subnet.
data "vpccni_cluster" "karpenter" {
  karpenter_node_pool {
    name          = "default"
    families      = ["m5"]
    smallest_size = "large"
    largest_size  = "2xlarge"
    expected_pods = 20
    max_vcpus     = 32
  }
  subnet {
    id                = "subnet-a1"
    cidr              = "10.0.0.0/24"
    available_ips     = 100
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-a2"
    cidr              = "10.0.1.0/24"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.2.0/24"
    availability_zone = "eu-west-1b"
  }
}

output "karpenter_pool" {
  description = "A Karpenter NodePool at its worst case: the type, how many, Karpenter's max pods, and where the nodes go."
  value = {
    worst_case = "${data.vpccni_cluster.karpenter.karpenter_node_pools["default"].nodes_max} x ${data.vpccni_cluster.karpenter.karpenter_node_pools["default"].worst_instance_type}, max pods ${data.vpccni_cluster.karpenter.karpenter_node_pools["default"].max_pods}, + ${data.vpccni_cluster.karpenter.karpenter_node_pools["default"].surge_nodes} replacements"
    subnets    = { for id, s in data.vpccni_cluster.karpenter.subnets_usage : id => "${s.ips_needed_surge} of ${s.capacity}" }
    kubelet    = data.vpccni_cluster.karpenter.karpenter_node_pools["default"].ec2_node_class_kubelet
  }
}

# Which instance type wastes the fewest addresses for the same 200 pods at
# 20 a node? Types with 29 secondaries an ENI hold the 22 addresses on one
# ENI: 23 a node, 230 in all, against the r5.xlarge's 24 and 240.
data "vpccni_instance_types" "article" {
  families      = ["m5", "r5", "c5"]
  expected_pods = 20
  total_pods    = 200
}

output "ranking" {
  description = "m5, r5 and c5 types for 200 pods at 20 a node, fewest subnet addresses first (top five and the article's r5.xlarge)."
  value = [
    for i, c in data.vpccni_instance_types.article.candidates :
    format("%2d. %-12s %2d nodes x %2d addresses = %3d (%s a pod)", i + 1, c.instance_type, c.nodes, c.ips_per_node, c.total_ips, c.ips_per_pod)
    if i < 5 || c.instance_type == "r5.xlarge"
  ]
}

# ENI limits and max pods from the provider's embedded instance table.
data "vpccni_instance_type" "r5_xlarge" {
  instance_type = "r5.xlarge"
  vcpus         = 4
}

# p4d.24xlarge has 4 network cards of 15 ENIs each. The VPC CNI only uses
# the default card, so EKS gives it 737 pods, not the 2942 that 60 ENIs would.
data "vpccni_instance_type" "p4d_24xlarge" {
  instance_type = "p4d.24xlarge"
  vcpus         = 96
}

output "r5_xlarge" {
  description = "r5.xlarge: 4 ENIs x 15 IPv4 addresses."
  value = {
    max_network_interfaces       = data.vpccni_instance_type.r5_xlarge.max_network_interfaces
    ipv4_addresses_per_interface = data.vpccni_instance_type.r5_xlarge.ipv4_addresses_per_interface
    max_pods                     = data.vpccni_instance_type.r5_xlarge.max_pods
    max_pods_custom_networking   = data.vpccni_instance_type.r5_xlarge.max_pods_custom_networking
    max_pods_prefix_delegation   = data.vpccni_instance_type.r5_xlarge.max_pods_prefix_delegation
  }
}

output "p4d_24xlarge" {
  description = "p4d.24xlarge: only the default network card's 15 ENIs carry pods."
  value = {
    network_cards          = data.vpccni_instance_type.p4d_24xlarge.network_cards
    max_network_interfaces = data.vpccni_instance_type.p4d_24xlarge.max_network_interfaces
    max_pods               = data.vpccni_instance_type.p4d_24xlarge.max_pods
  }
}

# The same numbers from the provider function (Terraform >= 1.8).
output "max_pods" {
  description = "max_pods() per instance type, as EKS AMIs give it to kubelet."
  value = {
    for t in ["r5.xlarge", "m5.large", "t3.medium", "p4d.24xlarge"] :
    t => provider::vpccni::max_pods(t)
  }
}
