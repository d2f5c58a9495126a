// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// warmPoolAlternatives plans the node group under every remedy, each a
// whole warm pool planned as the group itself is. The remedy own (the
// group's own mode) is r itself, so the two always agree; the fuzz tests
// pass remedyCount to plan it independently and compare.
func warmPoolAlternatives(in WarmPoolInput, r *WarmPoolResult, own Remedy) []Alternative {
	out := make([]Alternative, 0, remedyCount)
	for _, rem := range Remedies {
		if rem == own {
			out = append(out, warmPoolAlternative(in, in, r, r, rem, nil))
			continue
		}
		alt, why, details := in.remedy(rem)
		if why != "" {
			out = append(out, notPossible(rem, alt.Mode, "Not possible: "+why+"."))
			continue
		}
		planned := planWarmPool(alt)
		out = append(out, warmPoolAlternative(in, alt, &planned, r, rem, details))
	}
	return out
}

// remedy is the group planned with a remedy: its input, why the remedy
// cannot run the group ("" when it can), and notes.
func (in WarmPoolInput) remedy(rem Remedy) (alt WarmPoolInput, why string, details []string) {
	alt = in
	alt.Current, alt.RunningNodes, alt.FailOnInsufficientSubnet = nil, in.RunningNodes, false
	alt.Mode = remedyMode(rem, in.Mode)
	switch rem {
	case RemedyIPv6:
		alt.ipv6 = true
	case RemedySubnetDiscovery:
		alt.discovery = true
	}
	if in.Windows && rem != RemedyIPTargets && rem != RemedyPrefixDelegation {
		return alt, "Windows nodes get addresses from the VPC resource controller on their primary ENI only: no custom networking, subnet discovery or IPv6 (EKS User Guide, Windows support)", nil
	}
	if rem == RemedyCustomNetworking || rem == RemedySubnetDiscovery {
		// Stand-in subnets of unbounded size where none are given, to
		// measure what they must hold.
		if rem == RemedyCustomNetworking && len(in.PodSubnets) == 0 || rem == RemedySubnetDiscovery {
			alt.PodSubnets = standIns(max(len(in.Subnets), 1))
		}
	} else {
		alt.PodSubnets = nil
	}
	why = firstError(alt)
	if why != "" && rem == RemedyCustomNetworking && !alt.Mode.PrefixDelegation {
		withPD := alt
		withPD.Mode.PrefixDelegation = true
		if firstError(withPD) == "" {
			return withPD, "", []string{withPrefixesNote(strings.TrimSuffix(why, "."))}
		}
	}
	if rem == RemedyPrefixDelegation && !in.Node.Nitro && !in.Node.BareMetal && !in.Windows {
		details = append(details, fmt.Sprintf("%s is neither Nitro nor bare metal, so these numbers are its secondary-IP fallback.", in.InstanceType))
	}
	if rem == RemedyIPv6 && why == "" {
		if advice := ipv6MaxPodsAdvice(in.InstanceType, in.Node, in.Launch, in.ExpectedPods); advice != "" {
			details = append(details, advice)
		}
	}
	return alt, strings.TrimSuffix(why, "."), details
}

// firstError is the detail of the first error validating a remedy's
// input finds, "" when there is none: the same checks as the group's own.
func firstError(alt WarmPoolInput) string {
	var f Findings
	alt.spec().check(&f, alt.network(), warmPoolRef)
	if alt.ipv6 && !alt.Node.Nitro && !alt.Node.BareMetal {
		return fmt.Sprintf("IPv6 needs prefix delegation, which ipamd runs on Nitro and bare metal instances only, and %s is neither", alt.InstanceType)
	}
	return firstReason(f)
}

// firstReason is the first error's short detail, or its detail.
func firstReason(f Findings) string {
	for _, x := range f {
		if x.Severity == Error {
			if x.Short != "" {
				return x.Short
			}
			return x.Detail
		}
	}
	return ""
}

// standIns are n pod subnets of unbounded size.
func standIns(n int) []SubnetInput {
	out := make([]SubnetInput, n)
	for i := range out {
		out[i] = SubnetInput{Available: -1, unbounded: true}
	}
	return out
}

// warmPoolAlternative is the numbers of a remedy planned as r: node-subnet
// addresses, pod- (or discovered-) subnet addresses, whether the given
// subnets hold them and the smallest subnets that would. main is the
// group's own plan: its baseline and what its running nodes hold now.
func warmPoolAlternative(in, alt WarmPoolInput, r, main *WarmPoolResult, rem Remedy, details []string) Alternative {
	a := Alternative{Remedy: rem, Possible: true, Checked: len(in.Subnets) > 0}
	a.Env = remedyEnv(rem, r.Recommended)
	each := shareOf(r.RecommendedNode, r.Branch)
	var cni eniSet
	if alt.discovery {
		each, cni = discovered(r.RecommendedNode, in.Node, r.Branch)
	}
	nodes := in.NodeCount
	all := each.times(nodes)
	a.NodeSubnetIPs = all.node.ips
	a.PodSubnetIPs = all.pod.ips + cni.demand(nodes).ips
	a.NodeSubnetIPsSaved = shareOf(main.BaselineNode, main.Branch).times(nodes).node.ips - a.NodeSubnetIPs
	perSubnet := ceilDiv(nodes, max(len(in.Subnets), 1))
	a.SmallestNodeSubnetBits = smallestBits(each.times(perSubnet).node)

	lists := in.loadedLists(main.heldShare())
	a.Fits = a.Checked && allFit(lists[0].usage(nodes, each))
	if alt.Mode.CustomNetworking || alt.discovery {
		perPodSubnet := ceilDiv(nodes, max(len(alt.PodSubnets), 1))
		podPart := each.times(perPodSubnet).pod.plus(cni.demand(perPodSubnet))
		a.SmallestPodSubnetBits = smallestBits(podPart)
		if alt.Mode.CustomNetworking {
			details = append(details, podSubnetAdvice(fmt.Sprint(r.MaxPods.Pods), a.SmallestPodSubnetBits))
		} else {
			details = append(details, discoveryAdvice(a.SmallestPodSubnetBits))
		}
		switch {
		case len(in.PodSubnets) > 0 && alt.Mode.CustomNetworking:
			podList := subnetList{subnets: in.PodSubnets, podSubnet: true}
			if in.Mode.CustomNetworking {
				podList = lists[len(lists)-1]
			}
			a.Fits = a.Fits && allFit(podList.usage(nodes, each))
		default:
			a.Fits = a.Fits && a.SmallestPodSubnetBits > 0
			if a.Checked {
				details = append(details, noPodSubnetsNote(rem))
			}
		}
	}
	a.Notes = remedyNotes(rem, strings.Join(details, " "))
	return a
}

// notPossible is a remedy the instance types cannot run.
func notPossible(rem Remedy, mode ipam.Settings, why string) Alternative {
	return Alternative{Remedy: rem, Env: remedyEnv(rem, mode), Notes: remedyNotes(rem, why)}
}

func allFit(use []SubnetUsage) bool {
	for _, u := range use {
		if !u.Fits {
			return false
		}
	}
	return true
}
