// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The expected numbers are worked by hand from the table rows (ENIs x IPv4
// addresses per ENI; S = addresses per ENI - 1 secondaries per ENI) with
// MINIMUM_IP_TARGET = 20 and WARM_IP_TARGET = 2: a node running 20 pods
// holds max(20, 20 + 2) = 22 secondaries on ceil(22 / S) ENIs, and takes
// those plus one primary address per ENI from its subnet.
//
//   - c5/m5/r5.4xlarge, 8 x 30, S = 29: 1 ENI, 23 addresses; 10 nodes, 230.
//   - r5.xlarge, 4 x 15, S = 14: 2 ENIs, 24; 240 (the field report's fix).
//   - m5.large, 3 x 10, S = 9: 3 ENIs, 25; 250.
const instanceTypesFamiliesConfig = `
data "vpccni_instance_types" "this" {
  families      = ["m5", "r5", "c5"]
  expected_pods = 20
  total_pods    = 200
}

output "r5_xlarge" {
  value = one([for c in data.vpccni_instance_types.this.candidates : c if c.instance_type == "r5.xlarge"])
}

output "m5_large" {
  value = one([for c in data.vpccni_instance_types.this.candidates : c if c.instance_type == "m5.large"])
}

# What terraform shows for the first candidate's addresses per pod.
output "ips_per_pod" {
  value = tostring(data.vpccni_instance_types.this.candidates[0].ips_per_pod)
}
`

func TestAccInstanceTypesFamilies(t *testing.T) {
	const ds = "data.vpccni_instance_types.this"
	candidate := func(i int, name string) statecheck.StateCheck {
		// Every type with S >= 29 takes 23 a node; the 4xlarge ones are
		// the smallest of them, and the name breaks their tie.
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New("candidates").AtSliceIndex(i), knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"instance_type":     knownvalue.StringExact(name),
			"max_pods":          knownvalue.Int64Exact(234), // 8 * 29 + 2
			"pods_per_node":     knownvalue.Int64Exact(20),
			"nodes":             knownvalue.Int64Exact(10),
			"ips_per_node":      knownvalue.Int64Exact(23),
			"total_ips":         knownvalue.Int64Exact(230),
			"ips_per_pod":       knownvalue.Float64Exact(1.15),
			"node_subnet_ips":   knownvalue.Int64Exact(230),
			"pod_subnet_ips":    knownvalue.Int64Exact(0),
			"minimum_ip_target": knownvalue.Int64Exact(20),
			"warm_ip_target":    knownvalue.Int64Exact(2),
			"prefix_delegation": knownvalue.Bool(false),
		}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: instanceTypesFamiliesConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				candidate(0, "c5.4xlarge"),
				candidate(1, "m5.4xlarge"),
				candidate(2, "r5.4xlarge"),
				// m5 and r5 have 9 sizes each, c5 9: none excluded.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("candidates"), knownvalue.ListSizeExact(27)),
				stateInt64(ds, "excluded", 0),
				stateInt64(ds, "spare_ips", 2),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("prefix_delegation"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("custom_networking"), knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("r5_xlarge", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"ips_per_node": knownvalue.Int64Exact(24),
					"total_ips":    knownvalue.Int64Exact(240),
					"ips_per_pod":  knownvalue.Float64Exact(1.2),
					"max_pods":     knownvalue.Int64Exact(58), // 4 * 14 + 2
				})),
				statecheck.ExpectKnownOutputValue("m5_large", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"ips_per_node": knownvalue.Int64Exact(25),
					"total_ips":    knownvalue.Int64Exact(250),
					"ips_per_pod":  knownvalue.Float64Exact(1.25),
					"max_pods":     knownvalue.Int64Exact(29), // 3 * 9 + 2
				})),
				// 230 / 200 as terraform prints it, not 1.1499999999999999.
				statecheck.ExpectKnownOutputValue("ips_per_pod", knownvalue.StringExact("1.15")),
			},
		}},
	})
}

// r5.xlarge alone. With custom networking max pods is (4-1)*14+2 = 44, and
// 22 pod addresses need 2 pod ENIs of 14 beside the primary ENI: 3 ENIs,
// 25 addresses a node, of which 1 (the primary's) in the node subnet and
// 24 in the pod subnet. Ten nodes: 10 + 240 = 250.
func TestAccInstanceTypesCustomNetworking(t *testing.T) {
	const ds = "data.vpccni_instance_types.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_instance_types" "this" {
  instance_types    = ["r5.xlarge"]
  expected_pods     = 20
  total_pods        = 200
  custom_networking = true
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("candidates"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"instance_type":     knownvalue.StringExact("r5.xlarge"),
						"max_pods":          knownvalue.Int64Exact(44),
						"pods_per_node":     knownvalue.Int64Exact(20),
						"nodes":             knownvalue.Int64Exact(10),
						"ips_per_node":      knownvalue.Int64Exact(25),
						"total_ips":         knownvalue.Int64Exact(250),
						"ips_per_pod":       knownvalue.Float64Exact(1.25),
						"node_subnet_ips":   knownvalue.Int64Exact(10),
						"pod_subnet_ips":    knownvalue.Int64Exact(240),
						"minimum_ip_target": knownvalue.Int64Exact(20),
						"warm_ip_target":    knownvalue.Int64Exact(2),
						"prefix_delegation": knownvalue.Bool(false),
					}),
				})),
				stateInt64(ds, "excluded", 0),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("custom_networking"), knownvalue.Bool(true)),
			},
		}},
	})
}

// Remainder, exclusion, prefix delegation with and without vCPU counts,
// and the limit, in one configuration.
func TestAccInstanceTypesEdges(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
# 205 pods: 10 nodes of 20 and an 11th with 5. MINIMUM_IP_TARGET = 20
# still holds max(20, 5 + 2) = 20 secondaries on it: 2 ENIs, 22 addresses.
# 10 * 24 + 22 = 262.
data "vpccni_instance_types" "remainder" {
  instance_types = ["r5.xlarge"]
  expected_pods  = 20
  total_pods     = 205
}

# hpc6id.32xlarge has 1 ENI on its default network card: under custom
# networking no ENI is left for pods.
data "vpccni_instance_types" "excluded" {
  instance_types    = ["hpc6id.32xlarge", "r5.xlarge"]
  expected_pods     = 20
  total_pods        = 200
  custom_networking = true
}

# m5.8xlarge (8 x 30) under prefix delegation, 200 pods a node, 400 pods.
# With its 32 vCPUs the cap is 250: 2 nodes of 200; 202 addresses are 13
# /28s (208) on 1 ENI: 209 a node, 418. c7i.32xlarge has no vCPU count in
# the instance data, so its cap is taken as 110: 4 nodes (110, 110, 110,
# 70), each holding 112 = 7 /28s (the last too: max(110, 72)), 113 a node,
# 452.
data "vpccni_instance_types" "vcpus" {
  instance_types    = ["m5.8xlarge"]
  expected_pods     = 200
  total_pods        = 400
  prefix_delegation = true
  vcpus             = { "m5.8xlarge" = 32, "m5.large" = 2 }
}

data "vpccni_instance_types" "no_vcpus" {
  instance_types    = ["c7i.32xlarge"]
  expected_pods     = 200
  total_pods        = 400
  prefix_delegation = true
}

data "vpccni_instance_types" "limit" {
  families      = ["m5", "r5", "c5"]
  smallest_size = "large"
  largest_size  = "xlarge"
  expected_pods = 20
  total_pods    = 200
  limit         = 2
  spare_ips     = 0
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				candidateInt("data.vpccni_instance_types.remainder", "nodes", 11),
				candidateInt("data.vpccni_instance_types.remainder", "ips_per_node", 24),
				candidateInt("data.vpccni_instance_types.remainder", "total_ips", 262),
				stateInt64("data.vpccni_instance_types.excluded", "excluded", 1),
				statecheck.ExpectKnownValue("data.vpccni_instance_types.excluded", tfjsonpath.New("candidates"), knownvalue.ListSizeExact(1)),
				candidateInt("data.vpccni_instance_types.vcpus", "max_pods", 250),
				candidateInt("data.vpccni_instance_types.vcpus", "total_ips", 418),
				statecheck.ExpectKnownValue("data.vpccni_instance_types.vcpus", tfjsonpath.New("candidates").AtSliceIndex(0).AtMapKey("prefix_delegation"), knownvalue.Bool(true)),
				candidateInt("data.vpccni_instance_types.no_vcpus", "max_pods", 110),
				candidateInt("data.vpccni_instance_types.no_vcpus", "total_ips", 452),
				// large and xlarge of three families, spare 0 raised to 1:
				// 21 secondaries. c5/m5/r5.xlarge (S = 14): 2 ENIs, 23 a
				// node, 230 on 10 nodes; the large ones (S = 9) 3 ENIs, 24.
				statecheck.ExpectKnownValue("data.vpccni_instance_types.limit", tfjsonpath.New("candidates"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_type": knownvalue.StringExact("c5.xlarge"), "total_ips": knownvalue.Int64Exact(230), "warm_ip_target": knownvalue.Int64Exact(1)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_type": knownvalue.StringExact("m5.xlarge"), "total_ips": knownvalue.Int64Exact(230), "warm_ip_target": knownvalue.Int64Exact(1)}),
				})),
				stateInt64("data.vpccni_instance_types.limit", "spare_ips", 0),
			},
		}},
	})
}

func candidateInt(ds, attr string, want int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(ds, tfjsonpath.New("candidates").AtSliceIndex(0).AtMapKey(attr), knownvalue.Int64Exact(want))
}

// TestInstanceTypesRatioText: ips_per_pod reaches terraform as the text
// of a 512-bit number when float64 cannot hold it exactly, and terraform
// shows that text. 230/200 must read 1.15, not float64's binary error.
func TestInstanceTypesRatioText(t *testing.T) {
	exact := map[[2]int64]string{
		{230, 200}: "1.15",
		{250, 200}: "1.25",
		{400, 200}: "2",
		{17, 1}:    "17",
	}
	for in, want := range exact {
		if got := ratio(in[0], in[1]).Text('f', -1); got != want {
			t.Errorf("ratio(%d, %d) = %s, want %s", in[0], in[1], got, want)
		}
	}
	// Repeating decimals print their digits as far as 64 bits go (19 or
	// 20 significant digits, against float64's 16 or 17), and the text
	// reads back as the same number.
	repeating := map[[2]int64]string{
		{262, 205}: "1.278048780487804878",
		{1, 3}:     "0.33333333333333333334",
	}
	for in, want := range repeating {
		r := ratio(in[0], in[1])
		text := r.Text('f', -1)
		if text != want {
			t.Errorf("ratio(%d, %d) = %s, want %s", in[0], in[1], text, want)
		}
		back, _, err := big.ParseFloat(text, 10, ratioPrecision, big.ToNearestEven)
		if err != nil || back.Cmp(r) != 0 {
			t.Errorf("ratio(%d, %d): %s does not read back (%v)", in[0], in[1], text, err)
		}
		_ = tftypes.NewValue(tftypes.Number, r)
	}
}

// Bad inputs, through the shared harness of bad_input_test.go.
func TestAccBadInputInstanceTypes(t *testing.T) {
	base := []string{`families = ["m5"]`, `expected_pods = 20`, `total_pods = 200`}
	named := badMerge(base, "-families", `instance_types = ["r5.xlarge"]`)
	rows := []badInputRow{
		badTop("instance_types/unknown type", named, `instance_types = ["r5.xlarge", "m5.lrage"]`,
			`Unknown instance type instance type "m5.lrage" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean m5.large?`),
		badTop("instance_types/empty string", named, `instance_types = [""]`,
			`Unknown instance type The instance type is empty; give an EC2 instance type such as "m5.large".`),
		badTop("instance_types/empty list", named, `instance_types = []`, "Attribute instance_types list must contain at least 1 elements, got: 0"),
		badTop("instance_types/duplicate", named, `instance_types = ["r5.xlarge", "r5.xlarge"]`, `Duplicate List Value "r5.xlarge" is also element 0 of instance_types; list each value once.`),
		badTop("instance_types/null element", named, `instance_types = [null]`, "Null List Value Element 0 of instance_types is null; remove it or give a value."),
		{name: "instance_types/with families", body: badMerge(named, `families = ["m5"]`), at: `families = ["m5"]`,
			want: []string{`Invalid Attribute Combination families cannot be combined with instance_types`}},
		{name: "instance_types/with size", body: badMerge(named, `smallest_size = "large"`), at: `smallest_size = "large"`,
			want: []string{`Invalid Attribute Combination smallest_size cannot be combined with instance_types`}},
		badTop("families/unknown family", base, `families = ["m5", "r5x"]`,
			`Unknown instance family no instance type of family "r5x" is in the embedded table of `+badTableSize+` EC2 instance types; did you mean r5, r5a or r5b?`),
		badTop("families/type name", base, `families = ["m5.large"]`, `no instance type of family "m5.large" is in the embedded table of `+badTableSize+` EC2 instance types; did you mean m5?`),
		badTop("families/nothing close", base, `families = ["graviton"]`,
			`no instance type of family "graviton" is in the embedded table of `+badTableSize+` EC2 instance types; a family is the part of the name before the dot, such as "m5" of m5.large.`),
		badTop("smallest_size/bad size", base, `smallest_size = "huge"`,
			`Invalid instance size "huge" is not an EC2 instance size. Sizes are, smallest first: nano, micro, small, medium, large, xlarge, then Nxlarge by N`),
		badTop("largest_size/capitals", base, `largest_size = "XLarge"`, `"XLarge" is not an EC2 instance size; did you mean "xlarge"?`),
		badTop("largest_size/below smallest", badMerge(base, `smallest_size = "4xlarge"`), `largest_size = "large"`,
			`Size bounds in the wrong order smallest_size = "4xlarge" is larger than largest_size = "large", so no type fits between them.`),
		badTop("families/none of that size", badMerge(base, `smallest_size = "4xlarge"`), `families = ["t3"]`,
			`No instance type selected No instance type of families t3 has a size from "4xlarge" to the largest.`),
		badTop("vcpus/unknown key", base, `vcpus = { "m5.large" = 2, "m5.lrage" = 2 }`,
			`Unknown instance type instance type "m5.lrage" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean m5.large?`),
		badTop("vcpus/zero", base, `vcpus = { "m5.large" = 0 }`, `Attribute vcpus["m5.large"] value must be between 1 and 100000, got: 0`),
		badTop("vcpus/null value", base, `vcpus = { "m5.large" = null }`, `Null Map Value vcpus["m5.large"] is null; give the type's vCPU count or leave the key out.`),
		badTop("expected_pods/null", base, `expected_pods = null`,
			"Must set a configuration value for the expected_pods attribute as the provider has marked it as required."),
	}
	rows = append(rows, badNumberRows(base, "expected_pods", 1, maxTarget)...)
	rows = append(rows, badNumberRows(base, "total_pods", 1, maxTotalPods)...)
	rows = append(rows, badNumberRows(base, "spare_ips", 0, maxTarget)...)
	rows = append(rows, badNumberRows(base, "limit", 1, maxTarget)...)
	rows = append(rows, badNumberRows(base, "max_eni", 1, maxOverrideENIs)...)
	runBadInputRows(t, "vpccni_instance_types", rows)

	// Values unknown until apply: ValidateConfig must leave them alone,
	// and the read waits for apply.
	first := func(attr string, c knownvalue.Check) badValueCheck {
		return badAt(tfjsonpath.New("candidates").AtSliceIndex(0).AtMapKey(attr), c)
	}
	runGoodInputRows(t, "vpccni_instance_types", []goodInputRow{
		{name: "instance_types/unknown element", unknown: true, body: badMerge(named, `instance_types = [local.u.r5, "m5.large"]`),
			checks: []badValueCheck{first("instance_type", knownvalue.StringExact("r5.xlarge")), first("total_ips", knownvalue.Int64Exact(240))}},
		{name: "families/unknown element", unknown: true, body: badMerge(base, `families = [trimsuffix(local.u.r5, ".xlarge")]`, `largest_size = "xlarge"`),
			checks: []badValueCheck{first("instance_type", knownvalue.StringExact("r5.xlarge"))}},
		{name: "smallest_size/unknown", unknown: true, body: badMerge(base, `smallest_size = trimprefix(local.u.r5, "r5.")`, `largest_size = "2xlarge"`),
			checks: []badValueCheck{badAttr("candidates", knownvalue.ListSizeExact(2))}},
		{name: "expected_pods/unknown", unknown: true, body: badMerge(named, `expected_pods = local.u.n20`), checks: []badValueCheck{first("total_ips", knownvalue.Int64Exact(240))}},
		{name: "total_pods/unknown", unknown: true, body: badMerge(named, `total_pods = local.u.n200`), checks: []badValueCheck{first("nodes", knownvalue.Int64Exact(10))}},
		{name: "vcpus/unknown key", unknown: true, body: badMerge(base, `vcpus = { (local.u.m5) = 2 }`), checks: nil},
		{name: "custom_networking/unknown", unknown: true, body: badMerge(named, `custom_networking = local.u.yes`),
			checks: []badValueCheck{first("pod_subnet_ips", knownvalue.Int64Exact(240)), badAttr("custom_networking", knownvalue.Bool(true))}},
		{name: "spare_ips/default", body: named, checks: []badValueCheck{badAttr("spare_ips", knownvalue.Int64Exact(2)), badAttr("excluded", knownvalue.Int64Exact(0))}},
	})
}
