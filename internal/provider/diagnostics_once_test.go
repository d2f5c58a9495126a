// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"strings"
	"testing"
)

// TestAccDiagnosticsOnce counts, in `terraform plan -json`, how often each
// diagnostic appears: Terraform validates a data block twice (variables
// unknown, then known) and reads it once, and each diagnostic must appear
// exactly once. Before the one decode path per data source, an override
// that differs from the table warned three times per plan.
func TestAccDiagnosticsOnce(t *testing.T) {
	warnings := `
variable "enis" {
  type    = number
  default = 60
}
resource "terraform_data" "cidr" {
  input = "10.0.0.0/24"
}
data "vpccni_warm_pool" "literal" {
  instance_type          = "r5.xlarge"
  expected_pods          = 20
  node_count             = 10
  max_network_interfaces = 60
}
data "vpccni_warm_pool" "variable" {
  instance_type          = "r5.xlarge"
  expected_pods          = 20
  node_count             = 10
  max_network_interfaces = var.enis
  subnet_cidrs           = ["10.0.0.0/24"]
}
data "vpccni_instance_type" "override" {
  instance_type          = "m5.large"
  max_network_interfaces = 4
}
data "vpccni_warm_pool" "trap" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  current {
    warm_eni_target = 0
  }
}
data "vpccni_cluster" "spare" {
  spare_ips = 0
  node_group {
    name          = "general"
    instance_type = "m5.large"
    expected_pods = 20
    desired_nodes = 2
  }
  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/22"
    availability_zone = "eu-west-1a"
  }
}
data "vpccni_warm_pool" "deferred" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  subnet_cidrs  = [terraform_data.cidr.output]
}
# The recipe of the docs: a check block on subnet_fits makes Terraform warn
# when the check cannot run during the plan (the data source is read
# during apply), and stays quiet when it can.
check "deferred_subnets" {
  assert {
    condition     = data.vpccni_warm_pool.deferred.subnet_fits
    error_message = "The node group outgrows its subnets."
  }
}
check "known_subnets" {
  assert {
    condition     = data.vpccni_warm_pool.variable.subnet_fits
    error_message = "The node group outgrows its subnets."
  }
}
`
	diags, failed := planJSON(t, warnings)
	if failed {
		t.Fatalf("plan failed: %+v", diags)
	}
	want := map[string]int{
		"warning: Override differs from the instance table @ data.vpccni_warm_pool.literal":      1,
		"warning: Override differs from the instance table @ data.vpccni_warm_pool.variable":     1,
		"warning: Override differs from the instance table @ data.vpccni_instance_type.override": 1,
		"warning: WARM_ENI_TARGET = 0 without IP targets flaps @ data.vpccni_warm_pool.trap":     1,
		"warning: spare_ips = 0 raised to WARM_IP_TARGET = 1 @ data.vpccni_cluster.spare":        1,
		// The default settings would not fit the /24: said once too.
		"warning: Subnet fits only with the recommended settings @ data.vpccni_warm_pool.variable": 1,
		// Terraform's own warning, for the check of the deferred read only
		// (it carries no address).
		"warning: Check block assertion known after apply @ ": 1,
	}
	checkCounts(t, diags, want)

	errorsConfig := `
variable "pods" {
  type    = number
  default = 80
}
data "vpccni_warm_pool" "literal" {
  instance_type = "m5.large"
  expected_pods = 80
  node_count    = 10
}
data "vpccni_warm_pool" "variable" {
  instance_type = "m5.large"
  expected_pods = var.pods
  node_count    = 10
}
data "vpccni_warm_pool" "range" {
  instance_type = "m5.large"
  expected_pods = 0
  node_count    = 10
}
`
	diags, failed = planJSON(t, errorsConfig)
	if !failed {
		t.Fatal("plan succeeded")
	}
	// Terraform stops at the validation errors of the first walk, where
	// the variable is not known yet: that block's error comes from the
	// plan's own validation, in a second plan without the others.
	checkCounts(t, diags, map[string]int{
		"error: Expected pods exceed max pods @ data.vpccni_warm_pool.literal": 1,
		"error: Invalid Attribute Value @ data.vpccni_warm_pool.range":         1,
	})
	diags, failed = planJSON(t, errorsConfig[:strings.Index(errorsConfig, `data "vpccni_warm_pool" "literal"`)]+`
data "vpccni_warm_pool" "variable" {
  instance_type = "m5.large"
  expected_pods = var.pods
  node_count    = 10
  subnet_cidrs  = ["10.0.0.0/28"]
}
data "vpccni_warm_pool" "small" {
  instance_type = "m5.large"
  expected_pods = 20
  node_count    = 10
  subnet_cidrs  = ["10.0.0.0/28"]
}
`)
	if !failed {
		t.Fatal("plan succeeded")
	}
	checkCounts(t, diags, map[string]int{
		"error: Expected pods exceed max pods @ data.vpccni_warm_pool.variable":    1,
		"error: Subnet too small for the node group @ data.vpccni_warm_pool.small": 1,
	})
}

func checkCounts(t *testing.T, diags []planDiagnostic, want map[string]int) {
	t.Helper()
	got := countDiagnostics(diags)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%q appears %d times, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected diagnostic %q (%d times)", k, n)
		}
	}
	if t.Failed() {
		for _, d := range diags {
			t.Logf("%s %s @ %s: %.200s", d.Severity, d.Summary, d.Address, d.Detail)
		}
	}
}
