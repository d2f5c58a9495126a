// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"fmt"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

func nodeOf(t testing.TB, instanceType string) Node {
	t.Helper()
	l, ok := ec2limits.Lookup(instanceType)
	if !ok {
		t.Fatalf("%s not in table", instanceType)
	}
	return NodeFromLimits(l, 0)
}

// settingsFor builds settings from literal targets; -1 leaves one unset.
func ipTargets(warmIP, minIP int) Settings {
	return Settings{WarmIPTarget: TargetOf(warmIP), MinimumIPTarget: TargetOf(minIP)}
}

type pinnedCase struct {
	source        string
	instanceType  string
	settings      Settings
	pods          int
	enis          int
	secondaries   int
	prefixes      int
	subnetIPs     int // 0: not pinned
	podsWithoutIP int
}

// pinnedCases are literal expectations, each from a source named beside it.
var pinnedCases = []pinnedCase{
	// The article (shared/seed) and its model notes, r5.xlarge: 4 ENIs x 15
	// IPs. Defaults: the table prints 37 for 15 pods; its narrative and
	// ipamd give 42 (three whole ENIs of 14).
	{source: "article, defaults", instanceType: "r5.xlarge", settings: AddonDefaults(), pods: 0, enis: 1, secondaries: 14},
	{source: "article, defaults", instanceType: "r5.xlarge", settings: AddonDefaults(), pods: 1, enis: 2, secondaries: 28},
	{source: "article, defaults", instanceType: "r5.xlarge", settings: AddonDefaults(), pods: 14, enis: 2, secondaries: 28},
	{source: "article, defaults (table says 37)", instanceType: "r5.xlarge", settings: AddonDefaults(), pods: 15, enis: 3, secondaries: 42},
	{source: "article, defaults: 42 secondaries + 3 ENIs = 45", instanceType: "r5.xlarge", settings: AddonDefaults(), pods: 20, enis: 3, secondaries: 42, subnetIPs: 45},
	{source: "article, MIN 20 WARM 5", instanceType: "r5.xlarge", settings: ipTargets(5, 20), pods: 1, enis: 2, secondaries: 20},
	{source: "article, MIN 20 WARM 5", instanceType: "r5.xlarge", settings: ipTargets(5, 20), pods: 2, enis: 2, secondaries: 20},
	{source: "article, MIN 20 WARM 5", instanceType: "r5.xlarge", settings: ipTargets(5, 20), pods: 15, enis: 2, secondaries: 20},
	{source: "article, MIN 20 WARM 5", instanceType: "r5.xlarge", settings: ipTargets(5, 20), pods: 16, enis: 2, secondaries: 21},
	{source: "article, MIN 20 WARM 5", instanceType: "r5.xlarge", settings: ipTargets(5, 20), pods: 23, enis: 2, secondaries: 28},
	{source: "article, MIN 20 WARM 5", instanceType: "r5.xlarge", settings: ipTargets(5, 20), pods: 24, enis: 3, secondaries: 29},
	{source: "article fix, MIN 20 WARM 2: 22 + 2 ENIs = 24", instanceType: "r5.xlarge", settings: ipTargets(2, 20), pods: 20, enis: 2, secondaries: 22, subnetIPs: 24},

	// Upstream docs/eni-and-ip-target.md, t3.small (3 ENIs x 4 IPs) and
	// p3dn.24xlarge (15 ENIs x 50 IPs).
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: AddonDefaults(), pods: 0, enis: 1, secondaries: 3},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: AddonDefaults(), pods: 5, enis: 3, secondaries: 9},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: AddonDefaults(), pods: 9, enis: 3, secondaries: 9},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: ipTargets(1, 1), pods: 0, enis: 1, secondaries: 1},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: ipTargets(1, 1), pods: 5, enis: 2, secondaries: 6},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: ipTargets(1, 1), pods: 9, enis: 3, secondaries: 9},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: ipTargets(2, 5), pods: 0, enis: 2, secondaries: 5},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: ipTargets(2, 5), pods: 5, enis: 3, secondaries: 7},
	{source: "eni-and-ip-target.md", instanceType: "t3.small", settings: ipTargets(2, 5), pods: 9, enis: 3, secondaries: 9},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: AddonDefaults(), pods: 0, enis: 1, secondaries: 49},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: AddonDefaults(), pods: 3, enis: 2, secondaries: 98},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: AddonDefaults(), pods: 95, enis: 3, secondaries: 147},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: ipTargets(5, 10), pods: 0, enis: 1, secondaries: 10},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: ipTargets(5, 10), pods: 7, enis: 1, secondaries: 12},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: ipTargets(5, 10), pods: 15, enis: 1, secondaries: 20},
	{source: "eni-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: ipTargets(5, 10), pods: 45, enis: 2, secondaries: 50},

	// Upstream docs/prefix-and-ip-target.md (t3.small: 3 ENIs x 3 prefix
	// slots). Where that table disagrees with ipamd's code, the code wins:
	//   - WARM_IP 7 / MIN 20 at 0 pods: the table says 1 prefix (its own
	//     columns say 2 per ENI); datastoreTargetState asks for
	//     ceil(20/16) = 2.
	//   - p3dn.24xlarge rows list 2 or 3 ENIs for 3, 95 and 45 pods, but one
	//     ENI takes 49 prefixes and tryAssignPrefixes fills the primary ENI
	//     before attaching another, so ipamd keeps 1 ENI.
	// Also the model notes: WARM_PREFIX_TARGET=1 holds 2 prefixes for 1 pod
	// and 3 for 17.
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pd(1), pods: 0, enis: 1, prefixes: 1},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pd(1), pods: 1, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pd(1), pods: 5, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pd(1), pods: 16, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pd(1), pods: 17, enis: 1, prefixes: 3},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pd(1), pods: 58, enis: 2, prefixes: 5},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(1, 1), pods: 0, enis: 1, prefixes: 1},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(1, 1), pods: 5, enis: 1, prefixes: 1},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(1, 1), pods: 17, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(1, 1), pods: 58, enis: 2, prefixes: 4},
	{source: "prefix-and-ip-target.md (table: 1)", instanceType: "t3.small", settings: pdIP(7, 20), pods: 0, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(7, 20), pods: 5, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(7, 20), pods: 17, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md", instanceType: "t3.small", settings: pdIP(7, 20), pods: 58, enis: 2, prefixes: 5},
	{source: "prefix-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: pd(1), pods: 0, enis: 1, prefixes: 1},
	{source: "prefix-and-ip-target.md (table: 2 ENIs)", instanceType: "p3dn.24xlarge", settings: pd(1), pods: 3, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md (table: 3 ENIs)", instanceType: "p3dn.24xlarge", settings: pd(1), pods: 95, enis: 1, prefixes: 7},
	{source: "prefix-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: pdIP(5, 10), pods: 0, enis: 1, prefixes: 1},
	{source: "prefix-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: pdIP(5, 10), pods: 7, enis: 1, prefixes: 1},
	{source: "prefix-and-ip-target.md", instanceType: "p3dn.24xlarge", settings: pdIP(5, 10), pods: 15, enis: 1, prefixes: 2},
	{source: "prefix-and-ip-target.md (table: 2 ENIs)", instanceType: "p3dn.24xlarge", settings: pdIP(5, 10), pods: 45, enis: 1, prefixes: 4},

	// Model notes, "behaviours that surprise": MINIMUM_IP_TARGET without
	// WARM_IP_TARGET freezes the pool, later pods get no address.
	{source: "model notes, MIN without WARM", instanceType: "r5.xlarge", settings: ipTargets(-1, 20), pods: 25, enis: 2, secondaries: 20, podsWithoutIP: 5},
	// WARM_IP_TARGET=1 attaches the next ENI holding a single IP.
	{source: "model notes, WARM_IP 1", instanceType: "r5.xlarge", settings: ipTargets(1, -1), pods: 14, enis: 2, secondaries: 15},
	// Custom networking attaches a pod ENI even at 0 pods.
	{source: "model notes, custom networking", instanceType: "r5.xlarge", settings: Settings{CustomNetworking: true}, pods: 0, enis: 2, secondaries: 14},
}

func pd(warmPrefix int) Settings {
	return Settings{PrefixDelegation: true, WarmPrefixTarget: TargetOf(warmPrefix)}
}

func pdIP(warmIP, minIP int) Settings {
	s := ipTargets(warmIP, minIP)
	s.PrefixDelegation = true
	return s
}

func TestProjectPinned(t *testing.T) {
	for _, c := range pinnedCases {
		name := fmt.Sprintf("%s/%s/%dpods", c.source, c.instanceType, c.pods)
		t.Run(name, func(t *testing.T) {
			n := nodeOf(t, c.instanceType)
			got := Project(n, c.settings, c.pods)
			if got.ENIs != c.enis || got.SecondaryIPs != c.secondaries || got.Prefixes != c.prefixes || got.PodsWithoutIP != c.podsWithoutIP {
				t.Errorf("Project = %d ENIs / %d secondaries / %d prefixes / %d without IP, want %d / %d / %d / %d",
					got.ENIs, got.SecondaryIPs, got.Prefixes, got.PodsWithoutIP, c.enis, c.secondaries, c.prefixes, c.podsWithoutIP)
			}
			if c.subnetIPs != 0 && got.SubnetIPs() != c.subnetIPs {
				t.Errorf("SubnetIPs = %d, want %d", got.SubnetIPs(), c.subnetIPs)
			}
			// The simulator must agree with the sources as well.
			sim := simulateRise(n, c.settings, c.pods)[c.pods]
			if sim != got {
				t.Errorf("simulator %+v\n  closed form %+v", sim, got)
			}
		})
	}
}
