// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// decodeWarmPool reads and checks every input of vpccni_warm_pool once.
// ValidateConfig and Read both call it; the input is ready for plan.WarmPool
// when complete() holds.
func decodeWarmPool(raw tftypes.Value) (plan.WarmPoolInput, addonConfiguration, *decoder) {
	dec := &decoder{}
	o := dec.root(raw)
	in := plan.WarmPoolInput{FailOnInsufficientSubnet: true, SpareIPs: plan.DefaultSpareIPs}

	inst := decodeInstance(o)
	in.InstanceType, in.Node = inst.name, inst.node
	var spec plan.NodeSpec
	decodeNodeSpec(o, &spec, true)
	in.Windows, in.SecurityGroupPods, in.Launch = spec.Windows, spec.SecurityGroupPods, spec.Launch
	in.RunningNodes = o.wholeOr("running_nodes", 0, maxTarget, 0)
	in.HostNetworkPods = o.wholeOr("host_network_pods", 0, maxTarget, plan.DefaultHostNetworkPods)
	in.Mode.PodENI = o.boolOr("security_groups_for_pods", false)
	if in.Mode.PodENI && in.Launch.Path == ipam.LaunchKarpenter && o.isNull("reserved_enis") {
		// As vpccni_cluster's karpenter_reserved_enis: the trunk ENI takes
		// a slot Karpenter would otherwise count.
		in.Launch.ReservedENIs = 1
	}
	in.Mode.MaxENI = o.wholeOr("max_eni", 1, maxOverrideENIs, 0)
	o.need("expected_pods")
	o.need("node_count")
	in.ExpectedPods, _ = o.whole("expected_pods", 1, maxTarget)
	in.NodeCount, _ = o.whole("node_count", 1, maxTarget)
	in.SpareIPs = o.wholeOr("spare_ips", 0, maxTarget, plan.DefaultSpareIPs)
	in.Mode.PrefixDelegation = o.boolOr("prefix_delegation", false)
	in.Mode.CustomNetworking = o.boolOr("custom_networking", false)
	in.FailOnInsufficientSubnet = o.boolOr("fail_on_insufficient_subnet", true)
	in.Current = decodeSettings(o, "current")

	cidrs, cidrsOK := o.texts("subnet_cidrs", 1, false, cidrCheck)
	counts, countsOK := o.wholes("subnet_available_ips", 1, 0, maxAvailableIPs)
	reserved, _ := o.wholes("subnet_reserved_ips", 1, 0, maxAvailableIPs)
	podCIDRs, _ := o.texts("pod_subnet_cidrs", 1, false, cidrCheck)
	samePairing(o, "subnet_available_ips", "subnet_cidrs")
	switch {
	case !o.isNull("subnet_cidrs"):
		samePairing(o, "subnet_reserved_ips", "subnet_cidrs")
	case !o.isNull("subnet_available_ips"):
		samePairing(o, "subnet_reserved_ips", "subnet_available_ips")
	case listLen(o, "subnet_reserved_ips") > 0:
		dec.errs.AddAttributeError(o.attr("subnet_reserved_ips"), "Reserved addresses without subnets",
			"subnet_reserved_ips pairs up with subnet_cidrs or subnet_available_ips by position; give the subnets too, or leave it out.")
	}
	if cidrsOK || countsOK {
		in.Subnets = subnetInputs(cidrs, counts, reserved)
	}
	for _, c := range podCIDRs {
		in.PodSubnets = append(in.PodSubnets, plan.SubnetInput{CIDR: c, Available: -1})
	}
	return in, decodeAddonConfiguration(o, warmPoolAddonInputs), dec
}

// samePairing refuses list a when its length differs from list b's: the
// lists pair up by position. Their lengths are known as soon as the lists
// are, even when their elements are not; an empty list has its own error.
func samePairing(o inObject, a, b string) {
	if n, m := listLen(o, b), listLen(o, a); n > 0 && m > 0 && n != m {
		o.d.errs.AddAttributeError(o.attr(a), "Subnet lists differ in length",
			fmt.Sprintf("%s has %d elements and %s %d; they pair up by position, so give one value per subnet (or leave %s out).", a, m, b, n, a))
	}
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

// subnetInputs pairs the CIDRs with the available and reserved counts by
// position.
func subnetInputs(cidrs []string, counts, reserved []int) []plan.SubnetInput {
	out := make([]plan.SubnetInput, max(len(cidrs), len(counts)))
	for i := range out {
		out[i].Available = -1
		if i < len(cidrs) {
			out[i].CIDR = cidrs[i]
		}
		if i < len(counts) {
			out[i].Available = counts[i]
		}
		if i < len(reserved) {
			out[i].Reserved = reserved[i]
		}
	}
	return out
}
