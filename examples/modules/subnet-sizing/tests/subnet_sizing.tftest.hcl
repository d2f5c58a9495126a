# terraform test (or tofu test) for the subnet-sizing module: plans only,
# offline. scripts/tftest.sh runs it with the provider built from this tree.

variables {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  subnet_cidrs  = ["10.0.0.0/24"]
}

# The article's node group: 10 r5.xlarge nodes with 20 pods each in a /24.
run "article_fits_a_slash_24" {
  command = plan

  assert {
    condition     = output.total_ips.recommended == 240
    error_message = "10 nodes with MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2 should take 240 addresses, got ${output.total_ips.recommended}."
  }

  assert {
    condition     = output.total_ips.add_on_defaults == 450
    error_message = "10 nodes with the add-on defaults should take 450 addresses, got ${output.total_ips.add_on_defaults}."
  }

  assert {
    condition     = output.subnet_fits && output.subnet_capacity == 251
    error_message = "A /24 (251 usable addresses) should hold 240."
  }

  assert {
    condition     = output.configuration_values == jsonencode({ env = { MINIMUM_IP_TARGET = "20", WARM_IP_TARGET = "2" } })
    error_message = "configuration_values is ${output.configuration_values}."
  }

  # The provider function, through an output (not called in the assert).
  assert {
    condition     = output.node_ips == 24
    error_message = "One node should take 24 addresses, got ${output.node_ips}."
  }
}

# A /25 holds 123 addresses: too few for 240. The data source's
# postcondition fails, as expected.
run "article_does_not_fit_a_slash_25" {
  command = plan

  variables {
    subnet_cidrs = ["10.0.0.0/25"]
  }

  expect_failures = [data.vpccni_warm_pool.this]
}

# Two /25s: 5 nodes (120 addresses) in each 123.
run "two_slash_25s_fit" {
  command = plan

  variables {
    subnet_cidrs = ["10.0.0.0/25", "10.0.0.128/25"]
  }

  assert {
    condition     = output.subnet_fits && output.subnet_capacity == 246
    error_message = "Two /25s (246 addresses) should hold 5 nodes (120 addresses) each."
  }
}

# Day 2: the same nodes run on the add-on defaults in a /23 with 57 free.
# They hold 10 x 45 = 450, so the /23 offers 57 + 450 = 507 for the 240.
run "day_2_adds_back_what_running_nodes_hold" {
  command = plan

  variables {
    subnet_cidrs         = ["10.0.0.0/23"]
    subnet_available_ips = [57]
    running_nodes        = 10
  }

  assert {
    condition     = output.subnet_fits && output.subnet_capacity == 507
    error_message = "57 free + 450 held should offer 507, got ${output.subnet_capacity}."
  }
}

# Without running_nodes the free count is all there is: 57 for 240.
run "day_2_without_running_nodes_does_not_fit" {
  command = plan

  variables {
    subnet_cidrs         = ["10.0.0.0/23"]
    subnet_available_ips = [57]
  }

  expect_failures = [data.vpccni_warm_pool.this]
}
