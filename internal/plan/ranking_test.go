// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// rankTypes looks the names up in the table; vcpus gives vCPU counts.
func rankTypes(t testing.TB, vcpus map[string]int, names ...string) []RankType {
	t.Helper()
	out := make([]RankType, len(names))
	for i, n := range names {
		l, ok := ec2limits.Lookup(n)
		if !ok {
			t.Fatalf("%s not in table", n)
		}
		out[i] = RankType{Name: n, Node: ipam.NodeFromLimits(l, vcpus[n])}
	}
	return out
}

// candidateOf finds a type in the ranking.
func candidateOf(t *testing.T, r Ranking, name string) Candidate {
	t.Helper()
	for _, c := range r.Candidates {
		if c.InstanceType == name {
			return c
		}
	}
	t.Fatalf("%s not ranked; candidates: %v", name, names(r))
	return Candidate{}
}

func names(r Ranking) []string {
	out := make([]string, len(r.Candidates))
	for i, c := range r.Candidates {
		out[i] = c.InstanceType
	}
	return out
}

// The expected numbers below are worked by hand from the table rows
// (ENIs x IPv4 per ENI; S = IPv4 per ENI - 1 secondaries per ENI), with
// MINIMUM_IP_TARGET = pods per node and WARM_IP_TARGET = spare IPs: a node
// with p pods holds max(MIN, p + WARM) secondaries (or that many
// addresses rounded up to /28s under prefix delegation), on
// ceil(secondaries / S) ENIs, each ENI adding its primary address.
func TestRankCandidates(t *testing.T) {
	cases := []struct {
		name string
		in   RankInput
		want map[string]Candidate
	}{
		{
			// 20 pods + 2 spare = 22 secondaries.
			//   c5/m5/r5.4xlarge 8x30, S=29: 1 ENI  -> 23 a node, 10 nodes 230.
			//   r5.xlarge 4x15, S=14:        2 ENIs -> 24, 240 (the article's).
			//   m5.large 3x10, S=9:          3 ENIs -> 25, 250.
			// Max pods: 8*29+2 = 234, 4*14+2 = 58, 3*9+2 = 29.
			name: "article workload",
			in:   RankInput{Types: rankTypes(t, nil, "m5.large", "r5.xlarge", "c5.4xlarge"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 2},
			want: map[string]Candidate{
				"c5.4xlarge": {InstanceType: "c5.4xlarge", MaxPods: 234, PodsPerNode: 20, Nodes: 10, IPsPerNode: 23, TotalIPs: 230, NodeSubnetIPs: 230, MinimumIPTarget: 20, WarmIPTarget: 2},
				"r5.xlarge":  {InstanceType: "r5.xlarge", MaxPods: 58, PodsPerNode: 20, Nodes: 10, IPsPerNode: 24, TotalIPs: 240, NodeSubnetIPs: 240, MinimumIPTarget: 20, WarmIPTarget: 2},
				"m5.large":   {InstanceType: "m5.large", MaxPods: 29, PodsPerNode: 20, Nodes: 10, IPsPerNode: 25, TotalIPs: 250, NodeSubnetIPs: 250, MinimumIPTarget: 20, WarmIPTarget: 2},
			},
		},
		{
			// 205 pods: 10 nodes of 20 and an 11th with 5. MINIMUM_IP_TARGET
			// still holds 20 on it (max(20, 5+2) = 20): 2 ENIs, 22
			// addresses. 10*24 + 22 = 262.
			name: "remainder node",
			in:   RankInput{Types: rankTypes(t, nil, "r5.xlarge"), ExpectedPods: 20, TotalPods: 205, SpareIPs: 2},
			want: map[string]Candidate{
				"r5.xlarge": {InstanceType: "r5.xlarge", MaxPods: 58, PodsPerNode: 20, Nodes: 11, IPsPerNode: 24, TotalIPs: 262, NodeSubnetIPs: 262, MinimumIPTarget: 20, WarmIPTarget: 2},
			},
		},
		{
			// Custom networking, r5.xlarge: max pods (4-1)*14+2 = 44; 22
			// pod addresses on 2 pod ENIs plus the primary ENI: 3 ENIs, 25
			// a node. The node subnet keeps 1 a node (10), the pod subnet
			// 24 (240).
			name: "custom networking",
			in:   RankInput{Types: rankTypes(t, nil, "r5.xlarge"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 2, CustomNetworking: true},
			want: map[string]Candidate{
				"r5.xlarge": {InstanceType: "r5.xlarge", MaxPods: 44, PodsPerNode: 20, Nodes: 10, IPsPerNode: 25, TotalIPs: 250, NodeSubnetIPs: 10, PodSubnetIPs: 240, MinimumIPTarget: 20, WarmIPTarget: 2},
			},
		},
		{
			// t3.nano 2x2: one secondary per ENI, 2 pod addresses, max
			// pods 2*1+2 = 4, so 2 pods a node and 100 nodes. Each node
			// fills both ENIs: 2 secondaries + 2 primaries = 4; 400.
			// WARM_IP_TARGET is clamped to the 2 addresses the node has.
			name: "pod addresses limit pods per node",
			in:   RankInput{Types: rankTypes(t, nil, "t3.nano"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 2},
			want: map[string]Candidate{
				"t3.nano": {InstanceType: "t3.nano", MaxPods: 4, PodsPerNode: 2, Nodes: 100, IPsPerNode: 4, TotalIPs: 400, NodeSubnetIPs: 400, MinimumIPTarget: 2, WarmIPTarget: 2},
			},
		},
		{
			// MAX_ENI=1 on r5.xlarge: 14 pod addresses, max pods 16, so 14
			// pods a node: 15 nodes (14*14 = 196, the last with 4). Every
			// node holds the one ENI's 14 secondaries: 15 a node, 225.
			name: "MAX_ENI",
			in:   RankInput{Types: rankTypes(t, nil, "r5.xlarge"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 2, MaxENI: 1},
			want: map[string]Candidate{
				"r5.xlarge": {InstanceType: "r5.xlarge", MaxPods: 16, PodsPerNode: 14, Nodes: 15, IPsPerNode: 15, TotalIPs: 225, NodeSubnetIPs: 225, MinimumIPTarget: 14, WarmIPTarget: 2},
			},
		},
		{
			// Prefix delegation, m5.large with its 2 vCPUs: max pods
			// 3*9*16+2 = 434 capped at 110, so 110 pods a node, 2 nodes.
			// 112 addresses = 7 /28s on 1 ENI: 113 a node, 226.
			// c4.large is Xen: ipamd falls back to secondary IPs, max pods
			// stays 3*9+2 = 29 and its 27 addresses hold 27 pods a node:
			// 9 nodes (8*27 = 216, the last with 4), each 27 secondaries on
			// 3 ENIs = 30 addresses; 270.
			name: "prefix delegation",
			in: RankInput{Types: rankTypes(t, map[string]int{"m5.large": 2, "c4.large": 2}, "m5.large", "c4.large"),
				ExpectedPods: 200, TotalPods: 220, SpareIPs: 2, PrefixDelegation: true},
			want: map[string]Candidate{
				"m5.large": {InstanceType: "m5.large", MaxPods: 110, PodsPerNode: 110, Nodes: 2, IPsPerNode: 113, TotalIPs: 226, NodeSubnetIPs: 226, MinimumIPTarget: 110, WarmIPTarget: 2, PrefixDelegation: true},
				"c4.large": {InstanceType: "c4.large", MaxPods: 29, PodsPerNode: 27, Nodes: 9, IPsPerNode: 30, TotalIPs: 270, NodeSubnetIPs: 270, MinimumIPTarget: 27, WarmIPTarget: 2},
			},
		},
		{
			// m5.8xlarge (8x30) under prefix delegation, 200 pods a node,
			// 400 in all. With its 32 vCPUs the cap is 250: 200 pods a
			// node, 2 nodes; 202 addresses = 13 /28s (208) on 1 ENI: 209
			// a node, 418.
			name: "prefix delegation with vCPUs",
			in: RankInput{Types: rankTypes(t, map[string]int{"m5.8xlarge": 32}, "m5.8xlarge"),
				ExpectedPods: 200, TotalPods: 400, SpareIPs: 2, PrefixDelegation: true},
			want: map[string]Candidate{
				"m5.8xlarge": {InstanceType: "m5.8xlarge", MaxPods: 250, PodsPerNode: 200, Nodes: 2, IPsPerNode: 209, TotalIPs: 418, NodeSubnetIPs: 418, MinimumIPTarget: 200, WarmIPTarget: 2, PrefixDelegation: true},
			},
		},
		{
			// c7i.32xlarge is one of the 35 types the instance data has
			// no vCPU count for. Without it the cap is assumed 110: 4
			// nodes (110, 110, 110, 70). MIN 110 + WARM 2 = 112 = 7 /28s,
			// and the last node too (max(110, 72)): 113 each, 452.
			name: "prefix delegation, vCPUs assumed",
			in: RankInput{Types: rankTypes(t, nil, "c7i.32xlarge"),
				ExpectedPods: 200, TotalPods: 400, SpareIPs: 2, PrefixDelegation: true},
			want: map[string]Candidate{
				"c7i.32xlarge": {InstanceType: "c7i.32xlarge", MaxPods: 110, PodsPerNode: 110, Nodes: 4, IPsPerNode: 113, TotalIPs: 452, NodeSubnetIPs: 452, MinimumIPTarget: 110, WarmIPTarget: 2, PrefixDelegation: true, CapAssumed: true},
			},
		},
		{
			// spare_ips 0 is WARM_IP_TARGET 1: 21 secondaries on 2 ENIs.
			name: "spare IPs raised",
			in:   RankInput{Types: rankTypes(t, nil, "r5.xlarge"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 0},
			want: map[string]Candidate{
				"r5.xlarge": {InstanceType: "r5.xlarge", MaxPods: 58, PodsPerNode: 20, Nodes: 10, IPsPerNode: 23, TotalIPs: 230, NodeSubnetIPs: 230, MinimumIPTarget: 20, WarmIPTarget: 1},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Rank(c.in)
			if len(r.Candidates) != len(c.want) {
				t.Fatalf("%d candidates (%v), want %d", len(r.Candidates), names(r), len(c.want))
			}
			for name, want := range c.want {
				got := candidateOf(t, r, name)
				if got != want {
					t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
				}
			}
		})
	}
}

func TestRankOrder(t *testing.T) {
	in := RankInput{
		Types: rankTypes(t, nil, "r5.4xlarge", "m5.large", "m5.8xlarge", "c5.4xlarge", "r5.xlarge", "c5.2xlarge", "m5.4xlarge", "hpc6id.32xlarge"),
		// Custom networking leaves hpc6id.32xlarge, with 1 ENI on its
		// default card, no pod ENI at all.
		ExpectedPods: 20, TotalPods: 200, SpareIPs: 2, CustomNetworking: true,
	}
	r := Rank(in)
	// Under custom networking every 8-ENI type holds 22 pod addresses on
	// one pod ENI: 2 ENIs + 22 = 24 a node, 240. The 4x15 types need two
	// pod ENIs (25, 250). m5.large has 2 pod ENIs of 9: 18 pods a node, so
	// 12 nodes (the last with 2), each holding all 18 on 3 ENIs: 21 a
	// node, 252. Ties go to the smaller size, then the name.
	want := []string{"c5.4xlarge", "m5.4xlarge", "r5.4xlarge", "m5.8xlarge", "r5.xlarge", "c5.2xlarge", "m5.large"}
	if got := names(r); !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if r.Excluded != 1 {
		t.Errorf("excluded %d, want 1 (hpc6id.32xlarge)", r.Excluded)
	}
	wantIPs := []int64{240, 240, 240, 240, 250, 250, 252}
	for i, c := range r.Candidates {
		if c.TotalIPs != wantIPs[i] {
			t.Errorf("%s total %d, want %d", c.InstanceType, c.TotalIPs, wantIPs[i])
		}
	}

	// The input order does not matter.
	rev := in
	rev.Types = slices.Clone(in.Types)
	slices.Reverse(rev.Types)
	if got := Rank(rev); !reflect.DeepEqual(got, r) {
		t.Errorf("reversed input ranks %v, want %v", names(got), want)
	}

	// The limit keeps the best; excluded still counts capacity only.
	in.Limit = 2
	r = Rank(in)
	if got := names(r); !reflect.DeepEqual(got, want[:2]) || r.Excluded != 1 {
		t.Errorf("limit 2: %v excluded %d, want %v excluded 1", got, r.Excluded, want[:2])
	}
}

// Fewer nodes win a tie in addresses, before the smaller size: 200 pods
// at 20 a node take 240 addresses on three types.
//   - r5.xlarge (4x15): 10 nodes of 24 (22 secondaries on 2 ENIs).
//   - m4.large (2x10): 18 pod addresses, so 18 pods a node and 12 nodes
//     (11*18 = 198, the last with 2); MIN 18 + WARM 2 is clamped to the
//     18 the node holds: 2 ENIs, 20 a node, also on the last (max(18, 4)).
//   - c1.medium (2x6): 10 pods a node, 20 nodes of 10 + 2 = 12.
func TestRankTieOnNodes(t *testing.T) {
	r := Rank(RankInput{Types: rankTypes(t, nil, "c1.medium", "m4.large", "r5.xlarge"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 2})
	if got, want := names(r), []string{"r5.xlarge", "m4.large", "c1.medium"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i, want := range [][2]int{{240, 10}, {240, 12}, {240, 20}} {
		if c := r.Candidates[i]; c.TotalIPs != int64(want[0]) || c.Nodes != want[1] {
			t.Errorf("%s: %d addresses on %d nodes, want %d on %d", c.InstanceType, c.TotalIPs, c.Nodes, want[0], want[1])
		}
	}
}

func TestRankFindings(t *testing.T) {
	r := Rank(RankInput{Types: rankTypes(t, nil, "r5.xlarge"), ExpectedPods: 20, TotalPods: 200, SpareIPs: 0})
	if w := findingsAt(r.Findings, "spare_ips"); len(w) != 1 || w[0].Severity != Warning {
		t.Errorf("spare_ips 0: findings %+v, want one warning at spare_ips", r.Findings)
	}

	// The instance data has no vCPU count for the Graviton flex types
	// nor for c7i.32xlarge. Under prefix delegation their formulas are
	// above 110 (m7g-flex.large: 3*9*16+2 = 434; c7i.32xlarge 11762)
	// except m7g-flex.medium's (2*3*16+2 = 98), so without a count each
	// of the other six is held at 110 while 200 pods a node are expected.
	// m5.large has its count (2 vCPUs: 110 is its real cap). The warning
	// names the first 5 of the six.
	types := rankTypes(t, nil, "m5.large", "m7g-flex.medium", "m7g-flex.large", "m7g-flex.xlarge", "m7g-flex.2xlarge", "m7g-flex.4xlarge", "m7g-flex.8xlarge", "c7i.32xlarge")
	r = Rank(RankInput{Types: types, ExpectedPods: 200, TotalPods: 400, SpareIPs: 2, PrefixDelegation: true})
	w := findingsAt(r.Findings, "vcpus")
	if len(w) != 1 {
		t.Fatalf("findings %+v, want one warning at vcpus", r.Findings)
	}
	for _, want := range []string{"for 6 ranked instance type(s)", "and 1 more", "Set vcpus"} {
		if !strings.Contains(w[0].Detail, want) {
			t.Errorf("warning %q does not contain %q", w[0].Detail, want)
		}
	}

	// No warning when the assumption changes nothing: 20 pods a node fit
	// under 110.
	r = Rank(RankInput{Types: types, ExpectedPods: 20, TotalPods: 400, SpareIPs: 2, PrefixDelegation: true})
	if len(r.Findings) != 0 {
		t.Errorf("findings %+v, want none", r.Findings)
	}
}

// rankSizeOf is the size a candidate's name spells.
func rankSizeOf(name string) ec2limits.Size {
	s, _ := ec2limits.SizeOf(name)
	return s
}

// checkRanking checks what must hold for any ranking, without repeating
// the arithmetic: the order, each candidate's pods and addresses adding
// up, and the counts.
func checkRanking(t *testing.T, in RankInput, r Ranking) {
	t.Helper()
	for i, c := range r.Candidates {
		if i > 0 {
			p := r.Candidates[i-1]
			if cmp.Or(cmp.Compare(p.TotalIPs, c.TotalIPs), cmp.Compare(p.Nodes, c.Nodes),
				cmp.Compare(rankSizeOf(p.InstanceType), rankSizeOf(c.InstanceType)), strings.Compare(p.InstanceType, c.InstanceType)) >= 0 {
				t.Fatalf("not sorted at %d: %+v before %+v", i, p, c)
			}
		}
		if c.PodsPerNode < 1 || c.PodsPerNode > in.ExpectedPods || c.PodsPerNode > c.MaxPods {
			t.Fatalf("%s: %d pods a node, expected %d, max pods %d", c.InstanceType, c.PodsPerNode, in.ExpectedPods, c.MaxPods)
		}
		// Every pod runs, on no more nodes than needed.
		if (c.Nodes-1)*c.PodsPerNode >= in.TotalPods || c.Nodes*c.PodsPerNode < in.TotalPods {
			t.Fatalf("%s: %d nodes of %d pods for %d pods", c.InstanceType, c.Nodes, c.PodsPerNode, in.TotalPods)
		}
		if c.NodeSubnetIPs+c.PodSubnetIPs != c.TotalIPs {
			t.Fatalf("%s: node %d + pod %d != total %d", c.InstanceType, c.NodeSubnetIPs, c.PodSubnetIPs, c.TotalIPs)
		}
		// Each pod has an address and each node at least its primary
		// ENI's; the last node holds no more than a full one.
		if c.TotalIPs < int64(in.TotalPods+c.Nodes) || c.TotalIPs > int64(c.Nodes)*int64(c.IPsPerNode) || c.IPsPerNode < c.PodsPerNode+1 {
			t.Fatalf("%s: total %d for %d pods on %d nodes of %d", c.InstanceType, c.TotalIPs, in.TotalPods, c.Nodes, c.IPsPerNode)
		}
		if in.CustomNetworking && c.NodeSubnetIPs != int64(c.Nodes) || !in.CustomNetworking && c.PodSubnetIPs != 0 {
			t.Fatalf("%s: node subnet %d, pod subnet %d with custom networking %t", c.InstanceType, c.NodeSubnetIPs, c.PodSubnetIPs, in.CustomNetworking)
		}
		if c.MinimumIPTarget != c.PodsPerNode || c.WarmIPTarget < 1 {
			t.Fatalf("%s: MINIMUM_IP_TARGET %d, WARM_IP_TARGET %d for %d pods", c.InstanceType, c.MinimumIPTarget, c.WarmIPTarget, c.PodsPerNode)
		}
	}
	if in.Limit > 0 && len(r.Candidates) > in.Limit {
		t.Fatalf("%d candidates, limit %d", len(r.Candidates), in.Limit)
	}
	if in.Limit == 0 && len(r.Candidates)+r.Excluded != len(in.Types) {
		t.Fatalf("%d candidates + %d excluded != %d types", len(r.Candidates), r.Excluded, len(in.Types))
	}
}

// Every type of the table, in every mode, for a small and a large workload.
func TestRankAllTypes(t *testing.T) {
	all := allRankTypes(t)
	for _, pd := range []bool{false, true} {
		for _, cn := range []bool{false, true} {
			for _, w := range [][2]int{{20, 200}, {250, 100000}, {1, 1}} {
				in := RankInput{Types: all, ExpectedPods: w[0], TotalPods: w[1], SpareIPs: 2, PrefixDelegation: pd, CustomNetworking: cn}
				checkRanking(t, in, Rank(in))
			}
		}
	}
}

func allRankTypes(t testing.TB) []RankType {
	names := make([]string, ec2limits.Len())
	for i := range names {
		names[i] = ec2limits.Name(i)
	}
	return rankTypes(t, nil, names...)
}

// FuzzRank: for any workload over any shuffled subset of the table, the
// ranking is sorted, adds up (see checkRanking), ignores the input order
// and keeps the first candidates under a limit.
func FuzzRank(f *testing.F) {
	f.Add(uint64(1), uint16(20), uint32(200), uint8(2), false, false, uint8(0), uint8(0), uint16(40))
	f.Add(uint64(7), uint16(250), uint32(100000), uint8(0), true, true, uint8(3), uint8(5), uint16(1391))
	f.Add(uint64(99), uint16(1), uint32(1), uint8(9), true, false, uint8(1), uint8(1), uint16(3))
	all := allRankTypes(f)
	f.Fuzz(func(t *testing.T, seed uint64, pods uint16, total uint32, spare uint8, pd, cn bool, maxENI, limit uint8, n uint16) {
		rng := rand.New(rand.NewPCG(seed, seed>>1))
		types := slices.Clone(all)
		rng.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
		types = types[:int(n)%(len(types)+1)]
		in := RankInput{
			Types: types, ExpectedPods: 1 + int(pods)%1000, TotalPods: 1 + int(total)%10000000,
			SpareIPs: int(spare % 20), PrefixDelegation: pd, CustomNetworking: cn, MaxENI: int(maxENI % 8),
		}
		r := Rank(in)
		checkRanking(t, in, r)
		// Shuffled types take the comparison sort; in name order, the
		// packed-key sort. Both must agree, whatever the input order.
		in.Types = slices.Clone(types)
		slices.SortFunc(in.Types, func(a, b RankType) int { return strings.Compare(a.Name, b.Name) })
		if again := Rank(in); !reflect.DeepEqual(r, again) {
			t.Fatal("the ranking depends on the input order")
		}
		in.Limit = int(limit % 10)
		limited := Rank(in)
		checkRanking(t, in, limited)
		if in.Limit > 0 && !reflect.DeepEqual(limited.Candidates, r.Candidates[:min(in.Limit, len(r.Candidates))]) {
			t.Fatal("the limit does not keep the first candidates")
		}
	})
}

// BenchmarkRankAllTypes ranks every type of the table for the article's
// workload: what vpccni_instance_types does without families.
func BenchmarkRankAllTypes(b *testing.B) {
	in := RankInput{Types: allRankTypes(b), ExpectedPods: 20, TotalPods: 200, SpareIPs: 2}
	b.ReportAllocs()
	for b.Loop() {
		_ = Rank(in)
	}
}
