// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// cidrEntry is one parsed subnet CIDR of the input and where it is.
type cidrEntry struct {
	cidr  subnet.Subnet
	where Where
	// label names the subnet in messages, for example its id.
	label string
}

// overlapGroups returns the groups of entries whose CIDRs share addresses,
// each a list of indexes into entries in input order, the groups in order
// of their first entry. Sorting by first address and sweeping once costs
// O(n log n): comparing every pair took 12 s of a plan for 10,000 subnets.
func overlapGroups(entries []cidrEntry) [][]int {
	type span struct {
		first, last uint32
		i           int
	}
	spans := make([]span, len(entries))
	for i, e := range entries {
		first, last := e.cidr.Range()
		spans[i] = span{first, last, i}
	}
	slices.SortFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(b.last, a.last), cmp.Compare(a.i, b.i))
	})
	var groups [][]int
	// spans[start:k] share addresses so far; end is their last address.
	start, end := 0, uint32(0)
	flush := func(k int) {
		if k-start > 1 {
			g := make([]int, 0, k-start)
			for _, s := range spans[start:k] {
				g = append(g, s.i)
			}
			slices.Sort(g)
			groups = append(groups, g)
		}
		start = k
	}
	for k, s := range spans {
		if k > start && s.first <= end {
			end = max(end, s.last)
			continue
		}
		flush(k)
		end = s.last
	}
	flush(len(spans))
	slices.SortFunc(groups, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return groups
}

// addOverlaps reports each group of overlapping CIDRs once, on its second
// entry in input order, naming the first and counting the rest.
func addOverlaps(f *Findings, entries []cidrEntry) {
	for _, g := range overlapGroups(entries) {
		first, second := entries[g[0]], entries[g[1]]
		detail := fmt.Sprintf("%s = %s%s overlaps %s = %s%s", second.where, second.cidr, labelOf(second), first.where, first.cidr, labelOf(first))
		if len(g) > 2 {
			var rest []string
			for _, i := range g[2:] {
				rest = append(rest, entries[i].where.String())
			}
			detail += fmt.Sprintf(", and so do %s", echo.List(rest))
		}
		f.add(Error, second.where, "Overlapping subnet CIDRs",
			"%s. Each subnet's addresses count once: list every subnet once, with its own CIDR.", detail)
	}
}

func labelOf(e cidrEntry) string {
	if e.label == "" {
		return ""
	}
	return " (" + e.label + ")"
}
