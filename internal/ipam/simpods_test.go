// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import "fmt"

// The simulator's pods: placing and releasing them, and settling the
// reconcile loop after each change (see sim_test.go for ipamd's rules).

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
	trunks := 0
	if s.hasTrunk() {
		trunks = 1
	}
	p := Projection{
		ENIs:             len(s.enis) - trunks,
		TrunkENIs:        trunks,
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
