// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccBadInputCluster(t *testing.T) {
	// Under custom networking m5.large holds (3-1) x 9 = 18 pod addresses
	// (max pods 20), so its groups expect 17 pods.
	cnGroup := func(over ...string) string { return badGroup(append([]string{`expected_pods = 17`}, over...)...) }
	cn := func(over ...string) []string { return badMerge([]string{cnGroup(), badPodSubnet()}, over...) }
	twoSubnets := func(second ...string) string {
		return badNodeSubnet() + "\n  " + badBlockOf("subnet", badMerge(badNodeSubnetBase, second...))
	}
	var rows []badInputRow
	rows = append(rows,
		badNested("node_group/none", badMerge(badCluster(), "-node_group"),
			`Missing required block At least one node_group or karpenter_node_pool block is required`),
		badNested("subnet/none", badMerge(badCluster(), "-subnet"),
			`Missing required block At least one subnet block is required`),
		// Terraform refuses a misspelt argument in a block by name, on its
		// line: nested attribute objects dropped it without a word.
		badNestedAt("node_group/misspelt argument", badCluster(badGroup(`max_node = 40`)), `max_node = 40`,
			`Unsupported argument An argument named "max_node" is not expected here.`),
		badNestedAt("subnet/misspelt argument", badCluster(badNodeSubnet(`purpse = "pods"`)), `purpse = "pods"`,
			`Unsupported argument An argument named "purpse" is not expected here. Did you mean "purpose"?`),
		badNestedAt("current/misspelt argument", badCluster(badBlockOf("current", []string{`warm_ip_targt = 3`})), `warm_ip_targt = 3`,
			`Unsupported argument An argument named "warm_ip_targt" is not expected here. Did you mean "warm_ip_target"?`),
		badNestedAt("update_surge/misspelt argument", badCluster(badBlockOf("update_surge", []string{`max_unavail = 3`})), `max_unavail = 3`,
			`Unsupported argument An argument named "max_unavail" is not expected here.`),

		badNestedAt("node_group[0].name/empty", badCluster(badGroup(`name = ""`)), `name = ""`,
			`Invalid node group name "" must be a node group name: no white space, at most 64 characters.`),
		badNestedAt("node_group[0].name/white space", badCluster(badGroup(`name = " general"`)), `name = " general"`,
			`Invalid node group name " general" must be a node group name`),
		badNestedAt("node_group[0].name/null", badCluster(badGroup(`name = null`)), `name = null`,
			"Must set a configuration value for the node_group[0].name attribute"),
		badNestedAt("node_group[1].name/duplicate", badCluster(badGroup()+"\n  "+badGroup()), `name = "general"`,
			`Duplicate node group name "general" appears 2 times (node_group[0] and node_group[1]); names key the groups output, so they must differ.`),
		badNestedAt("node_group[0].instance_type/empty", badCluster(badGroup(`instance_type = ""`)), `instance_type = ""`,
			`The instance type is empty; give an EC2 instance type such as "m5.large".`),
		badNestedAt("node_group[0].instance_type/leading space", badCluster(badGroup(`instance_type = " m5.large"`)), `instance_type = " m5.large"`,
			`instance type " m5.large" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean m5.large?`),
		badNestedAt("node_group[0].instance_type/upper case", badCluster(badGroup(`instance_type = "M5.LARGE"`)), `instance_type = "M5.LARGE"`,
			`instance type "M5.LARGE" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean m5.large?`),
		badNestedAt("node_group[0].instance_type/null", badCluster(badGroup(`instance_type = null`)), `instance_type = null`,
			`Missing instance type Give the group's instance_type, such as "m5.large", or instance_types`),
		badNestedAt("node_group[0].expected_pods/null", badCluster(badGroup(`expected_pods = null`)), `expected_pods = null`,
			"Must set a configuration value for the node_group[0].expected_pods attribute"),
		// With max_nodes set, so that max_nodes does not fall back to the
		// missing desired_nodes.
		badNestedAt("node_group[0].desired_nodes/null", badCluster(badGroup(`desired_nodes = null`)), `desired_nodes = null`,
			"Must set a configuration value for the node_group[0].desired_nodes attribute"),
		badNested("node_group[0].desired_nodes/zero without max_nodes", badCluster(badGroup(`desired_nodes = 0`, `-max_nodes`)),
			"Node group never has nodes general: max_nodes is 0; set max_nodes when desired_nodes is 0"),
		// Both errors are about max_nodes; the second's advice is for a
		// desired size of 0, but it is true.
		badNestedAt("node_group[0].max_nodes/zero", badCluster(badGroup(`max_nodes = 0`)), `max_nodes = 0`,
			"max_nodes below desired_nodes general: max_nodes = 0 is below desired_nodes = 2.",
			"Node group never has nodes general: max_nodes is 0"),
		badNestedAt("node_group[0].max_nodes/zero with desired zero", badCluster(badGroup(`desired_nodes = 0`, `max_nodes = 0`)), `max_nodes = 0`,
			"Node group never has nodes general: max_nodes is 0"),
		badNestedAt("node_group[0].subnet_ids/empty list", badCluster(badGroup(`subnet_ids = []`)), `subnet_ids = []`,
			"Attribute node_group[0].subnet_ids list must contain at least 1 elements, got: 0"),
		badNestedAt("node_group[0].subnet_ids/empty string", badCluster(badGroup(`subnet_ids = [""]`)), `subnet_ids = [""]`,
			`Invalid subnet id "" must be a subnet id such as subnet-0123456789abcdef0: no white space, at most 64 characters.`),
		badNestedAt("node_group[0].subnet_ids/white space", badCluster(badGroup(`subnet_ids = [" subnet-a"]`)), `subnet_ids = [" subnet-a"]`,
			`Invalid subnet id " subnet-a" must be a subnet id such as subnet-0123456789abcdef0`),
		badNestedAt("node_group[0].subnet_ids/unknown id", badCluster(badGroup(`subnet_ids = ["subnet-a", "subnet-z"]`)), `subnet_ids = ["subnet-a", "subnet-z"]`,
			`Unknown subnet id general lists "subnet-z", which no subnet block has.`),
		badNestedAt("node_group[0].subnet_ids/duplicate", badCluster(badGroup(`subnet_ids = ["subnet-a", "subnet-a"]`)), `subnet_ids = ["subnet-a", "subnet-a"]`,
			`Duplicate List Value "subnet-a" is also element 0 of node_group[0].subnet_ids; list each value once.`),
		badNestedAt("node_group[0].subnet_ids/null element", badCluster(badGroup(`subnet_ids = [null]`)), `subnet_ids = [null]`,
			"Null List Value Element 0 of node_group[0].subnet_ids is null; remove it or give a value."),
		badNestedAt("node_group[0].subnet_ids/pod subnet", cn(cnGroup(`subnet_ids = ["subnet-pa"]`), `custom_networking = true`), `subnet_ids = ["subnet-pa"]`,
			`Not a node subnet general lists "subnet-pa", a "pods" subnet; subnet_ids are where the nodes' own primary ENIs go`),

		badNestedAt("subnet[0].id/empty", badCluster(badNodeSubnet(`id = ""`)), `id = ""`,
			`Invalid subnet id "" must be a subnet id such as subnet-0123456789abcdef0: no white space, at most 64 characters.`),
		badNestedAt("subnet[0].id/white space", badCluster(badNodeSubnet(`id = " subnet-a"`)), `id = " subnet-a"`,
			`Invalid subnet id " subnet-a" must be a subnet id such as subnet-0123456789abcdef0`),
		badNestedAt("subnet[0].id/null", badCluster(badNodeSubnet(`id = null`)), `id = null`, "Must set a configuration value for the subnet[0].id attribute"),
		badNestedAt("subnet[1].id/duplicate", badCluster(twoSubnets(`cidr = "10.0.1.0/24"`)), `id = "subnet-a"`,
			`Duplicate subnet id "subnet-a" appears 2 times (subnet[0] and subnet[1]); list each subnet once.`),
		badNestedAt("subnet[0].availability_zone/empty", badCluster(badNodeSubnet(`availability_zone = ""`)), `availability_zone = ""`,
			`Invalid Availability Zone "" must be an Availability Zone name such as eu-west-1a: lower-case letters, digits and dashes.`),
		badNestedAt("subnet[0].availability_zone/null", badCluster(badNodeSubnet(`availability_zone = null`)), `availability_zone = null`,
			"Must set a configuration value for the subnet[0].availability_zone attribute"),
		// Names that go into the add-on's eniConfig must match what AWS
		// and the nodes' zone label use.
		badNestedAt("subnet[0].availability_zone/upper case", badCluster(badNodeSubnet(`availability_zone = "EU-WEST-1A"`)), `availability_zone = "EU-WEST-1A"`,
			`Invalid Availability Zone "EU-WEST-1A" must be an Availability Zone name such as eu-west-1a`),
		badNestedAt("subnet[0].availability_zone/white space", badCluster(badNodeSubnet(`availability_zone = " eu-west-1a"`)), `availability_zone = " eu-west-1a"`,
			`Invalid Availability Zone " eu-west-1a" must be an Availability Zone name such as eu-west-1a`),
		badNested("subnet[0].cidr/null without available_ips", badCluster(badNodeSubnet(`cidr = null`)),
			"Subnet size unknown subnet[0] (subnet-a) has neither cidr nor available_ips"),
		badNestedAt("subnet[1].cidr/overlap", badCluster(twoSubnets(`id = "subnet-b"`, `cidr = "10.0.0.128/25"`)), `cidr = "10.0.0.128/25"`,
			"Overlapping subnet CIDRs subnet[1].cidr = 10.0.0.128/25 (subnet-b) overlaps subnet[0].cidr = 10.0.0.0/24 (subnet-a)."),
		badNestedAt("subnet[0].purpose/empty", badCluster(badNodeSubnet(`purpose = ""`)), `purpose = ""`, `Invalid subnet purpose "" is not one of "nodes", "pods", "cni".`),
		badNestedAt("subnet[0].purpose/capitalised", badCluster(badNodeSubnet(`purpose = "Pods"`)), `purpose = "Pods"`, `Invalid subnet purpose "Pods" is not one of "nodes", "pods", "cni".`),
		badNestedAt("subnet[1].purpose/pods without custom networking", cn(`custom_networking = false`), `purpose = "pods"`,
			`Pod subnet without custom networking subnet-pa has purpose "pods"`),
		badNestedAt("subnet[2].availability_zone/second pod subnet in a zone",
			cn(badPodSubnet()+"\n  "+badBlockOf("subnet", badMerge(badPodSubnetBase, `id = "subnet-pb"`, `cidr = "100.64.1.0/24"`))), `availability_zone = "eu-west-1a"`,
			`Two pod subnets in one zone subnet-pa (subnet[1]) and subnet-pb (subnet[2]) are pod subnets in eu-west-1a;`),
		badNestedAt("subnet[0].security_group_ids/node subnet", badCluster(badNodeSubnet(`security_group_ids = ["sg-0a1b2c3d4e5f60718"]`)), `security_group_ids = ["sg-0a1b2c3d4e5f60718"]`,
			"Security groups on a node subnet security_group_ids are the ENIConfig security groups of a pod subnet; subnet-a is a node subnet"),
		badNestedAt("subnet[1].security_group_ids/empty string", cn(badPodSubnet(`security_group_ids = [""]`)), `security_group_ids = [""]`,
			`Invalid security group id "" must be a security group id such as sg-0123456789abcdef0.`),
		badNestedAt("subnet[1].security_group_ids/duplicate", cn(badPodSubnet(`security_group_ids = ["sg-0a1b2c3d4e5f60718", "sg-0a1b2c3d4e5f60718"]`)),
			`security_group_ids = ["sg-0a1b2c3d4e5f60718", "sg-0a1b2c3d4e5f60718"]`,
			`Duplicate List Value "sg-0a1b2c3d4e5f60718" is also element 0 of subnet[1].security_group_ids; list each value once.`),
		badNestedAt("subnet[1].security_group_ids/null element", cn(badPodSubnet(`security_group_ids = [null]`)), `security_group_ids = [null]`,
			"Null List Value Element 0 of subnet[1].security_group_ids is null; remove it or give a value."),
		badTop("region/empty", cn(), `region = ""`, `Invalid region "" must be an AWS region name such as eu-west-1.`),
		badTop("region/white space", cn(), `region = "eu-west-1 "`, `Invalid region "eu-west-1 " must be an AWS region name such as eu-west-1.`),
		badNested("subnet/only pod subnets", cn(badBlockOf("subnet", badPodSubnetBase), `custom_networking = true`),
			`No node subnets Every subnet has purpose "pods"`),
		// One error on custom_networking, one on the group whose zone
		// lacks a pod subnet.
		badNested("custom_networking/true without pod subnets", badCluster(cnGroup(), `custom_networking = true`),
			`Custom networking without pod subnets custom_networking = true puts pod ENIs in ENIConfig subnets; add one subnet with purpose = "pods" per Availability Zone.`,
			`No pod subnet in a zone the group uses general has nodes in eu-west-1a, and custom networking needs an ENIConfig (pod) subnet there`),
		badNestedAt("update_surge.extra_nodes/with max_unavailable", badCluster(badBlockOf("update_surge", []string{`extra_nodes = 1`, `max_unavailable = 2`})), `max_unavailable = 2`,
			`Conflicting surge settings update_surge sets both extra_nodes and max_unavailable; give one`),
	)
	// An empty cidr is refused as a CIDR; the size check waits for it.
	rows = append(rows, badNestedAt("subnet[0].cidr/empty string", badCluster(badNodeSubnet(`cidr = ""`)), `cidr = ""`,
		`Invalid subnet CIDR "" is not a CIDR block such as 10.0.0.0/24.`))
	for _, in := range []struct{ name, value, want string }{
		{"white space", `" 10.0.0.0/24"`, `" 10.0.0.0/24" has surrounding white space; write "10.0.0.0/24".`},
		{"IPv6", `"2001:db8::/64"`, `"2001:db8::/64" is not IPv4`},
		{"host bits", `"10.0.0.1/24"`, `"10.0.0.1/24" has host bits set: the subnet is 10.0.0.0/24.`},
		{"too large", `"10.0.0.0/8"`, `"10.0.0.0/8" is a /8: AWS subnets are /16 to /28.`},
	} {
		rows = append(rows, badNestedAt("subnet[0].cidr/"+in.name, badCluster(badNodeSubnet("cidr = "+in.value)), "cidr = "+in.value, "Invalid subnet CIDR "+in.want))
	}
	groupNumber := func(attr string, lo, hi int64) []badInputRow {
		return badNestedNumberRows("node_group[0]."+attr, lo, hi, func(v string) []string { return badCluster(badGroup(attr + " = " + v)) })
	}
	rows = append(rows, groupNumber("max_network_interfaces", 1, 1024)...)
	rows = append(rows, groupNumber("ipv4_addresses_per_interface", 2, 1024)...)
	rows = append(rows, groupNumber("vcpus", 1, 100000)...)
	// A value refused skips the checks that combine attributes: one
	// error, not a second computed from the bad value.
	rows = append(rows, groupNumber("expected_pods", 1, maxTarget)...)
	rows = append(rows, groupNumber("desired_nodes", 0, maxTarget)...)
	rows = append(rows, groupNumber("max_nodes", 0, maxTarget)...)
	rows = append(rows, groupNumber("max_pods", 1, maxTarget)...)
	rows = append(rows, badNestedNumberRows("subnet[0].available_ips", 0, 1<<24, func(v string) []string {
		return badCluster(badNodeSubnet("available_ips = " + v))
	})...)
	rows = append(rows, badNumberRows(badCluster(), "spare_ips", 0, maxTarget)...)
	rows = append(rows, badNumberRows(badCluster(), "max_eni", 1, 1024)...)
	for _, s := range []struct {
		attr   string
		lo, hi int64
	}{{"extra_nodes", 0, maxTarget}, {"max_unavailable", 1, 100}, {"max_unavailable_percentage", 1, 100}} {
		rows = append(rows, badNestedNumberRows("update_surge."+s.attr, s.lo, s.hi, func(v string) []string {
			return badCluster(badBlockOf("update_surge", []string{s.attr + " = " + v}))
		})...)
	}
	rows = append(rows, badNestedAt("update_surge.max_unavailable/above quota", badCluster(badBlockOf("update_surge", []string{`max_unavailable = 101`})), `max_unavailable = 101`,
		badBetween("update_surge.max_unavailable", 1, 100, "101")))
	rows = append(rows, badSettingsRows("current", func(attr, v string) []string {
		return badCluster(badBlockOf("current", []string{attr + " = " + v}))
	})...)
	// Read-time: a subnet with no free address cannot hold the group.
	rows = append(rows, badInputRow{name: "subnet[0].available_ips/zero", body: badCluster(badNodeSubnet(`available_ips = 0`)), read: true,
		want: []string{"Subnet too small for the cluster Subnet subnet-a (10.0.0.0/24, eu-west-1a) is too small at desired: it needs 50 addresses and offers 0, 50 short."}})
	runBadInputRows(t, "vpccni_cluster", rows)

	// m5.large (3 ENIs x 9 secondaries), 20 pods, MIN 20 / WARM 2: 22
	// secondaries on 3 ENIs, 25 addresses per node.
	fix := `{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`
	cv := func(s string) badValueCheck { return badAttr("configuration_values", knownvalue.StringExact(s)) }
	group0 := func(attr string) tfjsonpath.Path { return tfjsonpath.New("groups").AtMapKey("general").AtMapKey(attr) }
	subnetA := func(attr string) tfjsonpath.Path {
		return tfjsonpath.New("subnets_usage").AtMapKey("subnet-a").AtMapKey(attr)
	}
	surgeA := badAt(subnetA("ips_needed_surge"), knownvalue.Int64Exact(6*25)) // max 4 + surge max(2*1, 1) = 2
	cnEnv := `"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone","MINIMUM_IP_TARGET":"17","WARM_IP_TARGET":"2"}}`
	runGoodInputRows(t, "vpccni_cluster", []goodInputRow{
		{
			// Raised to WARM_IP_TARGET = 1 with a warning, as in
			// vpccni_warm_pool.
			name: "spare_ips/zero", body: badCluster(`spare_ips = 0`),
			checks: []badValueCheck{badAttr("warm_ip_target", knownvalue.Int64Exact(1)), cv(`{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"1"}}`)},
		},
		{
			// A group scaled to zero that can grow to max_nodes: planned
			// at max_nodes, nothing needed at desired.
			name: "node_group[0].desired_nodes/zero", body: badCluster(badGroup(`desired_nodes = 0`)),
			checks: []badValueCheck{badAt(subnetA("ips_needed_desired"), knownvalue.Int64Exact(0)), surgeA},
		},
		{
			// Optional nulls take their defaults.
			name: "optional/null", body: badCluster(badGroup(`max_nodes = null`, `max_pods = null`, `subnet_ids = null`), badNodeSubnet(`purpose = null`, `available_ips = null`),
				`spare_ips = null`, `prefix_delegation = null`, `custom_networking = null`, `fail_on_insufficient_subnet = null`, `region = null`),
			checks: []badValueCheck{badAttr("spare_ips", knownvalue.Int64Exact(2)), badAttr("custom_networking", knownvalue.Bool(false)),
				badAttr("fail_on_insufficient_subnet", knownvalue.Bool(true)), badAt(subnetA("purpose"), knownvalue.StringExact("nodes")),
				badAt(subnetA("ips_needed_max"), knownvalue.Int64Exact(2*25)), cv(fix)},
		},
		{
			// cidr can be left out when available_ips gives the capacity.
			name: "subnet[0].cidr/null with available_ips", body: badCluster(badNodeSubnet(`cidr = null`, `available_ips = 200`)),
			checks: []badValueCheck{badAt(subnetA("capacity"), knownvalue.Int64Exact(200)), surgeA},
		},
		{
			// An empty update_surge is the EKS default; extra_nodes = 0 is
			// an in-place update; the quota's 100 is allowed.
			name: "update_surge/empty", body: badCluster(`update_surge {}`),
			checks: []badValueCheck{badAt(group0("surge_nodes"), knownvalue.Int64Exact(2)), surgeA},
		},
		{name: "update_surge.extra_nodes/zero", body: badCluster(badBlockOf("update_surge", []string{`extra_nodes = 0`})),
			checks: []badValueCheck{badAt(group0("surge_nodes"), knownvalue.Int64Exact(0))}},
		// 104 nodes at max + surge do not fit a /24: warn mode.
		{name: "update_surge.max_unavailable/quota", body: badCluster(badBlockOf("update_surge", []string{`max_unavailable = 100`}), `fail_on_insufficient_subnet = false`),
			checks: []badValueCheck{badAt(group0("surge_nodes"), knownvalue.Int64Exact(100)), badAttr("fits", knownvalue.Bool(false))}},
		{
			// An empty current is the add-on defaults: 20 pods and a warm
			// ENI want 4 ENIs' worth, capped at m5.large's 3 x 9 = 27
			// secondaries, 30 addresses.
			name: "current/empty", body: badCluster(`current {}`),
			checks: []badValueCheck{badAt(group0("current").AtMapKey("ips_per_node"), knownvalue.Int64Exact(30))},
		},
		{
			// Zero targets are valid settings: IP targets of 0 are unset,
			// and WARM_ENI_TARGET=0 still fills whole ENIs, adding one
			// when none is free: 20 pods take 3 ENIs, 27 secondaries.
			name: "current/zero", body: badCluster(badBlockOf("current", []string{`warm_eni_target = 0`, `warm_ip_target = 0`, `minimum_ip_target = 0`, `warm_prefix_target = 0`})),
			checks: []badValueCheck{badAt(group0("current").AtMapKey("secondary_ips_per_node"), knownvalue.Int64Exact(27))},
		},
		{
			// An empty security group list is no list: the ENIConfig then
			// uses the node's security groups. m5.large under custom
			// networking: (3-1)*9 = 18 pod addresses, max pods 20, so
			// expected_pods 17.
			name: "security_group_ids/empty", body: cn(badGroup(`expected_pods = 17`), `region = "eu-west-1"`, badPodSubnet(`security_group_ids = []`)),
			checks: []badValueCheck{cv(`{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-pa"}}},` + cnEnv)},
		},
		{name: "node_group/unknown", unknown: true, body: badCluster(dynamicBlock("node_group", "local.u.groups", "name", "instance_type", "expected_pods", "desired_nodes", "max_nodes")),
			checks: []badValueCheck{cv(fix), surgeA}},
		{name: "subnet/unknown", unknown: true, body: badCluster(dynamicBlock("subnet", "local.u.subnets", "id", "cidr", "availability_zone")), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].name/unknown", unknown: true, body: badCluster(badGroup(`name = local.u.general`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].instance_type/unknown", unknown: true, body: badCluster(badGroup(`instance_type = local.u.m5`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].expected_pods/unknown", unknown: true, body: badCluster(badGroup(`expected_pods = local.u.n20`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].desired_nodes/unknown", unknown: true, body: badCluster(badGroup(`desired_nodes = local.u.n2`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].max_nodes/unknown", unknown: true, body: badCluster(badGroup(`max_nodes = local.u.n4`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].max_pods/unknown", unknown: true, body: badCluster(badGroup(`max_pods = local.u.n100`)),
			checks: []badValueCheck{badAt(group0("max_pods"), knownvalue.Int64Exact(100))}},
		{name: "node_group[0].vcpus/unknown", unknown: true, body: badCluster(badGroup(`vcpus = local.u.n2`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].max_network_interfaces/unknown", unknown: true, body: badCluster(badGroup(`max_network_interfaces = local.u.n3`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].ipv4_addresses_per_interface/unknown", unknown: true, body: badCluster(badGroup(`ipv4_addresses_per_interface = local.u.n10`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "node_group[0].subnet_ids/unknown", unknown: true, body: badCluster(badGroup(`subnet_ids = [local.u.subnet_id]`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "subnet[0].id/unknown", unknown: true, body: badCluster(badNodeSubnet(`id = local.u.subnet_id`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "subnet[0].cidr/unknown", unknown: true, body: badCluster(badNodeSubnet(`cidr = local.u.cidr`)), checks: []badValueCheck{badAt(subnetA("capacity"), knownvalue.Int64Exact(251))}},
		{name: "subnet[0].availability_zone/unknown", unknown: true, body: badCluster(badNodeSubnet(`availability_zone = local.u.zone`)),
			checks: []badValueCheck{badAt(subnetA("availability_zone"), knownvalue.StringExact("eu-west-1a"))}},
		{name: "subnet[0].available_ips/unknown", unknown: true, body: badCluster(badNodeSubnet(`available_ips = local.u.n200`)),
			checks: []badValueCheck{badAt(subnetA("capacity"), knownvalue.Int64Exact(200))}},
		{name: "subnet[0].purpose/unknown", unknown: true, body: badCluster(badNodeSubnet(`purpose = local.u.nodes`)), checks: []badValueCheck{cv(fix), surgeA}},
		{name: "subnet[1].security_group_ids/unknown", unknown: true, body: cn(badGroup(`expected_pods = 17`), `region = "eu-west-1"`, badPodSubnet(`security_group_ids = local.u.sgs`)),
			checks: []badValueCheck{cv(`{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-pa","securityGroups":["sg-0a1b2c3d4e5f60718"]}}},` + cnEnv)}},
		{name: "spare_ips/unknown", unknown: true, body: badCluster(`spare_ips = local.u.n2`), checks: []badValueCheck{cv(fix)}},
		{name: "prefix_delegation/unknown", unknown: true, body: badCluster(`prefix_delegation = local.u.no`), checks: []badValueCheck{cv(fix)}},
		{name: "custom_networking/unknown", unknown: true, body: cn(badGroup(`expected_pods = 17`), `custom_networking = local.u.yes`),
			checks: []badValueCheck{cv(`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-pa"}}},` + cnEnv)}},
		{name: "max_eni/unknown", unknown: true, body: badCluster(`max_eni = local.u.n3`),
			checks: []badValueCheck{cv(`{"env":{"MAX_ENI":"3","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)}},
		{name: "region/unknown", unknown: true, body: cn(badGroup(`expected_pods = 17`), `region = local.u.region`),
			checks: []badValueCheck{cv(`{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-pa"}}},` + cnEnv)}},
		{name: "fail_on_insufficient_subnet/unknown", unknown: true, body: badCluster(`fail_on_insufficient_subnet = local.u.yes`), checks: []badValueCheck{badAttr("fits", knownvalue.Bool(true))}},
		{name: "update_surge/unknown", unknown: true, body: badCluster(dynamicBlock("update_surge", "[local.u.surge]", "extra_nodes")),
			checks: []badValueCheck{badAt(group0("surge_nodes"), knownvalue.Int64Exact(0))}},
		{name: "update_surge.extra_nodes/unknown", unknown: true, body: badCluster(badBlockOf("update_surge", []string{`extra_nodes = local.u.n3`})),
			checks: []badValueCheck{badAt(group0("surge_nodes"), knownvalue.Int64Exact(3))}},
		{name: "current/unknown", unknown: true, body: badCluster(dynamicBlock("current", "[local.u.current]", "minimum_ip_target", "warm_ip_target")),
			checks: []badValueCheck{badAt(group0("current").AtMapKey("ips_per_node"), knownvalue.Int64Exact(25))}},
		{name: "current.warm_ip_target/unknown", unknown: true, body: badCluster(badBlockOf("current", []string{`minimum_ip_target = 20`, `warm_ip_target = local.u.n2`})),
			checks: []badValueCheck{badAt(group0("current").AtMapKey("ips_per_node"), knownvalue.Int64Exact(25))}},
	})
}
