// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

// Issue 12's cases (the nodes clusters really run: mixed instance types,
// security groups for pods, Windows, enhanced subnet discovery, IPv6),
// pinned with numbers worked by hand. See pinned_day2_test.go for the
// sources in brackets; the node kinds come from research note
// /work/research/nodekinds.md (§1 security groups for pods, §2 Windows,
// §3 subnet discovery, §4 IPv6), which cites:
//   - [ipamd] aws/amazon-vpc-cni-k8s@b52188387 pkg/ipamd/ipamd.go
//     hasRoomForEni l.2592-2621 (the trunk takes one of ipamd's ENI slots
//     on trunk-compatible types), isConfigValid l.2755-2781 (IPv6 needs
//     prefix delegation), l.769-780 (no further ENIs in IPv6 mode);
//     pkg/awsutils/awsutils.go createENI l.1125-1221 and GetVpcSubnets
//     l.1223-1254 (a new ENI goes to the zone's eligible subnet with the
//     most free addresses);
//   - [rc] aws/amazon-vpc-resource-controller-k8s@b8d425119bdb
//     pkg/aws/vpc/limits.go (m5.large: 9 branch ENIs, trunk compatible;
//     t3.large: not compatible), pkg/provider/branch/trunk/trunk.go
//     l.431-455 (one address per branch ENI), pkg/provider/ip/provider.go
//     l.412-425 and eni/eni.go (Windows: primary ENI only, IPs - 1),
//     pkg/config/loader.go l.97-108 (warm-ip-target, minimum-ip-target);
//   - [ug] EKS User Guide: managed node groups (the smallest max pods of
//     a group's types, create-managed-node-group.adoc:103/:139; surge
//     max(2 x zones, maxUnavailable), "Understand each phase of node
//     updates"), windows-support.adoc l.26-29 (no custom networking),
//     cni-subnet-selection (enhanced subnet discovery).
//
// Instance facts (internal/ec2limits): m5.large, m5a.large, m6i.large
// 3 ENIs x 10 IPv4 (9 secondaries each); m5.xlarge and r5.xlarge 4 x 15
// (14); t3.large 3 x 12, not trunk compatible.

// pinGroupBlock is a node_group block.
func pinGroupBlock(kvs ...string) string { return badBlockOf("node_group", kvs) }

// pinSubnetBlock is a subnet block: id, CIDR, zone, then more lines.
func pinSubnetBlock(id, cidr, zone string, more ...string) string {
	return badBlockOf("subnet", append([]string{`id = "` + id + `"`, `cidr = "` + cidr + `"`, `availability_zone = "` + zone + `"`}, more...))
}

// pinEnv checks a map attribute exactly.
func pinEnv(attr string, want map[string]string) badValueCheck {
	m := map[string]knownvalue.Check{}
	for k, v := range want {
		m[k] = knownvalue.StringExact(v)
	}
	return badAttr(attr, knownvalue.MapExact(m))
}

var (
	// Two zones, a /24 each (251 usable).
	pinTwoZones = []string{pinSubnetBlock("subnet-a", "10.0.0.0/24", "eu-west-1a"), pinSubnetBlock("subnet-b", "10.0.1.0/24", "eu-west-1b")}
	// A rolling update adds max(2 x 2 zones, 10) = 10 nodes a group [ug].
	pinSurge10 = badBlockOf("update_surge", []string{`max_unavailable = 10`})
	pinNoSurge = badBlockOf("update_surge", []string{`extra_nodes = 0`})
	// Case 10: three 10-node groups of 3 x 10 types at 7 pods.
	pinThreeTypes = append([]string{pinSurge10,
		pinGroupBlock(`name = "m5"`, `instance_type = "m5.large"`, `expected_pods = 7`, `desired_nodes = 10`),
		pinGroupBlock(`name = "m5a"`, `instance_type = "m5a.large"`, `expected_pods = 7`, `desired_nodes = 10`),
		pinGroupBlock(`name = "m6i"`, `instance_type = "m6i.large"`, `expected_pods = 7`, `desired_nodes = 10`),
	}, pinTwoZones...)
	// Case 11: security groups for pods.
	pinSGPGroup = []string{`name = "general"`, `instance_type = "m5.large"`, `expected_pods = 15`, `pods_with_security_groups = 3`, `desired_nodes = 8`}
	// Case 12: Windows.
	pinWinGroup = pinGroupBlock(`name = "win"`, `instance_type = "m5.large"`, `os = "windows"`, `expected_pods = 9`, `desired_nodes = 10`)
	// Case 13: a node subnet and a kubernetes.io/role/cni subnet in one zone.
	pinDiscovery = []string{pinGroupBlock(`name = "memory"`, `instance_type = "r5.xlarge"`, `expected_pods = 20`, `desired_nodes = 10`),
		pinSubnetBlock("subnet-a", "10.0.0.0/24", "eu-west-1a"), pinSubnetBlock("cni-a", "100.64.0.0/26", "eu-west-1a", `purpose = "cni"`)}
	// Case 14: IPv6.
	pinIPv6Group = pinGroupBlock(`name = "memory"`, `instance_type = "r5.xlarge"`, `expected_pods = 20`, `desired_nodes = 10`)
)

// The three-group case's subnets at max + surge: 300 > 251.
var pinThreeTypesShort = []string{"Subnet subnet-a (10.0.0.0/24, eu-west-1a) is too small at max + surge: it needs 300 addresses and offers 251, 49 short. " +
	"Needed at desired / max / max + surge: 150 / 150 / 300. Groups with nodes here: m5, m5a and m6i.",
	"Subnet subnet-b (10.0.1.0/24, eu-west-1b) is too small at max + surge: it needs 300 addresses and offers 251, 49 short."}

// TestAccPinnedCluster runs every vpccni_cluster row of issues 11 and 12
// in one configuration (and the failing ones in one per phase).
func TestAccPinnedCluster(t *testing.T) {
	runGoodInputRows(t, "vpccni_cluster", append(day2ClusterRows(), nodesClusterRows()...))
	runBadInputRows(t, "vpccni_cluster", nodesClusterBadRows())
}

// nodesClusterRows are cases 10-14 of issue 12 on vpccni_cluster.
func nodesClusterRows() []goodInputRow {
	return []goodInputRow{
		{
			// Case 10, three groups. MIN = 7 (the smallest expected pods),
			// WARM = 2: max(7, 7+2) = 9 secondaries, one ENI's worth: 10
			// addresses a node. Each group: desired = max = 10 nodes, 5 a
			// zone; max + surge 10 + 10 = 20, 10 a zone. A subnet: desired
			// 3 x 5 x 10 = 150, max + surge 3 x 10 x 10 = 300 > 251.
			name: "case 10 three groups of one type", body: append([]string{`fail_on_insufficient_subnet = false`}, pinThreeTypes...),
			checks: []badValueCheck{pinInt("minimum_ip_target", 7), pinGroup("m6i", knownvalue.Int64Exact(10), "recommended", "ips_per_node"),
				pinGroup("m5", knownvalue.Int64Exact(10), "surge_nodes"),
				pinUsage("subnet-a", "ips_needed_desired", 150), pinUsage("subnet-a", "ips_needed_max", 150), pinUsage("subnet-a", "ips_needed_surge", 300),
				pinUsage("subnet-a", "headroom", -49), pinUsage("subnet-b", "ips_needed_surge", 300), badAttr("fits", knownvalue.Bool(false))},
		},
		{
			// Case 10, one group of the three types: 30 nodes, 15 a zone
			// (150); max + surge 30 + 10 = 40, 20 a zone: 200 <= 251. All
			// three get max pods 3 x 9 + 2 = 29 and take 10 addresses a
			// node; the first of equals names them.
			name: "case 10 one group of three types",
			body: append([]string{pinSurge10, pinGroupBlock(`name = "mixed"`, `instance_types = ["m5.large", "m5a.large", "m6i.large"]`, `expected_pods = 7`, `desired_nodes = 30`)}, pinTwoZones...),
			checks: []badValueCheck{pinGroup("mixed", knownvalue.Int64Exact(10), "surge_nodes"), pinGroup("mixed", knownvalue.Int64Exact(29), "max_pods"),
				pinUsage("subnet-a", "ips_needed_desired", 150), pinUsage("subnet-a", "ips_needed_surge", 200), pinUsage("subnet-b", "ips_needed_surge", 200),
				pinUsage("subnet-b", "headroom", 51), badAttr("fits", knownvalue.Bool(true))},
		},
		{
			// Case 10, m5.large and m5.xlarge at 20 pods: a managed node
			// group gives every node the smallest max pods [ug], m5.large's
			// 3 x 9 + 2 = 29 (m5.xlarge alone: 4 x 14 + 2 = 58). MIN 20 /
			// WARM 2 = 22 secondaries: m5.large 3 ENIs (9 + 9 + 4) -> 25,
			// m5.xlarge 2 ENIs (14 + 8) -> 24: m5.large is the worst.
			name: "case 10 m5.large and m5.xlarge",
			body: []string{pinGroupBlock(`name = "mixed"`, `instance_types = ["m5.large", "m5.xlarge"]`, `expected_pods = 20`, `desired_nodes = 2`), badNodeSubnet()},
			checks: []badValueCheck{pinGroup("mixed", knownvalue.Int64Exact(29), "max_pods"),
				pinGroup("mixed", knownvalue.StringExact("m5.large"), "max_pods_instance_type"), pinGroup("mixed", knownvalue.StringExact("m5.large"), "worst_instance_type"),
				pinGroup("mixed", knownvalue.Int64Exact(25), "recommended", "ips_per_node"), pinGroup("mixed", knownvalue.Int64Exact(3), "recommended", "enis_per_node")},
		},
		{
			// m5.xlarge alone, for comparison: 22 on 2 ENIs, 24.
			name:   "case 10 m5.xlarge alone",
			body:   []string{pinGroupBlock(`name = "xl"`, `instance_type = "m5.xlarge"`, `expected_pods = 20`, `desired_nodes = 2`), badNodeSubnet()},
			checks: []badValueCheck{pinGroup("xl", knownvalue.Int64Exact(58), "max_pods"), pinGroup("xl", knownvalue.Int64Exact(24), "recommended", "ips_per_node")},
		},
		{
			// Case 11. m5.large is trunk compatible [rc], so the trunk
			// takes one of its 3 ENI slots [ipamd]: ipamd has 2 x 9 = 18
			// pod addresses. MIN 15 / WARM 2: 17 secondaries on 2 ENIs
			// (9 + 8), + 2 ENI primaries + 1 trunk primary = 20 a node.
			// The 3 pods with security groups take a branch ENI each, one
			// address apiece [rc]: 3, outside ips_per_node. 23 a node:
			// desired 8 -> 184; max 8 + surge max(2 x 1, 1) = 2 -> 10 x
			// 23 = 230 <= 251. Max pods: 15 + 3 + 2 = 20 <= 29.
			name: "case 11 security groups for pods",
			body: []string{`security_groups_for_pods = true`, pinGroupBlock(pinSGPGroup...), badNodeSubnet()},
			checks: []badValueCheck{pinGroup("general", knownvalue.Int64Exact(17), "recommended", "secondary_ips_per_node"),
				pinGroup("general", knownvalue.Int64Exact(20), "recommended", "ips_per_node"), pinGroup("general", knownvalue.Int64Exact(3), "branch_ips_per_node"),
				pinGroup("general", knownvalue.Int64Exact(2), "surge_nodes"),
				pinUsage("subnet-a", "ips_needed_desired", 184), pinUsage("subnet-a", "ips_needed_surge", 230), badAttr("fits", knownvalue.Bool(true)),
				pinEnv("env", map[string]string{"ENABLE_POD_ENI": "true", "MINIMUM_IP_TARGET": "15", "WARM_IP_TARGET": "2"})},
		},
		{
			// Case 12. A Windows node uses its primary ENI only [rc]: max
			// pods = 10 - 1 = 9; warm 2 / minimum 9 hold min(max(9, 9+2), 9)
			// = 9 secondaries + 1 primary = 10 a node, 100 for 10 nodes in
			// a /25 (128 - 5 = 123). aws-node needs nothing: env is empty;
			// the amazon-vpc-cni ConfigMap gets the targets.
			name: "case 12 windows",
			body: []string{pinWinGroup, pinSubnetBlock("subnet-a", "10.0.0.0/25", "eu-west-1a"), pinNoSurge},
			checks: []badValueCheck{pinGroup("win", knownvalue.Int64Exact(9), "max_pods"), pinGroup("win", knownvalue.Int64Exact(10), "recommended", "ips_per_node"),
				pinUsage("subnet-a", "ips_needed_surge", 100), pinUsage("subnet-a", "capacity", 123), badAttr("fits", knownvalue.Bool(true)),
				pinEnv("env", map[string]string{}),
				pinEnv("windows_configmap_data", map[string]string{"enable-windows-ipam": "true", "minimum-ip-target": "9", "warm-ip-target": "2"})},
		},
		{
			// Case 13, discovery on (the default). r5.xlarge, MIN 20 /
			// WARM 2: 22 secondaries, the primary ENI 14 + 1 = 15 in the
			// node subnet, ENI 2 8 + 1 = 9 in the zone's freest subnet
			// when it is created [ipamd] createENI. Every node's primary
			// comes first, then the ENIs one by one, each to the subnet
			// with more free addresses (ties to the node subnet):
			//   desired 10: subnet-a 251 - 150 = 101 free, cni-a 59.
			//   101 92 83 74 65 -> a x5 (56 left); 59 > 56 -> cni (50);
			//   56 -> a (47); 50 -> cni (41); 47 -> a (38); 41 -> cni (32).
			//   a: 7 ENIs, 150 + 63 = 213; cni-a: 3 ENIs, 27.
			//   max + surge 12 (surge max(2 x 1, 1) = 2): a 251 - 180 = 71.
			//   71 -> a (62); 62 > 59 -> a (53); then cni 59, a 53, cni 50,
			//   a 44, cni 41, a 35, cni 32, a 26, cni 23, a 17:
			//   a: 7 ENIs, 180 + 63 = 243 <= 251; cni-a: 5 ENIs, 45 <= 59.
			name: "case 13 subnet discovery", body: pinDiscovery,
			checks: []badValueCheck{pinUsage("subnet-a", "ips_needed_desired", 213), pinUsage("cni-a", "ips_needed_desired", 27),
				pinUsage("subnet-a", "ips_needed_max", 213), pinUsage("cni-a", "ips_needed_max", 27),
				pinUsage("subnet-a", "ips_needed_surge", 243), pinUsage("cni-a", "ips_needed_surge", 45), badAttr("fits", knownvalue.Bool(true)),
				pinEnv("env", map[string]string{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2"})},
		},
		{
			// Case 13, discovery off: every address in the node subnet,
			// 12 x 24 = 288 > 251 (warned here, an error below).
			name: "case 13 subnet discovery off", body: append([]string{`subnet_discovery = false`, `fail_on_insufficient_subnet = false`}, pinDiscovery...),
			checks: []badValueCheck{pinUsage("subnet-a", "ips_needed_desired", 240), pinUsage("subnet-a", "ips_needed_surge", 288),
				pinUsage("cni-a", "ips_needed_surge", 0), badAttr("fits", knownvalue.Bool(false)),
				pinEnv("env", map[string]string{"ENABLE_SUBNET_DISCOVERY": "false", "MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2"})},
		},
		{
			// Case 14. Pods take IPv6 from the node's /80; each node keeps
			// its primary ENI's IPv4 and attaches no more ENIs [ipamd]: 10
			// nodes need 10 of a /28's 11. IPv6 needs prefix delegation.
			name: "case 14 ipv6", body: []string{`ip_family = "ipv6"`, pinNoSurge, pinIPv6Group, pinSubnetBlock("subnet-a", "10.0.0.0/28", "eu-west-1a")},
			checks: []badValueCheck{pinGroup("memory", knownvalue.Int64Exact(1), "recommended", "ips_per_node"),
				pinUsage("subnet-a", "ips_needed_surge", 10), pinUsage("subnet-a", "capacity", 11), badAttr("fits", knownvalue.Bool(true)),
				pinEnv("env", map[string]string{"ENABLE_IPv6": "true", "ENABLE_IPv4": "false", "ENABLE_PREFIX_DELEGATION": "true"})},
		},
		{
			// Case 14 with security groups for pods: the trunk ENI and the
			// branch ENI still take an IPv4 address each (nodekinds.md §4):
			// 1 + 1 + 1 = 3 a node, 30 for 10 nodes in a /26 (59).
			name: "case 14 ipv6 security groups for pods",
			body: []string{`ip_family = "ipv6"`, `security_groups_for_pods = true`, pinNoSurge,
				pinGroupBlock(`name = "memory"`, `instance_type = "r5.xlarge"`, `expected_pods = 20`, `pods_with_security_groups = 1`, `desired_nodes = 10`),
				pinSubnetBlock("subnet-a", "10.0.0.0/26", "eu-west-1a")},
			checks: []badValueCheck{pinGroup("memory", knownvalue.Int64Exact(2), "recommended", "ips_per_node"), pinGroup("memory", knownvalue.Int64Exact(1), "branch_ips_per_node"),
				pinUsage("subnet-a", "ips_needed_surge", 30), badAttr("fits", knownvalue.Bool(true)),
				pinEnv("env", map[string]string{"ENABLE_IPv6": "true", "ENABLE_IPv4": "false", "ENABLE_PREFIX_DELEGATION": "true", "ENABLE_POD_ENI": "true"})},
		},
	}
}

// nodesClusterBadRows are the failing vpccni_cluster rows of issue 12.
func nodesClusterBadRows() []badInputRow {
	sgp := func(over ...string) []string { return badMerge(pinSGPGroup, over...) }
	return []badInputRow{
		{name: "case 10 three groups of one type", read: true, body: pinThreeTypes, want: pinThreeTypesShort},
		// Case 11's errors, each alone: t3.large (3 x 12) has room for
		// 15 + 3 + 2 = 20 pods (max pods 3 x 11 + 2 = 35) but no trunk
		// [rc]; 10 pods with security groups on m5.large fit max pods
		// (15 + 10 + 2 = 27 <= 29) but not its 9 branch ENIs [rc].
		{
			name: "case 11 not trunk compatible", at: `pods_with_security_groups = 3`,
			body: []string{`security_groups_for_pods = true`, pinGroupBlock(sgp(`instance_type = "t3.large"`)...), badNodeSubnet()},
			want: []string{"general: t3.large cannot attach a trunk ENI (amazon-vpc-resource-controller-k8s limits: not trunking compatible), so its 3 pods with their own security groups would stay Pending."},
		},
		{
			name: "case 11 more than the branch ENIs", at: `pods_with_security_groups = 10`,
			body: []string{`security_groups_for_pods = true`, pinGroupBlock(sgp(`pods_with_security_groups = 10`)...), badNodeSubnet()},
			want: []string{"general: pods_with_security_groups = 10, but m5.large holds at most 9 branch ENIs (one per pod with its own security groups)."},
		},
		{
			name: "case 11 without security groups for pods", at: `pods_with_security_groups = 3`,
			body: []string{pinGroupBlock(pinSGPGroup...), badNodeSubnet()},
			want: []string{"general: pods_with_security_groups = 3, but security_groups_for_pods is false: without ENABLE_POD_ENI no trunk ENI is attached and such pods stay Pending."},
		},
		{
			// Case 12: a pod subnet turns custom networking on; Windows
			// nodes read no ENIConfig [ug].
			name: "case 12 windows custom networking", at: `os = "windows"`,
			body: []string{pinWinGroup, badNodeSubnet(), badBlockOf("subnet", badPodSubnetBase), `region = "eu-west-1"`},
			want: []string{"Windows nodes cannot use custom networking win: the VPC resource controller gives Windows nodes addresses on their primary ENI only and reads no ENIConfig"},
		},
		{
			name: "case 13 subnet discovery off", read: true, body: append([]string{`subnet_discovery = false`}, pinDiscovery...),
			want: []string{"Subnet subnet-a (10.0.0.0/24, eu-west-1a) is too small at max + surge: it needs 288 addresses and offers 251, 37 short. " +
				"Needed at desired / max / max + surge: 240 / 240 / 288."},
		},
	}
}

// nodesWarmPoolRows are case 12 on vpccni_warm_pool: the same 10 Windows
// m5.large nodes at 9 pods in a /25. They run in TestAccPinnedWarmPool.
func nodesWarmPoolRows() []goodInputRow {
	return []goodInputRow{{
		name: "case 12 windows",
		body: []string{`instance_type = "m5.large"`, `os = "windows"`, `expected_pods = 9`, `node_count = 10`, `subnet_cidrs = ["10.0.0.0/25"]`},
		checks: []badValueCheck{pinInt("max_pods", 9), pinIn("recommended", "ips_per_node", 10), pinIn("recommended", "total_ips", 100),
			pinInt("subnet_capacity", 123), badAttr("subnet_fits", knownvalue.Bool(true)), pinEnv("env", map[string]string{}),
			pinEnv("windows_configmap_data", map[string]string{"enable-windows-ipam": "true", "minimum-ip-target": "9", "warm-ip-target": "2"}),
			badAttr("node_config", knownvalue.Null()), badAttr("ec2_node_class_kubelet", knownvalue.Null())},
	}}
}
