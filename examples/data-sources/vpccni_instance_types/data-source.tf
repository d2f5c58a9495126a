# Which instance type takes the fewest subnet addresses for 600 pods at
# about 20 a node? Each type gets its own MINIMUM_IP_TARGET = 20 and
# WARM_IP_TARGET = 2, so a node holds 22 secondary addresses on as many
# ENIs as that takes, plus one primary address per ENI.
data "vpccni_instance_types" "workers" {
  families      = ["m6i", "m7i", "r6i"]
  largest_size  = "4xlarge"
  expected_pods = 20
  total_pods    = 600
  limit         = 5
}

output "fewest_addresses" {
  # The 4xlarge types hold 29 addresses per ENI: 22 fit on one, 23 subnet
  # addresses a node, 690 for 30 nodes (1.15 a pod). The xlarge types need
  # two ENIs of 14: 24 a node, 720.
  value = [
    for c in data.vpccni_instance_types.workers.candidates :
    "${c.instance_type}: ${c.nodes} nodes, ${c.total_ips} addresses (${c.ips_per_pod} a pod)"
  ]
}
