// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestAccNodeIPsFunction(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
output "defaults"  { value = provider::vpccni::node_ips("r5.xlarge", 20, {}) }
output "empty"     { value = provider::vpccni::node_ips("r5.xlarge", 20, {}) }
output "fix"       { value = provider::vpccni::node_ips("r5.xlarge", 20, { minimum_ip_target = 20, warm_ip_target = 2 }) }
output "from_env"  { value = provider::vpccni::node_ips("r5.xlarge", 24, { minimum_ip_target = 20, warm_ip_target = 5 }) }
output "frozen"    { value = provider::vpccni::node_ips("r5.xlarge", 25, { minimum_ip_target = 20 }) }
output "prefixes"  { value = provider::vpccni::node_ips("t3.small", 17, { prefix_delegation = true }) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Article: defaults 42 secondaries on 3 ENIs = 45.
				statecheck.ExpectKnownOutputValue("defaults", knownvalue.Int64Exact(45)),
				statecheck.ExpectKnownOutputValue("empty", knownvalue.Int64Exact(45)),
				// Article's fix: 22 on 2 ENIs = 24.
				statecheck.ExpectKnownOutputValue("fix", knownvalue.Int64Exact(24)),
				// Article's table, MIN 20 / WARM 5 at 24 pods: 29 on 3 ENIs.
				statecheck.ExpectKnownOutputValue("from_env", knownvalue.Int64Exact(32)),
				// MIN without WARM freezes at 20 on 2 ENIs.
				statecheck.ExpectKnownOutputValue("frozen", knownvalue.Int64Exact(22)),
				// prefix-and-ip-target.md: t3.small, WARM_PREFIX 1, 17 pods: 3 prefixes on 1 ENI.
				statecheck.ExpectKnownOutputValue("prefixes", knownvalue.Int64Exact(49)),
			},
		}},
	})
}

func TestAccNodeIPsFunctionErrors(t *testing.T) {
	cases := map[string]struct{ call, want string }{
		"unknown type":      {`provider::vpccni::node_ips("r5.xlrage", 1, {})`, `did you mean r5.xlarge?`},
		"negative pods":     {`provider::vpccni::node_ips("r5.xlarge", -1, {})`, `pods = -1: r5.xlarge runs 0 to 58 pods in this mode`},
		"too many pods":     {`provider::vpccni::node_ips("r5.xlarge", 59, {})`, `pods = 59: r5.xlarge runs 0 to 58 pods in this mode`},
		"unknown key":       {`provider::vpccni::node_ips("r5.xlarge", 1, { warm_ips = 2 })`, `settings has an unknown key "warm_ips"`},
		"fraction":          {`provider::vpccni::node_ips("r5.xlarge", 1, { warm_ip_target = 1.5 })`, `settings.warm_ip_target = 1.5: must be a whole number from 0 to 100000`},
		"negative target":   {`provider::vpccni::node_ips("r5.xlarge", 1, { warm_ip_target = -2 })`, `settings.warm_ip_target = -2: must be a whole number`},
		"string target":     {`provider::vpccni::node_ips("r5.xlarge", 1, { warm_ip_target = "two" })`, `settings.warm_ip_target must be a number`},
		"not an object":     {`provider::vpccni::node_ips("r5.xlarge", 1, 3)`, `settings must be an object`},
		"bad prefix switch": {`provider::vpccni::node_ips("r5.xlarge", 1, { prefix_delegation = 1 })`, `settings.prefix_delegation must be a bool`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      `output "x" { value = ` + c.call + ` }`,
					ExpectError: expectError(c.want),
				}},
			})
		})
	}
}
