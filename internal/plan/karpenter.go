// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// Karpenter NodePools. Karpenter picks the instance type at launch, so a
// pool is planned at its worst case: the type whose nodes take the most
// addresses in all, at the pool's pods per node, with as many nodes as the
// pool's limits allow of that type. Sources, restated in research note
// maxpods.md §4: aws/karpenter-provider-aws v1.14.1
// pkg/providers/instancetype/types.go (pods(), ENILimitedPods: the ENI
// formula on the default card minus RESERVED_ENIS, unless kubelet maxPods
// or podsPerCore say otherwise; prefix delegation ignored) and
// pkg/providers/subnet/subnet.go (a node goes to the zone's subnet with
// the most free addresses).

// DefaultPoolSurgePercent is the share of a pool's nodes that Karpenter
// replaces at once by default (a NodePool's default disruption budget,
// nodes: 10%), launching each replacement before it drains the node.
const DefaultPoolSurgePercent = 10

// KarpenterPool is one Karpenter NodePool.
type KarpenterPool struct {
	Name string
	// NodeSpec's Types are the types the pool may launch; its Launch is
	// Karpenter's (Path LaunchKarpenter, the EC2NodeClass's maxPods and
	// podsPerCore, RESERVED_ENIS).
	NodeSpec
	// MaxNodes and MaxVCPUs are the pool's limits, 0 when not set: the
	// node count a type reaches is the smaller of MaxNodes and MaxVCPUs
	// over its vCPUs.
	MaxNodes, MaxVCPUs int
	// DesiredNodes are the nodes it usually runs, 0 for its limit.
	DesiredNodes int
	RunningNodes int
	// SurgeNodes are the replacements launched at once during drift or
	// consolidation; -1 for the default budget's 10% of the nodes.
	SurgeNodes int
	SubnetIDs  []string
}

// poolLimits marks a ClusterGroup made from a Karpenter pool.
type poolLimits struct {
	index              int
	maxNodes, maxVCPUs int
	desired, surge     int
}

// nodesOf is how many nodes of type t the pool's limits allow; 0 when the
// vCPU limit applies and t's vCPU count is unknown.
func (p poolLimits) nodesOf(t NamedNode) int {
	n := p.maxNodes
	if p.maxVCPUs > 0 {
		if t.Node.VCPUs <= 0 {
			return 0
		}
		byCPU := p.maxVCPUs / t.Node.VCPUs
		if n == 0 || byCPU < n {
			n = byCPU
		}
	}
	return n
}

// surgeOf is the replacement nodes for a pool of n nodes.
func (p poolLimits) surgeOf(n int) int {
	if p.surge >= 0 {
		return p.surge
	}
	return (n*DefaultPoolSurgePercent + 99) / 100
}

// expandPools turns each Karpenter pool into a group after the node
// groups, keeping only the types that can run its pods (Karpenter launches
// no other for them); a pool none of whose types can is an error, with
// the first type's reasons.
func expandPools(in ClusterInput) (ClusterInput, Findings) {
	var f Findings
	if len(in.Pools) == 0 {
		return in, f
	}
	out := in
	out.Groups = append(make([]ClusterGroup, 0, len(in.Groups)+len(in.Pools)), in.Groups...)
	// The pools as given stay, for the remedies: a type that cannot run
	// the pods in one mode may in another.
	out.Pools, out.expanded = nil, in.Pools
	net := in.network()
	for pi, p := range in.Pools {
		at := AtIndex(blockKarpenterPool, pi)
		ref := groupRef{field: at.Dot, who: p.Name + ": "}
		spec := p.NodeSpec
		spec.Types = nil
		var first Findings
		for ti, t := range p.Types {
			one := p.NodeSpec
			one.Types = []NamedNode{t}
			var tf Findings
			one.check(&tf, net, ref)
			if !tf.HasError() {
				spec.Types = append(spec.Types, t)
			} else if ti == 0 {
				first = tf
			}
		}
		limits := poolLimits{index: pi, maxNodes: p.MaxNodes, maxVCPUs: p.MaxVCPUs, desired: p.DesiredNodes, surge: p.SurgeNodes}
		if len(spec.Types) == 0 && len(p.Types) > 0 {
			f = append(f, first...)
			spec.Types = p.Types[:1]
		}
		most := 0
		for _, t := range spec.Types {
			if limits.nodesOf(t) == 0 && p.MaxVCPUs > 0 && t.Node.VCPUs <= 0 {
				f.add(Error, at.Dot(fieldMaxVCPUs), "vCPU limit without a vCPU count",
					"%s: the instance data has no vCPU count for %s, so max_vcpus cannot bound its nodes; give max_nodes as well, or leave the type out.", p.Name, t.Name)
			}
			most = max(most, limits.nodesOf(t))
		}
		if p.RunningNodes > most && most > 0 {
			f.add(Error, at.Dot(attrRunningNodes), "More running nodes than the pool has",
				"%s: running_nodes = %d is more than the %d nodes its limits allow of any type; running_nodes are the pool's nodes that run now, before the change.", p.Name, p.RunningNodes, most)
		}
		out.Groups = append(out.Groups, ClusterGroup{
			Name: p.Name, NodeSpec: spec, RunningNodes: p.RunningNodes, SubnetIDs: p.SubnetIDs, pool: &limits,
		})
	}
	return out, f
}

// where names a group's block in findings: node_group[i], or
// karpenter_node_pool[i] for a pool.
func (g ClusterGroup) where(gi int) Where {
	if g.pool != nil {
		return AtIndex(blockKarpenterPool, g.pool.index)
	}
	return AtIndex(blockNodeGroup, gi)
}

// planPool models a pool at its worst case: of its types, the one whose
// nodes, as many as the limits allow, take the most addresses. Its
// TargetMaxPods is the one value an EC2NodeClass gives every type: the
// explicit max_pods, or the smallest any type should get.
func planPool(in ClusterInput, net Network, g ClusterGroup, gl groupLayout, rec ipam.Settings, win ipam.WindowsSettings) GroupResult {
	var best GroupResult
	bestTotal := int64(-1)
	target := 0
	for _, t := range g.Types {
		one := g
		one.Types = []NamedNode{t}
		n := g.pool.nodesOf(t)
		one.MaxNodes, one.DesiredNodes = n, n
		if d := g.pool.desired; d > 0 && d < n {
			one.DesiredNodes = d
		}
		gr := planGroup(in, net, one, gl, rec, win)
		if target == 0 || gr.TargetMaxPods < target {
			target = gr.TargetMaxPods
		}
		if total := int64(n) * int64(gr.Recommended.SubnetIPs()+gr.Branch.Addresses); total > bestTotal {
			best, bestTotal = gr, total
		}
	}
	best.Pool, best.TargetMaxPods = true, target
	return best
}

// trunkCountedDetail explains RESERVED_ENIS = 0 with security groups for
// pods; nodes names the nodes ("pool default's nodes").
func trunkCountedDetail(nodes string) string {
	return fmt.Sprintf("With security groups for pods the trunk ENI takes one of the node's ENI slots, but with RESERVED_ENIS = 0 Karpenter's max pods still counts it "+
		"(ENIs x (IPs per ENI - 1) + 2), so %s admit pods ipamd has no address for. Set Karpenter's settings.reservedENIs to 1 (karpenter_reserved_enis, or reserved_enis on vpccni_warm_pool).", nodes)
}

// karpenterNotes warns when Karpenter counts the trunk ENI of security
// groups for pods as a pod ENI: with RESERVED_ENIS = 0 its max pods
// includes an ENI whose addresses ipamd never hands out, so it packs pods
// onto nodes that cannot give them addresses.
//
// It also warns about a pool type other than the worst case's (whose
// notes the group's own cover) that has no vCPU count: its max pods is
// taken as capped at 110, and the EC2NodeClass's one maxPods for every
// type, the smallest, may come from it.
func karpenterNotes(f *Findings, in ClusterInput, results []GroupResult) {
	net := in.network()
	for gi, g := range in.Groups {
		if g.pool == nil {
			continue
		}
		for _, t := range g.Types {
			if _, should := g.kubelet(net, t); should.CapAssumed && t.Name != results[gi].WorstType {
				f.add(Warning, groupRef{field: g.where(gi).Dot}.typeField(g.NodeSpec), "Max pods capped at 110 without a vCPU count",
					"%s: the instance data has no vCPU count for %s, so its max pods is taken as capped at 110, and the EC2NodeClass's maxPods, the smallest any of the pool's types should get, is at most that. Leave the type out of the pool.",
					g.Name, t.Name)
				break
			}
		}
	}
	if !in.PodENI {
		return
	}
	for _, g := range in.Groups {
		if g.pool != nil && g.Launch.ReservedENIs == 0 && g.Launch.MaxPods == 0 {
			f.add(Warning, At(attrReservedENIs), "Karpenter counts the trunk ENI", "%s", trunkCountedDetail("pool "+g.Name+"'s nodes"))
			return
		}
	}
}
