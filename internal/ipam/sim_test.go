// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"math/rand"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// This file is a step simulator of ipamd's reconcile loop for IPv4 on the
// default network card, written from aws/amazon-vpc-cni-k8s
// (pkg/ipamd/ipamd.go and pkg/ipamd/datastore/data_store.go). It keeps
// ipamd's decision order and arithmetic but none of its AWS or Kubernetes
// plumbing, and it abstracts time: an ENI cannot be released in the
// reconcile pass that attached it (ipamd's one-minute minimum ENI
// lifetime), and release cool-downs only delay, so they are left out.
// Project's closed form must agree with it everywhere.

// simENI is an attached ENI. In secondary-IP mode its addresses are
// interchangeable, so counts describe it; under prefix delegation each
// /28 is tracked with the number of its addresses in use.
type simENI struct {
	primary bool
	// trunk: the trunk ENI of security groups for pods, which the VPC
	// resource controller attaches and ipamd never fills or frees.
	trunk bool
	// young: attached in the current reconcile pass.
	young bool
	// cidrs is the number of secondary addresses or prefixes attached.
	cidrs    int
	assigned int
	// prefixUse[i] is how many addresses of the i-th prefix pods hold (PD).
	prefixUse []int
}

func (e *simENI) freePrefixes() int {
	n := 0
	for _, u := range e.prefixUse {
		if u == 0 {
			n++
		}
	}
	return n
}

type simNode struct {
	slotsPerENI int // maxIPsPerENI in secondary mode, maxPrefixesPerENI under PD
	maxENI      int
	maxPods     int
	pd          bool
	customNet   bool
	warmENI     int
	warmIP      int
	minIP       int
	warmPrefix  int
	// trunkCompatible: ENABLE_POD_ENI is on and ipamd takes the type to be
	// trunk compatible (IsTrunkingCompatible, true for unknown types).
	trunkCompatible bool

	enis []*simENI
	// pending pods have no address yet; kubelet keeps retrying them.
	pending int
	// rng, when set, places each pod on a random ENI with a free address,
	// as ipamd's iteration over a Go map does; otherwise pods fill ENIs in
	// the order they were attached.
	rng *rand.Rand

	// Scratch space for settle's cycle detection.
	keys, keyEnds, keyIPs []int
}

func newSimNode(n Node, s Settings) *simNode {
	pd := s.PrefixDelegation && n.runsPrefixDelegation()
	maxPods := s.MaxPods
	if maxPods < 1 {
		maxPods = ComputeMaxPods(n, Mode{CustomNetworking: s.CustomNetworking, PrefixDelegation: s.PrefixDelegation, MaxENI: s.MaxENI}).Pods
	}
	sim := &simNode{
		slotsPerENI: n.IPv4PerENI - 1,
		maxENI:      effectiveENIs(n.ENIs, s.MaxENI),
		maxPods:     maxPods,
		pd:          pd,
		customNet:   s.CustomNetworking,
		warmENI:     s.WarmENITarget.Or(1),
		warmIP:      s.WarmIPTarget.Or(0),
		minIP:       s.MinimumIPTarget.Or(0),
		warmPrefix:  s.WarmPrefixTarget.Or(0),
		// awsutils.go IsTrunkingCompatible: a type missing from the table
		// counts as compatible.
		trunkCompatible: s.PodENI && n.Trunking != ec2limits.TrunkingIncompatible,
	}
	// An instance boots with its primary ENI holding only its primary IP.
	sim.enis = []*simENI{{primary: true}}
	// tryEnableSecurityGroupsForPods runs before pre-scaling and asks for a
	// trunk unless the datastore already holds maxENI ENIs. The resource
	// controller attaches it a little later; until then hasRoomForEni
	// reserves its slot, so attaching it at once changes nothing. (It asks
	// on incompatible types too; the controller declines them.)
	if s.PodENI && len(sim.enis) < sim.maxENI && sim.trunkCompatible {
		sim.enis = append(sim.enis, &simENI{trunk: true})
	}
	return sim
}

// hasRoomForEni is ipamd's function of that name: a slot is kept for the
// trunk while pod ENI is on, the type is compatible and no trunk is
// attached; an attached trunk counts among the datastore's ENIs.
func (s *simNode) hasRoomForEni() bool {
	trunkENI := 0
	if s.trunkCompatible && !s.hasTrunk() {
		trunkENI = 1
	}
	return len(s.enis) < s.maxENI-trunkENI
}

func (s *simNode) hasTrunk() bool {
	for _, e := range s.enis {
		if e.trunk {
			return true
		}
	}
	return false
}

func (s *simNode) ipsPerCIDR() int {
	if s.pd {
		return IPsPerPrefix
	}
	return 1
}

// maxIPsPerENI is ipamd's c.maxIPsPerENI: addresses, not slots.
func (s *simNode) maxIPsPerENI() int { return s.slotsPerENI * s.ipsPerCIDR() }

// simStats is DataStoreStats plus the free prefix count.
type simStats struct{ total, assigned, prefixes, freePrefixes int }

func (s *simNode) stats() simStats {
	var st simStats
	for _, e := range s.enis {
		st.total += e.cidrs * s.ipsPerCIDR()
		st.assigned += e.assigned
		if s.pd {
			st.prefixes += e.cidrs
			st.freePrefixes += e.freePrefixes()
		}
	}
	return st
}

func (s *simNode) ipTargetsDefined() bool { return s.warmIP != 0 || s.minIP != 0 }

// targetState is datastoreTargetState: how many addresses (prefixes under
// PD) the pool is short of and over the IP targets.
func (s *simNode) targetState(st simStats) (short, over int, defined bool) {
	if !s.ipTargetsDefined() {
		return 0, 0, false
	}
	available := st.total - st.assigned
	short = max(s.warmIP-available, 0)
	short = max(short, s.minIP-st.total)
	over = max(available-s.warmIP, 0)
	over = max(min(over, st.total-s.minIP), 0)
	if s.pd {
		shortPrefixes := ceilDiv(short, IPsPerPrefix)
		neededForWarm := ceilDiv(st.assigned+s.warmIP, IPsPerPrefix)
		neededForMin := ceilDiv(s.minIP, IPsPerPrefix)
		overPrefixes := max(min(st.freePrefixes, st.prefixes-neededForWarm), 0)
		overPrefixes = max(min(overPrefixes, st.prefixes-neededForMin), 0)
		return shortPrefixes, overPrefixes, true
	}
	return short, over, true
}

// tooLow is isDatastorePoolTooLow.
func (s *simNode) tooLow(st simStats) bool {
	if st.total >= s.maxPods {
		return false
	}
	if short, _, defined := s.targetState(st); defined {
		return short > 0
	}
	warm, unit := s.warmENI, s.slotsPerENI
	if s.pd {
		warm, unit = s.warmPrefix, IPsPerPrefix
	}
	available := st.total - st.assigned
	return available < unit*warm || (warm == 0 && available == 0)
}

// tooHigh is isDatastorePoolTooHigh. ipamd's warmPrefixTargetDefined is
// true whenever PD is on, since its default WARM_PREFIX_TARGET is 0.
func (s *simNode) tooHigh(st simStats) bool {
	if _, over, defined := s.targetState(st); defined {
		return over > 0
	}
	if s.pd {
		return st.freePrefixes > s.warmPrefix
	}
	return false
}

// prefixesNeeded is getPrefixesNeeded.
func (s *simNode) prefixesNeeded(st simStats) int {
	toAllocate := 1
	if short, _, defined := s.targetState(st); defined {
		return max(toAllocate, short)
	}
	return max(toAllocate, max(s.warmPrefix-st.freePrefixes, 0))
}

// allocatable is the first ENI of GetAllocatableENIs.
func (s *simNode) allocatable() *simENI {
	for _, e := range s.enis {
		if (s.customNet && e.primary) || e.trunk {
			continue
		}
		if e.cidrs < s.slotsPerENI {
			return e
		}
	}
	return nil
}

func (s *simNode) addCIDRs(e *simENI, n int) {
	e.cidrs += n
	if s.pd {
		for range n {
			e.prefixUse = append(e.prefixUse, 0)
		}
	}
}

// increase is increaseDatastorePool: fill an existing ENI (tryAssignIPs /
// tryAssignPrefixes), else attach one (tryAllocateENI with
// GetENIResourcesToAllocate) when hasRoomForEni.
func (s *simNode) increase(st simStats) {
	if s.tryAssign(st) {
		return
	}
	if !s.hasRoomForEni() {
		return
	}
	var resources int
	if s.pd {
		resources = min(s.prefixesNeeded(st), s.slotsPerENI)
	} else {
		resources = s.slotsPerENI
		if short, _, defined := s.targetState(st); defined {
			resources = min(short, s.slotsPerENI)
		}
	}
	if resources > 0 {
		e := &simENI{young: true}
		s.addCIDRs(e, resources)
		s.enis = append(s.enis, e)
	}
}

func (s *simNode) tryAssign(st simStats) bool {
	toAllocate := s.slotsPerENI
	if s.pd {
		toAllocate = s.prefixesNeeded(st)
	} else if short, _, defined := s.targetState(st); defined {
		if short == 0 {
			return false
		}
		toAllocate = short
	}
	e := s.allocatable()
	if e == nil {
		return false
	}
	s.addCIDRs(e, min(s.slotsPerENI-e.cidrs, toAllocate))
	return true
}

// decrease is decreaseDatastorePool / tryUnassignCidrsFromAll: release the
// CIDRs over target, free ones only, ENI by ENI.
func (s *simNode) decrease(st simStats) {
	_, over, defined := s.targetState(st)
	if !defined {
		over = 0
		if s.pd {
			over = max(st.freePrefixes-s.warmPrefix, 0)
		}
	}
	for _, e := range s.enis {
		if over <= 0 {
			return
		}
		if !s.pd {
			n := min(over, e.cidrs-e.assigned)
			e.cidrs -= n
			over -= n
			continue
		}
		kept := e.prefixUse[:0]
		for _, u := range e.prefixUse {
			if over > 0 && u == 0 {
				over--
				continue
			}
			kept = append(kept, u)
		}
		e.prefixUse = kept
		e.cidrs = len(kept)
	}
}

// shouldRemoveExtraENIs mirrors ipamd's function of that name.
func (s *simNode) shouldRemoveExtraENIs(st simStats) bool {
	if s.ipTargetsDefined() {
		return true
	}
	warm := s.warmENI
	if s.pd {
		warm = s.warmPrefix
	}
	if st.total-st.assigned >= (warm+1)*s.maxIPsPerENI() {
		return true
	}
	if s.pd {
		// CheckFreeableENIexists
		for _, e := range s.enis {
			if !e.primary && !e.trunk && e.assigned == 0 {
				return true
			}
		}
	}
	return false
}

// tryFreeENI is tryFreeENI / getDeletableENI.
func (s *simNode) tryFreeENI(st simStats) {
	for i, e := range s.enis {
		if e.primary || e.trunk || e.young || e.assigned > 0 {
			continue
		}
		// isRequiredForWarmIPTarget / isRequiredForMinimumIPTarget count
		// the other ENIs' free and total addresses; PD rounds the targets
		// up to whole prefixes.
		ips := e.cidrs * s.ipsPerCIDR()
		warmIP, minIP := s.warmIP, s.minIP
		if s.pd {
			warmIP = ceilDiv(warmIP, IPsPerPrefix) * IPsPerPrefix
			minIP = ceilDiv(minIP, IPsPerPrefix) * IPsPerPrefix
		}
		if s.warmIP != 0 && st.total-st.assigned-ips < warmIP {
			continue
		}
		if s.minIP != 0 && st.total-ips < minIP {
			continue
		}
		// isRequiredForWarmPrefixTarget
		if s.pd && s.warmPrefix != 0 && st.freePrefixes-e.freePrefixes() < s.warmPrefix {
			continue
		}
		s.enis = append(s.enis[:i], s.enis[i+1:]...)
		return
	}
}

// reconcile is one updateIPPoolIfRequired pass.
func (s *simNode) reconcile() {
	st := s.stats()
	if s.tooLow(st) {
		s.increase(st)
	} else if s.tooHigh(st) {
		s.decrease(st)
	}
	st = s.stats()
	if s.shouldRemoveExtraENIs(st) {
		s.tryFreeENI(st)
	}
	for _, e := range s.enis {
		e.young = false
	}
}
