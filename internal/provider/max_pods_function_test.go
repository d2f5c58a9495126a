// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

func TestAccMaxPodsFunction(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
output "r5"  { value = provider::vpccni::max_pods("r5.xlarge") }
output "p5"  { value = provider::vpccni::max_pods("p5.48xlarge") }
output "nano" { value = provider::vpccni::max_pods("t3.nano") }
`,
			// eni-max-pods.txt: r5.xlarge 58; p5.48xlarge 100 (2 ENIs on
			// the default card of 32); t3.nano 4.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("r5", knownvalue.Int64Exact(58)),
				statecheck.ExpectKnownOutputValue("p5", knownvalue.Int64Exact(100)),
				statecheck.ExpectKnownOutputValue("nano", knownvalue.Int64Exact(4)),
			},
		}},
	})
}

func TestAccMaxPodsFunctionUnknownType(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      `output "x" { value = provider::vpccni::max_pods("m5.lrage") }`,
			ExpectError: expectError(`instance type "m5.lrage" is not in the embedded table of ` + fmt.Sprint(ec2limits.Len()) + ` EC2 instance types; did you mean m5.large?`),
		}},
	})
}
