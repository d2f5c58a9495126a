// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// RankType is one instance type to rank.
type RankType struct {
	Name string
	// Node carries the type's limits and, when known, its vCPUs (for the
	// prefix-delegation max-pods cap).
	Node ipam.Node
}

// RankInput is one workload and the instance types it could run on.
type RankInput struct {
	// Types should have unique names; ties are broken by name.
	Types []RankType
	// ExpectedPods are the pods per node that need a VPC address.
	ExpectedPods int
	// TotalPods are the workload's pods in all.
	TotalPods int
	// SpareIPs becomes WARM_IP_TARGET (0 is raised to 1, as ipamd needs).
	SpareIPs         int
	PrefixDelegation bool
	CustomNetworking bool
	// MaxENI is the aws-node MAX_ENI, 0 when not set.
	MaxENI int
	// Limit keeps the first Limit candidates; 0 keeps all.
	Limit int
}

// Candidate is one instance type running the workload with its own
// recommended warm pool.
type Candidate struct {
	InstanceType string
	// MaxPods is the EKS max pods in the chosen mode.
	MaxPods int
	// PodsPerNode is the expected pods, lowered to what the node can run:
	// its max pods and its pod addresses, the limits ValidateWarmPool
	// enforces.
	PodsPerNode int
	// Nodes run PodsPerNode pods each, the last one the remainder.
	Nodes int
	// IPsPerNode are the subnet addresses of a node at PodsPerNode.
	IPsPerNode int
	// TotalIPs are the subnet addresses of all Nodes, split into those of
	// the node subnets and of the pod subnets (custom networking).
	TotalIPs, NodeSubnetIPs, PodSubnetIPs int64
	// MinimumIPTarget and WarmIPTarget are the recommendation.
	MinimumIPTarget, WarmIPTarget int
	// PrefixDelegation is whether ipamd runs it on this type: it falls
	// back to secondary IPs on types that are neither Nitro nor metal.
	PrefixDelegation bool
	// CapAssumed is true when the 110-pod cap that stands in for an
	// unknown vCPU count lowered PodsPerNode.
	CapAssumed bool
}

// Ranking is the ranked candidates, best first.
type Ranking struct {
	Candidates []Candidate
	// Excluded counts the types that cannot hold a single pod; the limit
	// does not count.
	Excluded int
	Findings Findings
}

// capAssumedShown is how many types the vCPU warning names.
const capAssumedShown = 5

// outcome is the workload on one set of limits: a Candidate without its
// name.
type outcome struct {
	c          Candidate
	ok, raised bool
}

// entry is one ranked type: its index in RankInput.Types, its size and
// which outcome it has. It holds no pointer, so the garbage collector
// need not scan a slice of them.
type entry struct {
	size         ec2limits.Size
	typ, outcome int32
}

// Rank ranks the types by the subnet addresses the workload takes on them
// (total_ips, the same order as addresses per pod since every type runs
// the same pods), then by fewer nodes, smaller size and name. The order is
// total, so the result does not depend on the order of in.Types.
func Rank(in RankInput) Ranking {
	var r Ranking
	// Types with the same limits run the workload alike, and the table's
	// 1,391 types have only 69 distinct limits: work each out once.
	var outcomes []outcome
	memo := make(map[uint64]int, 128)
	entries := make([]entry, 0, len(in.Types))
	spareRaised := false
	for ti, t := range in.Types {
		key, packed := packNode(t.Node)
		o, seen := memo[key]
		if !packed || !seen {
			c, ok, raised := rankOne(t.Node, in)
			o = len(outcomes)
			outcomes = append(outcomes, outcome{c, ok, raised})
			if packed {
				memo[key] = o
			}
		}
		if !outcomes[o].ok {
			r.Excluded++
			continue
		}
		spareRaised = spareRaised || outcomes[o].raised
		size, known := ec2limits.SizeOf(t.Name)
		if !known {
			// Names the table does not spell rank after every size.
			size = unknownSize
		}
		entries = append(entries, entry{size: size, typ: int32(ti), outcome: int32(o)})
	}

	rankOrder(entries, outcomes, in.Types)
	n := len(entries)
	if in.Limit > 0 {
		n = min(n, in.Limit)
	}
	r.Candidates = make([]Candidate, n)
	for i := range r.Candidates {
		r.Candidates[i] = outcomes[entries[i].outcome].c
		r.Candidates[i].InstanceType = in.Types[entries[i].typ].Name
	}

	var assumed []string
	assumedCount := 0
	for _, e := range entries {
		if outcomes[e.outcome].c.CapAssumed {
			if len(assumed) < capAssumedShown {
				assumed = append(assumed, in.Types[e.typ].Name)
			}
			assumedCount++
		}
	}

	if spareRaised {
		r.Findings.add(Warning, At(attrSpareIPs), "spare_ips = 0 raised to WARM_IP_TARGET = 1",
			"ipamd reads WARM_IP_TARGET=0 as not set, and MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool: pods beyond the minimum would get no address. "+
				"The ranking uses WARM_IP_TARGET=1, the least that keeps the pool growing.")
	}
	if assumedCount > 0 {
		more := ""
		if assumedCount > len(assumed) {
			more = fmt.Sprintf(" and %d more", assumedCount-len(assumed))
		}
		r.Findings.add(Warning, At(attrVCPUs), "Max pods capped at 110 without vCPU counts",
			"With prefix delegation EKS caps max pods at 250 for more than 30 vCPUs and 110 otherwise. vcpus gives no count for %d ranked instance type(s) (%s%s), "+
				"so their pods_per_node assumes the 110 cap, which is below what they could run with more than 30 vCPUs; they may rank too low. "+
				"Set vcpus for them, for example from aws_ec2_instance_type.default_vcpus.",
			assumedCount, strings.Join(assumed, ", "), more)
	}
	return r
}

// packNode packs a node's limits into a map key (a uint64 hashes several
// times faster than the struct); false when they are too large to pack,
// which the provider's bounds rule out.
func packNode(n ipam.Node) (uint64, bool) {
	if n.ENIs < 0 || n.ENIs >= 1<<16 || n.IPv4PerENI < 0 || n.IPv4PerENI >= 1<<16 || n.VCPUs < 0 || n.VCPUs >= 1<<24 {
		return 0, false
	}
	k := uint64(n.ENIs)<<42 | uint64(n.IPv4PerENI)<<26 | uint64(n.VCPUs)<<2
	if n.Nitro {
		k |= 1
	}
	if n.BareMetal {
		k |= 2
	}
	return k, true
}

// rankOne runs the workload on one type with the warm-pool model of
// WarmPool: max pods in the chosen mode, MINIMUM_IP_TARGET = pods per
// node and WARM_IP_TARGET = spare IPs. ok is false when the type cannot
// hold a single pod.
func rankOne(node ipam.Node, in RankInput) (c Candidate, ok, spareRaised bool) {
	mode := ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking, MaxENI: in.MaxENI}
	maxPods := effectiveMaxPods(node, mode)
	capacity := ipam.PodIPCapacity(node, mode)
	perNode := min(in.ExpectedPods, maxPods.Pods, capacity)
	if perNode < 1 || in.TotalPods < 1 {
		return Candidate{}, false, false
	}
	capAssumed := false
	if maxPods.CapAssumed {
		// What the type would run with more than 30 vCPUs: if that is
		// more pods per node, the assumed cap changed its rank.
		big := node
		big.VCPUs = math.MaxInt32
		capAssumed = min(in.ExpectedPods, effectiveMaxPods(big, mode).Pods, capacity) > perNode
	}
	// As WarmPool does: ipamd stops growing the pool at the kubelet's max
	// pods, so the projection needs it.
	mode.MaxPods = maxPods.Pods
	rec := ipam.Recommend(node, mode, perNode, in.SpareIPs)

	nodes := ceilDiv(in.TotalPods, perNode)
	full := ipam.Project(node, rec.Settings, perNode)
	// The last node runs what the others leave, but the recommendation
	// is per node group, so MINIMUM_IP_TARGET still holds it at perNode.
	last := full
	if rest := in.TotalPods - (nodes-1)*perNode; rest != perNode {
		last = ipam.Project(node, rec.Settings, rest)
	}

	c = Candidate{
		MaxPods:          maxPods.Pods,
		PodsPerNode:      perNode,
		Nodes:            nodes,
		IPsPerNode:       full.SubnetIPs(),
		TotalIPs:         int64(nodes-1)*int64(full.SubnetIPs()) + int64(last.SubnetIPs()),
		NodeSubnetIPs:    int64(nodes-1)*int64(full.NodeSubnetIPs()) + int64(last.NodeSubnetIPs()),
		PodSubnetIPs:     int64(nodes-1)*int64(full.PodSubnetIPs()) + int64(last.PodSubnetIPs()),
		MinimumIPTarget:  rec.Settings.MinimumIPTarget.Or(0),
		WarmIPTarget:     rec.Settings.WarmIPTarget.Or(0),
		PrefixDelegation: full.PrefixDelegation,
		CapAssumed:       capAssumed,
	}
	return c, true, rec.WarmIPRaised
}

// unknownSize ranks names without a size ParseSize accepts after every
// size.
const unknownSize = ec2limits.MaxSize + 1

// Packed sort keys: group (rank of total addresses, then nodes) | size |
// position, 20 bits each.
const (
	packBits = 20
	packMask = 1<<packBits - 1
)

// Sizes must fit their field of the packed key.
var _ [packMask - unknownSize]struct{}

// rankOrder sorts the entries into rank order.
func rankOrder(entries []entry, outcomes []outcome, types []RankType) {
	name := func(e entry) string { return types[e.typ].Name }
	// Types usually come in name order (the table's); then the position
	// breaks the last tie as the name would, and the whole key packs into
	// one integer. Sorting those is several times faster than sorting
	// with a comparison function, which was most of the time of ranking
	// the whole table.
	byName := slices.IsSortedFunc(entries, func(a, b entry) int { return strings.Compare(name(a), name(b)) })
	if !byName || len(entries) > packMask || len(outcomes) > packMask {
		slices.SortFunc(entries, func(a, b entry) int {
			ca, cb := &outcomes[a.outcome].c, &outcomes[b.outcome].c
			return cmp.Or(cmp.Compare(ca.TotalIPs, cb.TotalIPs), cmp.Compare(ca.Nodes, cb.Nodes),
				cmp.Compare(a.size, b.size), strings.Compare(name(a), name(b)))
		})
		return
	}

	// Rank the outcomes by total addresses and nodes; they are few.
	byTotal := make([]int, len(outcomes))
	for i := range byTotal {
		byTotal[i] = i
	}
	slices.SortFunc(byTotal, func(i, j int) int {
		a, b := &outcomes[i].c, &outcomes[j].c
		return cmp.Or(cmp.Compare(a.TotalIPs, b.TotalIPs), cmp.Compare(a.Nodes, b.Nodes))
	})
	group := make([]uint64, len(outcomes))
	for i, o := range byTotal {
		group[o] = uint64(i)
		if i > 0 {
			// Outcomes with equal totals and nodes tie here.
			p := byTotal[i-1]
			if a, b := &outcomes[p].c, &outcomes[o].c; a.TotalIPs == b.TotalIPs && a.Nodes == b.Nodes {
				group[o] = group[p]
			}
		}
	}

	keys := make([]uint64, len(entries))
	for i, e := range entries {
		keys[i] = group[e.outcome]<<(2*packBits) | uint64(e.size)<<packBits | uint64(i)
	}
	slices.Sort(keys)
	sorted := make([]entry, len(entries))
	for i, k := range keys {
		sorted[i] = entries[k&packMask]
	}
	copy(entries, sorted)
}
