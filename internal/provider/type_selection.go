// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// decodeTypeSelection reads a selection of instance types from o: the
// types named in instance_types, or those of families between
// smallest_size and largest_size, sorted by name. allowAll says whether
// selecting nothing selects every type of the table (vpccni_instance_types
// ranks them all); otherwise one of the two ways must be given. ok is
// false when the selection is unknown or refused.
func decodeTypeSelection(o inObject, allowAll bool) ([]string, bool) {
	d := o.d
	before := len(d.errs)
	names, namesOK := o.texts("instance_types", 1, true, instanceTypeCheck)
	families, familiesOK := o.texts("families", 1, true, familyCheck)
	smallest, smallestOK := o.text("smallest_size", sizeCheck)
	largest, largestOK := o.text("largest_size", sizeCheck)

	if !o.isNull("instance_types") {
		for _, other := range []string{"families", "smallest_size", "largest_size"} {
			if !o.isNull(other) {
				d.errs.AddAttributeError(o.attr(other), "Invalid Attribute Combination",
					fmt.Sprintf("%s cannot be combined with instance_types: give the types by name, or select them by families and sizes.", other))
			}
		}
		if !namesOK || len(d.errs) > before {
			return nil, false
		}
		names = slices.Clone(names)
		slices.Sort(names)
		return names, true
	}
	familiesKnown := familiesOK || o.isNull("families")
	smallestKnown := smallestOK || o.isNull("smallest_size")
	largestKnown := largestOK || o.isNull("largest_size")
	if !familiesKnown || !smallestKnown || !largestKnown || len(d.errs) > before {
		return nil, false
	}
	if !allowAll && len(families) == 0 {
		d.errs.AddAttributeError(o.attr("instance_types"), "No instance types",
			`Give the types the pool may launch: instance_types, such as ["m5.large", "m6i.large"], or families, such as ["m5", "m6i"], with smallest_size and largest_size as its NodePool requirements bound them.`)
		return nil, false
	}
	lo, _ := ec2limits.ParseSize(smallest)
	hi, _ := ec2limits.ParseSize(largest)
	if smallest != "" && largest != "" && lo > hi {
		d.errs.AddAttributeError(o.attr("largest_size"), "Size bounds in the wrong order",
			fmt.Sprintf("smallest_size = %q is larger than largest_size = %q, so no type fits between them. Swap them, or give a largest_size of at least %q. %s",
				smallest, largest, smallest, sizeOrderDescription))
		return nil, false
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
		return nil, false
	}
	return names, true
}

func sizeOrNone(s, none string) string {
	if s == "" {
		return none
	}
	return fmt.Sprintf("%q", s)
}
