// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// fuzzNode and fuzzSettings map arbitrary fuzz inputs into the model's
// domain without rejecting any: sizes are folded into small ranges so that
// the simulator can check every case.
func fuzzNode(enis, ips uint8, nitro, bare bool, vcpus uint16) Node {
	return Node{ENIs: int(enis%16) + 1, IPv4PerENI: int(ips%63) + 2, Nitro: nitro, BareMetal: bare, VCPUs: int(vcpus % 200)}
}

func fuzzSettings(warmENI, warmIP, minIP, warmPrefix int8, pd, cn bool, maxENI, maxPods uint8) Settings {
	return Settings{
		WarmENITarget:    TargetOf(int(warmENI) % 4),
		WarmIPTarget:     TargetOf(int(warmIP) % 40),
		MinimumIPTarget:  TargetOf(int(minIP) % 64),
		WarmPrefixTarget: TargetOf(int(warmPrefix) % 4),
		PrefixDelegation: pd,
		CustomNetworking: cn,
		MaxENI:           int(maxENI % 6),
		MaxPods:          int(maxPods) - 40, // below 1 half the time: the EKS value
	}
}

// FuzzProject checks Project's invariants and its agreement with the
// simulator on arbitrary nodes and settings.
func FuzzProject(f *testing.F) {
	f.Add(uint8(3), uint8(13), true, false, uint16(4), int8(1), int8(-1), int8(-1), int8(1), false, false, uint8(0), uint8(0), uint16(20), false, uint8(0))
	f.Add(uint8(3), uint8(13), true, false, uint16(4), int8(-1), int8(2), int8(20), int8(1), false, false, uint8(0), uint8(0), uint16(20), true, uint8(1))
	f.Add(uint8(2), uint8(2), true, false, uint16(2), int8(0), int8(-1), int8(-1), int8(0), true, true, uint8(1), uint8(50), uint16(3), true, uint8(0))
	f.Add(uint8(2), uint8(9), true, false, uint16(2), int8(1), int8(-1), int8(-1), int8(1), false, true, uint8(0), uint8(0), uint16(9), true, uint8(2))
	f.Fuzz(func(t *testing.T, enis, ips uint8, nitro, bare bool, vcpus uint16, warmENI, warmIP, minIP, warmPrefix int8, pd, cn bool, maxENI, maxPods uint8, pods uint16, podENI bool, trunking uint8) {
		n := fuzzNode(enis, ips, nitro, bare, vcpus)
		n.Trunking = ec2limits.Trunking(trunking % 3)
		s := fuzzSettings(warmENI, warmIP, minIP, warmPrefix, pd, cn, maxENI, maxPods)
		s.PodENI = podENI
		limit := sweepPodLimit(n, s) + 3
		p := int(pods) % (limit + 1)

		got := Project(n, s, p)
		if again := Project(n, s, p); again != got {
			t.Fatalf("not deterministic: %+v then %+v", got, again)
		}
		capacity := PodIPCapacity(n, s)
		switch {
		case got.ENIs < 1 || got.ENIs+got.TrunkENIs > max(effectiveENIs(n.ENIs, s.MaxENI), 1):
			t.Fatalf("ENIs %d + trunk %d outside 1..%d", got.ENIs, got.TrunkENIs, n.ENIs)
		case got.TrunkENIs != 0 && (!s.PodENI || n.Trunking == ec2limits.TrunkingIncompatible):
			t.Fatalf("trunk without pod ENI on a compatible type: %+v", got)
		case got.PodIPs() > capacity:
			t.Fatalf("pod addresses %d above capacity %d", got.PodIPs(), capacity)
		case got.PodsWithoutIP != max(p-got.PodIPs(), 0) || got.FreeIPs != max(got.PodIPs()-p, 0):
			t.Fatalf("pods without IP %d / free %d inconsistent with %d addresses for %d pods", got.PodsWithoutIP, got.FreeIPs, got.PodIPs(), p)
		case got.SecondaryIPs > 0 && got.Prefixes > 0:
			t.Fatalf("both secondaries and prefixes: %+v", got)
		}
		podLimit := limit - 3
		if !Traps(n, s).Has(TrapMinimumWithoutWarm) && p <= min(capacity, podLimit) && got.PodsWithoutIP != 0 {
			t.Fatalf("%d pods fit (capacity %d, max pods %d) but %d get no address: %+v", p, capacity, podLimit, got.PodsWithoutIP, got)
		}
		if p > 0 {
			if prev := Project(n, s, p-1); prev.PodIPs() > got.PodIPs() {
				t.Fatalf("pod addresses fell from %d to %d as pods rose to %d", prev.PodIPs(), got.PodIPs(), p)
			}
		}
		if want := simulateRise(n, s, p)[p]; want != got {
			t.Fatalf("%+v %s pods=%d:\n  closed form %+v\n  simulator   %+v", n, describe(s), p, got, want)
		}
	})
}

// FuzzComputeMaxPods checks that max pods stays within its formula and cap.
func FuzzComputeMaxPods(f *testing.F) {
	f.Add(uint8(4), uint8(15), true, false, uint16(4), false, false, uint8(0))
	f.Add(uint8(15), uint8(50), false, true, uint16(96), true, true, uint8(3))
	f.Fuzz(func(t *testing.T, enis, ips uint8, nitro, bare bool, vcpus uint16, cn, pd bool, maxENI uint8) {
		n := fuzzNode(enis, ips, nitro, bare, vcpus)
		m := Mode{CustomNetworking: cn, PrefixDelegation: pd, MaxENI: int(maxENI % 20)}
		r := ComputeMaxPods(n, m)
		standard := ComputeMaxPods(n, Mode{CustomNetworking: cn, MaxENI: m.MaxENI})
		switch {
		case r.Pods < hostNetworkPods || r.Pods > r.Uncapped:
			t.Fatalf("%+v: %+v", m, r)
		case !pd && (r.Cap != 0 || r != standard):
			t.Fatalf("secondary-IP mode capped or inconsistent: %+v", r)
		case pd && r.Cap != 0 && r.Cap != maxPodsCapSmall && r.Cap != maxPodsCapLarge:
			t.Fatalf("cap %d", r.Cap)
		case pd && r.Pods < min(standard.Pods, maxPodsCapSmall):
			t.Fatalf("prefix delegation gives %d, less than min(secondary-IP %d, 110)", r.Pods, standard.Pods)
		case r.CapAssumed && n.VCPUs != 0:
			t.Fatalf("cap assumed although vCPUs = %d", n.VCPUs)
		}
	})
}
