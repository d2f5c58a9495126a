// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// threeGroups is the example of the docs guide: m5.large 20 pods x 6-12
// nodes, r5.xlarge 40 x 3-6, c5.4xlarge 100 x 2-4, over three zones.
func threeGroups(t *testing.T, cidrs [3]string) ClusterInput {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods}
	for i, g := range []struct {
		name, typ               string
		pods, desired, maxNodes int
	}{{"general", "m5.large", 20, 6, 12}, {"memory", "r5.xlarge", 40, 3, 6}, {"compute", "c5.4xlarge", 100, 2, 4}} {
		_ = i
		in.Groups = append(in.Groups, clusterGroup(t, g.name, g.typ, g.pods, g.desired, g.maxNodes))
	}
	for i, z := range []string{"a", "b", "c"} {
		in.Subnets = append(in.Subnets, ClusterSubnet{ID: "subnet-" + z, CIDR: cidrs[i], AvailabilityZone: "eu-west-1" + z, Available: -1, Purpose: PurposeNodes})
	}
	return in
}

// TestClusterThreeGroups works the guide's example by hand.
//
// Recommendation: MINIMUM_IP_TARGET = min(20, 40, 100) = 20,
// WARM_IP_TARGET = 2. Per node (secondaries = max(20, pods + 2)):
//
//	m5.large   (3 ENIs x 9):  22 on ceil(22/9)  = 3 ENIs -> 25 addresses
//	r5.xlarge  (4 ENIs x 14): 42 on ceil(42/14) = 3 ENIs -> 45
//	c5.4xlarge (8 ENIs x 29): 102 on ceil(102/29) = 4 ENIs -> 106
//
// Add-on defaults (whole ENIs, one spare): m5.large 27 (all 3 ENIs) -> 30,
// r5.xlarge 56 on 4 -> 60. c5.4xlarge (16 vCPUs) gets max pods 110 from a
// managed node group (the calculator's 234 capped at 110), and ipamd adds
// no ENI once its addresses reach max pods (model notes, "No ENI is added
// once total >= max pods"): the spare fifth ENI never comes, and 4 ENIs
// hold 116 secondaries -> 120.
//
// Surge: each group spans 3 zones, so EKS adds max(2*3, 1) = 6 nodes.
// Nodes desired / max / max+surge and their spread over zones a, b, c:
//
//	m5.large    6 (2,2,2) / 12 (4,4,4) / 18 (6,6,6)
//	r5.xlarge   3 (1,1,1) /  6 (2,2,2) / 12 (4,4,4)
//	c5.4xlarge  2 (1,1,0) /  4 (2,1,1) / 10 (4,3,3)
//
// Zone a at max + surge: 6*25 + 4*45 + 4*106 = 150 + 180 + 424 = 754;
// zones b and c: 150 + 180 + 3*106 = 648. At desired a and b take
// 50 + 45 + 106 = 201, c 95; at max a takes 100 + 90 + 212 = 402, b and c
// 296. A /22 offers 1019. saved_ips at desired: 6*5 + 3*15 + 2*14 = 103.
func TestClusterThreeGroups(t *testing.T) {
	in := threeGroups(t, [3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"})
	if f := ValidateCluster(in); len(f) > 0 {
		t.Fatalf("validation: %+v", f)
	}
	r := Cluster(in)
	if w, m := r.Recommended.WarmIPTarget.Or(0), r.Recommended.MinimumIPTarget.Or(0); w != 2 || m != 20 {
		t.Fatalf("WARM %d MIN %d, want 2 and 20", w, m)
	}
	wantPerNode := map[string][2]int{"general": {25, 30}, "memory": {45, 60}, "compute": {106, 120}}
	for _, g := range r.Groups {
		if got := [2]int{g.Recommended.SubnetIPs(), g.Baseline.SubnetIPs()}; got != wantPerNode[g.Name] || g.SurgeNodes != 6 {
			t.Errorf("%s: per node %v surge %d, want %v and 6", g.Name, got, g.SurgeNodes, wantPerNode[g.Name])
		}
	}
	want := map[string][3]int64{"subnet-a": {201, 402, 754}, "subnet-b": {201, 296, 648}, "subnet-c": {95, 296, 648}}
	for _, s := range r.Subnets {
		if s.Needed != want[s.ID] || s.Capacity != 1019 || !s.Fits() {
			t.Errorf("%s: needed %v capacity %d fits %t, want %v 1019 true", s.ID, s.Needed, s.Capacity, s.Fits(), want[s.ID])
		}
		if strings.Join(s.Groups, ",") != "general,memory,compute" {
			t.Errorf("%s loaded by %v", s.ID, s.Groups)
		}
	}
	if !r.Fits || r.SavedIPs != 103 || r.Subnets[r.Worst].ID != "subnet-a" || r.Subnets[r.Worst].Headroom() != 265 {
		t.Errorf("fits %t saved %d worst %s headroom %d; want true 103 subnet-a 265", r.Fits, r.SavedIPs, r.Subnets[r.Worst].ID, r.Subnets[r.Worst].Headroom())
	}
	if len(r.Findings) != 0 {
		t.Errorf("findings: %+v", r.Findings)
	}
}

func TestClusterSubnetTooSmall(t *testing.T) {
	in := threeGroups(t, [3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"})
	r := Cluster(in)
	f := findingsAt(r.Findings, "subnet[0]")
	if len(f) != 1 || f[0].Severity != Error {
		t.Fatalf("findings: %+v", r.Findings)
	}
	for _, want := range []string{"Subnet subnet-a (10.0.0.0/24, eu-west-1a) is too small at max: it needs 402 addresses and offers 251, 151 short",
		"desired / max / max + surge: 201 / 402 / 754", "Groups with nodes here: general, memory and compute", "is a /22 (1019 usable"} {
		if !strings.Contains(f[0].Detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, f[0].Detail)
		}
	}
	if r.Fits || r.Subnets[r.Worst].ID != "subnet-a" || r.Subnets[r.Worst].Headroom() != 251-754 {
		t.Errorf("fits %t worst %s %d", r.Fits, r.Subnets[r.Worst].ID, r.Subnets[r.Worst].Headroom())
	}
}

// TestClusterMinimumRule proves the shared MINIMUM_IP_TARGET (the smallest
// expected pods) costs no group an address at steady state: every group
// projects exactly as with its own recommendation (MIN = its pods), over
// random groups of random types, with and without prefix delegation and
// custom networking. It also shows a larger MIN would cost something.
func TestClusterMinimumRule(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	costlier := 0
	for trial := range 2000 {
		in := ClusterInput{SpareIPs: rng.Intn(6), PrefixDelegation: trial%3 == 1, CustomNetworking: trial%4 == 2, Surge: DefaultSurge()}
		for g := range 1 + rng.Intn(4) {
			name := ec2limits.Name(rng.Intn(ec2limits.Len()))
			n := node(t, name)
			mode := ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking}
			limit := min(effectiveMaxPods(n, mode).Pods, ipam.PodIPCapacity(n, mode))
			if limit < 1 {
				continue
			}
			cg := ClusterGroup{Name: fmt.Sprint(g), DesiredNodes: 1, MaxNodes: 1}
			cg.Types, cg.ExpectedPods = []NamedNode{{name, n}}, 1+rng.Intn(limit)
			in.Groups = append(in.Groups, cg)
		}
		if len(in.Groups) == 0 {
			continue
		}
		rec, _, _ := recommendCluster(in)
		shared := rec.Settings
		for _, g := range in.Groups {
			n := g.Types[0].Node
			mode := ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking}
			own := ipam.Recommend(n, mode, g.ExpectedPods, in.SpareIPs).Settings
			if a, b := ipam.Project(n, shared, g.ExpectedPods), ipam.Project(n, own, g.ExpectedPods); a != b {
				t.Fatalf("trial %d, %s (%d pods): shared %+v\nown %+v", trial, g.Types[0].Name, g.ExpectedPods, a, b)
			}
			bigger := shared
			bigger.MinimumIPTarget = ipam.TargetOf(shared.MinimumIPTarget.Or(0) + 16)
			if ipam.Project(n, bigger, g.ExpectedPods).SubnetIPs() > ipam.Project(n, own, g.ExpectedPods).SubnetIPs() {
				costlier++
			}
		}
	}
	if costlier == 0 {
		t.Error("a larger MINIMUM_IP_TARGET never cost a group anything; the test proves nothing")
	}
}

func TestSurgeRule(t *testing.T) {
	// EKS User Guide, managed node update behavior, scale-up phase: "the
	// larger of up to twice the number of Availability Zones ... or the
	// maxUnavailable"; its example: 5 zones and maxUnavailable 1 launch up
	// to 10 nodes, maxUnavailable 20 launches 20.
	cases := []struct {
		s               Surge
		zones, maxNodes int
		want            int
	}{
		{DefaultSurge(), 5, 30, 10},
		{Surge{ExtraNodes: -1, MaxUnavailable: 20}, 5, 30, 20},
		{DefaultSurge(), 1, 3, 2},
		{Surge{ExtraNodes: -1, MaxUnavailablePercentage: 50}, 3, 20, 10},
		{Surge{ExtraNodes: 0}, 3, 20, 0},
	}
	for _, c := range cases {
		if got := c.s.surgeNodes(c.zones, c.maxNodes); got != c.want {
			t.Errorf("%+v with %d zones, %d max: %d, want %d", c.s, c.zones, c.maxNodes, got, c.want)
		}
	}
}

// Custom networking: m5.large drops to 18 pod addresses (2 pod ENIs x 9),
// so that group runs 15 pods; MIN = 15, WARM = 2. Per node: m5.large 17 on
// 2 pod ENIs -> 19 pod-subnet addresses, r5.xlarge 42 on 3 -> 45,
// c5.4xlarge 102 on 4 -> 106, each plus 1 in the node subnet. Pod subnet a
// at max + surge: 6*19 + 4*45 + 4*106 = 718; node subnet a: 6 + 4 + 4 = 14.
func TestClusterCustomNetworking(t *testing.T) {
	in := threeGroups(t, [3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"})
	in.Groups[0].ExpectedPods = 15
	in.CustomNetworking = true
	in.Region = "eu-west-1"
	for i, z := range []string{"a", "b", "c"} {
		in.Subnets = append(in.Subnets, ClusterSubnet{ID: "subnet-pods-" + z, CIDR: fmt.Sprintf("100.64.%d.0/19", 32*i), AvailabilityZone: "eu-west-1" + z, Available: -1, Purpose: PurposePods, SecurityGroupIDs: []string{"sg-pods"}})
	}
	if f := ValidateCluster(in); len(f) > 0 {
		t.Fatalf("validation: %+v", f)
	}
	r := Cluster(in)
	got := map[string]int64{}
	for _, s := range r.Subnets {
		got[s.ID] = s.Needed[PhaseSurge]
	}
	if got["subnet-pods-a"] != 718 || got["subnet-a"] != 14 || !r.Fits {
		t.Errorf("surge needs %v, fits %t", got, r.Fits)
	}
	if r.ENIConfig == nil || r.ENIConfig.Subnets["eu-west-1b"].ID != "subnet-pods-b" || r.ENIConfig.Region != "eu-west-1" {
		t.Errorf("ENIConfig %+v", r.ENIConfig)
	}

	// A zone without a pod subnet is an error naming it.
	in.Subnets = in.Subnets[:5]
	f := ValidateCluster(in)
	if !f.HasError() || !strings.Contains(fmt.Sprint(f), `availability_zone = "eu-west-1c"`) {
		t.Errorf("missing pod subnet: %+v", f)
	}
}

// Prefix delegation (all three types Nitro, at most 16 vCPUs: cap 110):
// m5.large ceil(22/16) = 2 prefixes -> 33 addresses, r5.xlarge 3 -> 49,
// c5.4xlarge ceil(102/16) = 7 -> 113. Zone a at max + surge: 6*2 + 4*3 +
// 4*7 = 52 prefixes and 14 ENI primaries, in a /22 with 62 whole blocks;
// a prefix reservation for 52 blocks is a /22.
func TestClusterPrefixDelegation(t *testing.T) {
	in := threeGroups(t, [3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"})
	in.PrefixDelegation = true
	r := Cluster(in)
	a := r.Subnets[0]
	if a.Needed[PhaseSurge] != 6*33+4*49+4*113 || a.PrefixBlocks != 62 || a.PrefixBlocksNeeded != 52 || a.ReservationBits != 22 || !a.Fits() {
		t.Errorf("subnet a: %+v", a)
	}
	in.Subnets[0].Available = 900
	r = Cluster(in)
	if f := findingsAt(r.Findings, "subnet[0].available_ips"); len(f) != 1 || !strings.Contains(f[0].Detail, "/22 CIDR") {
		t.Errorf("findings %+v", r.Findings)
	}
}

func TestClusterValidation(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*ClusterInput)
		where string
		want  string
	}{
		{"no groups", func(in *ClusterInput) { in.Groups = nil }, "node_group", "at least one node_group or karpenter_node_pool block"},
		{"duplicate name", func(in *ClusterInput) { in.Groups[1].Name = "general" }, "node_group[1].name", `"general" appears 2 times (node_group[0] and node_group[1])`},
		{"duplicate subnet", func(in *ClusterInput) { in.Subnets[2].ID = "subnet-a" }, "subnet[2].id", `"subnet-a" appears 2 times (subnet[0] and subnet[2])`},
		{"unknown subnet id", func(in *ClusterInput) { in.Groups[0].SubnetIDs = []string{"subnet-a", "subnet-x"} }, "node_group[0].subnet_ids[1]", `"subnet-x", which no subnet block has`},
		{"max below desired", func(in *ClusterInput) { in.Groups[0].MaxNodes = 2 }, "node_group[0].max_nodes", "max_nodes = 2 is below desired_nodes = 6"},
		{"pods over max", func(in *ClusterInput) { in.Groups[0].ExpectedPods = 30 }, "node_group[0].expected_pods", "need room for 32 pods, but m5.large runs at most 29"},
		{"overlap", func(in *ClusterInput) { in.Subnets[1].CIDR = "10.0.0.0/23" }, "subnet[1].cidr", "subnet[1].cidr = 10.0.0.0/23 (subnet-b) overlaps subnet[0].cidr = 10.0.0.0/22 (subnet-a)"},
		{"pods subnet without CN", func(in *ClusterInput) { in.Subnets[2].Purpose = PurposePods }, "subnet[2].purpose", "custom_networking = false"},
		{"no size", func(in *ClusterInput) { in.Subnets[0].CIDR = "" }, "subnet[0]", "neither cidr nor available_ips"},
		{"zero max", func(in *ClusterInput) { in.Groups[0].DesiredNodes, in.Groups[0].MaxNodes = 0, 0 }, "node_group[0].max_nodes", "max_nodes is 0"},
		{"SGs on node subnet", func(in *ClusterInput) { in.Subnets[0].SecurityGroupIDs = []string{"sg-1"} }, "subnet[0].security_group_ids", "node subnet"},
		{"reserved over free", func(in *ClusterInput) { in.Subnets[0].Available, in.Subnets[0].Reserved = 100, 150 }, "subnet[0].reserved_ips", "reserved_ips = 150, but available_ips = 100"},
		{"reserved over CIDR", func(in *ClusterInput) { in.Subnets[0].Reserved = 1020 }, "subnet[0].reserved_ips", "reserved_ips = 1020, but 10.0.0.0/22 has 1019 usable addresses"},
		{"custom networking in IPv6", func(in *ClusterInput) {
			in.IPv6, in.CustomNetworking = true, true
			in.Subnets = append(in.Subnets, ClusterSubnet{ID: "p", CIDR: "100.64.0.0/16", AvailabilityZone: "eu-west-1a", Available: -1, Purpose: PurposePods})
		}, "custom_networking", "Custom Networking is not supported in IPv6 mode"},
		{"same reason for two types", func(in *ClusterInput) {
			in.Groups[0].Types = append(in.Groups[0].Types, NamedNode{"m5a.large", node(t, "m5a.large")})
			in.Groups[0].ExpectedPods = 40
		}, "node_group[0].expected_pods", "The same holds for m5a.large."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := threeGroups(t, [3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"})
			c.edit(&in)
			f := findingsAt(ValidateCluster(in), c.where)
			if len(f) != 1 || f[0].Severity != Error || !strings.Contains(f[0].Detail, c.want) {
				t.Errorf("findings at %s: %+v", c.where, ValidateCluster(in))
			}
		})
	}
}

// clusterGroup is a managed node group of one instance type.
func clusterGroup(t testing.TB, name, typ string, pods, desired, maxNodes int) ClusterGroup {
	g := ClusterGroup{Name: name, DesiredNodes: desired, MaxNodes: maxNodes}
	g.Types = []NamedNode{{typ, node(t, typ)}}
	g.ExpectedPods = pods
	return g
}

// TestMixedTypesBaseline: each setting has its own worst type. A managed
// node group of m5.large and m5.xlarge gives every node max pods 29 (the
// smaller). At 20 pods the recommendation's worst is m5.large (22
// secondaries on 3 ENIs of 9: 25 against m5.xlarge's 2 ENIs of 14: 24),
// but under the add-on defaults m5.xlarge holds more: 20 pods fill one
// ENI and part of a second, WARM_ENI_TARGET=1 adds a third, and only then
// do its 42 secondaries reach max pods 29 (model notes, "No ENI is added
// once total >= max pods"): 45, against m5.large's 27 + 3 = 30.
func TestMixedTypesBaseline(t *testing.T) {
	in := threeGroups(t, [3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"})
	in.Groups = in.Groups[:1]
	in.Groups[0].Types = append(in.Groups[0].Types, NamedNode{"m5.xlarge", node(t, "m5.xlarge")})
	g := Cluster(in).Groups[0]
	if g.WorstType != "m5.large" || g.Recommended.SubnetIPs() != 25 || g.Baseline.SubnetIPs() != 45 || g.MaxPods.Pods != 29 {
		t.Errorf("worst %s: recommended %d, baseline %d, max pods %d; want m5.large 25, 45, 29", g.WorstType, g.Recommended.SubnetIPs(), g.Baseline.SubnetIPs(), g.MaxPods.Pods)
	}
}
