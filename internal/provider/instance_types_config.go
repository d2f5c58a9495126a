// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// decodeInstanceTypes reads and checks vpccni_instance_types' inputs once
// and resolves the selection into the types to rank, in name order, with
// their vCPU counts. The selection is checked as soon as its own inputs
// are known, whatever the others are.
func decodeInstanceTypes(raw tftypes.Value) (plan.RankInput, *decoder) {
	d := &decoder{}
	o := d.root(raw)
	in := plan.RankInput{SpareIPs: plan.DefaultSpareIPs}
	o.need("expected_pods")
	o.need("total_pods")
	in.ExpectedPods, _ = o.whole("expected_pods", 1, maxTarget)
	in.TotalPods, _ = o.whole("total_pods", 1, maxTotalPods)
	in.SpareIPs = o.wholeOr("spare_ips", 0, maxTarget, plan.DefaultSpareIPs)
	in.PrefixDelegation = o.boolOr("prefix_delegation", false)
	in.CustomNetworking = o.boolOr("custom_networking", false)
	in.MaxENI = o.wholeOr("max_eni", 1, maxOverrideENIs, 0)
	in.Limit = o.wholeOr("limit", 1, maxTarget, 0)

	names, namesOK := o.texts("instance_types", 1, true, instanceTypeCheck)
	families, familiesOK := o.texts("families", 1, true, familyCheck)
	smallest, smallestOK := o.text("smallest_size", sizeCheck)
	largest, largestOK := o.text("largest_size", sizeCheck)
	vcpus := decodeVCPUs(o)

	if !o.isNull("instance_types") {
		for _, other := range []string{"families", "smallest_size", "largest_size"} {
			if !o.isNull(other) {
				d.errs.AddAttributeError(o.attr(other), "Invalid Attribute Combination",
					fmt.Sprintf("%s cannot be combined with instance_types: rank the types you name, or select them by families and sizes.", other))
			}
		}
		if !namesOK || d.errs.HasError() {
			return in, d
		}
		names = slices.Clone(names)
		slices.Sort(names)
	} else {
		familiesKnown := familiesOK || o.isNull("families")
		smallestKnown := smallestOK || o.isNull("smallest_size")
		largestKnown := largestOK || o.isNull("largest_size")
		if !familiesKnown || !smallestKnown || !largestKnown {
			return in, d
		}
		lo, _ := ec2limits.ParseSize(smallest)
		hi, _ := ec2limits.ParseSize(largest)
		if smallest != "" && largest != "" && lo > hi {
			d.errs.AddAttributeError(o.attr("largest_size"), "Size bounds in the wrong order",
				fmt.Sprintf("smallest_size = %q is larger than largest_size = %q, so no type fits between them. Swap them, or give a largest_size of at least %q. %s",
					smallest, largest, smallest, sizeOrderDescription))
			return in, d
		}
		names = ec2limits.Select(ec2limits.Selection{Families: families, Smallest: lo, Largest: hi})
		if len(names) == 0 {
			where, what := o.attr("smallest_size"), "the table"
			if len(families) > 0 {
				where, what = o.attr("families"), "families "+strings.Join(families, ", ")
			}
			d.errs.AddAttributeError(where, "No instance type selected",
				fmt.Sprintf("No instance type of %s has a size from %s to %s. Widen smallest_size or largest_size, or choose other families.",
					what, sizeOrNone(smallest, "the smallest"), sizeOrNone(largest, "the largest")))
		}
	}
	if d.errs.HasError() {
		return in, d
	}
	in.Types = make([]plan.RankType, len(names))
	for i, n := range names {
		l, _ := ec2limits.Lookup(n)
		in.Types[i] = plan.RankType{Name: n, Node: ipam.NodeFromLimits(l, vcpus[n])}
	}
	return in, d
}

// decodeVCPUs reads the vcpus map: keys must be instance types of the
// table, values whole numbers.
func decodeVCPUs(o inObject) map[string]int {
	m, ok := o.mapElements("vcpus")
	if !ok {
		return nil
	}
	out := make(map[string]int, len(m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		at := o.attr("vcpus").AtMapKey(k)
		if _, msg := lookupInstanceType(k); msg != "" {
			o.d.errs.AddAttributeError(at, "Unknown instance type", msg)
			continue
		}
		v := m[k]
		if v.IsNull() {
			o.d.errs.AddAttributeError(at, "Null Map Value", fmt.Sprintf("vcpus[%q] is null; give the type's vCPU count or leave the key out.", k))
			continue
		}
		if !v.IsKnown() {
			o.d.unknown = append(o.d.unknown, at)
			continue
		}
		f, ok := numberValue(o.d, v, at)
		if !ok {
			continue
		}
		if n, ok := wholeIn(o.d, f, at, 1, maxVCPUs); ok {
			out[k] = n
		}
	}
	return out
}

func sizeOrNone(s, none string) string {
	if s == "" {
		return none
	}
	return fmt.Sprintf("%q", s)
}
