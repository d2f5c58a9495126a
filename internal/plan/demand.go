// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"math"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// Address counts are int64 throughout the plan: nodes times addresses a
// node overflows a 32-bit int (goreleaser ships linux/386 and arm) long
// before it stops meaning anything, and a wrapped count would say "fits".

// demand is what a set of nodes asks of one subnet: addresses, and under
// prefix delegation how many of them are /28 prefixes and how many single
// (ENI primary) addresses, which decide the aligned blocks needed.
type demand struct {
	ips      int64
	prefixes int64
	singles  int64
}

func (d demand) plus(o demand) demand {
	return demand{d.ips + o.ips, d.prefixes + o.prefixes, d.singles + o.singles}
}

// share is what one node (or a number of them) takes from its node
// subnet and, under custom networking, from its zone's pod subnet.
type share struct {
	node, pod demand
}

// shareOf is what one node with projection p takes, its pods with their
// own security groups (branch ENIs, one address each, in the trunk's
// subnet) included.
func shareOf(p ipam.Projection, branch ipam.BranchPlacement) share {
	var s share
	if p.CustomNetworking {
		s.node = demand{ips: int64(p.NodeSubnetIPs()), singles: int64(p.NodeSubnetIPs())}
		s.pod = demand{ips: int64(p.PodSubnetIPs()), prefixes: int64(p.Prefixes), singles: int64(p.PodSubnetIPs() - IPsPerPrefix*p.Prefixes)}
	} else {
		s.node = demand{ips: int64(p.SubnetIPs()), prefixes: int64(p.Prefixes), singles: int64(p.SubnetIPs() - IPsPerPrefix*p.Prefixes)}
	}
	b := demand{ips: int64(branch.Addresses), singles: int64(branch.Addresses)}
	if branch.InPodSubnet {
		s.pod = s.pod.plus(b)
	} else {
		s.node = s.node.plus(b)
	}
	return s
}

// times is the share of n nodes.
func (s share) times(n int) share {
	k := int64(n)
	return share{
		node: demand{s.node.ips * k, s.node.prefixes * k, s.node.singles * k},
		pod:  demand{s.pod.ips * k, s.pod.prefixes * k, s.pod.singles * k},
	}
}

// in is the part of the share a node subnet (podSubnet false) or a pod
// subnet takes.
func (s share) in(podSubnet bool) demand {
	if podSubnet {
		return s.pod
	}
	return s.node
}

// IPsPerPrefix is the addresses of a /28 prefix.
const IPsPerPrefix = ipam.IPsPerPrefix

// capacity is what a subnet offers.
type capacity struct {
	ips int64
	// cidr is the parsed CIDR; not Valid when unknown.
	cidr subnet.Subnet
	// reserved are addresses held back for other tenants (load balancers,
	// EKS control-plane ENIs, endpoints): not in ips, and single addresses
	// that may spoil /28 blocks.
	reserved int64
}

// subnetCapacity is what a subnet offers for a change: its CIDR's usable
// addresses, or when AWS's free count is given that count plus what the
// running nodes of the plan hold now (the free count excludes them, and
// the change replaces their addresses), less the reservation.
func subnetCapacity(cidr string, available int, heldNow int64, reserved int) capacity {
	var c capacity
	if cidr != "" {
		c.cidr, _ = subnet.Parse(cidr)
		c.ips = int64(c.cidr.Usable())
	}
	if available >= 0 {
		c.ips = int64(available) + heldNow
	}
	// Other tenants cannot take what is not there: never below 0.
	c.ips = max(c.ips-int64(reserved), 0)
	c.reserved = int64(reserved)
	return c
}

func (c capacity) hasCIDR() bool { return c.cidr.Valid() }

// blocksNeeded is the aligned /28 blocks the demand needs in this subnet,
// 0 without prefixes or without a CIDR to count them in.
func (c capacity) blocksNeeded(d demand) int64 {
	if d.prefixes == 0 || !c.hasCIDR() {
		return 0
	}
	d.singles += c.reserved
	return blocksNeeded(c.cidr.Bits(), d)
}

// blocksNeeded is subnet.BlocksNeeded for int64 counts: counts beyond what
// any subnet offers are clamped, which keeps the verdict.
func blocksNeeded(bits int, d demand) int64 {
	return int64(subnet.BlocksNeeded(bits, clampInt(d.prefixes), clampInt(d.singles)))
}

// clampInt converts a count to int, saturating at 2^30: more than any VPC
// holds, and far from overflow in the sums subnet does.
func clampInt(n int64) int {
	return int(min(max(n, math.MinInt32/2), 1<<30))
}

// fits reports whether the subnet holds the demand: by address count and,
// when prefixes are involved and the CIDR is known, by aligned /28 blocks.
func (c capacity) fits(d demand) bool {
	if d.ips > c.ips {
		return false
	}
	return c.blocksNeeded(d) <= c.blocksOffered()
}

func (c capacity) blocksOffered() int64 {
	if !c.hasCIDR() {
		return 0
	}
	return int64(c.cidr.PrefixBlocks())
}

// smallestSubnetFor returns the prefix length of the smallest fresh subnet
// that holds the demand, counting /28 blocks when there are prefixes.
func smallestSubnetFor(d demand) (int, bool) {
	bits, ok := subnet.SmallestFor(clampInt(d.ips))
	if ok && d.prefixes > 0 {
		// From a /27 down the edge blocks are the same, so the blocks
		// needed do not depend on the size.
		blockBits, blocksOK := subnet.SmallestForPrefixBlocks(clampInt(blocksNeeded(subnet.MinPrefixLen, d)))
		bits, ok = min(bits, blockBits), blocksOK
	}
	return bits, ok
}

// discovered splits a node's share for enhanced subnet discovery: the
// primary ENI, its secondary addresses (or prefixes: ipamd fills the
// primary ENI first), the trunk and the branch ENIs stay in the node's
// subnet; every ENI ipamd creates after the primary goes to the freest of
// the zone's node and kubernetes.io/role/cni subnets (research note
// nodekinds.md §3). secondary describes those ENIs for placement.
func discovered(p ipam.Projection, n ipam.Node, branch ipam.BranchPlacement) (primary share, secondary eniSet) {
	if p.CustomNetworking || p.ENIs <= 1 {
		return shareOf(p, branch), eniSet{}
	}
	slotsPerENI := max(n.IPv4PerENI-1, 1)
	unit, slots := 1, p.SecondaryIPs
	if p.PrefixDelegation {
		unit, slots = IPsPerPrefix, p.Prefixes
	}
	first := min(slots, slotsPerENI)
	primary.node = demand{ips: int64(1 + p.TrunkENIs + first*unit), singles: int64(1 + p.TrunkENIs)}
	if p.PrefixDelegation {
		primary.node.prefixes = int64(first)
	} else {
		primary.node.singles += int64(first)
	}
	primary.node = primary.node.plus(demand{ips: int64(branch.Addresses), singles: int64(branch.Addresses)})
	rest := slots - first
	secondary = eniSet{full: (rest - 1) / slotsPerENI, fullSlots: slotsPerENI, lastSlots: rest - (rest-1)/slotsPerENI*slotsPerENI, unit: unit}
	if rest <= 0 {
		// ENIs attached with no address yet (a warm ENI's worth).
		secondary = eniSet{full: p.ENIs - 1, fullSlots: 0, unit: unit}
	}
	return primary, secondary
}

// eniSet are the ENIs a node creates beyond its primary: full ones of
// fullSlots slots and, when lastSlots > 0, one more of lastSlots; a slot
// is an address, or a /28 prefix (unit 16).
type eniSet struct {
	full, fullSlots, lastSlots, unit int
}

// demand is what the ENIs of n nodes take, all in one subnet.
func (e eniSet) demand(n int) demand {
	enis := e.full
	slots := e.full * e.fullSlots
	if e.lastSlots > 0 {
		enis++
		slots += e.lastSlots
	}
	d := demand{ips: int64(n) * int64(enis+slots*e.unit), singles: int64(n) * int64(enis)}
	if e.unit > 1 {
		d.prefixes = int64(n) * int64(slots)
	} else {
		d.singles += int64(n) * int64(slots)
	}
	return d
}

// offered says what a subnet offers for the change, with its parts when
// there is more than one: "offers 251 (11 free now + 240 its running nodes
// hold now)".
func offered(cidr string, available int, heldNow int64, reserved int, total int64) string {
	var parts []string
	switch {
	case available >= 0 && heldNow > 0:
		parts = append(parts, fmt.Sprintf("%d free now + %d its running nodes hold now", available, heldNow))
	case available >= 0:
		parts = append(parts, fmt.Sprintf("%d free now", available))
	case cidr != "":
		parts = append(parts, fmt.Sprintf("%d usable", total+int64(reserved)))
	}
	if reserved > 0 {
		parts = append(parts, fmt.Sprintf("%d reserved for other tenants", reserved))
	}
	if len(parts) < 2 && heldNow == 0 {
		return fmt.Sprintf("offers %d", total)
	}
	return fmt.Sprintf("offers %d (%s)", total, strings.Join(parts, " - "))
}
