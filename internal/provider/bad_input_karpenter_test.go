// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The rows of vpccni_cluster's karpenter_node_pool blocks, and of the
// inputs the first sweep of bad_input_nodes_test.go found mishandled (one
// error each now, on the right line): see bad_input_harness_test.go for
// how they run.

// badPoolBase is a pool of m5.large and m5.xlarge at 20 pods, at most 4
// nodes.
var badPoolBase = []string{`name = "default"`, `instance_types = ["m5.large", "m5.xlarge"]`, `expected_pods = 20`, `max_nodes = 4`}

func badPool(over ...string) string {
	return badBlockOf("karpenter_node_pool", badMerge(badPoolBase, over...))
}

// badPoolCluster is a cluster of one pool and the base node subnet.
func badPoolCluster(over ...string) []string {
	return badMerge([]string{badPool(), badNodeSubnet()}, over...)
}

func TestAccBadInputKarpenter(t *testing.T) {
	pool0 := func(attr string) tfjsonpath.Path {
		return tfjsonpath.New("karpenter_node_pools").AtMapKey("default").AtMapKey(attr)
	}
	poolNumber := func(attr string, lo, hi int64) []badInputRow {
		return badNestedNumberRows("karpenter_node_pool[0]."+attr, lo, hi, func(v string) []string { return badPoolCluster(badPool(attr + " = " + v)) })
	}
	var rows []badInputRow
	for _, n := range []struct {
		attr   string
		lo, hi int64
	}{{"expected_pods", 1, maxTarget}, {"max_nodes", 1, maxTarget}, {"max_vcpus", 1, maxPoolVCPUs}, {"desired_nodes", 0, maxTarget},
		{"running_nodes", 0, maxTarget}, {"surge_nodes", 0, maxTarget}, {"max_pods", 1, maxTarget}, {"pods_per_core", 1, maxTarget},
		{"pods_with_security_groups", 0, maxTarget}} {
		rows = append(rows, poolNumber(n.attr, n.lo, n.hi)...)
	}
	rows = append(rows, badNumberRows(badPoolCluster(), "karpenter_reserved_enis", 0, 1024)...)
	rows = append(rows,
		badNestedAt("karpenter_node_pool/misspelt argument", badPoolCluster(badPool(`expected_pod = 20`)), `expected_pod = 20`,
			`Unsupported argument An argument named "expected_pod" is not expected here.`),
		badNestedAt("karpenter_node_pool[0].name/null", badPoolCluster(badPool(`name = null`)), `name = null`,
			"Must set a configuration value for the karpenter_node_pool[0].name attribute"),
		badNestedAt("karpenter_node_pool[1].name/duplicate", badPoolCluster(badPool()+"\n  "+badPool()), `name = "default"`,
			`Duplicate NodePool name "default" appears 2 times (karpenter_node_pool[0] and karpenter_node_pool[1]); names key the karpenter_node_pools output, so they must differ.`),
		badNested("karpenter_node_pool[0]/no types", badPoolCluster(badPool(`-instance_types`)),
			`No instance types Give the types the pool may launch: instance_types, such as ["m5.large", "m6i.large"], or families`),
		badNestedAt("karpenter_node_pool[0].families/with instance_types", badPoolCluster(badPool(`families = ["m5"]`)), `families = ["m5"]`,
			"Invalid Attribute Combination families cannot be combined with instance_types: give the types by name, or select them by families and sizes."),
		badNestedAt("karpenter_node_pool[0].families/unknown family", badPoolCluster(badPool(`-instance_types`, `families = ["m99"]`)), `families = ["m99"]`,
			`Unknown instance family no instance type of family "m99" is in the embedded table`),
		badNestedAt("karpenter_node_pool[0].largest_size/below smallest", badPoolCluster(badPool(`-instance_types`, `families = ["m5"]`, `smallest_size = "xlarge"`, `largest_size = "large"`)),
			`largest_size = "large"`, `Size bounds in the wrong order smallest_size = "xlarge" is larger than largest_size = "large"`),
		badNested("karpenter_node_pool[0]/no limit", badPoolCluster(badPool(`-max_nodes`)),
			"Pool without a limit Give max_nodes, max_vcpus (the NodePool's limits.cpu), or both"),
		// Neither type runs 60 pods (m5.large 29, m5.xlarge 58): the first
		// type's reason, naming the other.
		badNestedAt("karpenter_node_pool[0].expected_pods/too many for every type", badPoolCluster(badPool(`expected_pods = 60`)), `expected_pods = 60`,
			"Expected pods exceed max pods default: expected_pods = 60 and 2 host-network pods (host_network_pods) need room for 62 pods, but m5.large runs at most 29"),
		badNestedAt("karpenter_node_pool[0].subnet_ids/unknown id", badPoolCluster(badPool(`subnet_ids = ["subnet-z"]`)), `subnet_ids = ["subnet-z"]`,
			`Unknown subnet id default lists "subnet-z", which no subnet block has.`),

		badNestedAt("karpenter_node_pool[0].running_nodes/more than the limits allow", badPoolCluster(badPool(`running_nodes = 5 # max_nodes is 4`)), `running_nodes = 5 # max_nodes is 4`,
			"More running nodes than the pool has default: running_nodes = 5 is more than the 4 nodes its limits allow of any type"),

		// Fixed after the first sweep and the review.
		badNestedAt("node_group[0].max_pods/zero on windows", badCluster(badGroup(`os = "windows"`, `expected_pods = 5`, `max_pods = 0`)), `max_pods = 0`,
			notForWindows("max_pods")),
		badNestedAt("node_group[0].expected_pods/same reason for two types",
			badCluster(badGroup(`-instance_type`, `instance_types = ["m5.large", "m5a.large"]`, `expected_pods = 40`)), `expected_pods = 40`,
			"need room for 42 pods, but m5.large runs at most 29: at most 27 of them can take warm-pool addresses. Use a larger instance type, prefix delegation, or fewer pods per node. The same holds for m5a.large."),
		badNestedAt("subnet[0].reserved_ips/over free", badCluster(badNodeSubnet(`available_ips = 100`, `reserved_ips = 150`)), `reserved_ips = 150`,
			"More reserved addresses than the subnet has free reserved_ips = 150, but available_ips = 100 and no group has running_nodes"),
		badTop("custom_networking/in IPv6", badMerge(badCluster(badGroup(`expected_pods = 17`), badPodSubnet()), `ip_family = "ipv6"`), `custom_networking = true`,
			"Custom networking in an IPv6 cluster ipamd refuses custom networking with ENABLE_IPv6"),
	)
	runBadInputRows(t, "vpccni_cluster", rows)

	// The worst case of the base pool: 4 nodes either way, m5.large takes
	// 25 addresses a node (22 secondaries on 3 ENIs) and m5.xlarge 24.
	worst := badAt(pool0("worst_instance_type"), knownvalue.StringExact("m5.large"))
	runGoodInputRows(t, "vpccni_cluster", []goodInputRow{
		{
			name: "pool inputs/null", body: badPoolCluster(badPool(`desired_nodes = null`, `running_nodes = null`, `surge_nodes = null`, `max_pods = null`,
				`pods_per_core = null`, `pods_with_security_groups = null`, `subnet_ids = null`, `max_vcpus = null`), `karpenter_reserved_enis = null`),
			checks: []badValueCheck{worst, badAttr("karpenter_reserved_enis", knownvalue.Int64Exact(0)), badAt(pool0("surge_nodes"), knownvalue.Int64Exact(1))},
		},
		// Only a node group and a pool: the pool alone plans.
		{name: "karpenter_node_pool/unknown", unknown: true,
			body:   badMerge(badCluster(), "-node_group", dynamicBlock("karpenter_node_pool", "local.u.pools", "name", "instance_types", "expected_pods", "max_nodes")),
			checks: []badValueCheck{worst}},
		{name: "karpenter_node_pool[0].instance_types/unknown", unknown: true, body: badPoolCluster(badPool(`instance_types = local.u.pool_types`)), checks: []badValueCheck{worst}},
		{name: "karpenter_node_pool[0].max_nodes/unknown", unknown: true, body: badPoolCluster(badPool(`max_nodes = local.u.n4`)),
			checks: []badValueCheck{badAt(pool0("nodes_max"), knownvalue.Int64Exact(4))}},
		// 32 vCPUs: 16 m5.large (400 addresses) against 8 m5.xlarge (192).
		{name: "karpenter_node_pool[0].max_vcpus/unknown", unknown: true, body: badPoolCluster(badPool(`-max_nodes`, `max_vcpus = local.u.n32`), badNodeSubnet(`cidr = "10.0.0.0/22"`)),
			checks: []badValueCheck{worst, badAt(pool0("nodes_max"), knownvalue.Int64Exact(16))}},
		{name: "karpenter_node_pool[0].max_pods/unknown", unknown: true, body: badPoolCluster(badPool(`max_pods = local.u.n100`), `prefix_delegation = true`),
			checks: []badValueCheck{badAt(pool0("max_pods"), knownvalue.Int64Exact(100))}},
		// With security groups for pods the reserved ENIs default to 1.
		{name: "karpenter_reserved_enis/default with pod ENIs", body: badPoolCluster(badPool(`expected_pods = 10`), `security_groups_for_pods = true`),
			checks: []badValueCheck{badAttr("karpenter_reserved_enis", knownvalue.Int64Exact(1)), badAt(pool0("max_pods"), knownvalue.Int64Exact(20))}},
		// Two reserved ENIs leave m5.large (3 - 2) x 9 + 2 = 11 pods, so
		// Karpenter packs 9 of the 10 onto it (with a warning): MIN 10,
		// WARM 2 hold max(10, 9 + 2) = 11 secondaries on 2 ENIs, 13
		// addresses, as many as m5.xlarge's 12 on 1 ENI: the first wins.
		{name: "karpenter_reserved_enis/unknown", unknown: true, body: badPoolCluster(badPool(`expected_pods = 10`), `karpenter_reserved_enis = local.u.n2`),
			checks: []badValueCheck{badAt(pool0("max_pods"), knownvalue.Int64Exact(11)), worst}},
	})
	// A subnet list unknown until apply, with its reservations given.
	runGoodInputRows(t, "vpccni_warm_pool", []goodInputRow{
		{name: "subnet_reserved_ips/with unknown subnet list", unknown: true,
			body:   badMerge(badWarmPoolBase, `subnet_cidrs = local.u.cidrs`, `subnet_reserved_ips = [10]`),
			checks: []badValueCheck{badAttr("subnet_capacity", knownvalue.Int64Exact(251-10))}},
	})
}
