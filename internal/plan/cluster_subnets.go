// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// subnetCapacityOf is what a subnet offers for the change: see
// subnetCapacity; the stand-in subnets of the alternatives are unbounded.
func subnetCapacityOf(sr SubnetResult) capacity {
	if sr.unbounded {
		return capacity{ips: unboundedIPs}
	}
	return subnetCapacity(sr.CIDR, sr.Available, sr.HeldNow, sr.Reserved)
}

// evaluateSubnets compares every subnet's demand with its capacity at
// each phase, sums the zones and finds the subnet with the least headroom.
func evaluateSubnets(r *ClusterResult, in ClusterInput) {
	r.Fits, r.Worst = true, -1
	zoneIndex := map[string]int{}
	for i := range r.Subnets {
		sr := &r.Subnets[i]
		c := subnetCapacityOf(*sr)
		for ph := range phases {
			sr.Needed[ph] = sr.demand[ph].ips
			if sr.FirstFailure < 0 && !c.fits(sr.demand[ph]) {
				sr.FirstFailure = ph
			}
		}
		if surge := sr.demand[PhaseSurge]; in.PrefixDelegation && surge.prefixes > 0 {
			sr.ReservationBits = subnet.ReservationBitsFor(clampInt(surge.prefixes))
			if c.hasCIDR() {
				sr.PrefixBlocks = c.blocksOffered()
				sr.PrefixBlocksNeeded = c.blocksNeeded(surge)
			}
		}
		r.Fits = r.Fits && sr.Fits()
		if r.Worst < 0 || sr.Headroom() < r.Subnets[r.Worst].Headroom() {
			r.Worst = i
		}
		zi, ok := zoneIndex[sr.AvailabilityZone]
		if !ok {
			zi = len(r.Zones)
			zoneIndex[sr.AvailabilityZone] = zi
			r.Zones = append(r.Zones, ZoneResult{Name: sr.AvailabilityZone, Fits: true})
		}
		z := &r.Zones[zi]
		z.Capacity += sr.Capacity
		for ph := range phases {
			z.Needed[ph] += sr.Needed[ph]
		}
		z.Fits = z.Fits && sr.Fits()
	}
}

// clusterFindings says which subnets are too small and which cannot
// prove their prefix space.
func clusterFindings(r *ClusterResult, in ClusterInput) {
	var small tooSmall
	defer small.summarise(&r.Findings, severityOf(in.FailOnInsufficientSubnet), "Subnets too small for the cluster")
	for i, sr := range r.Subnets {
		c := subnetCapacityOf(sr)
		if surge := sr.demand[PhaseSurge]; in.PrefixDelegation && surge.prefixes > 0 && (!c.hasCIDR() || sr.Available >= 0) {
			r.Findings.add(Warning, AtIndex(blockSubnet, i).Dot(fieldAvailable), "Prefix space cannot be proven from an address count",
				"%s must give %d /28 prefixes at max + surge, and a count of free addresses says nothing about how they are fragmented (a /28 needs 16 aligned free addresses). "+
					"Reserve the space with an aws_ec2_subnet_cidr_reservation of reservation_type \"prefix\" and a /%d CIDR (prefix_reservation_cidr_size).",
				sr.ID, surge.prefixes, sr.ReservationBits)
		}
		if !sr.Fits() && small.take(AtIndex(blockSubnet, i)) {
			clusterSubnetTooSmall(&r.Findings, in, i, sr, c, r.Alternatives)
		}
	}
}

func clusterSubnetTooSmall(f *Findings, in ClusterInput, i int, sr SubnetResult, c capacity, alts []Alternative) {
	ph := sr.FirstFailure
	d := sr.demand[ph]
	var b strings.Builder
	what := "addresses"
	if sr.Purpose == PurposePods {
		what = "pod addresses"
	}
	fmt.Fprintf(&b, "Subnet %s", sr.ID)
	if sr.CIDR != "" {
		fmt.Fprintf(&b, " (%s, %s)", sr.CIDR, sr.AvailabilityZone)
	} else {
		fmt.Fprintf(&b, " (%s)", sr.AvailabilityZone)
	}
	fmt.Fprintf(&b, " is too small at %s: it needs %d %s and %s", ph, d.ips, what, offered(sr.CIDR, sr.Available, sr.HeldNow, sr.Reserved, sr.Capacity))
	if d.ips > sr.Capacity {
		fmt.Fprintf(&b, ", %d short", d.ips-sr.Capacity)
	}
	if need := c.blocksNeeded(d); need > c.blocksOffered() {
		fmt.Fprintf(&b, "; it also needs %d aligned /28 blocks and a fresh %s offers %d", need, sr.CIDR, c.blocksOffered())
	}
	fmt.Fprintf(&b, ". Needed at desired / max / max + surge: %d / %d / %d.", sr.Needed[PhaseDesired], sr.Needed[PhaseMax], sr.Needed[PhaseSurge])
	fmt.Fprintf(&b, " Groups with nodes here: %s.", echo.List(sr.Groups))
	writeWaysOut(&b, sr.demand[PhaseSurge], c, "max + surge", "fewer spare_ips, lower max_nodes", alts, in.ownRemedy())
	f.add(severityOf(in.FailOnInsufficientSubnet), AtIndex(blockSubnet, i), "Subnet too small for the cluster", "%s", b.String())
}
