// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

func podENI(s Settings) Settings {
	s.PodENI = true
	return s
}

// TestProjectPodENI pins security groups for pods with the worked cases of
// research note nodekinds.md §1 (m5.large: 3 ENIs x 10 IPs, trunk
// compatible with 9 branch ENIs; t3.large: not compatible).
func TestProjectPodENI(t *testing.T) {
	cases := []struct {
		source        string
		instanceType  string
		settings      Settings
		pods          int
		enis, trunk   int
		secondaries   int
		subnetIPs     int
		nodeSubnetIPs int
		podsWithoutIP int
	}{
		// §1 worked case: ipamd keeps 2 ENIs (capacity 18);
		// min(max(15, 15+2), 18) = 17 secondaries + 2 ENI primaries + 1 trunk = 20.
		{"nodekinds §1 MIN 15 WARM 2", "m5.large", podENI(ipTargets(2, 15)), 15, 2, 1, 17, 20, 20, 0},
		// §1 item 5, WARM_ENI_TARGET=1: 0 pods -> 1 ENI / 9; 1-9 pods -> 2
		// ENIs / 18, no third ENI (the trunk holds that slot): 18 + 2 + 1 = 21.
		{"nodekinds §1.5 defaults, 0 pods", "m5.large", podENI(AddonDefaults()), 0, 1, 1, 9, 11, 11, 0},
		{"nodekinds §1.5 defaults, 9 pods", "m5.large", podENI(AddonDefaults()), 9, 2, 1, 18, 21, 21, 0},
		// Without pod ENI, 10-18 pods reach 27 secondaries on 3 ENIs (§1.5).
		{"nodekinds §1.5 without pod ENI", "m5.large", AddonDefaults(), 10, 3, 0, 27, 30, 30, 0},
		// With it the ordinary-pod ceiling is (3-1)*9 = 18: the 19th pod
		// gets no address (max pods stays 29, §1 item 4).
		{"ceiling (E-1)*S", "m5.large", podENI(AddonDefaults()), 19, 2, 1, 18, 21, 21, 1},
		// t3.large is not trunk compatible: nothing reserved, 3 ENIs x 11.
		{"incompatible type", "t3.large", podENI(AddonDefaults()), 12, 3, 0, 33, 36, 36, 0},
		// MAX_ENI=1: ipamd never asks for a trunk (tryEnableSecurityGroupsForPods
		// finds no free slot), the primary ENI is all there is.
		{"MAX_ENI 1", "m5.large", podENI(Settings{MaxENI: 1}), 5, 1, 0, 9, 10, 10, 0},
		// Custom networking: primary ENI (node subnet) + 1 pod ENI + trunk,
		// both in the ENIConfig subnet: 1 in the node subnet, 1 + 1 + 9 = 11
		// in the pod subnet.
		{"custom networking", "m5.large", podENI(Settings{CustomNetworking: true}), 0, 2, 1, 9, 12, 1, 0},
	}
	for _, c := range cases {
		n := nodeOf(t, c.instanceType)
		got := Project(n, c.settings, c.pods)
		if got.ENIs != c.enis || got.TrunkENIs != c.trunk || got.SecondaryIPs != c.secondaries ||
			got.SubnetIPs() != c.subnetIPs || got.NodeSubnetIPs() != c.nodeSubnetIPs || got.PodsWithoutIP != c.podsWithoutIP {
			t.Errorf("%s: %+v (subnet %d, node subnet %d), want %d ENIs + %d trunk, %d secondaries, %d addresses, %d in the node subnet, %d without IP",
				c.source, got, got.SubnetIPs(), got.NodeSubnetIPs(), c.enis, c.trunk, c.secondaries, c.subnetIPs, c.nodeSubnetIPs, c.podsWithoutIP)
		}
		if got.NodeSubnetIPs()+got.PodSubnetIPs() != got.SubnetIPs() {
			t.Errorf("%s: node %d + pod %d subnet addresses != %d", c.source, got.NodeSubnetIPs(), got.PodSubnetIPs(), got.SubnetIPs())
		}
		if sim := simulateRise(n, c.settings, c.pods)[c.pods]; sim != got {
			t.Errorf("%s: simulator %+v\n  closed form %+v", c.source, sim, got)
		}
	}
	// Capacity for ordinary pods drops by one ENI's worth: 27 -> 18.
	if got := PodIPCapacity(nodeOf(t, "m5.large"), podENI(Settings{})); got != 18 {
		t.Errorf("PodIPCapacity(m5.large, pod ENI) = %d, want 18", got)
	}
	// Recommend keeps the mode's pod ENI and clamps to the lower capacity.
	rec := Recommend(nodeOf(t, "m5.large"), podENI(Settings{}), 25, 2)
	if !rec.Settings.PodENI || rec.Settings.MinimumIPTarget != TargetOf(18) {
		t.Errorf("Recommend with pod ENI: %+v, want PodENI kept and MINIMUM_IP_TARGET 18", rec.Settings)
	}
}

func TestPlaceBranchPods(t *testing.T) {
	unknown, _ := ec2limits.Lookup("hpc7a.96xlarge") // no PodEni in the data
	cases := []struct {
		source   string
		node     Node
		settings Settings
		pods     int
		want     BranchPlacement
	}{
		// m5.large holds 9 branch ENIs (resource controller limits.go): 12
		// branch pods -> 9 addresses, 3 Pending.
		{"limit", nodeOf(t, "m5.large"), podENI(Settings{}), 12, BranchPlacement{Addresses: 9, Unplaced: 3}},
		{"within", nodeOf(t, "m5.large"), podENI(Settings{}), 4, BranchPlacement{Addresses: 4}},
		// Same subnet as the trunk: the ENIConfig's under custom networking.
		{"custom networking", nodeOf(t, "m5.large"), podENI(Settings{CustomNetworking: true}), 4, BranchPlacement{Addresses: 4, InPodSubnet: true}},
		{"pod ENI off", nodeOf(t, "m5.large"), Settings{}, 4, BranchPlacement{Unplaced: 4}},
		{"incompatible", nodeOf(t, "t3.large"), podENI(Settings{}), 4, BranchPlacement{Unplaced: 4}},
		{"no slot for a trunk", nodeOf(t, "m5.large"), podENI(Settings{MaxENI: 1}), 4, BranchPlacement{Unplaced: 4}},
		{"unknown type", NodeFromLimits(unknown, 0), podENI(Settings{}), 40, BranchPlacement{Addresses: 40, LimitUnknown: true}},
		{"negative", nodeOf(t, "m5.large"), podENI(Settings{}), -3, BranchPlacement{}},
	}
	for _, c := range cases {
		if got := PlaceBranchPods(c.node, c.settings, c.pods); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.source, got, c.want)
		}
	}
	// Unknown trunking takes the slot like a compatible type: hpc7a.96xlarge
	// has 2 ENIs, so ipamd keeps only its primary (49 secondaries).
	if got := Project(NodeFromLimits(unknown, 0), podENI(AddonDefaults()), 60); got.ENIs != 1 || got.TrunkENIs != 1 || got.SecondaryIPs != 49 {
		t.Errorf("hpc7a.96xlarge with pod ENI: %+v, want 1 ENI + trunk, 49 secondaries", got)
	}
}
