// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// warmPoolAlternatives plans the node group under every remedy. The
// remedy own (the group's own mode) is r itself, so the two always agree;
// the fuzz tests pass remedyCount to plan it independently and compare.
func warmPoolAlternatives(in WarmPoolInput, r *WarmPoolResult, own Remedy) []Alternative {
	out := make([]Alternative, 0, remedyCount)
	for _, rem := range Remedies {
		a := Alternative{Remedy: rem, Checked: len(in.Subnets) > 0}
		var details []string
		var p ipam.Projection
		mode := remedyMode(rem, in.Mode)
		switch rem {
		case own:
			p = r.RecommendedNode
			mode.MaxPods = r.MaxPods.Pods
			a.Env = remedyEnv(rem, r.Recommended)
		case RemedyIPv6:
			if why := remedyPossible(rem, in.InstanceType, in.Node, mode, in.ExpectedPods); why != "" {
				out = append(out, notPossible(rem, mode, "Not possible: "+why+"."))
				continue
			}
			p = ipv6Node
			a.Env = remedyEnv(rem, ipam.Settings{})
			if advice := ipv6MaxPodsAdvice(in.InstanceType, in.Node, in.Mode.MaxPods, in.ExpectedPods); advice != "" {
				details = append(details, advice)
			}
		default:
			why := remedyPossible(rem, in.InstanceType, in.Node, mode, in.ExpectedPods)
			if why != "" && rem == RemedyCustomNetworking && !mode.PrefixDelegation {
				withPD := mode
				withPD.PrefixDelegation = true
				if remedyPossible(rem, in.InstanceType, in.Node, withPD, in.ExpectedPods) == "" {
					details = append(details, withPrefixesNote(why))
					mode, why = withPD, ""
				}
			}
			if why != "" {
				out = append(out, notPossible(rem, mode, "Not possible: "+why+"."))
				continue
			}
			mode.MaxPods = effectiveMaxPods(in.Node, mode).Pods
			rec := ipam.Recommend(in.Node, mode, in.ExpectedPods, in.SpareIPs).Settings
			p = ipam.Project(in.Node, rec, in.ExpectedPods)
			a.Env = remedyEnv(rem, rec)
			if rem == RemedyPrefixDelegation && !p.PrefixDelegation {
				details = append(details, fmt.Sprintf("%s is neither Nitro nor bare metal, so these numbers are its secondary-IP fallback.", in.InstanceType))
			}
		}
		a.Possible = true
		nodes := int64(in.NodeCount)
		a.NodeSubnetIPs = nodes * int64(p.NodeSubnetIPs())
		a.PodSubnetIPs = nodes * int64(p.PodSubnetIPs())
		a.NodeSubnetIPsSaved = nodes*int64(r.BaselineNode.NodeSubnetIPs()) - a.NodeSubnetIPs
		a.SmallestNodeSubnetBits = smallestBits(nodeDemand(p, ceilDiv(in.NodeCount, max(len(in.Subnets), 1)), false))

		if rem == own {
			a.Fits = a.Checked && r.SubnetFits
		} else {
			a.Fits = a.Checked && allFit(subnetList{subnets: in.Subnets}.usage(in.NodeCount, p))
		}
		if rem == RemedyCustomNetworking {
			// One ENIConfig subnet per zone: as many as given, or as
			// many as the node subnets (one per zone) when none are.
			zones := len(in.PodSubnets)
			if zones == 0 {
				zones = max(len(in.Subnets), 1)
			}
			a.SmallestPodSubnetBits = smallestBits(nodeDemand(p, ceilDiv(in.NodeCount, zones), true))
			details = append(details, podSubnetAdvice(fmt.Sprint(mode.MaxPods), a.SmallestPodSubnetBits))
			switch {
			case rem == own:
			case len(in.PodSubnets) > 0:
				a.Fits = a.Fits && allFit(subnetList{subnets: in.PodSubnets, podSubnet: true}.usage(in.NodeCount, p))
			default:
				a.Fits = a.Fits && a.SmallestPodSubnetBits > 0
				if a.Checked {
					details = append(details, noPodSubnetsNote)
				}
			}
		}
		a.Notes = remedyNotes(rem, strings.Join(details, " "))
		out = append(out, a)
	}
	return out
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
