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
	Subnets                  []SubnetInput
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
	SubnetCapacity                int
	SubnetFits                    bool
	Findings                      Findings
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
	validateSubnetLists(&f, in.Subnets)
	return f
}

func validateSubnetLists(f *Findings, subnets []SubnetInput) {
	parsed := make([]subnet.Subnet, len(subnets))
	for i, s := range subnets {
		if s.CIDR == "" {
			continue
		}
		p, err := subnet.Parse(s.CIDR)
		if err != nil {
			f.add(Error, AtIndex(attrSubnetCIDRs, i), "Invalid subnet CIDR", "%s.", err)
			continue
		}
		parsed[i] = p
		for j := range i {
			if subnets[j].CIDR != "" && parsed[j].Bits() != 0 && parsed[j].Overlaps(p) {
				f.add(Error, AtIndex(attrSubnetCIDRs, i), "Overlapping subnet CIDRs",
					"%s overlaps subnet_cidrs[%d] = %s; each subnet's addresses count once, so list every subnet once.", p, j, parsed[j])
			}
		}
		if s.Available > p.Usable() {
			f.add(Error, AtIndex(attrSubnetAvailable, i), "More available addresses than the subnet has",
				"subnet_available_ips[%d] = %d, but %s has %d usable addresses (AWS reserves 5).", i, s.Available, p, p.Usable())
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

// checkSubnets spreads the nodes over the subnets and checks each.
func checkSubnets(r *WarmPoolResult, in WarmPoolInput) {
	if len(in.Subnets) == 0 {
		return
	}
	perNode := r.RecommendedNode.NodeSubnetIPs()
	nodes := subnet.Spread(in.NodeCount, len(in.Subnets))
	r.SubnetFits = true
	for i, s := range in.Subnets {
		use := SubnetUsage{CIDR: s.CIDR, Nodes: nodes[i], IPsNeeded: nodes[i] * perNode}
		var parsed subnet.Subnet
		if s.CIDR != "" {
			parsed, _ = subnet.Parse(s.CIDR)
			use.Capacity = parsed.Usable()
		}
		if s.Available >= 0 {
			use.Capacity = s.Available
		}
		use.Fits = use.IPsNeeded <= use.Capacity
		blocksShort := ""
		if use.Fits && r.RecommendedNode.PrefixDelegation && nodes[i] > 0 {
			blocksShort = checkPrefixBlocks(&r.Findings, in, i, parsed, r.RecommendedNode, nodes[i])
			use.Fits = blocksShort == ""
		}
		r.SubnetCapacity += use.Capacity
		r.SubnetFits = r.SubnetFits && use.Fits
		r.Subnets = append(r.Subnets, use)
		if !use.Fits {
			insufficientSubnet(&r.Findings, in, i, use, r, blocksShort)
		} else {
			outgrown(&r.Findings, in, i, use, r)
		}
	}
}

// checkPrefixBlocks checks that a subnet has enough aligned /28 blocks for
// the prefixes and returns a description of the shortfall, or "".
func checkPrefixBlocks(f *Findings, in WarmPoolInput, i int, parsed subnet.Subnet, p ipam.Projection, nodes int) string {
	prefixes := nodes * p.Prefixes
	if in.Subnets[i].CIDR == "" {
		f.add(Warning, AtIndex(attrSubnetAvailable, i), "Prefix space cannot be proven from an address count",
			"Prefix delegation needs %d aligned /28 blocks in subnet %d, and a count of free addresses says nothing about how they are fragmented. "+
				"Give subnet_cidrs, or reserve the space with an aws_ec2_subnet_cidr_reservation of reservation_type \"prefix\" and a /%d CIDR.",
			prefixes, i, subnet.ReservationBitsFor(prefixes))
		return ""
	}
	needed := subnet.BlocksNeeded(parsed.Bits(), prefixes, nodes*p.ENIs)
	if needed <= parsed.PrefixBlocks() {
		return ""
	}
	return fmt.Sprintf("it also needs %d aligned /28 blocks (%d prefixes, the rest spoiled by ENI primary addresses), and a fresh %s offers %d", needed, prefixes, parsed, parsed.PrefixBlocks())
}

func insufficientSubnet(f *Findings, in WarmPoolInput, i int, use SubnetUsage, r *WarmPoolResult, blocksShort string) {
	where := AtIndex(attrSubnetCIDRs, i)
	name := use.CIDR
	if in.Subnets[i].Available >= 0 {
		where = AtIndex(attrSubnetAvailable, i)
	}
	if name == "" {
		name = fmt.Sprintf("subnet %d", i)
	}
	sev := Warning
	if in.FailOnInsufficientSubnet {
		sev = Error
	}
	perNode := r.RecommendedNode.NodeSubnetIPs()
	var b strings.Builder
	fmt.Fprintf(&b, "%s needs %d addresses for %d %s nodes (%d each with MINIMUM_IP_TARGET=%d, WARM_IP_TARGET=%d), and offers %d",
		name, use.IPsNeeded, use.Nodes, in.InstanceType, perNode, r.Recommended.MinimumIPTarget.Or(0), r.Recommended.WarmIPTarget.Or(0), use.Capacity)
	if use.IPsNeeded > use.Capacity {
		fmt.Fprintf(&b, ": %d short", use.IPsNeeded-use.Capacity)
	}
	if blocksShort != "" {
		fmt.Fprintf(&b, "; %s", blocksShort)
	}
	b.WriteString(".")
	bits, ok := subnet.SmallestFor(use.IPsNeeded)
	if ok && r.RecommendedNode.PrefixDelegation {
		// Below a /27 the edge blocks are fixed, so the blocks needed
		// do not depend on the size.
		blocks := subnet.BlocksNeeded(subnet.MinPrefixLen, use.Nodes*r.RecommendedNode.Prefixes, use.Nodes*r.RecommendedNode.ENIs)
		blockBits, blocksOK := subnet.SmallestForPrefixBlocks(blocks)
		bits, ok = min(bits, blockBits), ok && blocksOK
	}
	if ok {
		fmt.Fprintf(&b, " The smallest subnet that holds them is a /%d (%d usable addresses).", bits, subnet.UsableIn(bits))
	} else {
		fmt.Fprintf(&b, " Not even a /16 holds them: spread the nodes over more subnets.")
	}
	b.WriteString(" Other ways out: fewer spare_ips")
	if in.SpareIPs > 1 {
		fmt.Fprintf(&b, " (each one less saves %d addresses here)", use.Nodes)
	}
	b.WriteString(", more or larger subnets")
	if !in.Mode.PrefixDelegation {
		b.WriteString(", prefix delegation")
	}
	b.WriteString(", custom networking with pod subnets in a secondary CIDR such as 100.64.0.0/16, or an IPv6 cluster.")
	f.add(sev, where, "Subnet too small for the node group", "%s", b.String())
}

// outgrown warns when the subnet holds the recommendation but not today's
// settings (or, when those are not given, the add-on defaults).
func outgrown(f *Findings, in WarmPoolInput, i int, use SubnetUsage, r *WarmPoolResult) {
	p, what := r.BaselineNode, "the vpc-cni add-on defaults (WARM_ENI_TARGET=1)"
	if r.CurrentNode != nil {
		p, what = *r.CurrentNode, "the current settings"
	}
	need := use.Nodes * p.NodeSubnetIPs()
	if use.Nodes == 0 || need <= use.Capacity {
		return
	}
	where := AtIndex(attrSubnetCIDRs, i)
	if in.Subnets[i].Available >= 0 {
		where = AtIndex(attrSubnetAvailable, i)
	}
	f.add(Warning, where, "Subnet fits only with the recommended settings",
		"With %s the %d nodes in %s would take %d addresses of %d; the recommended configuration_values bring it to %d. Apply them before the nodes scale up.",
		what, use.Nodes, subnetName(use, i), need, use.Capacity, use.IPsNeeded)
}

func subnetName(use SubnetUsage, i int) string {
	if use.CIDR != "" {
		return use.CIDR
	}
	return fmt.Sprintf("subnet %d", i)
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
