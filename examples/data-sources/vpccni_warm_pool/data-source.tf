# The field report's node group: ten r5.xlarge nodes running about 20 pods
# each in a /24. With the add-on defaults each node holds 42 secondary IPs
# on 3 ENIs (450 addresses for the group); the recommendation holds 22 on 2
# (240), and the plan fails if the subnet could not hold even that.
data "vpccni_warm_pool" "workers" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  subnet_cidrs  = ["10.0.0.0/24"]
}

output "aws_node_env" {
  # { MINIMUM_IP_TARGET = "20", WARM_IP_TARGET = "2" }
  value = data.vpccni_warm_pool.workers.env
}

output "subnet_addresses" {
  value = {
    recommended = data.vpccni_warm_pool.workers.recommended.total_ips # 240
    defaults    = data.vpccni_warm_pool.workers.baseline.total_ips    # 450
    saved       = data.vpccni_warm_pool.workers.saved_ips             # 210
  }
}
