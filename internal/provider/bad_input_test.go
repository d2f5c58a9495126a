// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// The rows: see bad_input_harness_test.go for how they run.

// badTableSize is the number of types in the embedded table.
var badTableSize = fmt.Sprint(ec2limits.Len())

const badOverrideHint = "Set `max_network_interfaces` and `ipv4_addresses_per_interface` for types the embedded table does not know"

// badInstanceTypeRows are the bad instance_type values of a data source whose
// instance_type is top-level.
func badInstanceTypeRows(base []string) []badInputRow {
	return []badInputRow{
		badTop("instance_type/empty", base, `instance_type = ""`, `The instance type is empty; give an EC2 instance type such as "m5.large". `+badOverrideHint),
		badTop("instance_type/leading space", base, `instance_type = " r5.xlarge"`, `instance type " r5.xlarge" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean r5.xlarge?`),
		badTop("instance_type/upper case", base, `instance_type = "R5.XLARGE"`, `instance type "R5.XLARGE" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean r5.xlarge?`),
		// A 1 MB name is quoted 64 characters long, and not looked up.
		badTop("instance_type/very long", base, `instance_type = "`+strings.Repeat("m", 1<<20)+`"`,
			`Unknown instance type "`+strings.Repeat("m", 64)+`…" (1048576 characters) is not an EC2 instance type name such as "m5.large": those have at most 64 characters.`),
		badTop("instance_type/null", base, `instance_type = null`,
			"Must set a configuration value for the instance_type attribute as the provider has marked it as required."),
	}
}

// badLimitRows are the bad override and MAX_ENI values of a top-level
// instance description. The planning data sources skip the checks that
// combine attributes when one is out of range, so each row gets exactly
// its range error.
func badLimitRows(base []string) []badInputRow {
	var rows []badInputRow
	rows = append(rows, badNumberRows(base, "max_network_interfaces", 1, 1024)...)
	rows = append(rows, badNumberRows(base, "ipv4_addresses_per_interface", 2, 1024)...)
	rows = append(rows, badNumberRows(base, "vcpus", 1, 100000)...)
	rows = append(rows, badNumberRows(base, "max_eni", 1, 1024)...)
	return rows
}

// badCIDRListRows are the bad values of a list of subnet CIDRs.
func badCIDRListRows(base []string, attr string) []badInputRow {
	row := func(name, list string, want ...string) badInputRow {
		return badTop(attr+"/"+name, base, attr+" = "+list, want...)
	}
	return []badInputRow{
		row("empty list", `[]`, fmt.Sprintf("Attribute %s list must contain at least 1 elements, got: 0", attr)),
		row("null element", `[null]`, fmt.Sprintf("Null List Value Element 0 of %s is null; remove it or give a value.", attr)),
		row("empty string", `[""]`, `Invalid subnet CIDR "" is not a CIDR block such as 10.0.0.0/24.`),
		row("white space", `[" 10.0.0.0/24"]`, `Invalid subnet CIDR " 10.0.0.0/24" has surrounding white space; write "10.0.0.0/24".`),
		row("IPv6", `["2001:db8::/64"]`, `Invalid subnet CIDR "2001:db8::/64" is not IPv4`),
		row("host bits", `["10.0.0.1/24"]`, `Invalid subnet CIDR "10.0.0.1/24" has host bits set: the subnet is 10.0.0.0/24.`),
		row("too large", `["10.0.0.0/8"]`, `Invalid subnet CIDR "10.0.0.0/8" is a /8: AWS subnets are /16 to /28.`),
		// A duplicate is an overlap: one error however many copies.
		row("duplicate", `["10.0.0.0/24", "10.0.0.0/24", "10.0.0.0/24"]`,
			fmt.Sprintf("Overlapping subnet CIDRs %[1]s[1] = 10.0.0.0/24 overlaps %[1]s[0] = 10.0.0.0/24, and so do %[1]s[2]. Each subnet's addresses count once", attr)),
	}
}

func badSettingsRows(prefix string, object func(attr, v string) []string) []badInputRow {
	var rows []badInputRow
	for _, attr := range []string{"warm_eni_target", "warm_ip_target", "minimum_ip_target", "warm_prefix_target"} {
		rows = append(rows, badNestedNumberRows(prefix+"."+attr, 0, maxTarget, func(v string) []string { return object(attr, v) })...)
	}
	return rows
}

func TestAccBadInputInstanceType(t *testing.T) {
	base := badInstanceTypeBase
	var rows []badInputRow
	rows = append(rows, badInstanceTypeRows(base)...)
	rows = append(rows, badLimitRows(base)...)
	runBadInputRows(t, "vpccni_instance_type", rows)

	runGoodInputRows(t, "vpccni_instance_type", []goodInputRow{
		{
			// The largest overrides, for a type the table lacks: the
			// bounds keep products far from overflow.
			name: "largest overrides",
			body: []string{`instance_type = "m99.metal"`, `max_network_interfaces = 1024`, `ipv4_addresses_per_interface = 1024`, `vcpus = 100000`, `max_eni = 1024`},
			checks: []badValueCheck{
				badAttr("max_pods", knownvalue.Int64Exact(1024*1023+2)),
				badAttr("max_pods_custom_networking", knownvalue.Int64Exact(1023*1023+2)),
				badAttr("max_pods_prefix_delegation", knownvalue.Int64Exact(250)),
			},
		},
		{name: "instance_type/unknown", unknown: true, body: []string{`instance_type = local.u.r5`},
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(58))}},
		{name: "max_network_interfaces/unknown", unknown: true, body: badMerge(base, `max_network_interfaces = local.u.n2`),
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(2*9+2))}},
		{name: "ipv4_addresses_per_interface/unknown", unknown: true, body: badMerge(base, `ipv4_addresses_per_interface = local.u.n2`),
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(3*1+2))}},
		{name: "vcpus/unknown", unknown: true, body: badMerge(base, `vcpus = local.u.n2`),
			checks: []badValueCheck{badAttr("max_pods_prefix_delegation", knownvalue.Int64Exact(110))}},
		{name: "max_eni/unknown", unknown: true, body: badMerge(base, `max_eni = local.u.n2`),
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(2*9+2))}},
	})
}

func TestAccBadInputWarmPool(t *testing.T) {
	base := badWarmPoolBase
	cn := badMerge(base, `custom_networking = true`)
	var rows []badInputRow
	rows = append(rows, badInstanceTypeRows(base)...)
	rows = append(rows, badLimitRows(base)...)
	rows = append(rows, badNumberRows(base, "expected_pods", 1, maxTarget)...)
	rows = append(rows, badNumberRows(base, "node_count", 1, maxTarget)...)
	rows = append(rows, badNumberRows(base, "spare_ips", 0, maxTarget)...)
	rows = append(rows, badNumberRows(base, "max_pods", 1, maxTarget)...)
	rows = append(rows,
		badTop("expected_pods/null", base, `expected_pods = null`, "Must set a configuration value for the expected_pods attribute as the provider has marked it as required."),
		badTop("node_count/null", base, `node_count = null`, "Must set a configuration value for the node_count attribute as the provider has marked it as required."),
	)
	rows = append(rows, badCIDRListRows(base, "subnet_cidrs")...)
	rows = append(rows, badCIDRListRows(cn, "pod_subnet_cidrs")...)
	rows = append(rows,
		badTop("subnet_available_ips/empty list", base, `subnet_available_ips = []`, "Attribute subnet_available_ips list must contain at least 1 elements, got: 0"),
		badTop("subnet_available_ips/negative", base, `subnet_available_ips = [-1]`, badBetween("subnet_available_ips[0]", 0, 1<<24, "-1")),
		badTop("subnet_available_ips/beyond int32", base, `subnet_available_ips = [3000000000]`, badBetween("subnet_available_ips[0]", 0, 1<<24, "3000000000")),
		// Capacity 0 holds nothing: the subnet check fails on read.
		badInputRow{name: "subnet_available_ips/zero", body: badMerge(base, `subnet_available_ips = [0]`), at: `subnet_available_ips = [0]`, read: true,
			want: []string{"needs 72 addresses for 3 r5.xlarge nodes (24 each with MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2), and offers 0: 72 short."}},
		badTop("custom_networking/true without pod subnets", badMerge(base, `subnet_cidrs = ["10.0.0.0/24"]`), `custom_networking = true`,
			"custom_networking = true puts pod ENIs in ENIConfig subnets; give their CIDRs in pod_subnet_cidrs"),
	)
	rows = append(rows, badSettingsRows("current", func(attr, v string) []string {
		return badMerge(base, badBlockOf("current", []string{attr + " = " + v}))
	})...)
	runBadInputRows(t, "vpccni_warm_pool", rows)

	// r5.xlarge (4 ENIs x 14 secondaries) with 20 pods: the article's
	// numbers, MIN 20 / WARM 2 hold 22 secondaries on 2 ENIs (24
	// addresses); the add-on defaults 42 on 3 (45).
	article := `{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`
	recIPs := badAt(tfjsonpath.New("recommended").AtMapKey("ips_per_node"), knownvalue.Int64Exact(24))
	cv := func(s string) badValueCheck { return badAttr("configuration_values", knownvalue.StringExact(s)) }
	runGoodInputRows(t, "vpccni_warm_pool", []goodInputRow{
		{
			// spare_ips = 0 is raised to WARM_IP_TARGET = 1 with a
			// warning: ipamd reads 0 as unset and MIN alone freezes the
			// pool. spare_ips keeps the value given.
			name: "spare_ips/zero", body: badMerge(base, `spare_ips = 0`),
			checks: []badValueCheck{badAttr("spare_ips", knownvalue.Int64Exact(0)), badAttr("warm_ip_target", knownvalue.Int64Exact(1)),
				cv(`{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"1"}}`)},
		},
		{
			// Null optional switches take their defaults.
			name: "switches/null", body: badMerge(base, `prefix_delegation = null`, `custom_networking = null`, `fail_on_insufficient_subnet = null`, `spare_ips = null`, `max_pods = null`),
			checks: []badValueCheck{badAttr("prefix_delegation", knownvalue.Bool(false)), badAttr("custom_networking", knownvalue.Bool(false)),
				badAttr("fail_on_insufficient_subnet", knownvalue.Bool(true)), badAttr("spare_ips", knownvalue.Int64Exact(2)), badAttr("max_pods", knownvalue.Int64Exact(58)), cv(article)},
		},
		{
			// An empty current means the add-on defaults: the same
			// projection as baseline (45 addresses).
			name: "current/empty", body: badMerge(base, `current {}`),
			checks: []badValueCheck{badAt(tfjsonpath.New("current").AtMapKey("ips_per_node"), knownvalue.Int64Exact(45)),
				badAt(tfjsonpath.New("current").AtMapKey("warm_eni_target"), knownvalue.Null())},
		},
		{
			// Zero targets are valid aws-node settings (WARM_ENI_TARGET=0
			// gets a warning): IP targets of 0 are unset, and
			// WARM_ENI_TARGET=0 fills whole ENIs, one more only when none
			// is free: 20 pods take 2 ENIs, 28 secondaries.
			name: "current/zero", body: badMerge(base, badBlockOf("current", []string{`warm_eni_target = 0`, `warm_ip_target = 0`, `minimum_ip_target = 0`, `warm_prefix_target = 0`})),
			checks: []badValueCheck{badAt(tfjsonpath.New("current").AtMapKey("warm_eni_target"), knownvalue.Int64Exact(0)),
				badAt(tfjsonpath.New("current").AtMapKey("secondary_ips_per_node"), knownvalue.Int64Exact(28)),
				badAt(tfjsonpath.New("current").AtMapKey("enis_per_node"), knownvalue.Int64Exact(2))},
		},
		{
			// The largest node count: 100000 nodes x 24 addresses, no
			// overflow.
			name: "node_count/largest", body: badMerge(base, `node_count = 100000`),
			checks: []badValueCheck{badAt(tfjsonpath.New("recommended").AtMapKey("total_ips"), knownvalue.Int64Exact(2400000))},
		},
		{
			// The largest count of free addresses: a /8's worth, given
			// without a CIDR.
			name: "subnet_available_ips/largest", body: badMerge(base, `subnet_available_ips = [16777216]`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(16777216)), badAttr("subnet_fits", knownvalue.Bool(true))},
		},
		{name: "instance_type/unknown", unknown: true, body: badMerge(base, `instance_type = local.u.r5`), checks: []badValueCheck{cv(article), recIPs}},
		{name: "expected_pods/unknown", unknown: true, body: badMerge(base, `expected_pods = local.u.n20`), checks: []badValueCheck{cv(article), recIPs}},
		{name: "node_count/unknown", unknown: true, body: badMerge(base, `node_count = local.u.n2`),
			checks: []badValueCheck{badAt(tfjsonpath.New("recommended").AtMapKey("total_ips"), knownvalue.Int64Exact(48))}},
		{name: "spare_ips/unknown", unknown: true, body: badMerge(base, `spare_ips = local.u.n2`), checks: []badValueCheck{cv(article)}},
		{name: "max_pods/unknown", unknown: true, body: badMerge(base, `max_pods = local.u.n100`), checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(100))}},
		{name: "max_network_interfaces/unknown", unknown: true, body: badMerge(base, `max_network_interfaces = local.u.n2`),
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(2*14+2))}},
		{name: "ipv4_addresses_per_interface/unknown", unknown: true, body: badMerge(base, `ipv4_addresses_per_interface = local.u.n20`),
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(4*19+2))}},
		{name: "vcpus/unknown", unknown: true, body: badMerge(base, `vcpus = local.u.n2`), checks: []badValueCheck{cv(article)}},
		{name: "max_eni/unknown", unknown: true, body: badMerge(base, `max_eni = local.u.n2`),
			checks: []badValueCheck{cv(`{"env":{"MAX_ENI":"2","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)}},
		{name: "prefix_delegation/unknown", unknown: true, body: badMerge(base, `prefix_delegation = local.u.yes`),
			checks: []badValueCheck{cv(`{"env":{"ENABLE_PREFIX_DELEGATION":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)}},
		{name: "custom_networking/unknown", unknown: true, body: badMerge(base, `custom_networking = local.u.yes`, `pod_subnet_cidrs = ["100.64.0.0/24"]`),
			checks: []badValueCheck{badAttr("max_pods", knownvalue.Int64Exact(44))}},
		{name: "fail_on_insufficient_subnet/unknown", unknown: true, body: badMerge(base, `fail_on_insufficient_subnet = local.u.no`, `subnet_cidrs = ["10.0.0.0/28"]`),
			checks: []badValueCheck{badAttr("subnet_fits", knownvalue.Bool(false))}},
		{name: "subnet_cidrs/unknown list", unknown: true, body: badMerge(base, `subnet_cidrs = local.u.cidrs`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(251))}},
		{name: "subnet_cidrs/unknown element", unknown: true, body: badMerge(base, `subnet_cidrs = [local.u.cidr, "10.0.1.0/24"]`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(502))}},
		{name: "subnet_available_ips/unknown element", unknown: true, body: badMerge(base, `subnet_available_ips = [local.u.n100]`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(100))}},
		{name: "pod_subnet_cidrs/unknown element", unknown: true, body: badMerge(cn, `pod_subnet_cidrs = [local.u.pod_cidr]`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(251))}},
		{name: "current.warm_ip_target/unknown", unknown: true, body: badMerge(base, badBlockOf("current", []string{`minimum_ip_target = 20`, `warm_ip_target = local.u.n2`})),
			checks: []badValueCheck{badAt(tfjsonpath.New("current").AtMapKey("ips_per_node"), knownvalue.Int64Exact(24))}},
	})
}
