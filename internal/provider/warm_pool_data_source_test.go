// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const articleConfig = `
data "vpccni_warm_pool" "this" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  spare_ips     = 2
  subnet_cidrs  = ["%s"]
}

output "json_matches_jsonencode" {
  value = data.vpccni_warm_pool.this.configuration_values == jsonencode({ env = data.vpccni_warm_pool.this.env })
}
`

// TestAccWarmPoolArticleScenario is the field report's cluster: ten
// r5.xlarge nodes running about 20 pods each, in a /24. The numbers come
// from the article and the model notes: defaults hold 42 secondary IPs on
// 3 ENIs per node (450 subnet addresses for 10 nodes); MINIMUM_IP_TARGET=20
// with WARM_IP_TARGET=2 holds 22 on 2 ENIs (240).
func TestAccWarmPoolArticleScenario(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	proj := func(obj string, enis, secondaries, perNode, total int64) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ds, tfjsonpath.New(obj).AtMapKey("enis_per_node"), knownvalue.Int64Exact(enis)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New(obj).AtMapKey("secondary_ips_per_node"), knownvalue.Int64Exact(secondaries)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New(obj).AtMapKey("prefixes_per_node"), knownvalue.Int64Exact(0)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New(obj).AtMapKey("ips_per_node"), knownvalue.Int64Exact(perNode)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New(obj).AtMapKey("total_ips"), knownvalue.Int64Exact(total)),
			statecheck.ExpectKnownValue(ds, tfjsonpath.New(obj).AtMapKey("pods_without_ip"), knownvalue.Int64Exact(0)),
		}
	}
	checks := []statecheck.StateCheck{
		stateInt64(ds, "minimum_ip_target", 20),
		stateInt64(ds, "warm_ip_target", 2),
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("configuration_values"), knownvalue.StringExact(`{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)),
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
			"MINIMUM_IP_TARGET": knownvalue.StringExact("20"),
			"WARM_IP_TARGET":    knownvalue.StringExact("2"),
		})),
		statecheck.ExpectKnownOutputValue("json_matches_jsonencode", knownvalue.Bool(true)),
		stateInt64(ds, "saved_ips", 210),
		stateInt64(ds, "max_pods", 58),
		stateInt64(ds, "subnet_capacity", 251),
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnet_fits"), knownvalue.Bool(true)),
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnets"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{
				"cidr":       knownvalue.StringExact("10.0.0.0/24"),
				"capacity":   knownvalue.Int64Exact(251),
				"nodes":      knownvalue.Int64Exact(10),
				"ips_needed": knownvalue.Int64Exact(240),
				"fits":       knownvalue.Bool(true),
				"held_now":   knownvalue.Int64Exact(0),
			}),
		})),
	}
	checks = append(checks, proj("recommended", 2, 22, 24, 240)...)
	checks = append(checks, proj("baseline", 3, 42, 45, 450)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:            fmt.Sprintf(articleConfig, "10.0.0.0/24"),
			ConfigStateChecks: checks,
		}},
	})
}

// The same cluster in a /25 (123 usable addresses) fails with the numbers.
func TestAccWarmPoolArticleScenarioTooSmall(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf(articleConfig, "10.0.0.0/25"),
			ExpectError: expectError(`10.0.0.0/25 needs 240 addresses for 10 r5.xlarge nodes (24 each with MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2), and offers 123: 117 short. The smallest subnet that holds them is a /24 (251 usable addresses).`),
		}},
	})
}

// With fail_on_insufficient_subnet = false the /25 plans, reports the
// shortfall in subnet_fits and per subnet, and warns instead.
func TestAccWarmPoolWarningMode(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_warm_pool" "this" {
  instance_type               = "r5.xlarge"
  expected_pods               = 20
  node_count                  = 10
  subnet_cidrs                = ["10.0.0.0/25"]
  fail_on_insufficient_subnet = false
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnet_fits"), knownvalue.Bool(false)),
				stateInt64(ds, "subnet_capacity", 123),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnets").AtSliceIndex(0).AtMapKey("fits"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnets").AtSliceIndex(0).AtMapKey("ips_needed"), knownvalue.Int64Exact(240)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("spare_ips"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("fail_on_insufficient_subnet"), knownvalue.Bool(false)),
			},
		}},
	})
}

// Nodes spread evenly over subnets, the remainder on the first; capacity
// comes from available_ip_address_count when given.
func TestAccWarmPoolSpreadsOverSubnets(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	sub := func(i int, cidr string, capacity, nodes, needed int64, fits bool) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnets").AtSliceIndex(i), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"cidr": knownvalue.StringExact(cidr), "capacity": knownvalue.Int64Exact(capacity), "nodes": knownvalue.Int64Exact(nodes),
			"ips_needed": knownvalue.Int64Exact(needed), "fits": knownvalue.Bool(fits), "held_now": knownvalue.Int64Exact(0),
		}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			// 10 r5.xlarge nodes at 24 addresses each over three subnets:
			// 4, 3 and 3 nodes. The third subnet has 80 of its 251 left.
			Config: `
data "vpccni_warm_pool" "this" {
  instance_type        = "r5.xlarge"
  expected_pods        = 20
  node_count           = 10
  subnet_cidrs         = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]
  subnet_available_ips = [251, 200, 80]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				sub(0, "10.0.0.0/24", 251, 4, 96, true),
				sub(1, "10.0.1.0/24", 200, 3, 72, true),
				sub(2, "10.0.2.0/24", 80, 3, 72, true),
				stateInt64(ds, "subnet_capacity", 531),
			},
		}},
	})
}

// current is projected beside the recommendation; MINIMUM_IP_TARGET
// without WARM_IP_TARGET leaves pods without addresses (article table:
// MIN 20 holds 20 on 2 ENIs, so 5 of 25 pods get none).
func TestAccWarmPoolCurrent(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	cur := func(attr string, want int64) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New("current").AtMapKey(attr), knownvalue.Int64Exact(want))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "vpccni_warm_pool" "this" {
  instance_type = "r5.xlarge"
  expected_pods = 25
  node_count    = 4
  current {
    minimum_ip_target = 20
  }
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					cur("minimum_ip_target", 20),
					cur("enis_per_node", 2),
					cur("secondary_ips_per_node", 20),
					cur("pods_without_ip", 5),
					cur("ips_per_node", 22),
					cur("total_ips", 88),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("current").AtMapKey("warm_ip_target"), knownvalue.Null()),
				},
			},
			{
				// The article's table: MIN 20 / WARM 5 with 24 pods holds 29
				// secondaries on 3 ENIs.
				Config: `
data "vpccni_warm_pool" "this" {
  instance_type = "r5.xlarge"
  expected_pods = 24
  node_count    = 1
  current {
    minimum_ip_target = 20
    warm_ip_target    = 5
  }
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					cur("enis_per_node", 3),
					cur("secondary_ips_per_node", 29),
					cur("pods_without_ip", 0),
					cur("free_ips_per_node", 5),
				},
			},
		},
	})
}

// Prefix delegation: t3.small (3 ENIs x 3 prefix slots, Nitro) with 17
// pods holds 3 /28s with the add-on defaults (prefix-and-ip-target.md)
// and 2 with MIN 17 / WARM 2 (ceil(19/16)), on one ENI: 33 addresses.
func TestAccWarmPoolPrefixDelegation(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_warm_pool" "this" {
  instance_type     = "t3.small"
  vcpus             = 2
  expected_pods     = 17
  node_count        = 2
  prefix_delegation = true
  subnet_cidrs      = ["10.0.0.0/25"]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				stateInt64(ds, "max_pods", 110),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("baseline").AtMapKey("prefixes_per_node"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("baseline").AtMapKey("secondary_ips_per_node"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("baseline").AtMapKey("ips_per_node"), knownvalue.Int64Exact(49)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("recommended").AtMapKey("prefixes_per_node"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("recommended").AtMapKey("enis_per_node"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("recommended").AtMapKey("ips_per_node"), knownvalue.Int64Exact(33)),
				stateInt64(ds, "saved_ips", 32),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnet_fits"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("configuration_values"),
					knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"true","MINIMUM_IP_TARGET":"17","WARM_IP_TARGET":"2"}}`)),
			},
		}},
	})
}

// A /26 has 59 usable addresses but only 2 whole /28 blocks: three
// t3.small nodes of 1 prefix + 1 ENI (17 addresses) fit by count (51) and
// not by blocks (3).
func TestAccWarmPoolPrefixBlocks(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_warm_pool" "this" {
  instance_type     = "t3.small"
  expected_pods     = 5
  node_count        = 3
  prefix_delegation = true
  subnet_cidrs      = ["10.0.0.0/26"]
}`,
			ExpectError: expectError(`10.0.0.0/26 needs 51 addresses for 3 t3.small nodes (17 each with MINIMUM_IP_TARGET=5, WARM_IP_TARGET=2), and offers 59; it also needs 3 aligned /28 blocks (3 prefixes, the rest spoiled by ENI primary addresses), and a fresh 10.0.0.0/26 offers 2. The smallest subnet that holds them is a /25`),
		}},
	})
}

func TestAccWarmPoolInputErrors(t *testing.T) {
	base := "instance_type = \"r5.xlarge\"\n  node_count = 3\n  "
	cases := map[string]struct{ body, want string }{
		"expected over max pods": {base + "expected_pods = 59", "expected_pods = 59 and 2 host-network pods (host_network_pods) need room for 61 pods, but r5.xlarge runs at most 58"},
		// With no host-network pods the kubelet's 58 would admit 57, but
		// the VPC CNI serves 56 (4 ENIs x 14 secondaries).
		"expected over addresses": {base + "expected_pods = 57\n  host_network_pods = 0", "expected_pods = 57 needs room for 57 pods, but r5.xlarge runs at most 56."},
		"max_pods override":       {base + "expected_pods = 30\n  max_pods = 20", "need room for 32 pods, but r5.xlarge runs at most 20 (max_pods)"},
		"list lengths":            {base + "expected_pods = 20\n  subnet_cidrs = [\"10.0.0.0/24\", \"10.0.1.0/24\"]\n  subnet_available_ips = [100]", "subnet_available_ips has 1 elements and subnet_cidrs 2"},
		"host bits":               {base + "expected_pods = 20\n  subnet_cidrs = [\"10.0.0.7/24\"]", `"10.0.0.7/24" has host bits set: the subnet is 10.0.0.0/24`},
		"ipv6":                    {base + "expected_pods = 20\n  subnet_cidrs = [\"2001:db8::/64\"]", `"2001:db8::/64" is not IPv4`},
		"not a cidr":              {base + "expected_pods = 20\n  subnet_cidrs = [\"subnet-0abc\"]", `"subnet-0abc" is not a CIDR block such as 10.0.0.0/24`},
		"overlap":                 {base + "expected_pods = 20\n  subnet_cidrs = [\"10.0.0.0/24\", \"10.0.0.128/25\"]", "10.0.0.128/25 overlaps subnet_cidrs[0] = 10.0.0.0/24"},
		"duplicate":               {base + "expected_pods = 20\n  subnet_cidrs = [\"10.0.0.0/24\", \"10.0.0.0/24\"]", "subnet_cidrs[1] = 10.0.0.0/24 overlaps subnet_cidrs[0] = 10.0.0.0/24. Each subnet's addresses count once"},
		"available over size":     {base + "expected_pods = 20\n  subnet_cidrs = [\"10.0.0.0/24\"]\n  subnet_available_ips = [300]", "subnet_available_ips[0] = 300, but 10.0.0.0/24 has 251 usable addresses"},
		"negative available":      {base + "expected_pods = 20\n  subnet_available_ips = [-1]", "value must be between 0 and 16777216, got: -1"},
		"zero nodes":              {"instance_type = \"r5.xlarge\"\n  expected_pods = 20\n  node_count = 0", "Attribute node_count value must be between 1 and 100000, got: 0"},
		"zero pods":               {base + "expected_pods = 0", "Attribute expected_pods value must be between 1 and 100000, got: 0"},
		"negative current":        {base + "expected_pods = 20\n  current {\n    warm_ip_target = -1\n  }", "Attribute current.warm_ip_target value must be between 0 and 100000, got: -1"},
		"unknown type":            {"instance_type = \"r5.xlrage\"\n  node_count = 3\n  expected_pods = 20", "did you mean r5.xlarge?"},
		"empty list":              {base + "expected_pods = 20\n  subnet_cidrs = []", "Attribute subnet_cidrs list must contain at least 1 elements, got: 0"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"vpccni_warm_pool\" \"x\" {\n  " + c.body + "\n}",
					ExpectError: expectError(c.want),
				}},
			})
		})
	}
}

// Inputs computed from resources not yet created are unknown at plan time:
// the plan must not fail or guess, and Terraform reads the data source
// once they are known.
func TestAccWarmPoolUnknownInputs(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	resource.Test(t, resource.TestCase{
		// terraform_data is new in Terraform 1.4.
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "subnet" {
  input = "10.0.0.0/24"
}
resource "terraform_data" "pods" {
  input = 20
}
data "vpccni_warm_pool" "this" {
  instance_type = "r5.xlarge"
  expected_pods = terraform_data.pods.output
  node_count    = 10
  subnet_cidrs  = [terraform_data.subnet.output]
}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(ds, tfjsonpath.New("configuration_values")),
					plancheck.ExpectUnknownValue(ds, tfjsonpath.New("subnet_fits")),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnet_fits"), knownvalue.Bool(true)),
				stateInt64(ds, "saved_ips", 210),
			},
		}},
	})
}

// Custom networking for one group: r5.xlarge's primary ENI carries no
// pods, so max pods is (4-1)*14+2 = 44. With MIN 20 / WARM 2 a node holds
// 22 secondaries on 2 pod ENIs: 24 pod-subnet addresses and 1 in the node
// subnet. Ten nodes over two pod subnets: 5 each, 120 addresses.
func TestAccWarmPoolCustomNetworking(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "vpccni_warm_pool" "this" {
  instance_type     = "r5.xlarge"
  expected_pods     = 20
  node_count        = 10
  custom_networking = true
  subnet_cidrs      = ["10.0.0.0/27"]
  pod_subnet_cidrs  = ["100.64.0.0/24", "100.64.1.0/24"]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					stateInt64(ds, "max_pods", 44),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("recommended").AtMapKey("enis_per_node"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("recommended").AtMapKey("ips_per_node"), knownvalue.Int64Exact(25)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("subnets").AtSliceIndex(0).AtMapKey("ips_needed"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("pod_subnets").AtSliceIndex(1).AtMapKey("ips_needed"), knownvalue.Int64Exact(120)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("pod_subnets").AtSliceIndex(1).AtMapKey("nodes"), knownvalue.Int64Exact(5)),
					stateInt64(ds, "subnet_capacity", 27+251+251),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
						"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": knownvalue.StringExact("true"),
						"ENI_CONFIG_LABEL_DEF":               knownvalue.StringExact("topology.kubernetes.io/zone"),
						"MINIMUM_IP_TARGET":                  knownvalue.StringExact("20"),
						"WARM_IP_TARGET":                     knownvalue.StringExact("2"),
					})),
				},
			},
		},
	})
}

func TestAccWarmPoolCustomNetworkingErrors(t *testing.T) {
	base := `instance_type = "r5.xlarge"
  node_count    = 10
  expected_pods = 20
  subnet_cidrs  = ["10.0.0.0/27"]
`
	cases := map[string]struct{ body, want string }{
		"pod subnets without custom networking": {base + `pod_subnet_cidrs = ["100.64.0.0/24"]`, "pod_subnet_cidrs are the ENIConfig subnets of custom networking; set custom_networking = true"},
		"custom networking without pod subnets": {base + `custom_networking = true`, "give their CIDRs in pod_subnet_cidrs"},
		"overlap across lists":                  {base + "custom_networking = true\n  pod_subnet_cidrs = [\"10.0.0.0/24\"]", "10.0.0.0/24 overlaps subnet_cidrs[0] = 10.0.0.0/27"},
		"pod subnet too small":                  {base + "custom_networking = true\n  pod_subnet_cidrs = [\"100.64.0.0/25\"]", "100.64.0.0/25 needs 240 pod addresses for 10 r5.xlarge nodes (24 each with MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2), and offers 123: 117 short"},
		"over custom networking max pods":       {"instance_type = \"r5.xlarge\"\n  node_count = 1\n  expected_pods = 45\n  custom_networking = true", "need room for 47 pods, but r5.xlarge runs at most 44 (with custom networking the primary ENI carries no pods)"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"vpccni_warm_pool\" \"x\" {\n  " + c.body + "\n}",
					ExpectError: expectError(c.want),
				}},
			})
		})
	}
}
