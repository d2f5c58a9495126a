// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"
)

// unboundedIPs is the capacity of the stand-in subnets that measure custom
// networking and subnet discovery when no such subnet is given.
const unboundedIPs = int64(1) << 40

// clusterAlternatives plans the cluster under every remedy, at max +
// surge, each a whole cluster planned as the cluster itself is. The remedy
// own (the cluster's own mode) is r itself; the fuzz tests pass
// remedyCount to plan it independently and compare.
func clusterAlternatives(in ClusterInput, r *ClusterResult, own Remedy) []Alternative {
	out := make([]Alternative, 0, remedyCount)
	baseline := int64(0)
	for _, g := range r.Groups {
		baseline += shareOf(g.Baseline, g.Branch).times(g.Nodes[PhaseSurge]).node.ips
	}
	for _, rem := range Remedies {
		var a Alternative
		if rem == own {
			a = clusterAlternative(in, r, rem, nil)
		} else {
			alt, why, details := in.remedy(rem)
			if why != "" {
				out = append(out, notPossible(rem, alt.mode(), "Not possible: "+why+"."))
				continue
			}
			planned := cluster(alt, newLayout(alt))
			a = clusterAlternative(alt, &planned, rem, details)
		}
		a.NodeSubnetIPsSaved = baseline - a.NodeSubnetIPs
		out = append(out, a)
	}
	return out
}

// ownRemedy is the remedy of the cluster's own configuration.
func (in ClusterInput) ownRemedy() Remedy {
	if in.IPv6 {
		return RemedyIPv6
	}
	return ownRemedy(in.mode())
}

// remedy is the cluster planned with a remedy: its input, why the remedy
// cannot run it ("" when it can), and notes.
func (in ClusterInput) remedy(rem Remedy) (alt ClusterInput, why string, details []string) {
	alt = in
	if in.IPv6 && rem != RemedyIPv6 {
		// The IP family is fixed when the cluster is created.
		return alt, "the cluster is IPv6, and a cluster's IP family is chosen when it is created: this remedy is for IPv4 clusters", nil
	}
	alt.Current, alt.FailOnInsufficientSubnet = nil, false
	// The pools' types are chosen again in the remedy's mode.
	if len(in.expanded) > 0 {
		alt.Groups, alt.Pools, alt.expanded = in.Groups[:len(in.Groups)-len(in.expanded)], in.expanded, nil
	}
	mode := remedyMode(rem, in.mode())
	alt.PrefixDelegation, alt.CustomNetworking = mode.PrefixDelegation, mode.CustomNetworking
	alt.IPv6 = rem == RemedyIPv6
	alt.SubnetDiscovery = rem == RemedySubnetDiscovery
	// The node subnets stay; pod subnets only matter to custom
	// networking and "cni" subnets to discovery, which without given ones
	// get one per zone of unbounded size, to measure what it must hold.
	keep := map[Remedy]string{RemedyCustomNetworking: PurposePods, RemedySubnetDiscovery: PurposeCNI}[rem]
	alt.Subnets = make([]ClusterSubnet, 0, len(in.Subnets))
	given := false
	for _, s := range in.Subnets {
		if s.Purpose == PurposeNodes || s.Purpose == keep {
			alt.Subnets = append(alt.Subnets, s)
			given = given || s.Purpose == keep
		}
	}
	if keep != "" && !given {
		for _, z := range nodeZones(in) {
			alt.Subnets = append(alt.Subnets, ClusterSubnet{ID: "stand-in subnet in " + z, AvailabilityZone: z, Available: -1, Purpose: keep, unbounded: true})
		}
	}
	windowsOnly := true
	for _, g := range in.Groups {
		windowsOnly = windowsOnly && g.Windows
	}
	if rem == RemedySubnetDiscovery && windowsOnly {
		return alt, "Windows nodes use their primary ENI only, so subnet discovery has no ENI to place", nil
	}
	why, expanded := firstClusterError(alt)
	if why != "" && rem == RemedyCustomNetworking && !alt.PrefixDelegation {
		withPD := alt
		withPD.PrefixDelegation = true
		if whyNot, withPDExpanded := firstClusterError(withPD); whyNot == "" {
			return withPDExpanded, "", []string{withPrefixesNote(strings.TrimSuffix(why, "."))}
		}
	}
	for _, g := range in.Groups {
		w := g.Types[0]
		if rem == RemedyPrefixDelegation && !g.Windows && !w.Node.Nitro && !w.Node.BareMetal {
			details = append(details, fmt.Sprintf("%s (%s) is neither Nitro nor bare metal and falls back to secondary IPs.", g.Name, w.Name))
		}
		if rem == RemedyIPv6 {
			if advice := ipv6MaxPodsAdvice(w.Name, w.Node, g.Launch, g.ExpectedPods); advice != "" {
				details = append(details, g.Name+": "+advice)
			}
		}
	}
	return expanded, strings.TrimSuffix(why, "."), details
}

// firstClusterError is the first error validating a remedy's cluster
// finds, "" when there is none: the checks of the cluster itself, its
// pools' groups included. It also returns the cluster with its pools
// made groups, as validateCluster does, for planning.
func firstClusterError(alt ClusterInput) (string, ClusterInput) {
	f, _, alt := validateCluster(alt)
	for _, g := range alt.Groups {
		for _, t := range g.Types {
			if alt.IPv6 && !t.Node.Nitro && !t.Node.BareMetal {
				return fmt.Sprintf("for %s, IPv6 needs prefix delegation, which ipamd runs on Nitro and bare metal instances only, and %s is neither", g.Name, t.Name), alt
			}
		}
	}
	for _, x := range f {
		if x.Severity == Error && x.Short != "" {
			// The group's name starts the detail; say it in the note.
			return "for " + strings.TrimSuffix(strings.SplitN(x.Detail, ":", 2)[0], ":") + ", " + x.Short, alt
		}
	}
	return firstReason(f), alt
}

// clusterAlternative is the numbers of a remedy planned as r, at max +
// surge: node-subnet and pod- (or "cni"-) subnet addresses, whether the
// given subnets hold them and the smallest per-zone subnets that would.
func clusterAlternative(in ClusterInput, r *ClusterResult, rem Remedy, details []string) Alternative {
	a := Alternative{Remedy: rem, Possible: true, Checked: true, Fits: true}
	a.Env = remedyEnv(rem, r.Recommended)
	zones := nodeZones(in)
	nodeZoneDemand := map[string]demand{}
	podZoneDemand := map[string]demand{}
	standIn := false
	for _, sr := range r.Subnets {
		standIn = standIn || sr.unbounded
		if !sr.unbounded {
			a.Fits = a.Fits && sr.Fits()
		}
		if sr.Purpose == PurposeNodes {
			a.NodeSubnetIPs += sr.Needed[PhaseSurge]
			nodeZoneDemand[sr.AvailabilityZone] = nodeZoneDemand[sr.AvailabilityZone].plus(sr.demand[PhaseSurge])
		} else {
			a.PodSubnetIPs += sr.Needed[PhaseSurge]
			podZoneDemand[sr.AvailabilityZone] = podZoneDemand[sr.AvailabilityZone].plus(sr.demand[PhaseSurge])
		}
	}
	a.SmallestNodeSubnetBits = smallestBitsForAll(zones, nodeZoneDemand)
	switch rem {
	case RemedyCustomNetworking:
		a.SmallestPodSubnetBits = smallestBitsForAll(zones, podZoneDemand)
		details = append(details, podSubnetAdvice(maxPodsList(r), a.SmallestPodSubnetBits))
	case RemedySubnetDiscovery:
		a.SmallestPodSubnetBits = smallestBitsForAll(zones, podZoneDemand)
		details = append(details, discoveryAdvice(a.SmallestPodSubnetBits))
	}
	if standIn {
		a.Fits = a.Fits && a.SmallestPodSubnetBits > 0
		details = append(details, noPodSubnetsNote(rem))
	}
	a.Notes = remedyNotes(rem, strings.Join(details, " "))
	return a
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
		if s.Purpose == PurposeNodes && !seen[s.AvailabilityZone] {
			seen[s.AvailabilityZone] = true
			zones = append(zones, s.AvailabilityZone)
		}
	}
	return zones
}
