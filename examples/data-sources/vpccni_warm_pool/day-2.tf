# Day 2: the article's ten r5.xlarge nodes already run, on the add-on
# defaults, in a /23 that AWS says has 57 free addresses
# (aws_subnet.available_ip_address_count). The free count leaves out what
# the running nodes hold, so the plan adds it back: 10 x 45 = 450, and the
# subnet offers 57 + 450 = 507 for the change. The recommendation needs 240
# and frees 210.
data "vpccni_warm_pool" "running" {
  instance_type        = "r5.xlarge"
  expected_pods        = 20
  node_count           = 10
  running_nodes        = 10
  subnet_cidrs         = ["10.0.0.0/23"]
  subnet_available_ips = [57]
}

output "day_2" {
  # { held_now = 450, capacity = 507, ips_needed = 240, fits = true, saved = 210 }
  value = {
    held_now   = data.vpccni_warm_pool.running.subnets[0].held_now
    capacity   = data.vpccni_warm_pool.running.subnets[0].capacity
    ips_needed = data.vpccni_warm_pool.running.subnets[0].ips_needed
    fits       = data.vpccni_warm_pool.running.subnet_fits
    saved      = data.vpccni_warm_pool.running.saved_ips
  }
}

# The same nodes once they run with MINIMUM_IP_TARGET=20 and
# WARM_IP_TARGET=2: say so in current, or the plan would add back the 450
# the defaults hold. They hold 240, so a /24 with 11 free still fits (251).
data "vpccni_warm_pool" "tuned" {
  instance_type        = "r5.xlarge"
  expected_pods        = 20
  node_count           = 10
  running_nodes        = 10
  subnet_available_ips = [11]

  current {
    minimum_ip_target = 20
    warm_ip_target    = 2
  }
}

output "day_2_tuned" {
  # { held_now = 240, capacity = 251, fits = true }
  value = {
    held_now = data.vpccni_warm_pool.tuned.subnets[0].held_now
    capacity = data.vpccni_warm_pool.tuned.subnet_capacity
    fits     = data.vpccni_warm_pool.tuned.subnet_fits
  }
}
