// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"math"

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

// nodeDemand is what nodes with projection p take from their node subnet
// (podSubnet false) or, under custom networking, from their pod subnet.
func nodeDemand(p ipam.Projection, nodes int, podSubnet bool) demand {
	n := int64(nodes)
	switch {
	case !p.CustomNetworking:
		return demand{ips: n * int64(p.SubnetIPs()), prefixes: n * int64(p.Prefixes), singles: n * int64(p.ENIs+p.SecondaryIPs)}
	case podSubnet:
		return demand{ips: n * int64(p.PodSubnetIPs()), prefixes: n * int64(p.Prefixes), singles: n * int64(p.ENIs-1+p.SecondaryIPs)}
	default:
		return demand{ips: n * int64(p.NodeSubnetIPs()), singles: n * int64(p.NodeSubnetIPs())}
	}
}

// capacity is what a subnet offers.
type capacity struct {
	ips int64
	// cidr is the parsed CIDR; not Valid when unknown.
	cidr subnet.Subnet
}

func (c capacity) hasCIDR() bool { return c.cidr.Valid() }

// blocksNeeded is the aligned /28 blocks the demand needs in this subnet,
// 0 without prefixes or without a CIDR to count them in.
func (c capacity) blocksNeeded(d demand) int64 {
	if d.prefixes == 0 || !c.hasCIDR() {
		return 0
	}
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
