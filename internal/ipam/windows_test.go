// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"fmt"
	"testing"
)

// win builds Windows settings from literal targets; -1 leaves one unset.
func win(warmIP, minIP int) WindowsSettings {
	return WindowsSettings{WarmIPTarget: TargetOf(warmIP), MinimumIPTarget: TargetOf(minIP)}
}

func winPD(warmPrefix, warmIP, minIP int) WindowsSettings {
	s := win(warmIP, minIP)
	s.WarmPrefixTarget, s.PrefixDelegation = TargetOf(warmPrefix), true
	return s
}

func TestProjectWindows(t *testing.T) {
	cases := []struct {
		source        string
		instanceType  string
		settings      WindowsSettings
		pods          int
		secondaries   int
		prefixes      int
		subnetIPs     int // 0: not pinned
		podsWithoutIP int
	}{
		// nodekinds.md §2 worked case, m5.large (10 IPs: 9 secondaries),
		// default ConfigMap (warm 3, minimum 3): min(max(3, 9+3), 9) = 9
		// secondaries + 1 primary = 10; at 0 pods 3 + 1 = 4.
		{"nodekinds §2, 9 pods", "m5.large", WindowsSettings{}, 9, 9, 0, 10, 0},
		{"nodekinds §2, 0 pods", "m5.large", WindowsSettings{}, 0, 3, 0, 4, 0},
		// Windows PD at defaults (warm-ip 1, minimum 3): ceil(10/16) = 1
		// prefix -> 16 + 1 = 17 per node.
		{"nodekinds §2, PD defaults", "m5.large", WindowsSettings{PrefixDelegation: true}, 9, 0, 1, 17, 0},
		// A tenth pod: the primary ENI holds 9 secondaries, no more.
		{"capacity", "m5.large", WindowsSettings{}, 10, 9, 0, 10, 1},
		// loader.go l.132-135 (loader_test.go l.216-231): only the warm
		// target set -> minimum 0, not the documented 3.
		{"only warm set", "m5.large", win(1, -1), 0, 1, 0, 2, 0},
		// Only the minimum set: warm 0, the pool freezes at 5 (pool.go l.752-755).
		{"only minimum set", "m5.large", win(-1, 5), 8, 5, 0, 6, 3},
		// An explicit warm 0 becomes 1 in secondary-IP mode (loader.go l.115-120).
		{"warm 0 is 1", "m5.large", win(0, -1), 4, 5, 0, 6, 0},

		// docs/windows/secondary_ip_mode_config_options.md examples, on
		// m5.4xlarge (30 IPs: capacity 29) so that 25 fits.
		{"secondary doc 1/0/0", "m5.4xlarge", win(1, 0), 0, 1, 0, 0, 0},
		{"secondary doc 1/0/5", "m5.4xlarge", win(1, 0), 5, 6, 0, 0, 0},
		{"secondary doc 5/0/0", "m5.4xlarge", win(5, 0), 0, 5, 0, 0, 0},
		{"secondary doc 1/1/1", "m5.4xlarge", win(1, 1), 1, 2, 0, 0, 0},
		{"secondary doc 1/3/3", "m5.4xlarge", win(1, 3), 3, 4, 0, 0, 0},
		{"secondary doc 5/10/0", "m5.4xlarge", win(5, 10), 0, 10, 0, 0, 0},
		{"secondary doc 10/10/10", "m5.4xlarge", win(10, 10), 10, 20, 0, 0, 0},
		{"secondary doc 15/10/10", "m5.4xlarge", win(15, 10), 10, 25, 0, 0, 0},

		// docs/windows/prefix_delegation_config_options.md examples
		// ("Attached Prefixes"), on m5.large (9 prefix slots).
		{"PD doc defaults 0", "m5.large", winPD(-1, -1, -1), 0, 0, 1, 17, 0},
		{"PD doc defaults 15", "m5.large", winPD(-1, -1, -1), 15, 0, 1, 0, 0},
		{"PD doc defaults 16", "m5.large", winPD(-1, -1, -1), 16, 0, 2, 0, 0},
		{"PD doc WPT 1, 0", "m5.large", winPD(1, -1, -1), 0, 0, 1, 0, 0},
		{"PD doc WPT 3, 0", "m5.large", winPD(3, -1, -1), 0, 0, 3, 0, 0},
		{"PD doc WPT 1, 5", "m5.large", winPD(1, -1, -1), 5, 0, 2, 0, 0},
		{"PD doc WPT 1, 17", "m5.large", winPD(1, -1, -1), 17, 0, 3, 0, 0},
		{"PD doc min 1, 16", "m5.large", winPD(-1, -1, 1), 16, 0, 2, 0, 0},
		{"PD doc warm 5, 11", "m5.large", winPD(-1, 5, -1), 11, 0, 1, 0, 0},
		{"PD doc warm 5, 12", "m5.large", winPD(-1, 5, -1), 12, 0, 2, 0, 0},
		{"PD doc 1/1, 17", "m5.large", winPD(-1, 1, 1), 17, 0, 2, 0, 0},
		{"PD doc 3/1, 14", "m5.large", winPD(-1, 3, 1), 14, 0, 2, 0, 0},
		{"PD doc 7/20, 0", "m5.large", winPD(-1, 7, 20), 0, 0, 2, 0, 0},
		{"PD doc 7/20, 17", "m5.large", winPD(-1, 7, 20), 17, 0, 2, 0, 0},
		{"PD doc 7/20, 26", "m5.large", winPD(-1, 7, 20), 26, 0, 3, 0, 0},
		// IP targets win over the warm prefix target (same doc).
		{"PD doc IP targets win", "m5.large", winPD(3, 5, -1), 0, 0, 1, 0, 0},
		// "a node has 14 secondary IP slots and we set warm-prefix-target to
		// 20, then only 14 prefixes": r5.xlarge has 15 IPs.
		{"PD doc capacity", "r5.xlarge", winPD(20, -1, -1), 0, 0, 14, 0, 0},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%s", c.source, c.instanceType), func(t *testing.T) {
			got := ProjectWindows(nodeOf(t, c.instanceType), c.settings, c.pods)
			if got.ENIs != 1 || got.TrunkENIs != 0 || got.SecondaryIPs != c.secondaries || got.Prefixes != c.prefixes || got.PodsWithoutIP != c.podsWithoutIP {
				t.Errorf("%+v, want %d secondaries / %d prefixes / %d without IP", got, c.secondaries, c.prefixes, c.podsWithoutIP)
			}
			if c.subnetIPs != 0 && got.SubnetIPs() != c.subnetIPs {
				t.Errorf("SubnetIPs = %d, want %d", got.SubnetIPs(), c.subnetIPs)
			}
		})
	}
}

func TestWindowsTargetsAndTraps(t *testing.T) {
	cases := []struct {
		source string
		s      WindowsSettings
		want   WindowsTargets
		frozen bool
	}{
		// loader.go l.80-88, l.145-153: nothing set -> 3/3; PD 1/3/0.
		{"defaults", WindowsSettings{}, WindowsTargets{WarmIP: 3, MinimumIP: 3}, false},
		{"both 0", win(0, 0), WindowsTargets{WarmIP: 1, MinimumIP: 0}, false},
		{"only warm", win(5, -1), WindowsTargets{WarmIP: 5}, false},
		{"only minimum: frozen", win(-1, 5), WindowsTargets{MinimumIP: 5}, true},
		{"minimum 0 only", win(-1, 0), WindowsTargets{WarmIP: 3, MinimumIP: 3}, false},
		{"PD defaults", WindowsSettings{PrefixDelegation: true}, WindowsTargets{WarmIP: 1, MinimumIP: 3}, false},
		// pool.go l.659-669: one IP target set, the other gets its default.
		{"PD only minimum", winPD(-1, -1, 8), WindowsTargets{WarmIP: 1, MinimumIP: 8}, false},
		{"PD only warm", winPD(-1, 8, -1), WindowsTargets{WarmIP: 8, MinimumIP: 3}, false},
		{"PD only warm prefix", winPD(2, -1, -1), WindowsTargets{WarmPrefix: 2, PrefixTargetOnly: true}, false},
		{"PD warm prefix 0", winPD(0, -1, -1), WindowsTargets{WarmIP: 1, MinimumIP: 3}, false},
		// warm-prefix-target is ignored in secondary-IP mode.
		{"warm prefix without PD", WindowsSettings{WarmPrefixTarget: TargetOf(2)}, WindowsTargets{WarmIP: 3, MinimumIP: 3}, false},
	}
	for _, c := range cases {
		if got := c.s.Targets(); got != c.want {
			t.Errorf("%s: Targets() = %+v, want %+v", c.source, got, c.want)
		}
		if got := WindowsTraps(c.s).Has(TrapMinimumWithoutWarm); got != c.frozen {
			t.Errorf("%s: frozen-pool trap %t, want %t", c.source, got, c.frozen)
		}
	}
}

func TestComputeWindowsMaxPods(t *testing.T) {
	// m5.large, 10 IPs per ENI: 9 pods (UG windows-support.adoc l.29, no
	// +2), 144 addresses under PD (RC prefix provider: (10-1)*16) with the
	// kubelet at 110 (UG eks-networking-add-ons.adoc l.2605-2609).
	cases := []struct {
		source string
		node   string
		pd     bool
		want   WindowsMaxPods
	}{
		{"secondary IPs", "m5.large", false, WindowsMaxPods{AddressCapacity: 9, Kubelet: 9, Pods: 9}},
		{"prefix delegation", "m5.large", true, WindowsMaxPods{AddressCapacity: 144, Kubelet: 110, Pods: 110}},
		// t3.nano: 2 IPs per ENI -> 1 secondary, 16 under PD, below 110.
		{"small PD", "t3.nano", true, WindowsMaxPods{AddressCapacity: 16, Kubelet: 110, Pods: 16}},
	}
	for _, c := range cases {
		if got := ComputeWindowsMaxPods(nodeOf(t, c.node), c.pd); got != c.want {
			t.Errorf("%s %s: %+v, want %+v", c.source, c.node, got, c.want)
		}
	}
}
