// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// Remedy is one of the fixes for subnet exhaustion that alternatives
// compare. Each is a whole aws-node configuration on its own, tuned with
// the same IP targets as the recommendation, so their numbers compare.
type Remedy uint8

const (
	// RemedyIPTargets: secondary IPs in the node subnets, with
	// WARM_IP_TARGET and MINIMUM_IP_TARGET (the first aid).
	RemedyIPTargets Remedy = iota
	// RemedyPrefixDelegation: /28 prefixes in the node subnets, with the
	// same IP targets rounded up to whole prefixes.
	RemedyPrefixDelegation
	// RemedyCustomNetworking: pod ENIs in ENIConfig subnets, the node
	// subnet keeps the primary ENI's address.
	RemedyCustomNetworking
	// RemedyIPv6: an IPv6 cluster; pods take IPv6 addresses and the node
	// keeps its primary IPv4 address.
	RemedyIPv6
	remedyCount
)

// Remedies lists every remedy in the order alternatives reports them.
var Remedies = [remedyCount]Remedy{RemedyIPTargets, RemedyPrefixDelegation, RemedyCustomNetworking, RemedyIPv6}

func (r Remedy) String() string {
	return [...]string{"ip_targets", "prefix_delegation", "custom_networking", "ipv6"}[r]
}

// Alternative is what one remedy would take from the subnets at the worst
// moment the plan checks (the node count of a warm pool; max + surge of a
// cluster).
type Alternative struct {
	Remedy Remedy
	// Env is what aws-node would need.
	Env map[string]string
	// Possible is false when the remedy cannot run the expected pods on
	// these instance types at all; Notes says why, and the counts are 0.
	Possible bool
	// NodeSubnetIPs are the addresses taken from the node subnets and
	// PodSubnetIPs those from ENIConfig subnets (custom networking only).
	NodeSubnetIPs int
	PodSubnetIPs  int
	// NodeSubnetIPsSaved is the baseline's node-subnet addresses at the
	// same moment minus NodeSubnetIPs (negative when it costs more).
	NodeSubnetIPsSaved int
	// Checked is false when there were no subnets to check; Fits is then
	// false and means nothing. With custom networking and no pod subnets
	// given, Fits covers the node subnets only.
	Checked bool
	Fits    bool
	// SmallestNodeSubnetBits is the prefix length of the smallest fresh
	// subnet that holds the busiest zone's (warm pool: subnet's) node
	// addresses, counting aligned /28 blocks under prefix delegation; 0
	// when not even a /16 does. SmallestPodSubnetBits is the same for
	// ENIConfig subnets, 0 without custom networking.
	SmallestNodeSubnetBits int
	SmallestPodSubnetBits  int
	Notes                  string
}

// unboundedIPs is the capacity of the stand-in ENIConfig subnets that
// measure custom networking when no pod subnet is given. It fits a 32-bit
// int (goreleaser builds linux/386 and arm) with room for the zone sums.
const unboundedIPs = 1 << 30

// ipv6Node is what an IPv6 node takes from its IPv4 subnet: ipamd attaches
// no ENI beyond the primary in IPv6 mode and gives pods addresses from a
// /80 prefix on it (pkg/ipamd/ipamd.go, StartNodeIPPoolManager), so only
// the primary ENI's IPv4 address is left.
var ipv6Node = ipam.Projection{ENIs: 1}

// remedyMode is the networking mode of a remedy; the IPv6 mode has none
// in ipam, whose model is IPv4.
func remedyMode(r Remedy, base ipam.Settings) ipam.Settings {
	m := ipam.Settings{MaxENI: base.MaxENI, MaxPods: base.MaxPods}
	m.PrefixDelegation = r == RemedyPrefixDelegation
	m.CustomNetworking = r == RemedyCustomNetworking
	return m
}

// remedyPossible reports why a node cannot run the expected pods under
// the remedy, "" when it can. The checks are those ValidateWarmPool and
// ValidateCluster make of the inputs.
func remedyPossible(r Remedy, instanceType string, n ipam.Node, mode ipam.Settings, expectedPods int) string {
	if r == RemedyIPv6 {
		if !n.Nitro && !n.BareMetal {
			return fmt.Sprintf("IPv6 needs prefix delegation, which ipamd runs on Nitro and bare metal instances only, and %s is neither", instanceType)
		}
		return ""
	}
	maxPods := effectiveMaxPods(n, mode)
	capacity := ipam.PodIPCapacity(n, mode)
	switch {
	case expectedPods > maxPods.Pods:
		return fmt.Sprintf("%s runs at most %d pods with %s, and %d are expected", instanceType, maxPods.Pods, r, expectedPods)
	case expectedPods > capacity:
		return fmt.Sprintf("%s holds at most %d pod addresses with %s (max pods %d counts aws-node and kube-proxy), and %d pods are expected", instanceType, capacity, r, maxPods.Pods, expectedPods)
	}
	return ""
}

// remedyEnv is the aws-node environment of a remedy.
func remedyEnv(r Remedy, rec ipam.Settings) map[string]string {
	if r == RemedyIPv6 {
		return addon.IPv6Env()
	}
	return addon.Env(rec)
}

// remedyNotes is the one line each remedy carries; detail adds what is
// specific to the plan (an instance falling back, a pod subnet size).
func remedyNotes(r Remedy, detail string) string {
	var s string
	switch r {
	case RemedyIPTargets:
		s = "Secondary IPs in the node subnets; pods beyond the warm addresses wait for an EC2 AssignPrivateIpAddresses call, and low targets mean more EC2 API calls."
	case RemedyPrefixDelegation:
		s = "Needs Nitro or bare metal instance types (others fall back to secondary IPs) and free /28-aligned blocks in the node subnets, which fragmentation can exhaust before the addresses run out; reserve them with an aws_ec2_subnet_cidr_reservation of type prefix."
	case RemedyCustomNetworking:
		s = "Lowers max pods (the primary ENI carries no pods) and needs an ENIConfig subnet per Availability Zone, typically from a secondary VPC CIDR in 100.64.0.0/10."
	case RemedyIPv6:
		s = "Needs an IPv6 cluster (the IP family is chosen when the cluster is created) with dual-stack subnets; pods take IPv6 addresses and each node keeps one IPv4 address."
	}
	if detail != "" {
		s += " " + detail
	}
	return s
}

// warmPoolAlternatives plans the node group under every remedy.
func warmPoolAlternatives(in WarmPoolInput, baseline ipam.Projection) []Alternative {
	out := make([]Alternative, 0, remedyCount)
	for _, rem := range Remedies {
		a := Alternative{Remedy: rem, Checked: len(in.Subnets) > 0}
		mode := remedyMode(rem, in.Mode)
		var p ipam.Projection
		var rec ipam.Settings
		var details []string
		if why := remedyPossible(rem, in.InstanceType, in.Node, mode, in.ExpectedPods); why != "" {
			a.Checked = false
			a.Env = remedyEnv(rem, mode)
			a.Notes = remedyNotes(rem, "Not possible: "+why+".")
			out = append(out, a)
			continue
		}
		a.Possible = true
		if rem == RemedyIPv6 {
			p = ipv6Node
			if advice := ipv6MaxPodsAdvice(in.InstanceType, in.Node, in.Mode.MaxPods, in.ExpectedPods); advice != "" {
				details = append(details, advice)
			}
		} else {
			mode.MaxPods = effectiveMaxPods(in.Node, mode).Pods
			rec = ipam.Recommend(in.Node, mode, in.ExpectedPods, in.SpareIPs).Settings
			p = ipam.Project(in.Node, rec, in.ExpectedPods)
			if rem == RemedyPrefixDelegation && !p.PrefixDelegation {
				details = append(details, fmt.Sprintf("%s is neither Nitro nor bare metal, so these numbers are its secondary-IP fallback.", in.InstanceType))
			}
		}
		a.Env = remedyEnv(rem, rec)
		a.NodeSubnetIPs = in.NodeCount * p.NodeSubnetIPs()
		a.PodSubnetIPs = in.NodeCount * p.PodSubnetIPs()
		a.NodeSubnetIPsSaved = in.NodeCount*baseline.NodeSubnetIPs() - a.NodeSubnetIPs

		a.Fits = a.Checked
		nodeList := subnetList{subnets: in.Subnets, cidrAttr: attrSubnetCIDRs, countAttr: attrSubnetAvailable}
		for _, u := range nodeList.usage(in.NodeCount, p) {
			a.Fits = a.Fits && u.Fits
		}
		a.SmallestNodeSubnetBits = smallestBits(nodeDemand(p, ceilDiv(in.NodeCount, max(len(in.Subnets), 1)), false))
		if rem == RemedyCustomNetworking {
			// One ENIConfig subnet per zone: as many as given, or as
			// many as the node subnets (one per zone) when none are.
			zones := len(in.PodSubnets)
			if zones == 0 {
				zones = max(len(in.Subnets), 1)
			}
			a.SmallestPodSubnetBits = smallestBits(nodeDemand(p, ceilDiv(in.NodeCount, zones), true))
			details = append(details, podSubnetAdvice(fmt.Sprint(mode.MaxPods), a.SmallestPodSubnetBits))
			podList := subnetList{subnets: in.PodSubnets, cidrAttr: attrPodSubnetCIDRs, podSubnet: true}
			for _, u := range podList.usage(in.NodeCount, p) {
				a.Fits = a.Fits && u.Fits
			}
			if len(in.PodSubnets) == 0 && a.Checked {
				details = append(details, noPodSubnetsNote)
			}
		}
		a.Notes = remedyNotes(rem, strings.Join(details, " "))
		out = append(out, a)
	}
	return out
}

// clusterAlternatives plans the cluster under every remedy, at max + surge.
func clusterAlternatives(in ClusterInput) []Alternative {
	out := make([]Alternative, 0, remedyCount)
	for _, rem := range Remedies {
		a := Alternative{Remedy: rem, Checked: true}
		alt := in
		alt.Current, alt.FailOnInsufficientSubnet = nil, false
		alt.PrefixDelegation = rem == RemedyPrefixDelegation
		alt.CustomNetworking = rem == RemedyCustomNetworking
		alt.ipv6 = rem == RemedyIPv6

		var why, details []string
		var maxPods []string
		for _, g := range in.Groups {
			mode := remedyMode(rem, ipam.Settings{MaxENI: in.MaxENI, MaxPods: g.MaxPods})
			if w := remedyPossible(rem, g.InstanceType, g.Node, mode, g.ExpectedPods); w != "" {
				why = append(why, "Not possible for "+g.Name+": "+w+".")
			}
			if rem == RemedyPrefixDelegation && !g.Node.Nitro && !g.Node.BareMetal {
				details = append(details, fmt.Sprintf("%s (%s) is neither Nitro nor bare metal and falls back to secondary IPs.", g.Name, g.InstanceType))
			}
			if rem == RemedyIPv6 {
				if advice := ipv6MaxPodsAdvice(g.InstanceType, g.Node, g.MaxPods, g.ExpectedPods); advice != "" {
					details = append(details, g.Name+": "+advice)
				}
			}
			if rem == RemedyCustomNetworking {
				maxPods = append(maxPods, fmt.Sprintf("%d for %s", effectiveMaxPods(g.Node, mode).Pods, g.Name))
				if len(in.Groups) == 1 {
					maxPods[0] = fmt.Sprint(effectiveMaxPods(g.Node, mode).Pods)
				}
			}
		}
		if len(why) > 0 {
			a.Checked = false
			a.Env = remedyEnv(rem, remedyMode(rem, ipam.Settings{MaxENI: in.MaxENI}))
			a.Notes = remedyNotes(rem, strings.Join(why, " "))
			out = append(out, a)
			continue
		}
		a.Possible = true

		// The node subnets stay; ENIConfig subnets only matter to custom
		// networking, which without given ones gets one per zone of
		// unlimited size, to measure what it must hold.
		alt.Subnets = make([]ClusterSubnet, 0, len(in.Subnets))
		var zones []string
		hasPodSubnets := false
		for _, s := range in.Subnets {
			if s.Purpose == PurposePods {
				hasPodSubnets = true
				if rem != RemedyCustomNetworking {
					continue
				}
			} else {
				zones = appendOnce(zones, s.AvailabilityZone)
			}
			alt.Subnets = append(alt.Subnets, s)
		}
		given := len(alt.Subnets)
		if rem == RemedyCustomNetworking && !hasPodSubnets {
			for _, z := range zones {
				alt.Subnets = append(alt.Subnets, ClusterSubnet{ID: "ENIConfig subnet in " + z, AvailabilityZone: z, Available: unboundedIPs, Purpose: PurposePods})
			}
		}
		r := cluster(alt, nil)
		a.Env = remedyEnv(rem, r.Recommended)

		a.Fits = true
		nodeZones := map[string]demand{}
		podZones := map[string]demand{}
		for i, sr := range r.Subnets {
			if i < given {
				a.Fits = a.Fits && sr.Fits()
			}
			if sr.Purpose == PurposePods {
				a.PodSubnetIPs += sr.Needed[PhaseSurge]
				podZones[sr.AvailabilityZone] = podZones[sr.AvailabilityZone].plus(sr.demand[PhaseSurge])
			} else {
				a.NodeSubnetIPs += sr.Needed[PhaseSurge]
				nodeZones[sr.AvailabilityZone] = nodeZones[sr.AvailabilityZone].plus(sr.demand[PhaseSurge])
			}
		}
		a.SmallestNodeSubnetBits = smallestBitsForAll(zones, nodeZones)
		if rem == RemedyCustomNetworking {
			a.SmallestPodSubnetBits = smallestBitsForAll(zones, podZones)
			details = append(details, podSubnetAdvice(strings.Join(maxPods, ", "), a.SmallestPodSubnetBits))
			if !hasPodSubnets {
				details = append(details, noPodSubnetsNote)
			}
		}
		a.Notes = remedyNotes(rem, strings.Join(details, " "))
		out = append(out, a)
	}
	return out
}

// smallestBitsForAll is the prefix length of the smallest subnet that
// holds the demand of every zone, 0 when not even a /16 holds one of them.
func smallestBitsForAll(zones []string, demands map[string]demand) int {
	bits := subnet.MaxPrefixLen
	for _, z := range zones {
		b := smallestBits(demands[z])
		if b == 0 {
			return 0
		}
		bits = min(bits, b)
	}
	return bits
}

// ipv6MaxPodsAdvice warns when the expected pods exceed the max pods an
// EKS AMI gives the node in an IPv6 cluster: nodeadm computes it with the
// IPv4 ENI formula whatever the IP family (awslabs/amazon-eks-ami,
// nodeadm/internal/kubelet/eni_max_pods.go), although the addresses no
// longer limit the pods. "" when they fit or the kubelet's max pods is
// set.
func ipv6MaxPodsAdvice(instanceType string, n ipam.Node, maxPodsOverride, expectedPods int) string {
	ami := ipam.ComputeMaxPods(n, ipam.Mode{}).Pods
	if maxPodsOverride > 0 || expectedPods <= ami {
		return ""
	}
	return fmt.Sprintf("nodeadm (EKS AL2023 AMIs) gives %s max pods %d, the IPv4 ENI formula, in IPv6 clusters too: raise the kubelet's max pods for %d pods.", instanceType, ami, expectedPods)
}

// podSubnetAdvice names custom networking's max pods and the size of the
// ENIConfig subnets.
func podSubnetAdvice(maxPods string, bits int) string {
	s := "Max pods becomes " + maxPods + "."
	if bits > 0 {
		s += fmt.Sprintf(" Each zone's ENIConfig subnet must be a /%d or larger.", bits)
	}
	return s
}

const noPodSubnetsNote = "No pod subnets were given, so fits covers the node subnets only."

// smallestBits is smallestSubnetFor's prefix length, 0 when none holds it.
func smallestBits(d demand) int {
	if bits, ok := smallestSubnetFor(d); ok {
		return bits
	}
	return 0
}

// writeRemedies appends the remedies that would fit the subnets and
// those that would not, with their numbers.
func writeRemedies(b *strings.Builder, alts []Alternative) {
	var fit, tooBig []string
	for _, a := range alts {
		if !a.Possible || !a.Checked {
			continue
		}
		s := fmt.Sprintf("%s (%d addresses in the node subnets", a.Remedy, a.NodeSubnetIPs)
		switch a.Remedy {
		case RemedyCustomNetworking:
			s += fmt.Sprintf(", %d in ENIConfig subnets", a.PodSubnetIPs)
			if a.SmallestPodSubnetBits > 0 {
				s += fmt.Sprintf(" of a /%d or larger per zone, for example in 100.64.0.0/10", a.SmallestPodSubnetBits)
			}
		case RemedyIPv6:
			s += ", in an IPv6 cluster"
		}
		s += ")"
		if a.Fits {
			fit = append(fit, s)
		} else {
			tooBig = append(tooBig, s)
		}
	}
	if len(fit) > 0 {
		fmt.Fprintf(b, " Remedies that fit these subnets (see alternatives): %s.", strings.Join(fit, "; "))
	} else if len(tooBig) > 0 {
		b.WriteString(" No remedy in alternatives fits these subnets alone.")
	}
	if len(tooBig) > 0 {
		fmt.Fprintf(b, " Too big for them: %s.", strings.Join(tooBig, "; "))
	}
}

func ceilDiv(a, b int) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	return (a + b - 1) / b
}
