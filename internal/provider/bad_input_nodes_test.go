// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The rows of the inputs that say how a group's nodes run pods (os, the
// launch paths, pods with security groups, host-network pods, running
// nodes, reserved addresses) and of the cluster-wide switches that go
// with them: see bad_input_harness_test.go for how they run.
//
// Where a message repeats the bad line ("running_nodes = 4 is more than
// ..."), the row's line carries a comment, so that the check on the quoted
// line cannot be met by the message.

// notForWindows is the error on a Linux launch setting of a Windows group.
func notForWindows(attr string) string {
	return fmt.Sprintf("Not for Windows nodes %[1]s sets how Linux nodes get their kubelet max pods; Windows nodes get IPv4 addresses per ENI - 1 "+
		"(110 with prefix delegation) from the VPC resource controller's model, which the plan uses. Leave %[1]s out for os = \"windows\".", attr)
}

const (
	badWinCustomNetworking = "Windows nodes cannot use custom networking %sthe VPC resource controller gives Windows nodes addresses on their " +
		"primary ENI only and reads no ENIConfig (EKS User Guide, Windows support). Plan Windows groups in a cluster without custom_networking."
	badWinSGPods = "Windows nodes cannot give pods their own security groups %sthe VPC resource controller attaches trunk and branch ENIs to " +
		"Linux nodes only. Set pods_with_security_groups = 0 for Windows groups."
	badNoPodENI = "Pods with security groups need ENABLE_POD_ENI %spods_with_security_groups = 2, but security_groups_for_pods is false: " +
		"without ENABLE_POD_ENI no trunk ENI is attached and such pods stay Pending. Set security_groups_for_pods = true."
	badNoTrunk = "Instance type cannot give pods their own security groups %st3.large cannot attach a trunk ENI (amazon-vpc-resource-controller-k8s " +
		"limits: not trunking compatible), so its 2 pods with their own security groups would stay Pending. Use a type that supports security " +
		"groups for pods (not t2, t3, t4g and other older families)."
	badOverBranch = "More pods with security groups than branch ENIs %spods_with_security_groups = 10, but m5.large holds at most 9 branch ENIs " +
		"(one per pod with its own security groups)."
)

func TestAccBadInputWarmPoolNodes(t *testing.T) {
	base := badWarmPoolBase
	karpenter := badMerge(base, `max_pods_from = "karpenter"`)
	// r5.xlarge runs 14 pods on Windows: its primary ENI's secondaries.
	win := badMerge(base, `os = "windows"`, `expected_pods = 10`)
	// m5.large holds 9 branch ENIs and, with the trunk ENI, 18 pod
	// addresses.
	sgp := badMerge(base, `instance_type = "m5.large"`, `expected_pods = 5`, `security_groups_for_pods = true`)
	cidr := badMerge(base, `subnet_cidrs = ["10.0.0.0/24"]`)
	const withoutKarpenter = `reserved_enis without Karpenter reserved_enis is Karpenter's RESERVED_ENIS, which only a Karpenter NodePool reads; ` +
		`set max_pods_from = "karpenter", or leave reserved_enis out.`
	var rows []badInputRow
	rows = append(rows, badNumberRows(base, "pods_with_security_groups", 0, maxTarget)...)
	rows = append(rows, badNumberRows(base, "running_nodes", 0, maxTarget)...)
	rows = append(rows, badNumberRows(base, "pods_per_core", 1, maxTarget)...)
	rows = append(rows, badNumberRows(karpenter, "reserved_enis", 0, maxOverrideENIs)...)
	rows = append(rows, badNumberRows(base, "host_network_pods", 0, maxTarget)...)
	for _, in := range badNumbers {
		if in.value == "0" {
			continue
		}
		line := "subnet_reserved_ips = [" + in.value + "]"
		rows = append(rows, badTop("subnet_reserved_ips/"+in.name, cidr, line, in.want("subnet_reserved_ips[0]", 0, maxAvailableIPs)))
	}
	rows = append(rows,
		badTop("misspelt argument", base, `max_pod_from = "nodeadm"`,
			`Unsupported argument An argument named "max_pod_from" is not expected here. Did you mean "max_pods_from"?`),
		badTop("os/capitalised", base, `os = "Windows"`, `Invalid operating system "Windows" is not one of "linux", "windows".`),
		badTop("os/empty", base, `os = ""`, `Invalid operating system "" is not one of "linux", "windows".`),
		badTop("max_pods_from/unknown path", base, `max_pods_from = "eks"`,
			`Invalid max_pods_from "eks" is not one of "managed_node_group", "nodeadm", "karpenter".`),
		badTop("security_groups_for_pods/string", base, `security_groups_for_pods = "yes"`,
			`Incorrect attribute value type Inappropriate value for attribute "security_groups_for_pods": a bool is required.`),
		badTop("reserved_enis/without max_pods_from", base, `reserved_enis = 1`, withoutKarpenter),
		badTop("reserved_enis/with nodeadm", badMerge(base, `max_pods_from = "nodeadm"`), `reserved_enis = 1`, withoutKarpenter),
		badTop("max_pods_from/windows", win, `max_pods_from = "nodeadm"`, notForWindows("max_pods_from")),
		badTop("max_pods/windows", win, `max_pods = 20`, notForWindows("max_pods")),
		badTop("pods_per_core/windows", win, `pods_per_core = 10`, notForWindows("pods_per_core")),
		badTop("os/windows with custom networking", badMerge(win, `custom_networking = true`, `pod_subnet_cidrs = ["100.64.0.0/24"]`), `os = "windows"`,
			fmt.Sprintf(badWinCustomNetworking, "")),
		badTop("running_nodes/more than node_count", base, `running_nodes = 4 # node_count is 3`,
			"More running nodes than the group has running_nodes = 4 is more than node_count = 3; running_nodes are the group's nodes that run now, before the change."),
		badTop("pods_with_security_groups/without security_groups_for_pods", badMerge(sgp, `-security_groups_for_pods`),
			`pods_with_security_groups = 2 # security_groups_for_pods is false`, fmt.Sprintf(badNoPodENI, "")),
		badTop("pods_with_security_groups/windows", badMerge(win, `security_groups_for_pods = true`), `pods_with_security_groups = 2`,
			fmt.Sprintf(badWinSGPods, "")),
		badTop("pods_with_security_groups/no trunk ENI", badMerge(sgp, `instance_type = "t3.large"`), `pods_with_security_groups = 2`,
			fmt.Sprintf(badNoTrunk, "")),
		badTop("pods_with_security_groups/over branch ENIs", sgp, `pods_with_security_groups = 10 # m5.large has 9`, fmt.Sprintf(badOverBranch, "")),
		badTop("subnet_reserved_ips/null element", cidr, `subnet_reserved_ips = [null]`,
			"Null List Value Element 0 of subnet_reserved_ips is null; remove it or give a value."),
		badTop("subnet_reserved_ips/fewer than subnet_cidrs", badMerge(base, `subnet_cidrs = ["10.0.0.0/24", "10.0.1.0/24"]`), `subnet_reserved_ips = [10]`,
			"Subnet lists differ in length subnet_reserved_ips has 1 elements and subnet_cidrs 2; they pair up by position, so give one value per subnet (or leave subnet_reserved_ips out)."),
		badTop("subnet_reserved_ips/more than subnet_available_ips", badMerge(base, `subnet_available_ips = [200]`), `subnet_reserved_ips = [10, 20]`,
			"Subnet lists differ in length subnet_reserved_ips has 2 elements and subnet_available_ips 1; they pair up by position, so give one value per subnet (or leave subnet_reserved_ips out)."),
		badTop("subnet_reserved_ips/without subnets", base, `subnet_reserved_ips = [10]`,
			"Reserved addresses without subnets subnet_reserved_ips pairs up with subnet_cidrs or subnet_available_ips by position; give the subnets too, or leave it out."),
	)
	runBadInputRows(t, "vpccni_warm_pool", rows)

	maxPods := func(n int64) badValueCheck { return badAttr("max_pods", knownvalue.Int64Exact(n)) }
	runGoodInputRows(t, "vpccni_warm_pool", []goodInputRow{
		{
			// Null optional inputs take their defaults.
			name: "node inputs/null", body: badMerge(base, `os = null`, `pods_with_security_groups = null`, `running_nodes = null`, `max_pods_from = null`,
				`pods_per_core = null`, `reserved_enis = null`, `host_network_pods = null`, `security_groups_for_pods = null`, `subnet_reserved_ips = null`),
			checks: []badValueCheck{badAttr("host_network_pods", knownvalue.Int64Exact(2)), badAttr("security_groups_for_pods", knownvalue.Bool(false)),
				badAttr("branch_ips_per_node", knownvalue.Int64Exact(0)), badAttr("windows_configmap_data", knownvalue.Null()), maxPods(58)},
		},
		// The limits themselves are accepted.
		{name: "running_nodes/node_count", body: badMerge(base, `running_nodes = 3`, `subnet_available_ips = [200]`),
			checks: []badValueCheck{badAt(tfjsonpath.New("subnets").AtSliceIndex(0).AtMapKey("held_now"), knownvalue.Int64Exact(3*45))}},
		{name: "pods_with_security_groups/branch ENIs", body: badMerge(sgp, `pods_with_security_groups = 9`),
			checks: []badValueCheck{badAttr("branch_ips_per_node", knownvalue.Int64Exact(9))}},
		{name: "os/unknown", unknown: true, body: badMerge(win, `os = local.u.windows`), checks: []badValueCheck{maxPods(14)}},
		{name: "pods_with_security_groups/unknown", unknown: true, body: badMerge(sgp, `pods_with_security_groups = local.u.n2`),
			checks: []badValueCheck{badAttr("branch_ips_per_node", knownvalue.Int64Exact(2))}},
		// 2 running nodes hold 45 addresses each with the add-on defaults.
		{name: "running_nodes/unknown", unknown: true, body: badMerge(base, `running_nodes = local.u.n2`, `subnet_available_ips = [200]`),
			checks: []badValueCheck{badAt(tfjsonpath.New("subnets").AtSliceIndex(0).AtMapKey("held_now"), knownvalue.Int64Exact(90))}},
		// Under prefix delegation a managed node group would give 110.
		{name: "max_pods_from/unknown", unknown: true, body: badMerge(base, `max_pods_from = local.u.nodeadm`, `prefix_delegation = true`),
			checks: []badValueCheck{maxPods(58)}},
		// An unknown path may turn out "karpenter": reserved_enis waits.
		{name: "max_pods_from/unknown with reserved_enis", unknown: true, body: badMerge(base, `max_pods_from = local.u.karpenter`, `reserved_enis = 1`),
			checks: []badValueCheck{maxPods((4-1)*14 + 2)}},
		{name: "pods_per_core/unknown", unknown: true, body: badMerge(base, `pods_per_core = local.u.n10`), checks: []badValueCheck{maxPods(10 * 4)}},
		{name: "reserved_enis/unknown", unknown: true, body: badMerge(karpenter, `reserved_enis = local.u.n2`), checks: []badValueCheck{maxPods((4-2)*14 + 2)}},
		{name: "host_network_pods/unknown", unknown: true, body: badMerge(base, `host_network_pods = local.u.n4`),
			checks: []badValueCheck{badAttr("kubelet_max_pods", knownvalue.Int64Exact(58+2))}},
		{name: "security_groups_for_pods/unknown", unknown: true, body: badMerge(base, `security_groups_for_pods = local.u.yes`),
			checks: []badValueCheck{badAttr("configuration_values", knownvalue.StringExact(`{"env":{"ENABLE_POD_ENI":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`))}},
		{name: "subnet_reserved_ips/unknown element", unknown: true, body: badMerge(cidr, `subnet_reserved_ips = [local.u.n10]`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(251-10))}},
		{name: "subnet_reserved_ips/unknown list", unknown: true, body: badMerge(cidr, `subnet_reserved_ips = local.u.reserved`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(251-10))}},
	})
}

func TestAccBadInputClusterNodes(t *testing.T) {
	// A group of instance_types instead of instance_type.
	typesGroup := func(over ...string) string {
		return badGroup(append([]string{`-instance_type`, `instance_types = ["m5.large", "m5a.large"]`}, over...)...)
	}
	// m5.large runs 9 pods on Windows.
	winGroup := func(over ...string) string {
		return badGroup(append([]string{`os = "windows"`, `expected_pods = 5`}, over...)...)
	}
	// With security groups for pods m5.large holds 18 pod addresses.
	sgp := func(over ...string) []string {
		return badCluster(badGroup(append([]string{`expected_pods = 5`}, over...)...), `security_groups_for_pods = true`)
	}
	cniSubnet := func(over ...string) string {
		return badNodeSubnet() + "\n  " + badBlockOf("subnet", badMerge(
			[]string{`id = "subnet-c"`, `cidr = "10.0.9.0/24"`, `availability_zone = "eu-west-1a"`, `purpose = "cni"`}, over...))
	}
	groupNumber := func(attr string, lo, hi int64) []badInputRow {
		return badNestedNumberRows("node_group[0]."+attr, lo, hi, func(v string) []string { return badCluster(badGroup(attr + " = " + v)) })
	}
	const override = "Override with instance_types %[1]s overrides the table entry of one type, and instance_types lists several; " +
		"give a type that needs overrides as instance_type in a group of its own."
	var rows []badInputRow
	rows = append(rows, badNumberRows(badCluster(), "host_network_pods", 0, maxTarget)...)
	rows = append(rows, groupNumber("pods_with_security_groups", 0, maxTarget)...)
	rows = append(rows, groupNumber("running_nodes", 0, maxTarget)...)
	rows = append(rows, groupNumber("pods_per_core", 1, maxTarget)...)
	rows = append(rows, badNestedNumberRows("subnet[0].reserved_ips", 0, maxAvailableIPs, func(v string) []string {
		return badCluster(badNodeSubnet("reserved_ips = " + v))
	})...)
	for _, attr := range []string{"max_network_interfaces = 3", "ipv4_addresses_per_interface = 10", "vcpus = 2"} {
		rows = append(rows, badNestedAt("node_group[0]."+badKey(attr)+"/with instance_types", badCluster(typesGroup(attr)), attr,
			fmt.Sprintf(override, badKey(attr))))
	}
	rows = append(rows,
		badTop("misspelt argument", badCluster(), `ip_familly = "ipv6"`,
			`Unsupported argument An argument named "ip_familly" is not expected here. Did you mean "ip_family"?`),
		badTop("ip_family/capitalised", badCluster(), `ip_family = "IPv6"`, `Invalid IP family "IPv6" is not one of "ipv4", "ipv6".`),
		badTop("ip_family/empty", badCluster(), `ip_family = ""`, `Invalid IP family "" is not one of "ipv4", "ipv6".`),
		badTop("subnet_discovery/string", badCluster(), `subnet_discovery = "on"`,
			`Incorrect attribute value type Inappropriate value for attribute "subnet_discovery": a bool is required.`),
		badTop("security_groups_for_pods/string", badCluster(), `security_groups_for_pods = "yes"`,
			`Incorrect attribute value type Inappropriate value for attribute "security_groups_for_pods": a bool is required.`),

		badNestedAt("node_group/misspelt argument", badCluster(badGroup(`pods_with_security_group = 2`)), `pods_with_security_group = 2`,
			`Unsupported argument An argument named "pods_with_security_group" is not expected here. Did you mean "pods_with_security_groups"?`),
		badNestedAt("node_group[0].instance_types/with instance_type", badCluster(badGroup(`instance_types = ["m5.large", "m5a.large"]`)),
			`instance_types = ["m5.large", "m5a.large"]`,
			"Conflicting instance types instance_type and instance_types are both set; give instance_type for a group of one type (with its overrides), "+
				"or instance_types for a group that may launch several."),
		// Neither is set: Terraform quotes the block.
		badNestedAt("node_group[0].instance_type/neither", badCluster(badGroup(`-instance_type`)), `node_group {`,
			`Missing instance type Give the group's instance_type, such as "m5.large", or instance_types, such as ["m5.large", "m5a.large"].`),
		badNestedAt("node_group[0].instance_types/empty list", badCluster(typesGroup(`instance_types = []`)), `instance_types = []`,
			"Attribute node_group[0].instance_types list must contain at least 1 elements, got: 0"),
		badNestedAt("node_group[0].instance_types/null element", badCluster(typesGroup(`instance_types = [null]`)), `instance_types = [null]`,
			"Null List Value Element 0 of node_group[0].instance_types is null; remove it or give a value."),
		badNestedAt("node_group[0].instance_types/empty string", badCluster(typesGroup(`instance_types = [""]`)), `instance_types = [""]`,
			`Unknown instance type The instance type is empty; give an EC2 instance type such as "m5.large".`),
		badNestedAt("node_group[0].instance_types/upper case", badCluster(typesGroup(`instance_types = ["m5.large", "M5A.LARGE"]`)),
			`instance_types = ["m5.large", "M5A.LARGE"]`,
			`Unknown instance type instance type "M5A.LARGE" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean m5a.large?`),
		badNestedAt("node_group[0].instance_types/duplicate", badCluster(typesGroup(`instance_types = ["m5.large", "m5.large"]`)),
			`instance_types = ["m5.large", "m5.large"]`,
			`Duplicate List Value "m5.large" is also element 0 of node_group[0].instance_types; list each value once.`),
		badNestedAt("node_group[0].os/capitalised", badCluster(badGroup(`os = "Linux"`)), `os = "Linux"`,
			`Invalid operating system "Linux" is not one of "linux", "windows".`),
		badNestedAt("node_group[0].max_pods_from/unknown path", badCluster(badGroup(`max_pods_from = "eks"`)), `max_pods_from = "eks"`,
			`Invalid max_pods_from "eks" is not one of "managed_node_group", "nodeadm".`),
		badNestedAt("node_group[0].max_pods_from/windows", badCluster(winGroup(`max_pods_from = "nodeadm"`)), `max_pods_from = "nodeadm"`,
			notForWindows("max_pods_from")),
		badNestedAt("node_group[0].max_pods/windows", badCluster(winGroup(`max_pods = 9`)), `max_pods = 9`, notForWindows("max_pods")),
		badNestedAt("node_group[0].pods_per_core/windows", badCluster(winGroup(`pods_per_core = 4`)), `pods_per_core = 4`, notForWindows("pods_per_core")),
		// Custom networking comes from the pod subnet.
		badNestedAt("node_group[0].os/windows with custom networking", badCluster(winGroup(), badPodSubnet()), `os = "windows"`,
			fmt.Sprintf(badWinCustomNetworking, "general: ")),
		badNestedAt("node_group[0].os/windows with ipv6", badCluster(winGroup(), `ip_family = "ipv6"`), `os = "windows"`,
			"Windows nodes cannot run in an IPv6 cluster general: EKS supports Windows nodes in IPv4 clusters only (EKS User Guide, Windows support)."),
		badNestedAt("node_group[0].running_nodes/more than max_nodes", badCluster(badGroup(`running_nodes = 5 # max_nodes is 4`)),
			`running_nodes = 5 # max_nodes is 4`,
			"More running nodes than the group has general: running_nodes = 5 is more than the group's max size, 4 (max_nodes, which defaults to desired_nodes); running_nodes are the group's nodes that run now, before the change."),
		badNestedAt("node_group[0].pods_with_security_groups/without security_groups_for_pods", badCluster(badGroup(`pods_with_security_groups = 2 # without`)),
			`pods_with_security_groups = 2 # without`, fmt.Sprintf(badNoPodENI, "general: ")),
		badNestedAt("node_group[0].pods_with_security_groups/windows", sgp(`os = "windows"`, `pods_with_security_groups = 2`), `pods_with_security_groups = 2`,
			fmt.Sprintf(badWinSGPods, "general: ")),
		badNestedAt("node_group[0].pods_with_security_groups/no trunk ENI", sgp(`instance_type = "t3.large"`, `pods_with_security_groups = 2`),
			`pods_with_security_groups = 2`, fmt.Sprintf(badNoTrunk, "general: ")),
		badNestedAt("node_group[0].pods_with_security_groups/over branch ENIs", sgp(`pods_with_security_groups = 10 # m5.large has 9`),
			`pods_with_security_groups = 10 # m5.large has 9`, fmt.Sprintf(badOverBranch, "general: ")),

		badNestedAt("subnet/misspelt argument", badCluster(badNodeSubnet(`reserved_ip = 3`)), `reserved_ip = 3`,
			`Unsupported argument An argument named "reserved_ip" is not expected here. Did you mean "reserved_ips"?`),
		badNestedAt("subnet[0].reserved_ips/more than the subnet has", badCluster(badNodeSubnet(`reserved_ips = 300 # a /24 has 251`)),
			`reserved_ips = 300 # a /24 has 251`,
			"More reserved addresses than the subnet has reserved_ips = 300, but 10.0.0.0/24 has 251 usable addresses (AWS reserves 5)."),
		badNestedAt("subnet[0].purpose/capitalised cni", badCluster(badNodeSubnet(`purpose = "CNI"`)), `purpose = "CNI"`,
			`Invalid subnet purpose "CNI" is not one of "nodes", "pods", "cni".`),
		badNestedAt("subnet[1].security_group_ids/cni subnet", badCluster(cniSubnet(`security_group_ids = ["sg-0a1b2c3d4e5f60718"]`)),
			`security_group_ids = ["sg-0a1b2c3d4e5f60718"]`,
			"Security groups on a discovery subnet security_group_ids are the ENIConfig security groups of a pod subnet; ENIs that subnet discovery "+
				"creates in subnet-c keep the node's security groups. Remove them."),
	)
	runBadInputRows(t, "vpccni_cluster", rows)

	group0 := func(attr string) tfjsonpath.Path { return tfjsonpath.New("groups").AtMapKey("general").AtMapKey(attr) }
	usage := func(id, attr string) tfjsonpath.Path {
		return tfjsonpath.New("subnets_usage").AtMapKey(id).AtMapKey(attr)
	}
	maxPods := func(n int64) badValueCheck { return badAt(group0("max_pods"), knownvalue.Int64Exact(n)) }
	// t3.medium runs fewer pods (17) than m5.large, so every node gets
	// its max pods.
	smallest := badAt(group0("max_pods_instance_type"), knownvalue.StringExact("t3.medium"))
	runGoodInputRows(t, "vpccni_cluster", []goodInputRow{
		{
			// Null optional inputs take their defaults.
			name: "node inputs/null", body: badCluster(badGroup(`os = null`, `pods_with_security_groups = null`, `running_nodes = null`, `max_pods_from = null`,
				`pods_per_core = null`, `instance_types = null`), badNodeSubnet(`reserved_ips = null`),
				`host_network_pods = null`, `security_groups_for_pods = null`, `ip_family = null`, `subnet_discovery = null`),
			checks: []badValueCheck{badAttr("ip_family", knownvalue.StringExact("ipv4")), badAttr("subnet_discovery", knownvalue.Bool(true)),
				badAttr("host_network_pods", knownvalue.Int64Exact(2)), badAt(usage("subnet-a", "capacity"), knownvalue.Int64Exact(251)), maxPods(29)},
		},
		{name: "node_group[0].running_nodes/max_nodes", body: badCluster(badGroup(`running_nodes = 4`), badNodeSubnet(`available_ips = 200`)),
			checks: []badValueCheck{badAt(usage("subnet-a", "held_now"), knownvalue.Int64Exact(4*30))}},
		{name: "host_network_pods/unknown", unknown: true, body: badCluster(`host_network_pods = local.u.n4`),
			checks: []badValueCheck{badAt(group0("kubelet_max_pods"), knownvalue.Int64Exact(29+2))}},
		{name: "security_groups_for_pods/unknown", unknown: true, body: badCluster(badGroup(`expected_pods = 17`), `security_groups_for_pods = local.u.yes`),
			checks: []badValueCheck{badAttr("configuration_values", knownvalue.StringExact(`{"env":{"ENABLE_POD_ENI":"true","MINIMUM_IP_TARGET":"17","WARM_IP_TARGET":"2"}}`))}},
		// One IPv4 address a node: 4 at max.
		{name: "ip_family/unknown", unknown: true, body: badCluster(`ip_family = local.u.ipv6`),
			checks: []badValueCheck{badAt(usage("subnet-a", "ips_needed_max"), knownvalue.Int64Exact(4))}},
		// Without discovery the cni subnet gets no ENI.
		{name: "subnet_discovery/unknown", unknown: true, body: badCluster(cniSubnet(), `subnet_discovery = local.u.no`),
			checks: []badValueCheck{badAt(usage("subnet-c", "ips_needed_max"), knownvalue.Int64Exact(0))}},
		{name: "node_group[0].instance_types/unknown", unknown: true, body: badCluster(typesGroup(`instance_types = local.u.types`, `expected_pods = 10`)),
			checks: []badValueCheck{smallest}},
		{name: "node_group[0].instance_types/unknown element", unknown: true,
			body: badCluster(typesGroup(`instance_types = [local.u.m5, "t3.medium"]`, `expected_pods = 10`)), checks: []badValueCheck{smallest}},
		{name: "node_group[0].os/unknown", unknown: true, body: badCluster(winGroup(`os = local.u.windows`)), checks: []badValueCheck{maxPods(9)}},
		{name: "node_group[0].pods_with_security_groups/unknown", unknown: true, body: sgp(`pods_with_security_groups = local.u.n2`),
			checks: []badValueCheck{badAt(group0("branch_ips_per_node"), knownvalue.Int64Exact(2))}},
		// 2 running nodes hold 30 addresses each with the add-on defaults.
		{name: "node_group[0].running_nodes/unknown", unknown: true, body: badCluster(badGroup(`running_nodes = local.u.n2`), badNodeSubnet(`available_ips = 200`)),
			checks: []badValueCheck{badAt(usage("subnet-a", "held_now"), knownvalue.Int64Exact(60))}},
		// Under prefix delegation a managed node group would give 110.
		{name: "node_group[0].max_pods_from/unknown", unknown: true, body: badCluster(badGroup(`max_pods_from = local.u.nodeadm`), `prefix_delegation = true`),
			checks: []badValueCheck{maxPods(29)}},
		{name: "node_group[0].pods_per_core/unknown", unknown: true, body: badCluster(badGroup(`pods_per_core = local.u.n20`), `prefix_delegation = true`),
			checks: []badValueCheck{maxPods(20 * 2)}},
		{name: "subnet[0].reserved_ips/unknown", unknown: true, body: badCluster(badNodeSubnet(`reserved_ips = local.u.n10`)),
			checks: []badValueCheck{badAt(usage("subnet-a", "capacity"), knownvalue.Int64Exact(251-10))}},
		// Discovery puts the ENIs after the primary in the freer subnet.
		{name: "subnet[1].purpose/unknown", unknown: true, body: badCluster(cniSubnet(`purpose = local.u.cni`)),
			checks: []badValueCheck{badAt(usage("subnet-c", "ips_needed_max"), knownvalue.Int64Exact(50))}},
	})
}
