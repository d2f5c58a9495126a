# fail_on_insufficient_subnet = false turns the subnet error into a
# warning; a check block can then report it without blocking the plan.
data "vpccni_warm_pool" "batch" {
  instance_type               = "c6i.4xlarge"
  expected_pods               = 60
  node_count                  = 40
  subnet_cidrs                = ["10.0.16.0/22", "10.0.20.0/22"]
  fail_on_insufficient_subnet = false

  current {
    warm_eni_target = 1
  }
}

check "batch_subnets" {
  assert {
    condition     = data.vpccni_warm_pool.batch.subnet_fits
    error_message = "The batch node group outgrows its subnets: ${jsonencode(data.vpccni_warm_pool.batch.subnets)}"
  }
}
