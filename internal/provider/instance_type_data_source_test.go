// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccInstanceTypeDataSource(t *testing.T) {
	const r5, p4d = "data.vpccni_instance_type.r5", "data.vpccni_instance_type.p4d"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_instance_type" "r5" {
  instance_type = "r5.xlarge"
  vcpus         = 4
}
data "vpccni_instance_type" "p4d" {
  instance_type = "p4d.24xlarge"
  vcpus         = 96
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// r5.xlarge: 4 ENIs x 15 IPs. max_pods 58 is eni-max-pods.txt's.
				stateInt64(r5, "max_network_interfaces", 4),
				stateInt64(r5, "ipv4_addresses_per_interface", 15),
				stateInt64(r5, "secondary_ips_per_interface", 14),
				stateInt64(r5, "network_cards", 1),
				statecheck.ExpectKnownValue(r5, tfjsonpath.New("hypervisor"), knownvalue.StringExact("nitro")),
				statecheck.ExpectKnownValue(r5, tfjsonpath.New("bare_metal"), knownvalue.Bool(false)),
				stateInt64(r5, "max_pods", 58),
				stateInt64(r5, "max_pods_custom_networking", 44),  // 3*14+2
				stateInt64(r5, "max_pods_prefix_delegation", 110), // 4 vCPUs: capped at 110
				// p4d.24xlarge: 4 network cards, 15 ENIs on the default one;
				// eni-max-pods.txt gives 737 (60 ENIs would give 2942).
				stateInt64(p4d, "max_network_interfaces", 15),
				stateInt64(p4d, "network_cards", 4),
				stateInt64(p4d, "max_pods", 737),
				stateInt64(p4d, "max_pods_custom_networking", 688), // 14*49+2
				stateInt64(p4d, "max_pods_prefix_delegation", 250), // 96 vCPUs
			},
		}},
	})
}

func TestAccInstanceTypeDataSourceOverrides(t *testing.T) {
	const x = "data.vpccni_instance_type.future"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				// One override without the other cannot describe an unknown type.
				Config: `
data "vpccni_instance_type" "future" {
  instance_type          = "m99.xlarge"
  max_network_interfaces = 4
}`,
				ExpectError: expectError(`instance type "m99.xlarge" is not in the embedded table`),
			},
			{
				// A type the table lacks, described as aws_ec2_instance_type would.
				Config: `
data "vpccni_instance_type" "future" {
  instance_type                = "m99.xlarge"
  max_network_interfaces       = 4
  ipv4_addresses_per_interface = 15
  max_eni                      = 3
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					stateInt64(x, "max_network_interfaces", 4),
					stateInt64(x, "max_pods", 44), // MAX_ENI 3: 3*14+2
					stateInt64(x, "max_pods_custom_networking", 30),
					statecheck.ExpectKnownValue(x, tfjsonpath.New("hypervisor"), knownvalue.Null()),
					statecheck.ExpectKnownValue(x, tfjsonpath.New("network_cards"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccInstanceTypeDataSourceErrors(t *testing.T) {
	cases := map[string]struct {
		config string
		want   string
	}{
		"misspelt type": {`instance_type = "m5.lrage"`, `did you mean m5.large?`},
		"upper case":    {`instance_type = "M5.LARGE"`, `did you mean m5.large?`},
		"empty":         {`instance_type = ""`, `The instance type is empty`},
		"zero ENIs": {`instance_type = "m5.large"
  max_network_interfaces = 0`, `Attribute max_network_interfaces value must be between 1 and 1024, got: 0`},
		"one IP per ENI": {`instance_type = "m5.large"
  ipv4_addresses_per_interface = 1`, `Attribute ipv4_addresses_per_interface value must be between 2 and 1024, got: 1`},
		"negative vcpus": {`instance_type = "m5.large"
  vcpus = -4`, `Attribute vcpus value must be between 1 and 100000, got: -4`},
		"zero max_eni": {`instance_type = "m5.large"
  max_eni = 0`, `Attribute max_eni value must be between 1 and 1024, got: 0`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"vpccni_instance_type\" \"x\" {\n  " + c.config + "\n}",
					ExpectError: expectError(c.want),
				}},
			})
		})
	}
}

func TestAccInstanceTypeDataSourceMultiCardOverrideWarns(t *testing.T) {
	// 60 is p4d.24xlarge's instance-wide ENI count; the warning explains
	// why the plan would be wrong, and the override is still honoured.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_instance_type" "p4d" {
  instance_type          = "p4d.24xlarge"
  max_network_interfaces = 60
}`,
			ConfigStateChecks: []statecheck.StateCheck{stateInt64("data.vpccni_instance_type.p4d", "max_pods", 2942)},
		}},
	})
}
