// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
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

// Attribute names findings refer to.
const (
	attrExpectedPods    = "expected_pods"
	attrSpareIPs        = "spare_ips"
	attrVCPUs           = "vcpus"
	attrSubnetCIDRs     = "subnet_cidrs"
	attrSubnetAvailable = "subnet_available_ips"
	attrCurrent         = "current"
	attrPrefixDeleg     = "prefix_delegation"
	attrPodSubnetCIDRs  = "pod_subnet_cidrs"
)

// SubnetUsage is what one subnet holds under the recommendation.
type SubnetUsage struct {
	CIDR      string
	Capacity  int
	Nodes     int
	IPsNeeded int
	Fits      bool
}

// WarmPoolResult is the plan for a node group.
type WarmPoolResult struct {
	Recommended ipam.Settings
	MaxPods     ipam.MaxPods
	// Projections per node.
	RecommendedNode, BaselineNode ipam.Projection
	CurrentNode                   *ipam.Projection
	SavedIPs                      int
	Subnets                       []SubnetUsage
	PodSubnets                    []SubnetUsage
	SubnetCapacity                int
	SubnetFits                    bool
	// Alternatives are the remedies, in the order of Remedies.
	Alternatives []Alternative
	Findings     Findings
}

// ValidateWarmPool checks what the inputs say on their own and together,
// before anything is projected: list lengths, CIDRs, overlaps, and
// whether the node can run the expected pods at all.
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
	validateSubnetLists(&f, []subnetList{
		{subnets: in.Subnets, cidrAttr: attrSubnetCIDRs, countAttr: attrSubnetAvailable},
		{subnets: in.PodSubnets, cidrAttr: attrPodSubnetCIDRs, podSubnet: true},
	})
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

// validateSubnetLists parses the CIDRs of every list and checks that no two
// subnets overlap and no count exceeds its CIDR.
func validateSubnetLists(f *Findings, lists []subnetList) {
	type seen struct {
		s     subnet.Subnet
		where string
	}
	var all []seen
	for _, l := range lists {
		for i, in := range l.subnets {
			if in.CIDR == "" {
				continue
			}
			p, err := subnet.Parse(in.CIDR)
			if err != nil {
				f.add(Error, AtIndex(l.cidrAttr, i), "Invalid subnet CIDR", "%s.", err)
				continue
			}
			for _, o := range all {
				if o.s.Overlaps(p) {
					f.add(Error, AtIndex(l.cidrAttr, i), "Overlapping subnet CIDRs",
						"%s overlaps %s = %s; each subnet's addresses count once, so list every subnet once.", p, o.where, o.s)
				}
			}
			all = append(all, seen{p, AtIndex(l.cidrAttr, i).String()})
			if in.Available > p.Usable() {
				f.add(Error, AtIndex(l.countAttr, i), "More available addresses than the subnet has",
					"%s = %d, but %s has %d usable addresses (AWS reserves 5).", AtIndex(l.countAttr, i), in.Available, p, p.Usable())
			}
		}
	}
}

// WarmPool projects the node group with the recommended, baseline and
// current settings and checks the subnets. Call ValidateWarmPool first;
// WarmPool assumes its checks passed.
func WarmPool(in WarmPoolInput) WarmPoolResult {
	var r WarmPoolResult
	r.MaxPods = effectiveMaxPods(in.Node, in.Mode)
	mode := in.Mode
	mode.MaxPods = r.MaxPods.Pods

	rec := ipam.Recommend(in.Node, mode, in.ExpectedPods, in.SpareIPs)
	r.Recommended = rec.Settings
	r.RecommendedNode = ipam.Project(in.Node, rec.Settings, in.ExpectedPods)

	baseline := ipam.AddonDefaults()
	baseline.PrefixDelegation, baseline.CustomNetworking = mode.PrefixDelegation, mode.CustomNetworking
	baseline.MaxENI, baseline.MaxPods = mode.MaxENI, mode.MaxPods
	r.BaselineNode = ipam.Project(in.Node, baseline, in.ExpectedPods)
	r.SavedIPs = in.NodeCount * (r.BaselineNode.SubnetIPs() - r.RecommendedNode.SubnetIPs())
	r.Alternatives = warmPoolAlternatives(in, r.BaselineNode)

	if in.Current != nil {
		cur := *in.Current
		cur.PrefixDelegation, cur.CustomNetworking = mode.PrefixDelegation, mode.CustomNetworking
		cur.MaxENI, cur.MaxPods = mode.MaxENI, mode.MaxPods
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

	checkSubnets(&r, in)
	return r
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

// subnetList is one of the subnet lists of a node group: where its nodes'
// ENIs live, or under custom networking where its pod ENIs live.
type subnetList struct {
	subnets   []SubnetInput
	cidrAttr  string
	countAttr string
	podSubnet bool
}

func (l subnetList) where(i int) Where {
	if l.subnets[i].Available >= 0 && l.countAttr != "" {
		return AtIndex(l.countAttr, i)
	}
	return AtIndex(l.cidrAttr, i)
}

func (l subnetList) name(i int) string {
	if c := l.subnets[i].CIDR; c != "" {
		return c
	}
	return fmt.Sprintf("%s[%d]", l.countAttr, i)
}

func (l subnetList) capacity(i int) capacity {
	var c capacity
	if cidr := l.subnets[i].CIDR; cidr != "" {
		c.cidr, _ = subnet.Parse(cidr)
		c.ips = c.cidr.Usable()
	}
	if l.subnets[i].Available >= 0 {
		c.ips = l.subnets[i].Available
	}
	return c
}

// usage spreads nodes with projection p over the list's subnets, the
// remainder on the first ones, and says what each must hold.
func (l subnetList) usage(nodes int, p ipam.Projection) []SubnetUsage {
	spread := subnet.Spread(nodes, len(l.subnets))
	out := make([]SubnetUsage, len(l.subnets))
	for i := range l.subnets {
		c := l.capacity(i)
		d := nodeDemand(p, spread[i], l.podSubnet)
		out[i] = SubnetUsage{CIDR: l.subnets[i].CIDR, Capacity: c.ips, Nodes: spread[i], IPsNeeded: d.ips, Fits: c.fits(d)}
	}
	return out
}

// checkSubnets spreads the nodes over each subnet list and checks every
// subnet.
func checkSubnets(r *WarmPoolResult, in WarmPoolInput) {
	lists := []subnetList{{subnets: in.Subnets, cidrAttr: attrSubnetCIDRs, countAttr: attrSubnetAvailable}}
	if in.Mode.CustomNetworking {
		lists = append(lists, subnetList{subnets: in.PodSubnets, cidrAttr: attrPodSubnetCIDRs, podSubnet: true})
	}
	if len(in.Subnets)+len(in.PodSubnets) == 0 {
		return
	}
	r.SubnetFits = true
	for _, l := range lists {
		for i, use := range l.usage(in.NodeCount, r.RecommendedNode) {
			c := l.capacity(i)
			d := nodeDemand(r.RecommendedNode, use.Nodes, l.podSubnet)
			r.SubnetCapacity += use.Capacity
			r.SubnetFits = r.SubnetFits && use.Fits
			if l.podSubnet {
				r.PodSubnets = append(r.PodSubnets, use)
			} else {
				r.Subnets = append(r.Subnets, use)
			}
			switch {
			case !use.Fits:
				insufficientSubnet(&r.Findings, in, l, i, use.Nodes, c, d, r)
			case d.prefixes > 0 && !c.hasCIDR():
				r.Findings.add(Warning, l.where(i), "Prefix space cannot be proven from an address count",
					"Prefix delegation needs %d aligned /28 blocks in %s, and a count of free addresses says nothing about how they are fragmented. "+
						"Give the subnet's CIDR, or reserve the space with an aws_ec2_subnet_cidr_reservation of reservation_type \"prefix\" and a /%d CIDR.",
					d.prefixes, l.name(i), subnet.ReservationBitsFor(d.prefixes))
			default:
				outgrown(&r.Findings, l, i, use, r)
			}
		}
	}
}

func insufficientSubnet(f *Findings, in WarmPoolInput, l subnetList, i, nodes int, c capacity, d demand, r *WarmPoolResult) {
	sev := Warning
	if in.FailOnInsufficientSubnet {
		sev = Error
	}
	var b strings.Builder
	what := "addresses"
	if l.podSubnet {
		what = "pod addresses"
	}
	fmt.Fprintf(&b, "%s needs %d %s for %d %s nodes (%d each with MINIMUM_IP_TARGET=%d, WARM_IP_TARGET=%d), and offers %d",
		l.name(i), d.ips, what, nodes, in.InstanceType, d.ips/max(nodes, 1),
		r.Recommended.MinimumIPTarget.Or(0), r.Recommended.WarmIPTarget.Or(0), c.ips)
	if d.ips > c.ips {
		fmt.Fprintf(&b, ": %d short", d.ips-c.ips)
	}
	if need := c.blocksNeeded(d); need > c.blocksOffered() {
		fmt.Fprintf(&b, "; it also needs %d aligned /28 blocks (%d prefixes, the rest spoiled by ENI primary addresses), and a fresh %s offers %d",
			need, d.prefixes, c.cidr, c.blocksOffered())
	}
	b.WriteString(".")
	fewer := "fewer spare_ips"
	if in.SpareIPs > 1 {
		fewer += fmt.Sprintf(" (each one less saves %d addresses here)", nodes)
	}
	writeWaysOut(&b, d, "them", fewer, r.Alternatives)
	f.add(sev, l.where(i), "Subnet too small for the node group", "%s", b.String())
}

// writeWaysOut appends the smallest subnet that would hold the demand
// (for the moment named by when, such as "them" or "max + surge"), the
// knobs that lower it (fewer), and the remedies of alts that would fit.
func writeWaysOut(b *strings.Builder, d demand, when, fewer string, alts []Alternative) {
	if bits, ok := smallestSubnetFor(d); ok {
		fmt.Fprintf(b, " The smallest subnet that holds %s is a /%d (%d usable addresses).", when, bits, subnet.UsableIn(bits))
	} else {
		fmt.Fprintf(b, " Not even a /16 holds %s: spread the nodes over more subnets.", when)
	}
	fmt.Fprintf(b, " Other ways out: %s, more or larger subnets.", fewer)
	writeRemedies(b, alts)
}

// outgrown warns when the subnet holds the recommendation but not today's
// settings (or, when those are not given, the add-on defaults).
func outgrown(f *Findings, l subnetList, i int, use SubnetUsage, r *WarmPoolResult) {
	p, what := r.BaselineNode, "the vpc-cni add-on defaults (WARM_ENI_TARGET=1)"
	if r.CurrentNode != nil {
		p, what = *r.CurrentNode, "the current settings"
	}
	need := nodeDemand(p, use.Nodes, l.podSubnet).ips
	if use.Nodes == 0 || need <= use.Capacity {
		return
	}
	f.add(Warning, l.where(i), "Subnet fits only with the recommended settings",
		"With %s the %d nodes in %s would take %d addresses of %d; the recommended configuration_values bring it to %d. Apply them before the nodes scale up.",
		what, use.Nodes, l.name(i), need, use.Capacity, use.IPsNeeded)
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
