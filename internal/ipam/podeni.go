// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import "github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"

// Security groups for pods (ENABLE_POD_ENI), Linux, IPv4. Sources, restated
// in research note nodekinds.md §1: aws/amazon-vpc-cni-k8s b52188387f2e
// pkg/ipamd/ipamd.go hasRoomForEni and tryEnableSecurityGroupsForPods,
// pkg/ipamd/datastore/data_store.go (GetAllocatableENIs and getDeletableENI
// skip the trunk); aws/amazon-vpc-resource-controller-k8s b8d425119bdb
// pkg/provider/branch/trunk/trunk.go (trunk and branch ENIs, each one
// primary address in the node's or the ENIConfig's subnet).

// trunkReserve reports whether ipamd keeps an ENI slot for the trunk ENI:
// pod ENI on and the type compatible, or missing from ipamd's table, which
// it then takes to be compatible.
func (n Node) trunkReserve(s Settings) bool {
	return s.PodENI && n.Trunking != ec2limits.TrunkingIncompatible
}

// ipamdENIs returns how many ENIs ipamd may hold itself, its primary ENI
// included, and whether a trunk ENI is attached (0 or 1). The trunk takes
// one of the effective ENIs (MAX_ENI applied first). With a single ENI
// slot ipamd never asks for a trunk, and the slot is the primary ENI's.
func ipamdENIs(n Node, s Settings) (enis, trunk int) {
	enis = effectiveENIs(n.ENIs, s.MaxENI)
	if n.trunkReserve(s) && enis >= 2 {
		return enis - 1, 1
	}
	return enis, 0
}

// BranchPlacement is where pods with their own security groups (branch
// pods) take subnet addresses.
type BranchPlacement struct {
	// Addresses is the number of subnet addresses the placed branch pods
	// take: one primary address per branch ENI, outside ipamd's warm pool.
	// A deleted branch ENI keeps its address for the resource controller's
	// branch-eni-cooldown (60 s by default), so churn needs headroom.
	Addresses int
	// InPodSubnet is true when the addresses come from the ENIConfig (pod)
	// subnet, under custom networking, and false for the node subnet: the
	// branch ENIs sit in the trunk ENI's subnet.
	InPodSubnet bool
	// Unplaced is the number of branch pods that get no branch ENI and
	// stay Pending: those beyond the type's branch ENIs, or all of them
	// when the node has no trunk (pod ENI off, an incompatible type, or a
	// single ENI slot).
	Unplaced int
	// LimitUnknown is true when the table has no security-groups-for-pods
	// entry for the type: the node is taken to have a trunk and no branch
	// limit is applied. Callers should warn.
	LimitUnknown bool
}

// PlaceBranchPods returns where branchPods pods with their own security
// groups take addresses on node n. These pods also count towards the
// kubelet's max pods, which the caller checks; Project does not include
// them. If the resource controller itself lacks a type the table does not
// know either, it attaches no trunk and such pods stay Pending, so
// LimitUnknown results are an upper bound.
func PlaceBranchPods(n Node, s Settings, branchPods int) BranchPlacement {
	branchPods = max(branchPods, 0)
	p := BranchPlacement{InPodSubnet: s.CustomNetworking}
	if _, trunk := ipamdENIs(n, s); trunk == 0 {
		p.Unplaced = branchPods
		return p
	}
	if n.Trunking == ec2limits.TrunkingUnknown && n.BranchENIs <= 0 {
		p.Addresses, p.LimitUnknown = branchPods, true
		return p
	}
	p.Addresses = min(branchPods, max(n.BranchENIs, 0))
	p.Unplaced = branchPods - p.Addresses
	return p
}
