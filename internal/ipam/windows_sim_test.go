// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// This file is a step simulator of the VPC resource controller's Windows
// warm pool, written from aws/amazon-vpc-resource-controller-k8s
// b8d425119bdb: pkg/config/loader.go ParseWinIPTargetConfigs for the
// targets, pkg/pool/pool.go ReconcilePool, calculateSecondaryIPDeviation,
// getPDDeviation, AssignResource and assignResourceFromMinGroup for the
// pool. Creation and deletion complete at once and cool-downs are left
// out, as pods only rise. ProjectWindows must agree with it.

type winSim struct {
	pd                        bool
	warmIP, minIP, warmPrefix int
	capacity                  int // addresses
	used                      int
	warm                      int   // free addresses, secondary-IP mode
	prefixFree                []int // free addresses of each /28, PD
}

// newWinSim applies ParseWinIPTargetConfigs to the ConfigMap the settings
// stand for.
func newWinSim(n Node, s WindowsSettings) *winSim {
	w := &winSim{pd: s.PrefixDelegation, capacity: n.IPv4PerENI - 1}
	warmStr, foundWarm := s.WarmIPTarget.Get()
	w.minIP = s.MinimumIPTarget.Or(0)
	if foundWarm {
		w.warmIP = warmStr
		if !w.pd && w.warmIP == 0 {
			w.warmIP = 1
		}
	}
	if w.pd {
		w.warmPrefix = s.WarmPrefixTarget.Or(0)
		w.capacity *= IPsPerPrefix
	}
	if w.warmIP == 0 && w.minIP == 0 {
		if w.pd && w.warmPrefix == 0 {
			w.minIP, w.warmIP, w.warmPrefix = 3, 1, 0
		} else if !w.pd {
			w.minIP, w.warmIP = 3, 3
		}
	}
	return w
}

func (w *winSim) total() int {
	if !w.pd {
		return w.used + w.warm
	}
	return len(w.prefixFree) * IPsPerPrefix
}

func (w *winSim) freePrefixes() int {
	n := 0
	for _, f := range w.prefixFree {
		if f == IPsPerPrefix {
			n++
		}
	}
	return n
}

// deviation is calculateSecondaryIPDeviation or getPDDeviation.
func (w *winSim) deviation() int {
	if !w.pd {
		short := max(w.warmIP-w.warm, 0)
		short = max(short, w.minIP-(w.used+w.warm))
		over := max(w.warm-w.warmIP, 0)
		over = max(min(over, w.used+w.warm-w.minIP), 0)
		return short - over
	}
	warmDef, minDef, prefixDef := w.warmIP > 0, w.minIP > 0, w.warmPrefix > 0
	warmIP, minIP := w.warmIP, w.minIP
	if !warmDef && (minDef || !prefixDef) {
		warmIP = 1
	}
	if !minDef && (warmDef || !prefixDef) {
		minIP = 3
	}
	if !warmDef && !minDef && prefixDef {
		return (w.warmPrefix - w.freePrefixes()) * IPsPerPrefix
	}
	cur := ceilDiv(w.total(), IPsPerPrefix)
	forWarm, forMin := ceilDiv(w.used+warmIP, IPsPerPrefix), ceilDiv(minIP, IPsPerPrefix)
	dev := forMin - cur
	if forWarm >= forMin {
		dev = forWarm - cur
	}
	if dev < 0 && w.freePrefixes() == 0 {
		dev = 0
	}
	return dev * IPsPerPrefix
}

// reconcile is ReconcilePool; it reports whether anything changed.
func (w *winSim) reconcile() bool {
	if w.used == w.capacity {
		return false
	}
	dev := w.deviation()
	switch {
	case dev > 0:
		dev = min(dev, w.capacity-w.total())
		if dev == 0 {
			return false
		}
		if !w.pd {
			w.warm += dev
			return true
		}
		for range dev / IPsPerPrefix {
			w.prefixFree = append(w.prefixFree, IPsPerPrefix)
		}
		return true
	case dev < 0:
		if !w.pd {
			n := min(-dev, w.warm)
			w.warm -= n
			return n > 0
		}
		kept := w.prefixFree[:0]
		for _, f := range w.prefixFree {
			if dev < 0 && f == IPsPerPrefix {
				dev += IPsPerPrefix
				continue
			}
			kept = append(kept, f)
		}
		changed := len(kept) != len(w.prefixFree)
		w.prefixFree = kept
		return changed
	}
	return false
}

// assign is AssignResource: from the warm pool, under PD from the prefix
// with the fewest free addresses.
func (w *winSim) assign() bool {
	if w.used == w.capacity {
		return false
	}
	if !w.pd {
		if w.warm == 0 {
			return false
		}
		w.warm--
		w.used++
		return true
	}
	best := -1
	for i, f := range w.prefixFree {
		if f > 0 && (best < 0 || f < w.prefixFree[best]) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	w.prefixFree[best]--
	w.used++
	return true
}

// TestProjectWindowsMatchesSimulator: Windows capacity depends only on the
// IPv4 addresses per ENI, so every distinct value in the table, every pod
// count to capacity and beyond, and a grid of ConfigMap settings.
func TestProjectWindowsMatchesSimulator(t *testing.T) {
	seen := map[int]bool{}
	var nodes []Node
	for i := range ec2limits.Len() {
		l, _ := ec2limits.Lookup(ec2limits.Name(i))
		if !seen[l.IPv4PerENI] {
			seen[l.IPv4PerENI] = true
			nodes = append(nodes, Node{ENIs: 1, IPv4PerENI: l.IPv4PerENI})
		}
	}
	targets := []int{-1, 0, 1, 3, 5, 20}
	for _, n := range nodes {
		for _, pd := range []bool{false, true} {
			for _, warm := range targets {
				for _, minimum := range targets {
					for _, prefix := range []int{-1, 0, 1, 3} {
						s := WindowsSettings{WarmIPTarget: TargetOf(warm), MinimumIPTarget: TargetOf(minimum), WarmPrefixTarget: TargetOf(prefix), PrefixDelegation: pd}
						checkWindows(t, n, s)
					}
				}
			}
		}
	}
}

func checkWindows(t *testing.T, n Node, s WindowsSettings) {
	t.Helper()
	sim := newWinSim(n, s)
	pending := 0
	for pods := 0; pods <= sim.capacity+2; pods++ {
		if pods > 0 {
			pending++
		}
		for pass := 0; ; pass++ {
			for pending > 0 && sim.assign() {
				pending--
			}
			if !sim.reconcile() {
				break
			}
			if pass > 100 {
				t.Fatalf("IPv4 %d %+v: no steady state", n.IPv4PerENI, s)
			}
		}
		want := Projection{ENIs: 1, PrefixDelegation: s.PrefixDelegation, PodsWithoutIP: pending, FreeIPs: sim.total() - sim.used}
		if s.PrefixDelegation {
			want.Prefixes = len(sim.prefixFree)
		} else {
			want.SecondaryIPs = sim.total()
		}
		if got := ProjectWindows(n, s, pods); got != want {
			t.Fatalf("IPv4 %d %+v pods=%d:\n  closed form %+v\n  simulator   %+v", n.IPv4PerENI, s, pods, got, want)
		}
	}
}
