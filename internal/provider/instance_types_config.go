// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"slices"

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

	vcpus := decodeVCPUs(o)
	names, ok := decodeTypeSelection(o, true)
	if !ok {
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
