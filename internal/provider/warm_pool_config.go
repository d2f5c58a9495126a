// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// decodeWarmPool reads and checks every input of vpccni_warm_pool once.
// ValidateConfig and Read both call it; the input is ready for plan.WarmPool
// when complete() holds.
func decodeWarmPool(raw tftypes.Value) (plan.WarmPoolInput, *decoder) {
	dec := &decoder{}
	o := dec.root(raw)
	in := plan.WarmPoolInput{FailOnInsufficientSubnet: true, SpareIPs: plan.DefaultSpareIPs}

	inst := decodeInstance(o)
	in.InstanceType, in.Node = inst.name, inst.node
	in.Mode.MaxENI = o.wholeOr("max_eni", 1, maxOverrideENIs, 0)
	o.need("expected_pods")
	o.need("node_count")
	in.ExpectedPods, _ = o.whole("expected_pods", 1, maxTarget)
	in.NodeCount, _ = o.whole("node_count", 1, maxTarget)
	in.SpareIPs = o.wholeOr("spare_ips", 0, maxTarget, plan.DefaultSpareIPs)
	in.Mode.MaxPods = o.wholeOr("max_pods", 1, maxTarget, 0)
	in.Mode.PrefixDelegation = o.boolOr("prefix_delegation", false)
	in.Mode.CustomNetworking = o.boolOr("custom_networking", false)
	in.FailOnInsufficientSubnet = o.boolOr("fail_on_insufficient_subnet", true)
	in.Current = decodeSettings(o, "current")

	cidrs, cidrsOK := o.texts("subnet_cidrs", 1, false, cidrCheck)
	counts, countsOK := o.wholes("subnet_available_ips", 1, 0, maxAvailableIPs)
	podCIDRs, _ := o.texts("pod_subnet_cidrs", 1, false, cidrCheck)
	// The lists' lengths are known as soon as the lists are, even when
	// their elements are not.
	if n, m := listLen(o, "subnet_cidrs"), listLen(o, "subnet_available_ips"); n >= 0 && m >= 0 && n != m {
		dec.errs.AddAttributeError(o.attr("subnet_available_ips"), "Subnet lists differ in length",
			fmt.Sprintf("subnet_available_ips has %d elements and subnet_cidrs %d; they pair up by position, so give one count per CIDR (or leave one list out).", m, n))
	}
	if cidrsOK || countsOK {
		in.Subnets = subnetInputs(cidrs, counts)
	}
	for _, c := range podCIDRs {
		in.PodSubnets = append(in.PodSubnets, plan.SubnetInput{CIDR: c, Available: -1})
	}
	return in, dec
}

// listLen is the length of a known list attribute, -1 when it is null or
// unknown.
func listLen(o inObject, name string) int {
	v, ok := o.value(name)
	if !ok || v.IsNull() || !v.IsKnown() {
		return -1
	}
	var elems []tftypes.Value
	if v.As(&elems) != nil {
		return -1
	}
	return len(elems)
}

// subnetInputs pairs the CIDRs with the available counts by position.
func subnetInputs(cidrs []string, counts []int) []plan.SubnetInput {
	out := make([]plan.SubnetInput, max(len(cidrs), len(counts)))
	for i := range out {
		out[i].Available = -1
		if i < len(cidrs) {
			out[i].CIDR = cidrs[i]
		}
		if i < len(counts) {
			out[i].Available = counts[i]
		}
	}
	return out
}
