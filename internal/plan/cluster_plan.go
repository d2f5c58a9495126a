// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"math"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// recommendCluster returns the one setting pair that serves every group:
// WARM_IP_TARGET = spare IPs and MINIMUM_IP_TARGET = the smallest expected
// pods of any group. A group expecting e >= MIN pods then settles at
// max(MIN, e + WARM) = e + WARM addresses, exactly what its own
// recommendation (MIN = e) gives, so the shared pair costs no group an
// address at steady state; a larger MIN would cost the smaller groups.
// WARM_IP_TARGET is clamped to the largest group's capacity only: a value
// beyond a smaller node's capacity just lets that node fill up.
func recommendCluster(in ClusterInput) ipam.Recommendation {
	minPods := math.MaxInt
	var largest ipam.Node
	capacity := -1
	mode := in.mode(0)
	for _, g := range in.Groups {
		minPods = min(minPods, g.ExpectedPods)
		if c := ipam.PodIPCapacity(g.Node, mode); c > capacity {
			capacity, largest = c, g.Node
		}
	}
	return ipam.Recommend(largest, mode, minPods, in.SpareIPs)
}

// Cluster validates the cluster (ValidateCluster) and, when that finds no
// error, plans every group against the subnets and under every remedy.
func Cluster(in ClusterInput) ClusterResult {
	f, l := validateCluster(in)
	if f.HasError() {
		return ClusterResult{Findings: f, Worst: -1}
	}
	r := cluster(in, l)
	r.Alternatives = clusterAlternatives(in, &r, ownRemedy(in.mode(0)))
	clusterFindings(&r, in)
	return r
}

// cluster plans every group against the subnets: the recommendation,
// each group's projections and each subnet's and zone's load.
func cluster(in ClusterInput, l layout) ClusterResult {
	var r ClusterResult
	rec := recommendCluster(in)
	r.Recommended = rec.Settings
	if rec.WarmIPRaised {
		r.Findings.add(Warning, At(attrSpareIPs), "spare_ips = 0 raised to WARM_IP_TARGET = 1",
			"ipamd reads WARM_IP_TARGET=0 as not set, and MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool: pods beyond the minimum would get no address. The recommendation uses WARM_IP_TARGET=1.")
	}

	r.Subnets = make([]SubnetResult, len(in.Subnets))
	for i, s := range in.Subnets {
		r.Subnets[i] = SubnetResult{ClusterSubnet: s, Capacity: int64(s.Available), FirstFailure: -1, PrefixBlocks: -1, PrefixBlocksNeeded: -1}
		switch {
		case s.unbounded:
			r.Subnets[i].Capacity = unboundedIPs
		case s.CIDR != "" && s.Available < 0:
			p, _ := subnet.Parse(s.CIDR)
			r.Subnets[i].Capacity = int64(p.Usable())
		}
	}

	// Settings are cluster-wide: a trap in them is reported once, with the
	// numbers of the group it hurts most.
	trapGroup := -1
	r.Groups = make([]GroupResult, len(in.Groups))
	for gi, g := range in.Groups {
		gr := planGroup(in, g, l.groups[gi], rec.Settings)
		if gr.Current != nil && (trapGroup < 0 || gr.Current.PodsWithoutIP > r.Groups[trapGroup].Current.PodsWithoutIP) {
			trapGroup = gi
		}
		r.SavedIPs += int64(g.DesiredNodes) * int64(gr.Baseline.SubnetIPs()-gr.Recommended.SubnetIPs())
		place(&r, in, l, gi, gr)
		r.Groups[gi] = gr
	}
	if trapGroup >= 0 {
		g, gr := in.Groups[trapGroup], r.Groups[trapGroup]
		cur := withMode(*in.Current, in.mode(0))
		currentTraps(&r.Findings, WarmPoolInput{ExpectedPods: g.ExpectedPods, Node: g.Node}, cur, *gr.Current)
	}
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

func planGroup(in ClusterInput, g ClusterGroup, gl groupLayout, rec ipam.Settings) GroupResult {
	mode := in.mode(g.MaxPods)
	gr := GroupResult{Name: g.Name, MaxPods: effectiveMaxPods(g.Node, mode), Zones: gl.zones}
	mode.MaxPods = gr.MaxPods.Pods
	gr.SurgeNodes = in.Surge.surgeNodes(len(gr.Zones), g.MaxNodes)
	gr.Nodes = [phases]int{g.DesiredNodes, g.MaxNodes, g.MaxNodes + gr.SurgeNodes}

	s := rec
	s.MaxPods = mode.MaxPods
	gr.Recommended = ipam.Project(g.Node, s, g.ExpectedPods)
	if in.ipv6 {
		gr.Recommended = ipv6Node
	}
	gr.Baseline = ipam.Project(g.Node, withMode(ipam.AddonDefaults(), mode), g.ExpectedPods)
	if in.Current != nil {
		p := ipam.Project(g.Node, withMode(*in.Current, mode), g.ExpectedPods)
		gr.Current = &p
	}
	return gr
}

// place spreads a group's nodes over its zones and, within a zone, over
// the zone's node subnets (the remainder on the first ones), at every
// phase, and adds what they take to the subnets' demand: node subnets
// and, under custom networking, the zone's pod subnet.
func place(r *ClusterResult, in ClusterInput, l layout, gi int, gr GroupResult) {
	gl := l.groups[gi]
	for ph := range phases {
		perZone := subnet.Spread(gr.Nodes[ph], len(gl.zones))
		for zi, z := range gl.zones {
			for k, nodes := range subnet.Spread(perZone[zi], len(gl.inZones[zi])) {
				sr := &r.Subnets[gl.inZones[zi][k]]
				sr.demand[ph] = sr.demand[ph].plus(nodeDemand(gr.Recommended, nodes, false))
				if ph == PhaseSurge && nodes > 0 {
					sr.Groups = appendOnce(sr.Groups, gr.Name)
				}
			}
			if !in.CustomNetworking {
				continue
			}
			if pi, ok := l.podSubnetOf[z]; ok {
				sr := &r.Subnets[pi]
				sr.demand[ph] = sr.demand[ph].plus(nodeDemand(gr.Recommended, perZone[zi], true))
				if ph == PhaseSurge && perZone[zi] > 0 {
					sr.Groups = appendOnce(sr.Groups, gr.Name)
				}
			}
		}
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
