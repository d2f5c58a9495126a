// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// DefaultSpareIPs is WARM_IP_TARGET when the caller gives none: two free
// addresses let two pods start at once without waiting on EC2.
const DefaultSpareIPs = 2

// SubnetInput is one subnet as the caller knows it: its CIDR, its count of
// available addresses (as aws_subnet.available_ip_address_count reports
// it: AWS's reserved and already used addresses excluded), or both.
type SubnetInput struct {
	// CIDR is "" when only the count is known.
	CIDR string
	// Available is -1 when not known; when known it is the capacity.
	Available int
}

// WarmPoolInput is one node group of one instance type.
type WarmPoolInput struct {
	InstanceType string
	Node         ipam.Node
	// Mode carries prefix delegation, MAX_ENI and a kubelet max-pods
	// override; its warm-pool targets are ignored.
	Mode         ipam.Settings
	ExpectedPods int
	NodeCount    int
	SpareIPs     int
	// Current are today's settings, nil when not given.
	Current *ipam.Settings
	// Subnets are where the node ENIs live; "subnet_cidrs" and
	// "subnet_available_ips" in findings.
	Subnets []SubnetInput
	// PodSubnets are the ENIConfig subnets of custom networking
	// ("pod_subnet_cidrs"); Mode.CustomNetworking says whether it is on.
	PodSubnets               []SubnetInput
	FailOnInsufficientSubnet bool
}

// SubnetUsage is what one subnet holds under the recommendation.
type SubnetUsage struct {
	CIDR      string
	Capacity  int64
	Nodes     int
	IPsNeeded int64
	Fits      bool
}

// WarmPoolResult is the plan for a node group.
type WarmPoolResult struct {
	Recommended ipam.Settings
	MaxPods     ipam.MaxPods
	// Projections per node.
	RecommendedNode, BaselineNode ipam.Projection
	CurrentNode                   *ipam.Projection
	SavedIPs                      int64
	Subnets                       []SubnetUsage
	PodSubnets                    []SubnetUsage
	SubnetCapacity                int64
	SubnetFits                    bool
	// Alternatives are the remedies, in the order of Remedies.
	Alternatives []Alternative
	Findings     Findings
}

// ValidateWarmPool checks what the inputs say on their own and together,
// before anything is projected: CIDRs, overlaps, counts against CIDRs, and
// whether the node can run the expected pods at all. It returns errors
// only; WarmPool runs it first.
func ValidateWarmPool(in WarmPoolInput) Findings {
	var f Findings
	maxPods := effectiveMaxPods(in.Node, in.Mode)
	if in.ExpectedPods > maxPods.Pods {
		f.add(Error, At(attrExpectedPods), "Expected pods exceed max pods",
			"expected_pods = %d, but %s runs at most %d pods%s. Use a larger instance type%s, or fewer pods per node.",
			in.ExpectedPods, in.InstanceType, maxPods.Pods, maxPodsReason(maxPods, in.Mode), prefixHint(in.Mode))
	} else if capacity := ipam.PodIPCapacity(in.Node, in.Mode); in.ExpectedPods > capacity {
		f.add(Error, At(attrExpectedPods), "Expected pods exceed the node's pod addresses",
			"expected_pods = %d, but %s holds at most %d pod addresses (max pods %d counts aws-node and kube-proxy, which use the node's own address). Use a larger instance type%s, or fewer pods per node.",
			in.ExpectedPods, in.InstanceType, capacity, maxPods.Pods, prefixHint(in.Mode))
	}
	validateSubnetLists(&f, in.lists(true))
	switch {
	case in.Mode.CustomNetworking && len(in.PodSubnets) == 0 && len(in.Subnets) > 0:
		f.add(Error, At(attrPodSubnetCIDRs), "Custom networking without pod subnets",
			"custom_networking = true puts pod ENIs in ENIConfig subnets; give their CIDRs in pod_subnet_cidrs so the plan can check them, or leave subnet_cidrs out too.")
	case !in.Mode.CustomNetworking && len(in.PodSubnets) > 0:
		f.add(Error, At(attrPodSubnetCIDRs), "Pod subnets without custom networking",
			"pod_subnet_cidrs are the ENIConfig subnets of custom networking; set custom_networking = true, or list these subnets in subnet_cidrs.")
	}
	return f
}

// WarmPool validates the node group (ValidateWarmPool) and, when that
// finds no error, projects it with the recommended, baseline and current
// settings and checks the subnets.
func WarmPool(in WarmPoolInput) WarmPoolResult {
	var r WarmPoolResult
	if r.Findings = ValidateWarmPool(in); r.Findings.HasError() {
		return r
	}
	r.MaxPods = effectiveMaxPods(in.Node, in.Mode)
	mode := in.Mode
	mode.MaxPods = r.MaxPods.Pods

	rec := ipam.Recommend(in.Node, mode, in.ExpectedPods, in.SpareIPs)
	r.Recommended = rec.Settings
	r.RecommendedNode = ipam.Project(in.Node, rec.Settings, in.ExpectedPods)

	r.BaselineNode = ipam.Project(in.Node, withMode(ipam.AddonDefaults(), mode), in.ExpectedPods)
	r.SavedIPs = int64(in.NodeCount) * int64(r.BaselineNode.SubnetIPs()-r.RecommendedNode.SubnetIPs())

	if in.Current != nil {
		cur := withMode(*in.Current, mode)
		p := ipam.Project(in.Node, cur, in.ExpectedPods)
		r.CurrentNode = &p
		currentTraps(&r.Findings, in, cur, p)
	}

	if rec.WarmIPRaised {
		r.Findings.add(Warning, At(attrSpareIPs), "spare_ips = 0 raised to WARM_IP_TARGET = 1",
			"ipamd reads WARM_IP_TARGET=0 as not set, and MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool: pods beyond the minimum would get no address. "+
				"The recommendation uses WARM_IP_TARGET=1, the least that keeps the pool growing; with it every pod beyond %d waits for an EC2 AssignPrivateIpAddresses call before it starts.",
			rec.Settings.MinimumIPTarget.Or(0))
	}
	if in.Mode.PrefixDelegation && !r.RecommendedNode.PrefixDelegation {
		r.Findings.add(Warning, At(attrPrefixDeleg), "Prefix delegation is not available on this instance type",
			"ipamd runs prefix delegation only on Nitro and bare metal instances; on %s it falls back to secondary IPs, and the projections show that.", in.InstanceType)
	}
	if r.MaxPods.CapAssumed && in.Mode.MaxPods < 1 {
		r.Findings.add(Warning, At(attrVCPUs), "Max pods capped at 110 without a vCPU count",
			"With prefix delegation EKS caps max pods at 250 for more than 30 vCPUs and 110 otherwise; vcpus is not set, so the plan assumes 110 for %s (the formula gives %d). "+
				"Set vcpus (aws_ec2_instance_type.default_vcpus) or max_pods.", in.InstanceType, r.MaxPods.Uncapped)
	}

	// The subnets are loaded first, the alternatives then (the one of the
	// group's own mode is this plan), and the findings last, so that a
	// subnet too small can name the remedies that would fit.
	loadSubnets(&r, in)
	r.Alternatives = warmPoolAlternatives(in, &r, ownRemedy(in.Mode))
	subnetFindings(&r, in)
	return r
}

// withMode returns warm-pool settings s with the networking mode, MAX_ENI
// and max pods of mode.
func withMode(s, mode ipam.Settings) ipam.Settings {
	s.PrefixDelegation, s.CustomNetworking = mode.PrefixDelegation, mode.CustomNetworking
	s.MaxENI, s.MaxPods = mode.MaxENI, mode.MaxPods
	return s
}

func currentTraps(f *Findings, in WarmPoolInput, cur ipam.Settings, p ipam.Projection) {
	traps := ipam.Traps(in.Node, cur)
	if traps.Has(ipam.TrapMinimumWithoutWarm) {
		f.add(Warning, At(attrCurrent).Dot("minimum_ip_target"), "MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool",
			"ipamd keeps exactly MINIMUM_IP_TARGET = %d addresses and adds none when pods take them (an unset or 0 WARM_IP_TARGET counts as 0 free wanted), so pods beyond %d get no address. "+
				"With %d expected pods, %d would stay without an IP. Set WARM_IP_TARGET as well.",
			cur.MinimumIPTarget.Or(0), cur.MinimumIPTarget.Or(0), in.ExpectedPods, p.PodsWithoutIP)
	}
	if traps.Has(ipam.TrapWarmENIZero) {
		f.add(Warning, At(attrCurrent).Dot("warm_eni_target"), "WARM_ENI_TARGET = 0 without IP targets flaps",
			"With no free address left ipamd attaches an ENI, finds it unused and detaches it after its one-minute minimum lifetime, then attaches it again: at every multiple of %d pods the node churns an ENI about once a minute, and pods wait for each attachment. Set WARM_IP_TARGET and MINIMUM_IP_TARGET instead.",
			in.Node.IPv4PerENI-1)
	}
	if traps.Has(ipam.TrapWarmPrefixZero) {
		f.add(Warning, At(attrCurrent).Dot("warm_prefix_target"), "WARM_PREFIX_TARGET = 0 is not supported with prefix delegation",
			"Upstream does not support prefix delegation with WARM_PREFIX_TARGET=0 and no IP targets (docs/prefix-and-ip-target.md): ipamd adds a /28 when the last address is taken and releases it as soon as it is free, so at every multiple of 16 pods a prefix churns about once a minute. Set WARM_PREFIX_TARGET to 1 or set IP targets.")
	}
}

func effectiveMaxPods(n ipam.Node, mode ipam.Settings) ipam.MaxPods {
	if mode.MaxPods > 0 {
		return ipam.MaxPods{Pods: mode.MaxPods, Uncapped: mode.MaxPods}
	}
	return ipam.ComputeMaxPods(n, ipam.Mode{CustomNetworking: mode.CustomNetworking, PrefixDelegation: mode.PrefixDelegation, MaxENI: mode.MaxENI})
}

func maxPodsReason(m ipam.MaxPods, mode ipam.Settings) string {
	switch {
	case mode.MaxPods > 0:
		return " (max_pods)"
	case m.Cap > 0:
		return fmt.Sprintf(" (EKS caps prefix delegation at %d)", m.Cap)
	}
	return ""
}

func prefixHint(mode ipam.Settings) string {
	if mode.PrefixDelegation {
		return ""
	}
	return ", prefix delegation"
}
