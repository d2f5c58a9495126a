// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// demand is what a set of nodes asks of one subnet: addresses, and under
// prefix delegation how many of them are /28 prefixes and how many single
// (ENI primary) addresses, which decide the aligned blocks needed.
type demand struct {
	ips      int
	prefixes int
	singles  int
}

func (d demand) plus(o demand) demand {
	return demand{d.ips + o.ips, d.prefixes + o.prefixes, d.singles + o.singles}
}

// nodeDemand is what nodes with projection p take from their node subnet
// (podSubnet false) or, under custom networking, from their pod subnet.
func nodeDemand(p ipam.Projection, nodes int, podSubnet bool) demand {
	switch {
	case !p.CustomNetworking:
		return demand{ips: nodes * p.SubnetIPs(), prefixes: nodes * p.Prefixes, singles: nodes * (p.ENIs + p.SecondaryIPs)}
	case podSubnet:
		return demand{ips: nodes * p.PodSubnetIPs(), prefixes: nodes * p.Prefixes, singles: nodes * (p.ENIs - 1 + p.SecondaryIPs)}
	default:
		return demand{ips: nodes * p.NodeSubnetIPs(), singles: nodes * p.NodeSubnetIPs()}
	}
}

// capacity is what a subnet offers.
type capacity struct {
	ips int
	// cidr is the parsed CIDR; not Valid when unknown.
	cidr subnet.Subnet
}

func (c capacity) hasCIDR() bool { return c.cidr.Valid() }

// blocksNeeded is the aligned /28 blocks the demand needs in this subnet,
// 0 without prefixes or without a CIDR to count them in.
func (c capacity) blocksNeeded(d demand) int {
	if d.prefixes == 0 || !c.hasCIDR() {
		return 0
	}
	return subnet.BlocksNeeded(c.cidr.Bits(), d.prefixes, d.singles)
}

// fits reports whether the subnet holds the demand: by address count and,
// when prefixes are involved and the CIDR is known, by aligned /28 blocks.
func (c capacity) fits(d demand) bool {
	if d.ips > c.ips {
		return false
	}
	return c.blocksNeeded(d) <= c.blocksOffered()
}

func (c capacity) blocksOffered() int {
	if !c.hasCIDR() {
		return 0
	}
	return c.cidr.PrefixBlocks()
}

// smallestSubnetFor returns the prefix length of the smallest fresh subnet
// that holds the demand, counting /28 blocks when there are prefixes.
func smallestSubnetFor(d demand) (int, bool) {
	bits, ok := subnet.SmallestFor(d.ips)
	if ok && d.prefixes > 0 {
		// From a /27 down the edge blocks are the same, so the blocks
		// needed do not depend on the size.
		blockBits, blocksOK := subnet.SmallestForPrefixBlocks(subnet.BlocksNeeded(subnet.MinPrefixLen, d.prefixes, d.singles))
		bits, ok = min(bits, blockBits), blocksOK
	}
	return bits, ok
}
