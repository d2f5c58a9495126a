// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"fmt"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// sweepSettings is the grid the closed form is checked on: every
// WARM_ENI_TARGET mode, every WARM_IP/MINIMUM_IP pair, and the same under
// prefix delegation (WARM_PREFIX_TARGET or IP targets), each with and
// without custom networking.
func sweepSettings() []Settings {
	var grid []Settings
	ipPairs := func() [][2]int {
		var pairs [][2]int
		for _, w := range []int{-1, 1, 2, 5, 10} {
			for _, m := range []int{-1, 10, 20, 30} {
				if w < 0 && m < 0 {
					continue
				}
				pairs = append(pairs, [2]int{w, m})
			}
		}
		return pairs
	}()
	for _, cn := range []bool{false, true} {
		for _, w := range []int{0, 1, 2} {
			grid = append(grid, Settings{WarmENITarget: TargetOf(w), CustomNetworking: cn})
		}
		for _, p := range ipPairs {
			s := ipTargets(p[0], p[1])
			s.CustomNetworking = cn
			grid = append(grid, s)
		}
		for _, w := range []int{0, 1, 2} {
			s := pd(w)
			s.CustomNetworking = cn
			grid = append(grid, s)
		}
		for _, p := range ipPairs {
			s := pdIP(p[0], p[1])
			s.CustomNetworking = cn
			grid = append(grid, s)
		}
	}
	return grid
}

func describe(s Settings) string {
	str := func(t Target) string {
		if v, ok := t.Get(); ok {
			return fmt.Sprint(v)
		}
		return "-"
	}
	return fmt.Sprintf("WARM_ENI=%s WARM_IP=%s MIN_IP=%s WARM_PREFIX=%s PD=%t CN=%t MAX_ENI=%d maxPods=%d POD_ENI=%t",
		str(s.WarmENITarget), str(s.WarmIPTarget), str(s.MinimumIPTarget), str(s.WarmPrefixTarget),
		s.PrefixDelegation, s.CustomNetworking, s.MaxENI, s.MaxPods, s.PodENI)
}

func sweepPodLimit(n Node, s Settings) int {
	if s.MaxPods > 0 {
		return s.MaxPods
	}
	return ComputeMaxPods(n, Mode{CustomNetworking: s.CustomNetworking, PrefixDelegation: s.PrefixDelegation, MaxENI: s.MaxENI}).Pods
}

// checkAgainstSimulator compares Project with the simulator for pods 0 up
// to the node's max pods. It reports the first disagreement and returns the
// number of states compared and whether they all agreed.
func checkAgainstSimulator(t *testing.T, instanceType string, n Node, s Settings) (int, bool) {
	limit := sweepPodLimit(n, s)
	states := simulateRise(n, s, limit)
	for p, want := range states {
		if got := Project(n, s, p); got != want {
			t.Errorf("%s %s pods=%d:\n  closed form %+v\n  simulator   %+v", instanceType, describe(s), p, got, want)
			return p, false
		}
	}
	return len(states), true
}

// sweep runs check on every stride-th instance type, split over parallel
// subtests, and stops a subtest after 10 disagreements.
func sweep(t *testing.T, stride int, check func(t *testing.T, name string, n Node) (int, bool)) {
	const shards = 4
	var compared [shards]int
	t.Run("shards", func(t *testing.T) {
		for shard := range shards {
			t.Run(fmt.Sprint(shard), func(t *testing.T) {
				t.Parallel()
				failures := 0
				for i := shard * stride; i < ec2limits.Len() && failures < 10; i += shards * stride {
					name := ec2limits.Name(i)
					c, ok := check(t, name, nodeOf(t, name))
					compared[shard] += c
					if !ok {
						failures++
					}
				}
			})
		}
	})
	total := 0
	for _, c := range compared {
		total += c
	}
	t.Logf("compared %d (type, settings, pods) states", total)
}

// TestProjectMatchesSimulator is the sweep: every instance type, every pod
// count from 0 to max pods, every setting in the grid.
func TestProjectMatchesSimulator(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep skipped in -short mode")
	}
	grid := sweepSettings()
	sweep(t, 1, func(t *testing.T, name string, n Node) (int, bool) {
		total, allOK := 0, true
		for _, s := range grid {
			c, ok := checkAgainstSimulator(t, name, n, s)
			total += c
			allOK = allOK && ok
		}
		return total, allOK
	})
}

// TestProjectMatchesSimulatorLimits sweeps what caps growth: MAX_ENI,
// kubelet max-pods overrides and a known vCPU count (the 250 cap), on every
// eleventh instance type.
func TestProjectMatchesSimulatorLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep skipped in -short mode")
	}
	grid := sweepSettings()
	limits := []struct{ maxENI, maxPods, vcpus int }{
		{maxENI: 1}, {maxENI: 2}, {maxENI: 3}, {maxPods: 1}, {maxPods: 17}, {maxPods: 30},
		{maxPods: 110}, {vcpus: 48}, {maxENI: 2, maxPods: 250, vcpus: 48},
	}
	sweep(t, 11, func(t *testing.T, name string, n Node) (int, bool) {
		total, allOK := 0, true
		for _, l := range limits {
			node := n
			node.VCPUs = l.vcpus
			for _, s := range grid {
				s.MaxENI, s.MaxPods = l.maxENI, l.maxPods
				c, ok := checkAgainstSimulator(t, name, node, s)
				total += c
				allOK = allOK && ok
			}
		}
		return total, allOK
	})
}

// podENISettings is a smaller grid for security groups for pods: the trunk
// only changes how many ENIs ipamd may attach, so each way of growing
// (WARM_ENI_TARGET, IP targets, WARM_PREFIX_TARGET, IP targets under PD) is
// taken a few times, with and without custom networking, and MAX_ENI twice.
func podENISettings() []Settings {
	var grid []Settings
	for _, cn := range []bool{false, true} {
		add := func(s Settings, maxENI int) {
			s.CustomNetworking, s.MaxENI, s.PodENI = cn, maxENI, true
			grid = append(grid, s)
		}
		add(Settings{WarmENITarget: TargetOf(0)}, 0)
		add(Settings{WarmENITarget: TargetOf(1)}, 0)
		add(ipTargets(1, -1), 0)
		add(ipTargets(-1, 10), 0)
		add(ipTargets(2, 20), 0)
		add(pd(0), 0)
		add(pd(1), 0)
		add(pdIP(2, 20), 0)
		// MAX_ENI applies first, then the trunk takes one of what is left.
		add(Settings{WarmENITarget: TargetOf(1)}, 3)
		add(ipTargets(2, 20), 2)
	}
	return grid
}

// TestProjectMatchesSimulatorPodENI sweeps security groups for pods: every
// instance type that takes a trunk (compatible, or unknown, which ipamd
// treats as compatible), every pod count up to max pods, the
// podENISettings grid. Incompatible types reserve nothing; the pinned
// cases cover them.
func TestProjectMatchesSimulatorPodENI(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep skipped in -short mode")
	}
	grid := podENISettings()
	sweep(t, 1, func(t *testing.T, name string, n Node) (int, bool) {
		total, allOK := 0, true
		if n.Trunking == ec2limits.TrunkingIncompatible {
			return 0, true
		}
		for _, s := range grid {
			c, ok := checkAgainstSimulator(t, name, n, s)
			total += c
			allOK = allOK && ok
		}
		return total, allOK
	})
}
