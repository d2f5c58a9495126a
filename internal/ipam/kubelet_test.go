// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// researchRow is one row of maxpods.md §5's table (max pods per launch
// path), worked there from the upstream rules: (a) calculator secondary IP,
// (b) calculator prefix delegation, (c) calculator custom networking,
// (d) nodeadm default, (e) Karpenter default with RESERVED_ENIS 0 and 1,
// (f) managed node group secondary IP and prefix delegation.
type researchRow struct {
	name                                          string
	calcSecondary, calcPD, calcCustom             int
	nodeadm, karpenter0, karpenter1               int
	managedSecondary, managedPD                   int
	uncappedSecondary, uncappedPD, uncappedCustom int // the "raw" arithmetic of §5
}

var maxPodsResearchTable = []researchRow{
	// m5.large: 3 ENIs x 10 IPs, 2 vCPUs. 3*9+2 = 29; PD 3*144+2 = 434; CN 2*9+2 = 20.
	{"m5.large", 29, 110, 20, 29, 29, 20, 29, 110, 29, 434, 20},
	// m5a.4xlarge: 8 x 30, 16 vCPUs. 8*29+2 = 234; PD 8*464+2 = 3714; CN 7*29+2 = 205.
	{"m5a.4xlarge", 110, 110, 110, 234, 234, 205, 110, 110, 234, 3714, 205},
	// m5.8xlarge: 8 x 30, 32 vCPUs: the 250 cap.
	{"m5.8xlarge", 234, 250, 205, 234, 234, 205, 234, 250, 234, 3714, 205},
	// m5.24xlarge: 15 x 50, 96 vCPUs. 15*49+2 = 737; PD 15*784+2 = 11762; CN 14*49+2 = 688.
	{"m5.24xlarge", 250, 250, 250, 737, 737, 688, 250, 250, 737, 11762, 688},
	// c6i.32xlarge: 15 x 50, 128 vCPUs.
	{"c6i.32xlarge", 250, 250, 250, 737, 737, 688, 250, 250, 737, 11762, 688},
	// c5.4xlarge: 8 x 30, 16 vCPUs.
	{"c5.4xlarge", 110, 110, 110, 234, 234, 205, 110, 110, 234, 3714, 205},
}

func TestKubeletMaxPodsResearchTable(t *testing.T) {
	mng := func(m Mode) Launch { return Launch{Path: LaunchManagedNodeGroup, Mode: m} }
	for _, row := range maxPodsResearchTable {
		n := nodeOf(t, row.name) // vCPUs from the table
		d := describeType(t, row.name)
		cases := []struct {
			column string
			launch Launch
			flags  calculatorFlags
			want   int
		}{
			{"(a) calculator secondary", mng(Mode{}), calculatorFlags{}, row.calcSecondary},
			{"(b) calculator PD", mng(Mode{PrefixDelegation: true}), calculatorFlags{cniPrefixDelegationEnabled: true}, row.calcPD},
			{"(c) calculator custom networking", mng(Mode{CustomNetworking: true}), calculatorFlags{cniCustomNetworkingEnabled: true}, row.calcCustom},
			{"(d) nodeadm", Launch{Path: LaunchNodeadm}, calculatorFlags{showMaxAllowed: true}, row.nodeadm},
			{"(d) nodeadm ignores PD", Launch{Path: LaunchNodeadm, Mode: Mode{PrefixDelegation: true}}, calculatorFlags{showMaxAllowed: true}, row.nodeadm},
			{"(e) Karpenter RESERVED_ENIS=0", Launch{Path: LaunchKarpenter}, calculatorFlags{showMaxAllowed: true}, row.karpenter0},
			{"(e) Karpenter RESERVED_ENIS=1", Launch{Path: LaunchKarpenter, ReservedENIs: 1}, calculatorFlags{showMaxAllowed: true, cniCustomNetworkingEnabled: true}, row.karpenter1},
			{"(f) managed node group secondary", mng(Mode{}), calculatorFlags{}, row.managedSecondary},
			{"(f) managed node group PD", mng(Mode{PrefixDelegation: true}), calculatorFlags{cniPrefixDelegationEnabled: true}, row.managedPD},
		}
		for _, c := range cases {
			got := ComputeKubeletMaxPods(n, c.launch)
			if got.Pods != c.want || got.CapAssumed || got.Explicit {
				t.Errorf("%s %s: %+v, want %d", row.name, c.column, got, c.want)
			}
			// The restated calculator agrees with the research (with
			// --show-max-allowed for the uncapped columns; Karpenter's
			// one reserved ENI is the calculator's custom-networking -1).
			c.flags.cniVersion = "1.18.0"
			if calc := maxPodsCalculator(d, c.flags); calc != c.want {
				t.Errorf("%s %s: restated calculator %d, research %d", row.name, c.column, calc, c.want)
			}
		}
		// The uncapped values behind the caps ("raw" in §5).
		for _, c := range []struct {
			mode Mode
			raw  int
		}{{Mode{}, row.uncappedSecondary}, {Mode{PrefixDelegation: true}, row.uncappedPD}, {Mode{CustomNetworking: true}, row.uncappedCustom}} {
			got := ComputeKubeletMaxPods(n, mng(c.mode))
			if got.Formula != c.raw || (got.Cap != 0) != (got.Pods < c.raw) {
				t.Errorf("%s managed %+v: %+v, want formula %d and the cap reported when it binds", row.name, c.mode, got, c.raw)
			}
		}
	}
}

func TestKubeletMaxPodsDiagnostics(t *testing.T) {
	cases := []struct {
		source string
		node   Node
		launch Launch
		want   KubeletMaxPods
	}{
		// Managed node group, m5a.4xlarge (16 vCPUs): 234 capped to 110 in
		// secondary-IP mode, as awsdocs PR #663 reports (maxpods.md §3).
		{"PR #663", nodeOf(t, "m5a.4xlarge"), Launch{Path: LaunchManagedNodeGroup},
			KubeletMaxPods{Pods: 110, Formula: 234, Cap: 110}},
		// No vCPUs in the table for c7i.32xlarge: 110 assumed; 15*49+2 = 737.
		{"vCPUs unknown", nodeOf(t, "c7i.32xlarge"), Launch{Path: LaunchManagedNodeGroup},
			KubeletMaxPods{Pods: 110, Formula: 737, Cap: 110, CapAssumed: true}},
		// Bare metal: no "nitro" hypervisor, the calculator's secondary
		// formula under PD: m5.metal 15*49+2 = 737, 96 vCPUs -> 250.
		{"bare metal PD", nodeOf(t, "m5.metal"), Launch{Path: LaunchManagedNodeGroup, Mode: Mode{PrefixDelegation: true}},
			KubeletMaxPods{Pods: 250, Formula: 737, Cap: 250}},
		// Managed node group ignores an explicit maxPods (its value takes
		// precedence, EKS User Guide max-pods-precedence).
		{"MNG ignores maxPods", nodeOf(t, "m5.large"), Launch{Path: LaunchManagedNodeGroup, MaxPods: 58},
			KubeletMaxPods{Pods: 29, Formula: 29}},
		// Karpenter podsPerCore (types.go pods(), maxpods.md §4):
		// m5.large 2 vCPUs x 10 = 20 < 29 binds; m5.8xlarge 32 x 10 = 320 > 234 does not.
		{"podsPerCore binds", nodeOf(t, "m5.large"), Launch{Path: LaunchKarpenter, PodsPerCore: 10},
			KubeletMaxPods{Pods: 20, Formula: 29, PodsPerCoreBound: true}},
		{"podsPerCore above", nodeOf(t, "m5.8xlarge"), Launch{Path: LaunchKarpenter, PodsPerCore: 10},
			KubeletMaxPods{Pods: 234, Formula: 234}},
		// kubelet.maxPods replaces the formula, podsPerCore still applies:
		// min(4 x 2, 110) = 8.
		{"maxPods then podsPerCore", nodeOf(t, "m5.large"), Launch{Path: LaunchKarpenter, MaxPods: 110, PodsPerCore: 4},
			KubeletMaxPods{Pods: 8, Formula: 29, Explicit: true, PodsPerCoreBound: true}},
		{"Karpenter maxPods", nodeOf(t, "m5.large"), Launch{Path: LaunchKarpenter, MaxPods: 110},
			KubeletMaxPods{Pods: 110, Formula: 29, Explicit: true}},
		// podsPerCore with no vCPUs known: not applied, said so.
		{"podsPerCore, vCPUs unknown", nodeOf(t, "m7g-flex.large"), Launch{Path: LaunchKarpenter, PodsPerCore: 2},
			KubeletMaxPods{Pods: 29, Formula: 29, PodsPerCoreIgnored: true}},
		// ENILimitedPods returns 0 when no ENI is left: m5.large has 3.
		{"RESERVED_ENIS = ENIs", nodeOf(t, "m5.large"), Launch{Path: LaunchKarpenter, ReservedENIs: 3},
			KubeletMaxPods{}},
		{"RESERVED_ENIS negative", nodeOf(t, "m5.large"), Launch{Path: LaunchKarpenter, ReservedENIs: -1},
			KubeletMaxPods{Pods: 29, Formula: 29}},
		// podsPerCore near int32's top times 192 vCPUs would overflow a
		// 32-bit int; it is far above the formula, which stays.
		{"podsPerCore large", nodeOf(t, "p5.48xlarge"), Launch{Path: LaunchKarpenter, PodsPerCore: 1<<31 - 1},
			KubeletMaxPods{Pods: 100, Formula: 100}},
		// The kubelet applies podsPerCore whoever set it (kubernetes
		// pkg/kubelet/nodestatus/setters.go): nodeadm m5.large 3 x 2 = 6;
		// managed node group m5.8xlarge under PD 3714 -> 250 cap -> 5 x 32 = 160.
		{"nodeadm podsPerCore", nodeOf(t, "m5.large"), Launch{Path: LaunchNodeadm, PodsPerCore: 3},
			KubeletMaxPods{Pods: 6, Formula: 29, PodsPerCoreBound: true}},
		{"MNG cap then podsPerCore", nodeOf(t, "m5.8xlarge"), Launch{Path: LaunchManagedNodeGroup, Mode: Mode{PrefixDelegation: true}, PodsPerCore: 5},
			KubeletMaxPods{Pods: 160, Formula: 3714, PrefixFormula: true, Cap: 250, PodsPerCoreBound: true}},
		// nodeadm: spec.kubelet.config.maxPods wins (maxpods.md §2).
		{"nodeadm maxPods", nodeOf(t, "m5.large"), Launch{Path: LaunchNodeadm, MaxPods: 110},
			KubeletMaxPods{Pods: 110, Formula: 29, Explicit: true}},
		{"explicit", nodeOf(t, "m5.large"), Launch{Path: LaunchExplicit, MaxPods: 58},
			KubeletMaxPods{Pods: 58, Formula: 58, Explicit: true}},
	}
	for _, c := range cases {
		if got := ComputeKubeletMaxPods(c.node, c.launch); got != c.want {
			t.Errorf("%s: %+v\n  want %+v", c.source, got, c.want)
		}
	}
}

// TestManagedNodeGroupMatchesCalculatorEveryType: a managed node group's
// value is the calculator's, in every mode, for every type with vCPUs.
func TestManagedNodeGroupMatchesCalculatorEveryType(t *testing.T) {
	modes := []struct {
		mode  Mode
		flags calculatorFlags
	}{
		{Mode{}, calculatorFlags{}},
		{Mode{CustomNetworking: true}, calculatorFlags{cniCustomNetworkingEnabled: true}},
		{Mode{PrefixDelegation: true}, calculatorFlags{cniPrefixDelegationEnabled: true}},
		{Mode{PrefixDelegation: true, CustomNetworking: true}, calculatorFlags{cniPrefixDelegationEnabled: true, cniCustomNetworkingEnabled: true}},
		{Mode{MaxENI: 3}, calculatorFlags{cniMaxENI: 3}},
	}
	for i := range ec2limits.Len() {
		name := ec2limits.Name(i)
		d := describeType(t, name)
		if d.cpuCount == 0 {
			continue
		}
		n := nodeOf(t, name)
		for _, m := range modes {
			m.flags.cniVersion = "1.18.0"
			if got, want := ComputeKubeletMaxPods(n, Launch{Path: LaunchManagedNodeGroup, Mode: m.mode}), maxPodsCalculator(d, m.flags); got.Pods != want {
				t.Errorf("%s %+v: %+v, calculator %d", name, m.mode, got, want)
			}
		}
	}
}

// TestRecommendedMaxPods pins the value a node should get against the
// calculator (research note maxpods.md §5): m5.large 29 with secondary
// IPs, 20 with custom networking, 110 under prefix delegation; c5.4xlarge
// 110 (234 capped, 16 vCPUs); m5.8xlarge 234 and 250 under prefix
// delegation (32 vCPUs). A third host-network pod raises the uncapped
// values by one (m5.large: 27 pod addresses + 3 = 30) and not the capped
// ones. With security groups for pods the trunk takes an ENI slot (18 pod
// addresses on m5.large) and 9 branch ENIs come back: 18 + 9 + 2 = 29.
func TestRecommendedMaxPods(t *testing.T) {
	cases := []struct {
		name   string
		mode   Settings
		host   int
		want   int
		capped bool
	}{
		{"m5.large", Settings{}, 2, 29, false},
		{"m5.large", Settings{CustomNetworking: true}, 2, 20, false},
		{"m5.large", Settings{PrefixDelegation: true}, 2, 110, true},
		{"m5.large", Settings{}, 3, 30, false},
		{"m5.large", Settings{PrefixDelegation: true}, 3, 110, true},
		{"m5.large", Settings{PodENI: true}, 2, 29, false},
		{"c5.4xlarge", Settings{}, 2, 110, true},
		{"m5.8xlarge", Settings{}, 2, 234, false},
		{"m5.8xlarge", Settings{PrefixDelegation: true}, 2, 250, true},
	}
	for _, c := range cases {
		l, _ := ec2limits.Lookup(c.name)
		got := RecommendedMaxPods(NodeFromLimits(l, 0), c.mode, c.host)
		if got.Pods != c.want || (got.Cap > 0) != c.capped || got.CapAssumed {
			t.Errorf("%s %+v host %d: %+v, want %d (capped %t)", c.name, c.mode, c.host, got, c.want, c.capped)
		}
	}
}
