// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// karpenterPool is a pool of m5.large, m5.xlarge and m5.2xlarge at 20 pods
// per node under a NodePool limit of 32 vCPUs.
func karpenterPool(t *testing.T) KarpenterPool {
	p := KarpenterPool{Name: "default", MaxVCPUs: 32, SurgeNodes: -1}
	for _, typ := range []string{"m5.large", "m5.xlarge", "m5.2xlarge"} {
		p.Types = append(p.Types, NamedNode{typ, node(t, typ)})
	}
	p.ExpectedPods = 20
	p.Launch = ipam.Launch{Path: ipam.LaunchKarpenter}
	return p
}

// TestClusterKarpenterPool works a pool's worst case by hand. MIN 20,
// WARM 2: every node wants 22 secondaries. Karpenter's max pods is the ENI
// formula (karpenter-provider-aws types.go pods()): m5.large 3 x 9 + 2 =
// 29, m5.xlarge and m5.2xlarge 4 x 14 + 2 = 58, all above 22.
//
//	m5.large   (2 vCPUs, 3 ENIs x 9):  22 on 3 ENIs = 25 a node, 32/2 = 16 nodes: 400
//	m5.xlarge  (4 vCPUs, 4 x 14):      22 on 2 ENIs = 24,          32/4 =  8 nodes: 192
//	m5.2xlarge (8 vCPUs, 4 x 14):      24,                         32/8 =  4 nodes:  96
//
// The worst case is 16 m5.large. Karpenter's default disruption budget
// (10% of the nodes) replaces ceil(1.6) = 2 at once: 18 nodes at max +
// surge, 9 per zone. Zone b has one /24: 9 x 25 = 225. Zone a has two
// subnets, a-1 with 100 free and a-2 a /24 (251), and Karpenter puts each
// node in the zone's freest subnet (pkg/providers/subnet/subnet.go): a-2
// takes nodes while it has more free than a-1 (251, 226, ..., 101: 7
// nodes, leaving 76), then a-1 one (100 -> 75), then a-2 the ninth: a-2
// 8 x 25 = 200, a-1 25. Spread evenly, a-1 would get 4 or 5 nodes (100 or
// 125) and a-2 too: the freest rule is what keeps a-1 in bounds.
func TestClusterKarpenterPool(t *testing.T) {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods}
	in.Pools = []KarpenterPool{karpenterPool(t)}
	in.Subnets = []ClusterSubnet{
		{ID: "a-1", CIDR: "10.0.0.0/24", Available: 100, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes},
		{ID: "a-2", CIDR: "10.0.1.0/24", Available: -1, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes},
		{ID: "b", CIDR: "10.0.2.0/24", Available: -1, AvailabilityZone: "eu-west-1b", Purpose: PurposeNodes},
	}
	r := Cluster(in)
	if r.Findings.HasError() || len(r.Groups) != 1 {
		t.Fatalf("findings %+v, %d groups", r.Findings, len(r.Groups))
	}
	g := r.Groups[0]
	if !g.Pool || g.WorstType != "m5.large" || g.Nodes != [phases]int{16, 16, 18} || g.SurgeNodes != 2 || g.MaxPods.Pods != 29 || g.Recommended.SubnetIPs() != 25 {
		t.Errorf("pool: worst %s nodes %v surge %d max pods %d per node %d", g.WorstType, g.Nodes, g.SurgeNodes, g.MaxPods.Pods, g.Recommended.SubnetIPs())
	}
	want := map[string]int64{"a-1": 25, "a-2": 200, "b": 225}
	for _, s := range r.Subnets {
		if s.Needed[PhaseSurge] != want[s.ID] || !s.Fits() {
			t.Errorf("%s: needs %d at max + surge (fits %t), want %d", s.ID, s.Needed[PhaseSurge], s.Fits(), want[s.ID])
		}
	}

	// With max_nodes = 10 as well the node count is the same for every
	// type, and the worst is the one taking the most a node: m5.large.
	in.Pools[0].MaxNodes = 10
	if g := Cluster(in).Groups[0]; g.WorstType != "m5.large" || g.Nodes[PhaseMax] != 10 {
		t.Errorf("max_nodes 10: worst %s with %d nodes", g.WorstType, g.Nodes[PhaseMax])
	}
}

// TestClusterKarpenterPoolTypes: a type that cannot run the pool's pods
// is one Karpenter never launches for them, so it drops out; when none
// can, the pool is an error with the first type's reason.
func TestClusterKarpenterPoolTypes(t *testing.T) {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods}
	p := karpenterPool(t)
	p.ExpectedPods = 40 // m5.large runs 29
	in.Pools = []KarpenterPool{p}
	in.Subnets = []ClusterSubnet{{ID: "a", CIDR: "10.0.0.0/22", Available: -1, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes}}
	r := Cluster(in)
	// m5.xlarge: 42 on 3 ENIs = 45 a node, 8 nodes: 360; m5.2xlarge 4
	// nodes: 180.
	if r.Findings.HasError() || r.Groups[0].WorstType != "m5.xlarge" || r.Groups[0].Nodes[PhaseMax] != 8 {
		t.Fatalf("findings %+v, worst %s", r.Findings, r.Groups[0].WorstType)
	}
	in.Pools[0].ExpectedPods = 60
	f := ValidateCluster(in)
	if !f.HasError() || f[0].Where.String() != "karpenter_node_pool[0].expected_pods" || !strings.Contains(f[0].Detail, "default: expected_pods = 60") {
		t.Errorf("60 pods: %+v", f)
	}
}

// TestClusterKarpenterReservedENIs: with security groups for pods the
// trunk takes an ENI slot, and Karpenter must be told (RESERVED_ENIS = 1):
// m5.large then gets (3 - 1) x 9 + 2 = 20.
func TestClusterKarpenterReservedENIs(t *testing.T) {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods, PodENI: true}
	p := karpenterPool(t)
	p.ExpectedPods = 10
	in.Pools = []KarpenterPool{p}
	in.Subnets = []ClusterSubnet{{ID: "a", CIDR: "10.0.0.0/22", Available: -1, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes}}
	if f := findingsAt(Cluster(in).Findings, attrReservedENIs); len(f) != 1 || f[0].Severity != Warning {
		t.Errorf("RESERVED_ENIS = 0 with pod ENIs: %+v", Cluster(in).Findings)
	}
	in.Pools[0].Launch.ReservedENIs = 1
	r := Cluster(in)
	if f := findingsAt(r.Findings, attrReservedENIs); len(f) != 0 || r.Groups[0].MaxPods.Pods != 20 {
		t.Errorf("RESERVED_ENIS = 1: %+v, max pods %d", f, r.Groups[0].MaxPods.Pods)
	}
}

// TestClusterKarpenterRemedies: a pool's types are chosen again in each
// remedy's mode. t3.large (3 ENIs of 12) runs 3 x 11 + 2 = 35 pods with
// secondary IPs; custom networking leaves it (3 - 1) x 11 + 2 = 24, too
// few for 25 and the 2 host-network pods, so that remedy is planned with
// prefix delegation, as for a node group. And a pool's running nodes
// cannot outnumber what its limits allow.
func TestClusterKarpenterRemedies(t *testing.T) {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods}
	p := KarpenterPool{Name: "burst", MaxNodes: 4, SurgeNodes: -1}
	p.Types = []NamedNode{{"t3.large", node(t, "t3.large")}}
	p.ExpectedPods = 25
	p.Launch = ipam.Launch{Path: ipam.LaunchKarpenter}
	in.Pools = []KarpenterPool{p}
	in.Subnets = []ClusterSubnet{{ID: "a", CIDR: "10.0.0.0/22", Available: -1, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes}}
	r := Cluster(in)
	cn := r.Alternatives[RemedyCustomNetworking]
	if r.Findings.HasError() || !cn.Possible || cn.Env["ENABLE_PREFIX_DELEGATION"] != "true" || !strings.Contains(cn.Notes, "Planned with prefix delegation") {
		t.Errorf("findings %+v; custom_networking %+v", r.Findings, cn)
	}
	in.Pools[0].RunningNodes = 5
	if f := findingsAt(ValidateCluster(in), "karpenter_node_pool[0].running_nodes"); len(f) != 1 || !strings.Contains(f[0].Detail, "running_nodes = 5 is more than the 4 nodes") {
		t.Errorf("running_nodes 5 of 4: %+v", ValidateCluster(in))
	}
}

// TestClusterKarpenterVCPUWarning: c5a.metal is one of the types the
// instance data has no vCPU count for, so its max pods is taken as capped
// at 110; with c5a.24xlarge (96 vCPUs, capped at 250) in the same pool the
// EC2NodeClass's one maxPods, the smallest, becomes 110, and a warning
// says which type brings it down.
func TestClusterKarpenterVCPUWarning(t *testing.T) {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods, PrefixDelegation: true}
	p := KarpenterPool{Name: "big", MaxNodes: 2, SurgeNodes: -1, NodeSpec: NodeSpec{TypesAt: "instance_types"}}
	p.Types = []NamedNode{{"c5a.24xlarge", node(t, "c5a.24xlarge")}, {"c5a.metal", node(t, "c5a.metal")}}
	if p.Types[1].Node.VCPUs != 0 {
		t.Fatalf("c5a.metal has %d vCPUs in the table; pick another type without a count", p.Types[1].Node.VCPUs)
	}
	p.ExpectedPods = 100
	p.Launch = ipam.Launch{Path: ipam.LaunchKarpenter}
	in.Pools = []KarpenterPool{p}
	in.Subnets = []ClusterSubnet{{ID: "a", CIDR: "10.0.0.0/20", Available: -1, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes}}
	r := Cluster(in)
	f := findingsAt(r.Findings, "karpenter_node_pool[0].instance_types")
	if r.Groups[0].TargetMaxPods != 110 || len(f) != 1 || !strings.Contains(f[0].Detail, "no vCPU count for c5a.metal") {
		t.Errorf("target %d, findings %+v", r.Groups[0].TargetMaxPods, r.Findings)
	}
}

// TestClusterKarpenterIPv6OnXen: IPv6 needs prefix delegation, which
// ipamd runs on Nitro and bare metal only, so for a pool of m4.xlarge (a
// Xen type) the ipv6 remedy is not possible, as for a node group.
func TestClusterKarpenterIPv6OnXen(t *testing.T) {
	in := ClusterInput{SpareIPs: 2, Surge: DefaultSurge(), FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods}
	p := KarpenterPool{Name: "old", MaxNodes: 4, SurgeNodes: -1}
	p.Types = []NamedNode{{"m4.xlarge", node(t, "m4.xlarge")}}
	p.ExpectedPods = 10
	p.Launch = ipam.Launch{Path: ipam.LaunchKarpenter}
	in.Pools = []KarpenterPool{p}
	in.Subnets = []ClusterSubnet{{ID: "a", CIDR: "10.0.0.0/22", Available: -1, AvailabilityZone: "eu-west-1a", Purpose: PurposeNodes}}
	a := Cluster(in).Alternatives[RemedyIPv6]
	if a.Possible || !strings.Contains(a.Notes, "for old, IPv6 needs prefix delegation") {
		t.Errorf("ipv6 for a pool of m4.xlarge: %+v", a)
	}
}
