// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"math"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// recommendCluster returns the one setting pair that serves every Linux
// group: WARM_IP_TARGET = spare IPs and MINIMUM_IP_TARGET = the smallest
// expected pods of any group. A group expecting e >= MIN pods then
// settles at max(MIN, e + WARM) = e + WARM addresses, exactly what its
// own recommendation (MIN = e) gives, so the shared pair costs no group an
// address at steady state; a larger MIN would cost the smaller groups.
// WARM_IP_TARGET is clamped to the largest group's capacity only: a value
// beyond a smaller node's capacity just lets that node fill up. Windows
// groups get the same pair in the amazon-vpc-cni ConfigMap (win).
func recommendCluster(in ClusterInput) (rec ipam.Recommendation, win ipam.WindowsSettings, hasWindows bool) {
	minPods, winPods := math.MaxInt, math.MaxInt
	var largest ipam.Node
	capacity := -1
	mode := in.mode()
	// Pools are groups by now (expandPools).
	for _, g := range in.Groups {
		if g.Windows {
			hasWindows, winPods = true, min(winPods, g.ExpectedPods)
			continue
		}
		minPods = min(minPods, g.ExpectedPods)
		for _, t := range g.Types {
			if c := ipam.PodIPCapacity(t.Node, mode); c > capacity {
				capacity, largest = c, t.Node
			}
		}
	}
	if capacity >= 0 {
		rec = ipam.Recommend(largest, mode, minPods, in.SpareIPs)
	} else {
		rec.Settings = withMode(ipam.Settings{}, mode)
	}
	if hasWindows {
		win = windowsRecommendation(in.SpareIPs, winPods, in.PrefixDelegation)
	}
	if in.IPv6 {
		// The node's /80 holds every pod: no warm-pool settings.
		rec.Settings = ipam.Settings{PodENI: in.PodENI}
	}
	return rec, win, hasWindows
}

// Cluster validates the cluster (ValidateCluster) and, when that finds no
// error, plans every group against the subnets and under every remedy.
func Cluster(in ClusterInput) ClusterResult {
	f, l, in := validateCluster(in)
	if f.HasError() {
		return ClusterResult{Findings: f, Worst: -1}
	}
	r := cluster(in, l)
	net := in.network()
	for gi, g := range in.Groups {
		g.notes(&r.Findings, net, r.Groups[gi].model, groupRef{field: g.where(gi).Dot, who: g.Name + ": "})
	}
	karpenterNotes(&r.Findings, in, r.Groups)
	maxENITrap(&r.Findings, in.mode())
	idleCNISubnets(&r.Findings, in, l)
	r.Alternatives = clusterAlternatives(in, &r, in.ownRemedy())
	clusterFindings(&r, in)
	return r
}

// cluster plans every group against the subnets: the recommendation,
// each group's projections and each subnet's and zone's load.
func cluster(in ClusterInput, l layout) ClusterResult {
	var r ClusterResult
	rec, win, hasWindows := recommendCluster(in)
	r.Recommended, r.Windows, r.HasWindows = rec.Settings, win, hasWindows
	if rec.WarmIPRaised {
		r.Findings.add(Warning, At(attrSpareIPs), "spare_ips = 0 raised to WARM_IP_TARGET = 1",
			"ipamd reads WARM_IP_TARGET=0 as not set, and MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool: pods beyond the minimum would get no address. The recommendation uses WARM_IP_TARGET=1.")
	}

	r.Subnets = make([]SubnetResult, len(in.Subnets))
	for i, s := range in.Subnets {
		r.Subnets[i] = SubnetResult{ClusterSubnet: s, FirstFailure: -1, PrefixBlocks: -1, PrefixBlocksNeeded: -1}
	}

	// Settings are cluster-wide: a trap in them is reported once, with the
	// numbers of the group it hurts most.
	trapGroup := -1
	net := in.network()
	r.Groups = make([]GroupResult, len(in.Groups))
	var secondary []secondaryENIs
	for gi, g := range in.Groups {
		var gr GroupResult
		if g.pool != nil {
			gr = planPool(in, net, g, l.groups[gi], rec.Settings, win)
		} else {
			gr = planGroup(in, net, g, l.groups[gi], rec.Settings, win)
		}
		if gr.Current != nil && (trapGroup < 0 || gr.Current.PodsWithoutIP > r.Groups[trapGroup].Current.PodsWithoutIP) {
			trapGroup = gi
		}
		r.SavedIPs += int64(gr.Nodes[PhaseDesired]) * int64(gr.Baseline.SubnetIPs()-gr.Recommended.SubnetIPs())
		placeHeld(&r, in, l, gi, gr)
		if g.pool == nil {
			secondary = append(secondary, place(&r, in, l, gi, gr, false)...)
		}
		r.Groups[gi] = gr
	}
	if trapGroup >= 0 {
		g, gr := in.Groups[trapGroup], r.Groups[trapGroup]
		currentTraps(&r.Findings, gr.model.Worst.Node, g.ExpectedPods, withMode(*in.Current, in.mode()), *gr.Current)
	}
	for i := range r.Subnets {
		r.Subnets[i].Capacity = subnetCapacityOf(r.Subnets[i]).ips
	}
	// Karpenter puts each node in the zone's freest subnet, so its pools
	// go after every group's fixed share, with the capacities known.
	for gi, g := range in.Groups {
		if g.pool != nil {
			secondary = append(secondary, place(&r, in, l, gi, r.Groups[gi], true)...)
		}
	}
	placeDiscovered(&r, l, secondary)
	evaluateSubnets(&r, in)

	if in.CustomNetworking {
		r.ENIConfig = &addon.ENIConfig{Create: true, Region: in.Region, Subnets: map[string]addon.ENIConfigSubnet{}}
		for _, s := range in.Subnets {
			if s.Purpose == PurposePods {
				r.ENIConfig.Subnets[s.AvailabilityZone] = addon.ENIConfigSubnet{ID: s.ID, SecurityGroups: s.SecurityGroupIDs}
			}
		}
	}
	return r
}

func planGroup(in ClusterInput, net Network, g ClusterGroup, gl groupLayout, rec ipam.Settings, win ipam.WindowsSettings) GroupResult {
	m := g.model(net, rec, in.Current, win)
	gr := GroupResult{
		Name: g.Name, MaxPods: m.Kubelet, ShouldMaxPods: m.Should, KubeletType: m.KubeletType, WorstType: m.Worst.Name,
		TargetMaxPods: g.targetMaxPods(net, m.Should), Windows: g.Windows,
		RunPods: m.RunPods, Zones: gl.zones, Recommended: m.Recommended, Baseline: m.Baseline, Current: m.Current, Branch: m.Branch, model: m,
	}
	gr.SurgeNodes = in.Surge.surgeNodes(len(gr.Zones), g.MaxNodes)
	if g.pool != nil {
		gr.SurgeNodes = g.pool.surgeOf(g.MaxNodes)
	}
	gr.Nodes = [phases]int{g.DesiredNodes, g.MaxNodes, g.MaxNodes + gr.SurgeNodes}
	return gr
}

// place spreads a group's nodes over its zones and, within a zone, over
// the zone's node subnets (the remainder on the first ones; with freest,
// as Karpenter does, each node in the one with the most free addresses),
// at every phase, and adds what they take to the subnets' demand: node
// subnets and, under custom networking, the zone's pod subnet. With
// subnet discovery the ENIs after the primary are returned, to be placed
// in the zone's freest subnets once every group's fixed part is.
func place(r *ClusterResult, in ClusterInput, l layout, gi int, gr GroupResult, freest bool) []secondaryENIs {
	gl := l.groups[gi]
	each := shareOf(gr.Recommended, gr.Branch)
	var enis eniSet
	discovers := in.discovers() && !in.Groups[gi].Windows
	if discovers {
		each, enis = discovered(gr.Recommended, gr.model.Worst.Node, gr.Branch)
	}
	var out []secondaryENIs
	for ph := range phases {
		perZone := subnet.Spread(gr.Nodes[ph], len(gl.zones))
		for zi, z := range gl.zones {
			spread := subnet.Spread(perZone[zi], len(gl.inZones[zi]))
			if freest {
				spread = fillFreest(r, ph, gl.inZones[zi], perZone[zi], each.node.ips)
			}
			for k, n := range spread {
				sr := &r.Subnets[gl.inZones[zi][k]]
				sr.demand[ph] = sr.demand[ph].plus(each.times(n).node)
				if ph == PhaseSurge && n > 0 {
					sr.Groups = appendOnce(sr.Groups, gr.Name)
				}
			}
			if discovers && perZone[zi] > 0 {
				out = append(out, secondaryENIs{phase: ph, zone: z, group: gr.Name, nodes: perZone[zi], enis: enis, own: gl.inZones[zi]})
			}
			if pi, ok := l.podSubnetOf[z]; ok && in.CustomNetworking {
				sr := &r.Subnets[pi]
				sr.demand[ph] = sr.demand[ph].plus(each.times(perZone[zi]).pod)
				if ph == PhaseSurge && perZone[zi] > 0 {
					sr.Groups = appendOnce(sr.Groups, gr.Name)
				}
			}
		}
	}
	return out
}

// placeHeld spreads the group's running nodes as place spreads planned
// ones (evenly, Karpenter's too: where they went is not known) and adds
// what they hold now to the subnets' HeldNow.
func placeHeld(r *ClusterResult, in ClusterInput, l layout, gi int, gr GroupResult) {
	gl := l.groups[gi]
	held := heldShare(gr)
	perZone := subnet.Spread(in.Groups[gi].RunningNodes, len(gl.zones))
	for zi, z := range gl.zones {
		pi, ok := l.podSubnetOf[z]
		addHeld(r, gl.inZones[zi], pi, perZone[zi], held, in.CustomNetworking && ok)
	}
}

// heldShare is what one running node of the group holds now: with the
// current settings, or the add-on defaults when they are not given.
func heldShare(gr GroupResult) share {
	now := gr.Baseline
	if gr.Current != nil {
		now = *gr.Current
	}
	return shareOf(now, gr.Branch)
}

// addHeld adds what nodes running now hold to the subnets of one zone:
// spread over its node subnets as planned nodes are, and under custom
// networking their pod ENIs' addresses to the zone's pod subnet.
func addHeld(r *ClusterResult, nodeSubnets []int, podSubnet, nodes int, held share, customNetworking bool) {
	for k, n := range subnet.Spread(nodes, len(nodeSubnets)) {
		r.Subnets[nodeSubnets[k]].HeldNow += held.times(n).node.ips
	}
	if customNetworking && nodes > 0 {
		r.Subnets[podSubnet].HeldNow += held.times(nodes).pod.ips
	}
}

// appendOnce appends s unless it is the last element: groups are placed
// one after the other, so a group already listed is the last one.
func appendOnce(list []string, s string) []string {
	if len(list) > 0 && list[len(list)-1] == s {
		return list
	}
	return append(list, s)
}
