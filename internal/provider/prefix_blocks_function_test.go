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

func TestAccPrefixBlocksFunction(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
output "s24" { value = provider::vpccni::prefix_blocks("10.0.0.0/24") }
output "s28" { value = provider::vpccni::prefix_blocks("10.0.0.0/28") }
output "s26" { value = provider::vpccni::prefix_blocks("10.0.0.64/26") }
output "s16" { value = provider::vpccni::prefix_blocks("100.64.0.0/16") }
`,
			// 16 blocks in a /24 less the first (network, router, DNS,
			// reserved) and the last (broadcast); a /28 is one spoilt block.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("s24", knownvalue.Int64Exact(14)),
				statecheck.ExpectKnownOutputValue("s28", knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownOutputValue("s26", knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownOutputValue("s16", knownvalue.Int64Exact(4094)),
			},
		}},
	})
}

func TestAccPrefixBlocksFunctionErrors(t *testing.T) {
	for name, c := range map[string]struct{ arg, want string }{
		"host bits": {`"10.0.0.9/24"`, `"10.0.0.9/24" has host bits set: the subnet is 10.0.0.0/24`},
		"ipv6":      {`"2001:db8::/56"`, `is not IPv4`},
		"too big":   {`"10.0.0.0/8"`, `is a /8: AWS subnets are /16 to /28`},
		"empty":     {`""`, `"" is not a CIDR block`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      `output "x" { value = provider::vpccni::prefix_blocks(` + c.arg + `) }`,
					ExpectError: expectError(c.want),
				}},
			})
		})
	}
}
