// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// unboundedIPs is the capacity of the stand-in ENIConfig subnets that
// measure custom networking when no pod subnet is given.
const unboundedIPs = int64(1) << 40

// clusterAlternatives plans the cluster under every remedy, at max +
// surge. The remedy own (the cluster's own mode) is r itself; the fuzz
// tests pass remedyCount to plan it independently and compare.
func clusterAlternatives(in ClusterInput, r *ClusterResult, own Remedy) []Alternative {
	out := make([]Alternative, 0, remedyCount)
	baseline := int64(0)
	for _, g := range r.Groups {
		baseline += nodeDemand(g.Baseline, g.Nodes[PhaseSurge], false).ips
	}
	for _, rem := range Remedies {
		a := clusterAlternative(in, r, rem, own)
		if a.Possible {
			a.NodeSubnetIPsSaved = baseline - a.NodeSubnetIPs
		}
		out = append(out, a)
	}
	return out
}

func clusterAlternative(in ClusterInput, r *ClusterResult, rem, own Remedy) Alternative {
	a := Alternative{Remedy: rem, Checked: true}
	alt := in
	alt.Current, alt.FailOnInsufficientSubnet = nil, false
	mode := remedyMode(rem, in.mode(0))
	alt.PrefixDelegation, alt.CustomNetworking = mode.PrefixDelegation, mode.CustomNetworking
	alt.ipv6 = rem == RemedyIPv6

	var details []string
	if rem != own {
		why := groupsCannot(in, rem, mode)
		if len(why) > 0 && rem == RemedyCustomNetworking && !mode.PrefixDelegation {
			withPD := mode
			withPD.PrefixDelegation = true
			if len(groupsCannot(in, rem, withPD)) == 0 {
				details = append(details, withPrefixesNote(why[0]))
				mode, why = withPD, nil
				alt.PrefixDelegation = true
			}
		}
		if len(why) > 0 {
			return Alternative{Remedy: rem, Env: remedyEnv(rem, mode), Notes: remedyNotes(rem, "Not possible: "+someReasons(why)+".")}
		}
	}
	a.Possible = true
	for _, g := range in.Groups {
		if rem == RemedyPrefixDelegation && !g.Node.Nitro && !g.Node.BareMetal {
			details = append(details, fmt.Sprintf("%s (%s) is neither Nitro nor bare metal and falls back to secondary IPs.", g.Name, g.InstanceType))
		}
		if rem == RemedyIPv6 {
			if advice := ipv6MaxPodsAdvice(g.InstanceType, g.Node, g.MaxPods, g.ExpectedPods); advice != "" {
				details = append(details, g.Name+": "+advice)
			}
		}
	}

	// The node subnets stay; ENIConfig subnets only matter to custom
	// networking, which without given ones gets one per zone of
	// unbounded size, to measure what it must hold.
	res, given, hasPodSubnets := r, len(in.Subnets), false
	for _, s := range in.Subnets {
		hasPodSubnets = hasPodSubnets || s.Purpose == PurposePods
	}
	zones := nodeZones(in)
	if rem != own {
		alt.Subnets = make([]ClusterSubnet, 0, len(in.Subnets)+len(zones))
		for _, s := range in.Subnets {
			if s.Purpose != PurposePods || rem == RemedyCustomNetworking {
				alt.Subnets = append(alt.Subnets, s)
			}
		}
		given = len(alt.Subnets)
		if rem == RemedyCustomNetworking && !hasPodSubnets {
			for _, z := range zones {
				alt.Subnets = append(alt.Subnets, ClusterSubnet{ID: "ENIConfig subnet in " + z, AvailabilityZone: z, Available: -1, Purpose: PurposePods, unbounded: true})
			}
		}
		planned := cluster(alt, newLayout(alt))
		res = &planned
		a.Env = remedyEnv(rem, planned.Recommended)
	} else {
		a.Env = remedyEnv(rem, r.Recommended)
	}

	a.Fits = true
	nodeZoneDemand := map[string]demand{}
	podZoneDemand := map[string]demand{}
	for i, sr := range res.Subnets {
		if i < given {
			a.Fits = a.Fits && sr.Fits()
		}
		if sr.Purpose == PurposePods {
			a.PodSubnetIPs += sr.Needed[PhaseSurge]
			podZoneDemand[sr.AvailabilityZone] = podZoneDemand[sr.AvailabilityZone].plus(sr.demand[PhaseSurge])
		} else {
			a.NodeSubnetIPs += sr.Needed[PhaseSurge]
			nodeZoneDemand[sr.AvailabilityZone] = nodeZoneDemand[sr.AvailabilityZone].plus(sr.demand[PhaseSurge])
		}
	}
	a.SmallestNodeSubnetBits = smallestBitsForAll(zones, nodeZoneDemand)
	if rem == RemedyCustomNetworking {
		a.SmallestPodSubnetBits = smallestBitsForAll(zones, podZoneDemand)
		details = append(details, podSubnetAdvice(maxPodsList(res), a.SmallestPodSubnetBits))
		if !hasPodSubnets {
			a.Fits = a.Fits && a.SmallestPodSubnetBits > 0
			details = append(details, noPodSubnetsNote)
		}
	}
	a.Notes = remedyNotes(rem, strings.Join(details, " "))
	return a
}

// groupsCannot says, per group that cannot run its pods in the mode, why.
func groupsCannot(in ClusterInput, rem Remedy, mode ipam.Settings) []string {
	var why []string
	for _, g := range in.Groups {
		m := mode
		m.MaxPods = g.MaxPods
		if w := remedyPossible(rem, g.InstanceType, g.Node, m, g.ExpectedPods); w != "" {
			why = append(why, "for "+g.Name+", "+w)
		}
	}
	return why
}

// someReasons joins the reasons of the first groups, counting the rest.
func someReasons(why []string) string {
	const shown = 3
	if len(why) <= shown {
		return strings.Join(why, "; ")
	}
	return strings.Join(why[:shown], "; ") + fmt.Sprintf("; and %d more groups cannot run their pods so", len(why)-shown)
}

// maxPodsList names the groups' max pods: one number for one group.
func maxPodsList(r *ClusterResult) string {
	if len(r.Groups) == 1 {
		return fmt.Sprint(r.Groups[0].MaxPods.Pods)
	}
	var parts []string
	for _, g := range r.Groups {
		parts = append(parts, fmt.Sprintf("%d for %s", g.MaxPods.Pods, g.Name))
	}
	const shown = 5
	if len(parts) > shown {
		return strings.Join(parts[:shown], ", ") + fmt.Sprintf(" and so on for %d more groups", len(parts)-shown)
	}
	return strings.Join(parts, ", ")
}

// nodeZones lists the zones of the node subnets in order of appearance.
func nodeZones(in ClusterInput) []string {
	var zones []string
	seen := map[string]bool{}
	for _, s := range in.Subnets {
		if s.Purpose != PurposePods && !seen[s.AvailabilityZone] {
			seen[s.AvailabilityZone] = true
			zones = append(zones, s.AvailabilityZone)
		}
	}
	return zones
}
