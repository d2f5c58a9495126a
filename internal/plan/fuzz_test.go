// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// fuzzNode picks an instance type from the table.
func fuzzNode(i uint16) (string, ipam.Node) {
	name := ec2limits.Name(int(i) % ec2limits.Len())
	l, _ := ec2limits.Lookup(name)
	return name, ipam.NodeFromLimits(l, 0)
}

// FuzzWarmPool: for any inputs that pass validation, the plan holds every
// expected pod's address, its subnet verdict agrees with the per-subnet
// ones, the addresses needed grow with the node count, and the same input
// gives the same result.
func FuzzWarmPool(f *testing.F) {
	f.Add(uint16(100), uint16(20), uint16(10), uint8(2), false, false, "10.0.0.0/24", "", int32(-1), uint8(0))
	f.Add(uint16(7), uint16(1), uint16(1), uint8(0), true, false, "10.0.0.0/26", "10.0.1.0/28", int32(40), uint8(3))
	f.Add(uint16(900), uint16(60), uint16(40), uint8(5), false, true, "10.0.0.0/22", "100.64.0.0/16", int32(-1), uint8(0))
	f.Fuzz(func(t *testing.T, typ, pods, nodes uint16, spare uint8, pd, cn bool, cidr1, cidr2 string, available int32, maxENI uint8) {
		name, node := fuzzNode(typ)
		in := WarmPoolInput{
			InstanceType: name, Node: node,
			Mode:         ipam.Settings{PrefixDelegation: pd, CustomNetworking: cn, MaxENI: int(maxENI % 8), PodENI: maxENI&8 != 0},
			ExpectedPods: 1 + int(pods)%300, NodeCount: 1 + int(nodes)%200, SpareIPs: int(spare % 20),
			HostNetworkPods: DefaultHostNetworkPods + int(maxENI>>6), FailOnInsufficientSubnet: true,
		}
		if maxENI&16 != 0 {
			in.Launch.Path = ipam.LaunchNodeadm
		}
		if maxENI&32 != 0 {
			in.RunningNodes = in.NodeCount / 2
		}
		in.Subnets = []SubnetInput{{CIDR: cidr1, Available: int(available)}}
		if cn {
			in.PodSubnets = []SubnetInput{{CIDR: cidr2, Available: -1}}
		} else if cidr2 != "" {
			in.Subnets = append(in.Subnets, SubnetInput{CIDR: cidr2, Available: -1})
		}
		if ValidateWarmPool(in).HasError() {
			return
		}
		r := WarmPool(in)
		if again := WarmPool(in); !reflect.DeepEqual(r, again) {
			t.Fatal("WarmPool is not deterministic")
		}
		if r.RecommendedNode.PodsWithoutIP != 0 {
			t.Fatalf("validated input leaves %d pods without an address: %+v", r.RecommendedNode.PodsWithoutIP, r.RecommendedNode)
		}
		allFit, needed := true, int64(0)
		for _, s := range append(append([]SubnetUsage{}, r.Subnets...), r.PodSubnets...) {
			allFit = allFit && s.Fits
			needed += s.IPsNeeded
			if s.IPsNeeded > s.Capacity && s.Fits {
				t.Fatalf("subnet %+v fits while it needs more than its capacity", s)
			}
		}
		if allFit != r.SubnetFits {
			t.Fatalf("subnet_fits %t, per subnet %t", r.SubnetFits, allFit)
		}
		if r.SubnetFits == r.Findings.HasError() {
			t.Fatalf("fits %t but error findings %t: %+v", r.SubnetFits, r.Findings.HasError(), r.Findings)
		}
		checkWarmPoolAlternatives(t, in, r, needed)
		more := in
		more.NodeCount++
		r2 := WarmPool(more)
		needed2 := int64(0)
		for _, s := range append(append([]SubnetUsage{}, r2.Subnets...), r2.PodSubnets...) {
			needed2 += s.IPsNeeded
		}
		if needed2 < needed {
			t.Fatalf("addresses needed fell from %d to %d as nodes rose to %d", needed, needed2, more.NodeCount)
		}
	})
}

// FuzzCluster: for any valid cluster, each subnet needs no less at max than
// at desired and at max + surge than at max, fits is the conjunction of the
// subnets, MINIMUM_IP_TARGET is the smallest expected pods, and the result
// is deterministic.
func FuzzCluster(f *testing.F) {
	f.Add(uint16(1), uint16(2), uint16(3), uint8(20), uint8(40), uint8(3), uint8(6), uint8(2), false, false, uint8(22))
	f.Add(uint16(500), uint16(7), uint16(800), uint8(5), uint8(1), uint8(0), uint8(9), uint8(0), true, true, uint8(24))
	f.Fuzz(func(t *testing.T, t1, t2, t3 uint16, pods1, pods2, desired, maxNodes, spare uint8, pd, cn bool, bits uint8) {
		flags := bits >> 4
		in := ClusterInput{SpareIPs: int(spare % 10), PrefixDelegation: pd, CustomNetworking: cn, Surge: DefaultSurge(), FailOnInsufficientSubnet: true,
			HostNetworkPods: DefaultHostNetworkPods, PodENI: flags&1 != 0, SubnetDiscovery: flags&2 != 0, IPv6: flags&8 != 0 && !cn}
		for i, typ := range []uint16{t1, t2, t3} {
			name, node := fuzzNode(typ)
			g := ClusterGroup{Name: fmt.Sprint("g", i), DesiredNodes: int(desired) % 30, MaxNodes: int(desired)%30 + int(maxNodes)%30 + 1}
			g.Types = []NamedNode{{name, node}}
			g.ExpectedPods = 1 + int([]uint8{pods1, pods2, pods1 ^ pods2}[i])%120
			if flags&4 != 0 {
				g.RunningNodes = g.DesiredNodes
			}
			in.Groups = append(in.Groups, g)
		}
		size := 16 + int(bits)%13
		for i, z := range []string{"a", "b"} {
			in.Subnets = append(in.Subnets, ClusterSubnet{ID: "subnet-" + z, CIDR: fmt.Sprintf("10.%d.0.0/%d", i, size), AvailabilityZone: "zone-" + z, Available: -1, Purpose: PurposeNodes})
			if in.SubnetDiscovery {
				in.Subnets = append(in.Subnets, ClusterSubnet{ID: "subnet-c" + z, CIDR: fmt.Sprintf("10.%d.0.0/%d", 100+i, size), AvailabilityZone: "zone-" + z, Available: -1, Purpose: PurposeCNI})
			}
			if cn {
				in.Subnets = append(in.Subnets, ClusterSubnet{ID: "subnet-p" + z, CIDR: fmt.Sprintf("100.%d.0.0/%d", 64+i, size), AvailabilityZone: "zone-" + z, Available: -1, Purpose: PurposePods})
			}
		}
		if ValidateCluster(in).HasError() {
			return
		}
		r := Cluster(in)
		if again := Cluster(in); !reflect.DeepEqual(r, again) {
			t.Fatal("Cluster is not deterministic")
		}
		minPods := in.Groups[0].ExpectedPods
		for _, g := range in.Groups {
			minPods = min(minPods, g.ExpectedPods)
		}
		if got := r.Recommended.MinimumIPTarget.Or(0); got != minPods {
			t.Fatalf("MINIMUM_IP_TARGET %d, smallest expected pods %d", got, minPods)
		}
		allFit := true
		for _, s := range r.Subnets {
			if s.Needed[PhaseDesired] > s.Needed[PhaseMax] || s.Needed[PhaseMax] > s.Needed[PhaseSurge] {
				t.Fatalf("%s needs %v: not rising with the phases", s.ID, s.Needed)
			}
			allFit = allFit && s.Fits()
		}
		if allFit != r.Fits {
			t.Fatalf("fits %t, per subnet %t", r.Fits, allFit)
		}
		checkClusterAlternatives(t, in, r)
	})
}

// checkWarmPoolAlternatives: the alternative of the input's own mode,
// planned independently as any other remedy, is the recommendation itself
// (same addresses, same verdict on the same subnets); IPv6 takes one
// address a node; every remedy is listed once, in order.
func checkWarmPoolAlternatives(t *testing.T, in WarmPoolInput, r WarmPoolResult, needed int64) {
	t.Helper()
	if len(r.Alternatives) != len(Remedies) {
		t.Fatalf("%d alternatives", len(r.Alternatives))
	}
	nodes := int64(in.NodeCount)
	for i, a := range r.Alternatives {
		if a.Remedy != Remedies[i] {
			t.Fatalf("alternatives[%d] is %s", i, a.Remedy)
		}
		if a.Possible && a.Remedy != RemedyIPv6 && a.NodeSubnetIPs < nodes {
			t.Fatalf("%s takes %d node-subnet addresses for %d nodes", a.Remedy, a.NodeSubnetIPs, in.NodeCount)
		}
	}
	if v6 := r.Alternatives[RemedyIPv6]; v6.Possible && (v6.NodeSubnetIPs != nodes || v6.PodSubnetIPs != 0) {
		t.Fatalf("ipv6 takes %d + %d addresses for %d nodes", v6.NodeSubnetIPs, v6.PodSubnetIPs, in.NodeCount)
	}
	own := ownRemedy(in.Mode)
	a := warmPoolAlternatives(in, &r, remedyCount)[own]
	if !a.Possible || a.NodeSubnetIPs+a.PodSubnetIPs != needed || a.Fits != r.SubnetFits {
		t.Fatalf("%s alternative %+v differs from the recommendation: %d addresses, fits %t", own, a, needed, r.SubnetFits)
	}
	if b := r.Alternatives[own]; b.NodeSubnetIPs != a.NodeSubnetIPs || b.PodSubnetIPs != a.PodSubnetIPs || b.Fits != a.Fits ||
		b.SmallestNodeSubnetBits != a.SmallestNodeSubnetBits || b.SmallestPodSubnetBits != a.SmallestPodSubnetBits {
		t.Fatalf("%s alternative planned independently %+v, from the plan %+v", own, a, b)
	}
}

// checkClusterAlternatives: the alternative of the cluster's own mode,
// planned independently as any other remedy, needs what the subnets
// report at max + surge and fits as they do.
func checkClusterAlternatives(t *testing.T, in ClusterInput, r ClusterResult) {
	t.Helper()
	own := in.ownRemedy()
	var nodeIPs, podIPs int64
	for _, s := range r.Subnets {
		if s.Purpose == PurposePods {
			podIPs += s.Needed[PhaseSurge]
		} else {
			nodeIPs += s.Needed[PhaseSurge]
		}
	}
	a := clusterAlternatives(in, &r, remedyCount)[own]
	if !a.Possible || a.NodeSubnetIPs != nodeIPs || a.PodSubnetIPs != podIPs || a.Fits != r.Fits {
		t.Fatalf("%s alternative %+v differs from the plan: %d + %d addresses, fits %t", own, a, nodeIPs, podIPs, r.Fits)
	}
	if b := r.Alternatives[own]; b.NodeSubnetIPs != a.NodeSubnetIPs || b.Fits != a.Fits || b.SmallestNodeSubnetBits != a.SmallestNodeSubnetBits || b.SmallestPodSubnetBits != a.SmallestPodSubnetBits {
		t.Fatalf("%s alternative planned independently %+v, from the plan %+v", own, a, b)
	}
}
