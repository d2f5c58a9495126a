// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
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
	// Available is -1 when not known; when known, it and what the running
	// nodes hold now are the capacity.
	Available int
	// Reserved are addresses held back for other tenants of the subnet.
	Reserved int
	// unbounded marks the stand-in pod subnets of the alternatives.
	unbounded bool
}

// WarmPoolInput is one node group of one instance type.
type WarmPoolInput struct {
	InstanceType string
	Node         ipam.Node
	// Windows nodes get their addresses from the VPC resource controller.
	Windows bool
	// Mode carries prefix delegation, custom networking, MAX_ENI and
	// ENABLE_POD_ENI; its warm-pool targets and max pods are ignored.
	Mode ipam.Settings
	// Launch is how the nodes get their kubelet max pods (the zero Path is
	// an EKS managed node group; an explicit max_pods is LaunchExplicit).
	Launch            ipam.Launch
	HostNetworkPods   int
	ExpectedPods      int
	SecurityGroupPods int
	NodeCount         int
	// RunningNodes of the group run now, with Current (nil: the add-on
	// defaults); what they hold counts into the capacity of subnets whose
	// free count is given.
	RunningNodes int
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
	// ipv6 and discovery plan the group in an IPv6 cluster or with
	// enhanced subnet discovery, for the alternatives.
	ipv6, discovery bool
}

// spec and network are the group in the terms of the node model.
func (in WarmPoolInput) spec() NodeSpec {
	return NodeSpec{Types: []NamedNode{{in.InstanceType, in.Node}}, Windows: in.Windows, ExpectedPods: in.ExpectedPods,
		SecurityGroupPods: in.SecurityGroupPods, Launch: in.Launch}
}

func (in WarmPoolInput) network() Network {
	return Network{Mode: in.Mode, HostNetworkPods: in.HostNetworkPods, IPv6: in.ipv6}
}

// warmPoolRef names the warm pool's inputs in findings.
var warmPoolRef = groupRef{field: At}

// SubnetUsage is what one subnet holds under the recommendation.
type SubnetUsage struct {
	CIDR     string
	Capacity int64
	Nodes    int
	// HeldNow is what the running nodes in the subnet hold now, counted
	// into Capacity when the free count is given.
	HeldNow   int64
	IPsNeeded int64
	Fits      bool
}

// WarmPoolResult is the plan for a node group.
type WarmPoolResult struct {
	Recommended ipam.Settings
	// Windows are the settings of the amazon-vpc-cni ConfigMap for a
	// Windows group.
	Windows ipam.WindowsSettings
	// MaxPods is the kubelet max pods the nodes get; ShouldMaxPods what
	// they should get.
	MaxPods, ShouldMaxPods ipam.KubeletMaxPods
	// TargetMaxPods is the kubelet max pods to give the nodes: max_pods
	// when set, otherwise ShouldMaxPods.
	TargetMaxPods int
	// Projections per node.
	RecommendedNode, BaselineNode ipam.Projection
	CurrentNode                   *ipam.Projection
	// Branch is where each node's pods with security groups take
	// addresses.
	Branch         ipam.BranchPlacement
	SavedIPs       int64
	Subnets        []SubnetUsage
	PodSubnets     []SubnetUsage
	SubnetCapacity int64
	SubnetFits     bool
	// Alternatives are the remedies, in the order of Remedies.
	Alternatives []Alternative
	Findings     Findings
	model        nodeModel
	spareRaised  bool
}

// ValidateWarmPool checks what the inputs say on their own and together,
// before anything is projected: CIDRs, overlaps, counts against CIDRs, and
// whether the node can run the expected pods at all. It returns errors
// only; WarmPool runs it first.
func ValidateWarmPool(in WarmPoolInput) Findings {
	var f Findings
	in.spec().check(&f, in.network(), warmPoolRef)
	validateSubnetLists(&f, in.lists(true))
	switch {
	case in.Mode.CustomNetworking && len(in.PodSubnets) == 0 && len(in.Subnets) > 0:
		f.add(Error, At(attrPodSubnetCIDRs), "Custom networking without pod subnets",
			"custom_networking = true puts pod ENIs in ENIConfig subnets; give their CIDRs in pod_subnet_cidrs so the plan can check them, or leave subnet_cidrs out too.")
	case !in.Mode.CustomNetworking && len(in.PodSubnets) > 0:
		f.add(Error, At(attrPodSubnetCIDRs), "Pod subnets without custom networking",
			"pod_subnet_cidrs are the ENIConfig subnets of custom networking; set custom_networking = true, or list these subnets in subnet_cidrs.")
	}
	for i, s := range in.Subnets {
		// With nodes running, what they hold comes back to the free count.
		if in.RunningNodes == 0 && s.Available >= 0 && s.Reserved > s.Available {
			f.add(Error, AtIndex(attrSubnetReserved, i), "More reserved addresses than the subnet has free",
				"%s = %d, but %s = %d and no running_nodes hold addresses to add back: the addresses held for other tenants come out of the free ones. Give at most %d.",
				AtIndex(attrSubnetReserved, i), s.Reserved, AtIndex(attrSubnetAvailable, i), s.Available, s.Available)
		}
	}
	if in.RunningNodes > in.NodeCount {
		f.add(Error, At(attrRunningNodes), "More running nodes than the group has",
			"running_nodes = %d is more than node_count = %d; running_nodes are the group's nodes that run now, before the change.", in.RunningNodes, in.NodeCount)
	}
	return f
}

// WarmPool validates the node group (ValidateWarmPool) and, when that
// finds no error, projects it with the recommended, baseline and current
// settings and checks the subnets.
func WarmPool(in WarmPoolInput) WarmPoolResult {
	if f := ValidateWarmPool(in); f.HasError() {
		return WarmPoolResult{Findings: f}
	}
	r := planWarmPool(in)
	if r.CurrentNode != nil {
		currentTraps(&r.Findings, in.Node, in.ExpectedPods, withMode(*in.Current, in.Mode), *r.CurrentNode)
	}
	if r.spareRaised && !in.Windows {
		r.Findings.add(Warning, At(attrSpareIPs), "spare_ips = 0 raised to WARM_IP_TARGET = 1",
			"ipamd reads WARM_IP_TARGET=0 as not set, and MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool: pods beyond the minimum would get no address. "+
				"The recommendation uses WARM_IP_TARGET=1, the least that keeps the pool growing; with it every pod beyond %d waits for an EC2 AssignPrivateIpAddresses call before it starts.",
			r.Recommended.MinimumIPTarget.Or(0))
	}
	in.spec().notes(&r.Findings, in.network(), r.model, warmPoolRef)
	maxENITrap(&r.Findings, in.Mode)
	if in.Mode.PodENI && in.Launch.Path == ipam.LaunchKarpenter && in.Launch.ReservedENIs == 0 && in.Launch.MaxPods == 0 {
		r.Findings.add(Warning, At(fieldReservedENIs), "Karpenter counts the trunk ENI", "%s", trunkCountedDetail(in.InstanceType+" nodes"))
	}
	// The alternatives come after the subnets are loaded (the one of the
	// group's own mode is this plan) and before their findings, so that a
	// subnet too small can name the remedies that would fit.
	r.Alternatives = warmPoolAlternatives(in, &r, ownRemedy(in.Mode))
	subnetFindings(&r, in)
	return r
}

// planWarmPool models the group's node and loads its subnets: the plan
// without its findings, also run for every remedy.
func planWarmPool(in WarmPoolInput) WarmPoolResult {
	var r WarmPoolResult
	spec, net := in.spec(), in.network()
	gets, should := spec.kubelet(net, spec.Types[0])
	mode := withMode(ipam.Settings{}, in.Mode)
	mode.MaxPods = gets.Pods
	rec := ipam.Recommend(in.Node, mode, in.ExpectedPods, in.SpareIPs)
	r.Recommended, r.spareRaised = rec.Settings, rec.WarmIPRaised
	if in.Windows {
		r.Windows = windowsRecommendation(in.SpareIPs, in.ExpectedPods, in.Mode.PrefixDelegation)
	}
	if in.ipv6 {
		r.Recommended = ipam.Settings{}
	}
	m := spec.model(net, rec.Settings, in.Current, r.Windows)
	r.model = m
	r.MaxPods, r.ShouldMaxPods, r.TargetMaxPods = gets, should, spec.targetMaxPods(net, should)
	r.RecommendedNode, r.BaselineNode, r.CurrentNode, r.Branch = m.Recommended, m.Baseline, m.Current, m.Branch
	r.SavedIPs = int64(in.NodeCount) * int64(r.BaselineNode.SubnetIPs()-r.RecommendedNode.SubnetIPs())
	loadSubnets(&r, in)
	return r
}

// windowsRecommendation is the amazon-vpc-cni ConfigMap's Windows targets
// for a group: warm = spare IPs (at least 1: the controller reads 0 as 1)
// and minimum = the expected pods.
func windowsRecommendation(spare, expectedPods int, prefixDelegation bool) ipam.WindowsSettings {
	return ipam.WindowsSettings{WarmIPTarget: ipam.TargetOf(max(spare, 1)), MinimumIPTarget: ipam.TargetOf(expectedPods), PrefixDelegation: prefixDelegation}
}

// withMode returns warm-pool settings s with the networking mode, MAX_ENI,
// ENABLE_POD_ENI and max pods of mode.
func withMode(s, mode ipam.Settings) ipam.Settings {
	s.PrefixDelegation, s.CustomNetworking, s.PodENI = mode.PrefixDelegation, mode.CustomNetworking, mode.PodENI
	s.MaxENI, s.MaxPods = mode.MaxENI, mode.MaxPods
	return s
}

func currentTraps(f *Findings, n ipam.Node, expectedPods int, cur ipam.Settings, p ipam.Projection) {
	traps := ipam.Traps(n, cur)
	if traps.Has(ipam.TrapMinimumWithoutWarm) {
		f.add(Warning, At(attrCurrent).Dot("minimum_ip_target"), "MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool",
			"ipamd keeps exactly MINIMUM_IP_TARGET = %d addresses and adds none when pods take them (an unset or 0 WARM_IP_TARGET counts as 0 free wanted), so pods beyond %d get no address. "+
				"With %d expected pods, %d would stay without an IP. Set WARM_IP_TARGET as well.",
			cur.MinimumIPTarget.Or(0), cur.MinimumIPTarget.Or(0), expectedPods, p.PodsWithoutIP)
	}
	if traps.Has(ipam.TrapWarmENIZero) {
		f.add(Warning, At(attrCurrent).Dot("warm_eni_target"), "WARM_ENI_TARGET = 0 without IP targets flaps",
			"With no free address left ipamd attaches an ENI, finds it unused and detaches it after its one-minute minimum lifetime, then attaches it again: at every multiple of %d pods the node churns an ENI about once a minute, and pods wait for each attachment. Set WARM_IP_TARGET and MINIMUM_IP_TARGET instead.",
			n.IPv4PerENI-1)
	}
	if traps.Has(ipam.TrapWarmPrefixZero) {
		f.add(Warning, At(attrCurrent).Dot("warm_prefix_target"), "WARM_PREFIX_TARGET = 0 is not supported with prefix delegation",
			"Upstream does not support prefix delegation with WARM_PREFIX_TARGET=0 and no IP targets (docs/prefix-and-ip-target.md): ipamd adds a /28 when the last address is taken and releases it as soon as it is free, so at every multiple of 16 pods a prefix churns about once a minute. Set WARM_PREFIX_TARGET to 1 or set IP targets.")
	}
}

// effectiveMaxPods is the max pods of the VPC CNI mode: an explicit value,
// or the calculator's. The remedies' checks use it.
func effectiveMaxPods(n ipam.Node, mode ipam.Settings) ipam.MaxPods {
	if mode.MaxPods > 0 {
		return ipam.MaxPods{Pods: mode.MaxPods, Uncapped: mode.MaxPods}
	}
	return ipam.ComputeMaxPods(n, ipam.Mode{CustomNetworking: mode.CustomNetworking, PrefixDelegation: mode.PrefixDelegation, MaxENI: mode.MaxENI})
}
