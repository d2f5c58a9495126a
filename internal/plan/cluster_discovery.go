// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"container/heap"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// secondaryENIs are the ENIs after the primary of a group's nodes in one
// zone at one phase, which enhanced subnet discovery creates in the freest
// of the zone's subnets: the group's own node subnets there (own) and the
// zone's "cni" subnets.
type secondaryENIs struct {
	phase Phase
	zone  string
	group string
	nodes int
	enis  eniSet
	own   []int
}

// placeDiscovered places every group's secondary ENIs, group by group in
// input order and within a node its full ENIs before its last, each in
// the subnet with the most free addresses at that moment (ties to the
// first listed): ipamd's createENI tries the eligible subnets most free
// first (aws/amazon-vpc-cni-k8s pkg/awsutils/awsutils.go GetVpcSubnets,
// research note nodekinds.md §3). Free is the capacity less what is placed
// so far at that phase.
func placeDiscovered(r *ClusterResult, l layout, items []secondaryENIs) {
	for _, it := range items {
		candidates := append(append([]int(nil), it.own...), l.cniInZone[it.zone]...)
		sizes := []struct {
			count int
			one   eniSet
		}{
			{it.nodes * it.enis.full, eniSet{full: 1, fullSlots: it.enis.fullSlots, unit: it.enis.unit}},
		}
		if it.enis.lastSlots > 0 {
			sizes = append(sizes, struct {
				count int
				one   eniSet
			}{it.nodes, eniSet{lastSlots: it.enis.lastSlots, unit: it.enis.unit}})
		}
		for _, s := range sizes {
			d := s.one.demand(1)
			for k, n := range fillFreest(r, it.phase, candidates, s.count, d.ips) {
				if n == 0 {
					continue
				}
				sr := &r.Subnets[candidates[k]]
				sr.demand[it.phase] = sr.demand[it.phase].plus(s.one.demand(n))
				if it.phase == PhaseSurge {
					sr.Groups = appendOnce(sr.Groups, it.group)
				}
			}
		}
	}
}

// fillFreest places count ENIs of size addresses one by one, each in the
// candidate with the most free addresses, and returns how many each got.
func fillFreest(r *ClusterResult, ph Phase, candidates []int, count int, size int64) []int {
	got := make([]int, len(candidates))
	if count <= 0 || len(candidates) == 0 {
		return got
	}
	h := freeHeap{}
	for k, i := range candidates {
		h.items = append(h.items, freeItem{free: r.Subnets[i].Capacity - r.Subnets[i].demand[ph].ips, k: k})
	}
	heap.Init(&h)
	for range count {
		h.items[0].free -= size
		got[h.items[0].k]++
		heap.Fix(&h, 0)
	}
	return got
}

type freeItem struct {
	free int64
	k    int
}

// freeHeap orders candidates by free addresses, most first, then by
// their order in the list.
type freeHeap struct{ items []freeItem }

func (h freeHeap) Len() int { return len(h.items) }
func (h freeHeap) Less(a, b int) bool {
	if h.items[a].free != h.items[b].free {
		return h.items[a].free > h.items[b].free
	}
	return h.items[a].k < h.items[b].k
}
func (h freeHeap) Swap(a, b int) { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *freeHeap) Push(x any) {
	if item, ok := x.(freeItem); ok {
		h.items = append(h.items, item)
	}
}
func (h *freeHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// idleCNISubnets warns about "cni" subnets no node can use: ipamd looks
// for them in the node's own zone only, so one in a zone without the
// cluster's nodes, or with discovery off, holds nothing the plan counts.
func idleCNISubnets(f *Findings, in ClusterInput, l layout) {
	nodeZones := map[string]bool{}
	for _, gl := range l.groups {
		for _, z := range gl.zones {
			nodeZones[z] = true
		}
	}
	var unused []string
	first := -1
	for i, s := range in.Subnets {
		switch {
		case s.Purpose != PurposeCNI || s.unbounded:
		case !in.discovers():
			if first < 0 {
				first = i
			}
			unused = append(unused, s.ID)
		case !nodeZones[s.AvailabilityZone]:
			f.add(Warning, AtIndex(blockSubnet, i).Dot(fieldZone), "Discovery subnet in a zone without nodes",
				"%s is a \"cni\" subnet in %s, but no node group or pool has node subnets there, and ipamd only uses discovery subnets in the node's own zone.", s.ID, s.AvailabilityZone)
		}
	}
	if first >= 0 {
		f.add(Warning, AtIndex(blockSubnet, first).Dot(fieldPurpose), "Discovery subnets unused",
			"%s %s purpose = \"cni\", but subnet discovery places no ENI there: it is off (subnet_discovery = false), or custom networking or IPv6, which take precedence, is on.",
			echo.List(unused), hasOrHave(len(unused)))
	}
}
