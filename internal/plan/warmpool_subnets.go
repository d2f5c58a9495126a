// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// subnetList is one of the subnet lists of a node group: where its nodes'
// ENIs live, or under custom networking where its pod ENIs live.
type subnetList struct {
	subnets   []SubnetInput
	cidrAttr  string
	countAttr string
	podSubnet bool
	// held is, per subnet, what the group's running nodes hold there now;
	// nil before the nodes are modelled.
	held []int64
}

// lists returns the node subnet list and, when custom networking is on
// (or always, for validation), the pod subnet list.
func (in WarmPoolInput) lists(withPodSubnets bool) []subnetList {
	lists := []subnetList{{subnets: in.Subnets, cidrAttr: attrSubnetCIDRs, countAttr: attrSubnetAvailable}}
	if withPodSubnets {
		lists = append(lists, subnetList{subnets: in.PodSubnets, cidrAttr: attrPodSubnetCIDRs, podSubnet: true})
	}
	return lists
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
	s := l.subnets[i]
	if s.unbounded {
		return capacity{ips: unboundedIPs}
	}
	return subnetCapacity(s.CIDR, s.Available, l.heldNow(i), s.Reserved)
}

// heldNow is what the running nodes hold in subnet i now, when its free
// count is given (a CIDR's size counts them already).
func (l subnetList) heldNow(i int) int64 {
	if l.held == nil || l.subnets[i].Available < 0 {
		return 0
	}
	return l.held[i]
}

// withHeld spreads the running nodes over the list's subnets as the nodes
// are spread, each holding now what share says.
func (l subnetList) withHeld(running int, now share) subnetList {
	spread := subnet.Spread(running, len(l.subnets))
	l.held = make([]int64, len(l.subnets))
	for i, n := range spread {
		l.held[i] = now.times(n).in(l.podSubnet).ips
	}
	return l
}

// validateSubnetLists parses the CIDRs of every list and checks that no two
// subnets overlap and no count exceeds its CIDR.
func validateSubnetLists(f *Findings, lists []subnetList) {
	var entries []cidrEntry
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
			entries = append(entries, cidrEntry{cidr: p, where: AtIndex(l.cidrAttr, i)})
			if in.Reserved > p.Usable() {
				f.add(Error, AtIndex(attrSubnetReserved, i), "More reserved addresses than the subnet has",
					"%s = %d, but %s has %d usable addresses (AWS reserves 5).", AtIndex(attrSubnetReserved, i), in.Reserved, p, p.Usable())
			}
			if in.Available > p.Usable() {
				f.add(Error, AtIndex(l.countAttr, i), "More available addresses than the subnet has",
					"%s = %d, but %s has %d usable addresses (AWS reserves 5).", AtIndex(l.countAttr, i), in.Available, p, p.Usable())
			}
		}
	}
	addOverlaps(f, entries)
}

// usage spreads nodes taking share each over the list's subnets, the
// remainder on the first ones, and says what each must hold.
func (l subnetList) usage(nodes int, each share) []SubnetUsage {
	spread := subnet.Spread(nodes, len(l.subnets))
	out := make([]SubnetUsage, len(l.subnets))
	for i := range l.subnets {
		c := l.capacity(i)
		d := each.times(spread[i]).in(l.podSubnet)
		out[i] = SubnetUsage{CIDR: l.subnets[i].CIDR, Capacity: c.ips, Nodes: spread[i], HeldNow: l.heldNow(i), IPsNeeded: d.ips, Fits: c.fits(d)}
	}
	return out
}

// heldShare is what one running node holds now: with the current
// settings, or the add-on defaults when they are not given.
func (r *WarmPoolResult) heldShare() share {
	now := r.BaselineNode
	if r.CurrentNode != nil {
		now = *r.CurrentNode
	}
	return shareOf(now, r.Branch)
}

// loadedLists are the subnet lists the group loads, with what its running
// nodes hold in each.
func (in WarmPoolInput) loadedLists(held share) []subnetList {
	lists := in.lists(in.Mode.CustomNetworking)
	for i := range lists {
		lists[i] = lists[i].withHeld(in.RunningNodes, held)
	}
	return lists
}

// loadSubnets spreads the nodes over each subnet list with the
// recommendation and says whether every subnet holds them.
func loadSubnets(r *WarmPoolResult, in WarmPoolInput) {
	if len(in.Subnets)+len(in.PodSubnets) == 0 {
		return
	}
	r.SubnetFits = true
	each := shareOf(r.RecommendedNode, r.Branch)
	for _, l := range in.loadedLists(r.heldShare()) {
		use := l.usage(in.NodeCount, each)
		for _, u := range use {
			r.SubnetCapacity += u.Capacity
			r.SubnetFits = r.SubnetFits && u.Fits
		}
		if l.podSubnet {
			r.PodSubnets = use
		} else {
			r.Subnets = use
		}
	}
}

// subnetFindings says, per subnet, what is too small, what cannot be
// proven, and what fits only with the recommendation.
func subnetFindings(r *WarmPoolResult, in WarmPoolInput) {
	var small tooSmall
	defer small.summarise(&r.Findings, severityOf(in.FailOnInsufficientSubnet), "Subnets too small for the node group")
	each := shareOf(r.RecommendedNode, r.Branch)
	for _, l := range in.loadedLists(r.heldShare()) {
		use := r.Subnets
		if l.podSubnet {
			use = r.PodSubnets
		}
		for i, u := range use {
			c := l.capacity(i)
			d := each.times(u.Nodes).in(l.podSubnet)
			if heldTooMuch(&r.Findings, l, i) {
				continue
			}
			switch {
			case !u.Fits:
				if small.take(l.where(i)) {
					insufficientSubnet(&r.Findings, in, l, i, u.Nodes, c, d, r)
				}
			case d.prefixes > 0 && !c.hasCIDR():
				r.Findings.add(Warning, l.where(i), "Prefix space cannot be proven from an address count",
					"Prefix delegation needs %d aligned /28 blocks in %s, and a count of free addresses says nothing about how they are fragmented. "+
						"Give the subnet's CIDR, or reserve the space with an aws_ec2_subnet_cidr_reservation of reservation_type \"prefix\" and a /%d CIDR.",
					d.prefixes, l.name(i), subnet.ReservationBitsFor(clampInt(d.prefixes)))
			default:
				outgrown(&r.Findings, l, i, u, r)
			}
		}
	}
}

// heldTooMuch reports, as an error, a subnet whose free count and what
// the running nodes hold add up to more than its CIDR: running_nodes or
// current do not describe the nodes in it.
func heldTooMuch(f *Findings, l subnetList, i int) bool {
	s := l.subnets[i]
	if s.CIDR == "" || s.Available < 0 || l.heldNow(i) == 0 {
		return false
	}
	p, err := subnet.Parse(s.CIDR)
	if err != nil || int64(s.Available)+l.heldNow(i) <= int64(p.Usable()) {
		return false
	}
	f.add(Error, l.where(i), "Running nodes hold more than the subnet has",
		"%s has %d usable addresses; %d are free and the running nodes would hold %d now with the current settings, %d in all. running_nodes or current do not describe the nodes in it (the free count already excludes the addresses of every other tenant).",
		p, p.Usable(), s.Available, l.heldNow(i), int64(s.Available)+l.heldNow(i))
	return true
}

func insufficientSubnet(f *Findings, in WarmPoolInput, l subnetList, i, nodes int, c capacity, d demand, r *WarmPoolResult) {
	var b strings.Builder
	what := "addresses"
	if l.podSubnet {
		what = "pod addresses"
	}
	sn := l.subnets[i]
	fmt.Fprintf(&b, "%s needs %d %s for %d %s nodes (%d each with MINIMUM_IP_TARGET=%d, WARM_IP_TARGET=%d), and %s",
		l.name(i), d.ips, what, nodes, in.InstanceType, d.ips/int64(max(nodes, 1)),
		r.Recommended.MinimumIPTarget.Or(0), r.Recommended.WarmIPTarget.Or(0), offered(sn.CIDR, sn.Available, l.heldNow(i), sn.Reserved, c.ips))
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
	writeWaysOut(&b, d, c, "them", fewer, r.Alternatives, ownRemedy(in.Mode))
	f.add(severityOf(in.FailOnInsufficientSubnet), l.where(i), "Subnet too small for the node group", "%s", b.String())
}

// writeWaysOut appends the smallest subnet that would hold the demand
// (for the moment named by when, such as "them" or "max + surge"), the
// knobs that lower it (fewer), and the other remedies of alts that would
// fit. A subnet whose CIDR is already that large is short of free
// addresses, not of size, and the text says so.
func writeWaysOut(b *strings.Builder, d demand, c capacity, when, fewer string, alts []Alternative, own Remedy) {
	bits, ok := smallestSubnetFor(d)
	switch {
	case !ok:
		fmt.Fprintf(b, " Not even a /16 holds %s: spread the nodes over more subnets.", when)
	case c.hasCIDR() && bits >= c.cidr.Bits() && c.reserved > 0 && d.ips <= c.ips+c.reserved:
		fmt.Fprintf(b, " Its CIDR (a /%d, %d usable addresses) would hold %s without the %d addresses reserved for other tenants: lower reserved_ips if they need fewer.",
			c.cidr.Bits(), c.cidr.Usable(), when, c.reserved)
	case c.hasCIDR() && bits >= c.cidr.Bits():
		fmt.Fprintf(b, " Its CIDR (a /%d, %d usable addresses) would hold %s if they were free: other nodes, load balancers or endpoints hold the rest.",
			c.cidr.Bits(), c.cidr.Usable(), when)
	default:
		fmt.Fprintf(b, " The smallest subnet that holds %s is a /%d (%d usable addresses).", when, bits, subnet.UsableIn(bits))
	}
	fmt.Fprintf(b, " Other ways out: %s, more or larger subnets.", fewer)
	writeRemedies(b, alts, own)
}

// outgrown warns when the subnet holds the recommendation but not today's
// settings (or, when those are not given, the add-on defaults).
func outgrown(f *Findings, l subnetList, i int, use SubnetUsage, r *WarmPoolResult) {
	p, what := r.BaselineNode, "the vpc-cni add-on defaults (WARM_ENI_TARGET=1)"
	if r.CurrentNode != nil {
		p, what = *r.CurrentNode, "the current settings"
	}
	// The pods with security groups take their branch addresses whatever
	// the warm-pool settings.
	need := shareOf(p, r.Branch).times(use.Nodes).in(l.podSubnet).ips
	if use.Nodes == 0 || need <= use.Capacity {
		return
	}
	f.add(Warning, l.where(i), "Subnet fits only with the recommended settings",
		"With %s the %d nodes in %s would take %d addresses of %d; the recommended configuration_values bring it to %d. Apply them before the nodes scale up.",
		what, use.Nodes, l.name(i), need, use.Capacity, use.IPsNeeded)
}

// severityOf is the severity of a subnet too small: an error unless
// fail_on_insufficient_subnet is false.
func severityOf(fail bool) Severity {
	if fail {
		return Error
	}
	return Warning
}
