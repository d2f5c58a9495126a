// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"math/rand"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// TestProjectIndependentOfPlacement: ipamd puts a pod on whichever ENI a
// Go map iteration yields first. The simulator with random placement gives
// the same subnet addresses as Project (which assumes ENIs fill in order)
// at every pod count, on every fifth type and the whole settings grid.
func TestProjectIndependentOfPlacement(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep skipped in -short mode")
	}
	grid := sweepSettings()
	for i := 0; i < ec2limits.Len(); i += 5 {
		name := ec2limits.Name(i)
		n := nodeOf(t, name)
		for _, s := range grid {
			sim := newSimNode(n, s)
			sim.rng = rand.New(rand.NewSource(int64(i)))
			for p, got := range sim.rise(sweepPodLimit(n, s)) {
				if want := Project(n, s, p); got.SubnetIPs() != want.SubnetIPs() || got.PodsWithoutIP != want.PodsWithoutIP {
					t.Fatalf("%s %s pods=%d: random placement %+v, Project %+v", name, describe(s), p, got, want)
				}
			}
		}
	}
}

// TestFallingPods states what ipamd keeps when pods go away again, which
// Project (pods rising) does not model:
//   - pods leaving newest first: every mode returns to the pod addresses
//     of the way up (IP targets release free addresses, WARM_ENI_TARGET
//     and WARM_PREFIX_TARGET release whole empty ENIs and prefixes), but
//     with IP targets ENIs can linger;
//   - pods leaving at random: IP targets with secondary IPs still return
//     exactly, while WARM_ENI_TARGET keeps every ENI that still holds a
//     pod and prefix delegation (with any targets) every /28 that does, so
//     they hold as much or more.
func TestFallingPods(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep skipped in -short mode")
	}
	grid := sweepSettings()
	heldMore := map[bool]int{}
	for i := 0; i < ec2limits.Len(); i += 17 {
		name := ec2limits.Name(i)
		n := nodeOf(t, name)
		for _, s := range grid {
			top := sweepPodLimit(n, s)
			for _, random := range []bool{false, true} {
				sim := newSimNode(n, s)
				sim.rise(top)
				if random {
					sim.rng = rand.New(rand.NewSource(int64(i)))
				}
				for q := top - 1; q >= 0; q-- {
					sim.releasePod()
					got := sim.projection(q, sim.settle())
					up := Project(n, s, q)
					switch {
					case got.ENIs < up.ENIs || got.PodIPs() < up.PodIPs():
						t.Fatalf("%s %s down to %d pods: %+v holds less than on the way up %+v", name, describe(s), q, got, up)
					case got.PodIPs() > up.PodIPs() && (!random || (s.IPTargets() && !got.PrefixDelegation)):
						t.Fatalf("%s %s down to %d pods (random %t): %d pod addresses, %d on the way up", name, describe(s), q, random, got.PodIPs(), up.PodIPs())
					case got.PodIPs() > up.PodIPs():
						heldMore[got.PrefixDelegation]++
					}
				}
			}
		}
	}
	if heldMore[false] == 0 || heldMore[true] == 0 {
		t.Errorf("expected WARM_ENI_TARGET and WARM_PREFIX_TARGET to keep addresses when pods leave at random; counts %v", heldMore)
	}
}
