// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"fmt"
	"math/rand"
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
	}
	// An instance boots with its primary ENI holding only its primary IP.
	sim.enis = []*simENI{{primary: true}}
	return sim
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
		if s.customNet && e.primary {
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
	if len(s.enis) >= s.maxENI {
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
			if !e.primary && e.assigned == 0 {
				return true
			}
		}
	}
	return false
}

// tryFreeENI is tryFreeENI / getDeletableENI.
func (s *simNode) tryFreeENI(st simStats) {
	for i, e := range s.enis {
		if e.primary || e.young || e.assigned > 0 {
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

// assignPod is AssignPodIPv4Address: an ENI with a free address (the first,
// or a random one), then its first CIDR with a free address.
func (s *simNode) assignPod() bool {
	var target *simENI
	if s.rng != nil {
		open := 0
		for _, e := range s.enis {
			if e.assigned < e.cidrs*s.ipsPerCIDR() {
				open++
			}
		}
		if open > 0 {
			pick := s.rng.Intn(open)
			for _, e := range s.enis {
				if e.assigned < e.cidrs*s.ipsPerCIDR() {
					if pick == 0 {
						target = e
						break
					}
					pick--
				}
			}
		}
	} else {
		for _, e := range s.enis {
			if e.assigned < e.cidrs*s.ipsPerCIDR() {
				target = e
				break
			}
		}
	}
	if target == nil {
		return false
	}
	target.assigned++
	if s.pd {
		for i, u := range target.prefixUse {
			if u < IPsPerPrefix {
				target.prefixUse[i]++
				break
			}
		}
	}
	return true
}

// releasePod frees the address of a pod: the most recently placed one, or
// with rng set a random one.
func (s *simNode) releasePod() {
	if s.pending > 0 {
		s.pending--
		return
	}
	var holders []*simENI
	for i := len(s.enis) - 1; i >= 0; i-- {
		if s.enis[i].assigned > 0 {
			holders = append(holders, s.enis[i])
		}
	}
	if len(holders) == 0 {
		return
	}
	e := holders[0]
	if s.rng != nil {
		e = holders[s.rng.Intn(len(holders))]
	}
	e.assigned--
	for j := len(e.prefixUse) - 1; j >= 0; j-- {
		if e.prefixUse[j] > 0 {
			e.prefixUse[j]--
			break
		}
	}
}

// appendKey appends the node's state, as a run of integers that identifies
// it, to dst (used for cycle detection).
func (s *simNode) appendKey(dst []int) []int {
	for _, e := range s.enis {
		dst = append(dst, -1, e.cidrs, e.assigned)
		dst = append(dst, e.prefixUse...)
	}
	return append(dst, s.pending)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (s *simNode) subnetIPs() int { return len(s.enis) + s.stats().total }

func (s *simNode) assignPending() {
	for s.pending > 0 && s.assignPod() {
		s.pending--
	}
}

// settle runs reconcile passes, giving pending pods addresses as they
// appear, until the state stops changing or repeats. A repeating state is
// ipamd attaching and releasing the same ENI or prefix; settle then leaves
// the node in the cycle's state with the most subnet addresses and reports
// flapping.
func (s *simNode) settle() (flapping bool) {
	// The keys of the states seen, back to back in one reused buffer.
	s.keys, s.keyEnds, s.keyIPs = s.keys[:0], s.keyEnds[:0], s.keyIPs[:0]
	keyOf := func(i int) []int {
		start := 0
		if i > 0 {
			start = s.keyEnds[i-1]
		}
		return s.keys[start:s.keyEnds[i]]
	}
	for pass := 0; ; pass++ {
		s.assignPending()
		s.keys = s.appendKey(s.keys)
		s.keyEnds = append(s.keyEnds, len(s.keys))
		s.keyIPs = append(s.keyIPs, s.subnetIPs())
		current := keyOf(pass)
		for first := pass - 1; first >= 0; first-- {
			if !equalInts(keyOf(first), current) {
				continue
			}
			if first == pass-1 {
				return false // fixed point
			}
			// Go round the cycle once more and stop at its peak.
			best := first
			for i := first; i < pass; i++ {
				if s.keyIPs[i] > s.keyIPs[best] {
					best = i
				}
			}
			for i := first; i < best; i++ {
				s.reconcile()
				s.assignPending()
			}
			if !equalInts(s.appendKey(nil), keyOf(best)) {
				panic("simulator cycle is not deterministic")
			}
			return true
		}
		if pass > 1000 {
			panic("simulator did not settle")
		}
		s.reconcile()
	}
}

// projection reads the node's state in Project's terms.
func (s *simNode) projection(pods int, flapping bool) Projection {
	st := s.stats()
	p := Projection{
		ENIs:             len(s.enis),
		FreeIPs:          st.total - st.assigned,
		PodsWithoutIP:    s.pending,
		Flapping:         flapping,
		PrefixDelegation: s.pd,
		CustomNetworking: s.customNet,
	}
	if s.pd {
		p.Prefixes = st.prefixes
	} else {
		p.SecondaryIPs = st.total
	}
	if st.assigned+s.pending != pods {
		panic(fmt.Sprintf("simulator lost pods: %d assigned + %d pending != %d", st.assigned, s.pending, pods))
	}
	return p
}

// simulateRise boots a node and adds pods one at a time up to maxPodCount,
// settling after each; it returns the projection at every pod count.
func simulateRise(n Node, s Settings, maxPodCount int) []Projection {
	return newSimNode(n, s).rise(maxPodCount)
}

func (sim *simNode) rise(maxPodCount int) []Projection {
	out := make([]Projection, 0, maxPodCount+1)
	flapping := sim.settle()
	out = append(out, sim.projection(0, flapping))
	for p := 1; p <= maxPodCount; p++ {
		if !sim.assignPod() {
			sim.pending++
		}
		flapping = sim.settle()
		out = append(out, sim.projection(p, flapping))
	}
	return out
}
