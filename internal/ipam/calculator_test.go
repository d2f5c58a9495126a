// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"strconv"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// This file restates awslabs/amazon-eks-ami
// templates/al2/runtime/max-pods-calculator.sh at 0ab842803d82 (the last
// commit that has it; research notes maxpods.md §1) step by step, in the
// script's order and with its variable names, so that the model can be
// checked against it over the whole instance table. It deliberately uses
// none of the model's helpers: the point is an independent reading.

// calculatorFlags are the script's command-line flags.
type calculatorFlags struct {
	cniVersion                 string // --cni-version, required (L92-95)
	cniCustomNetworkingEnabled bool   // --cni-custom-networking-enabled
	cniPrefixDelegationEnabled bool   // --cni-prefix-delegation-enabled
	cniMaxENI                  int    // --cni-max-eni; 0 when not given
	showMaxAllowed             bool   // --show-max-allowed
}

// describeInstanceTypes is what the script's one DescribeInstanceTypes query
// returns (L121): Hypervisor, the default card's MaximumNetworkInterfaces
// (L127-129), Ipv4AddressesPerInterface (L130) and VCpuInfo.DefaultVCpus as
// CpuCount, 0 standing for jq's "null".
type describeInstanceTypes struct {
	hypervisor         string
	instanceMaxENIs    int
	instanceMaxENIsIPs int
	cpuCount           int
}

// describeType is the query's answer for a type, from the instance table
// (DescribeInstanceTypes facts kept as EC2 reports them).
func describeType(t *testing.T, instanceType string) describeInstanceTypes {
	l, ok := ec2limits.Lookup(instanceType)
	if !ok {
		t.Fatalf("%s not in table", instanceType)
	}
	return describeInstanceTypes{
		hypervisor:         l.Hypervisor.String(),
		instanceMaxENIs:    l.ENIs,
		instanceMaxENIsIPs: l.IPv4PerENI,
		cpuCount:           l.VCPUs,
	}
}

// maxPodsCalculator is the script's computation from L80 on.
func maxPodsCalculator(d describeInstanceTypes, f calculatorFlags) int {
	prefixDelegationSupported := false // L80
	const ipsPerPrefix = 16            // L81

	calculateMaxIPAddressesPrefixDelegation := func(enis, instanceMaxENIIPs int) int { // L97-101
		return enis*((instanceMaxENIIPs-1)*ipsPerPrefix) + 2
	}
	calculateMaxIPAddressesSecondaryIPs := func(enis, instanceMaxENIIPs int) int { // L103-107
		return enis*(instanceMaxENIIPs-1) + 2
	}

	// L113-119: only major and minor count; PD needs CNI >= 1.9.
	versionSplit := strings.Split(f.cniVersion, ".")
	cniMajorVersion, _ := strconv.Atoi(versionSplit[0])
	cniMinorVersion, _ := strconv.Atoi(versionSplit[1])
	if cniMajorVersion > 1 || (cniMajorVersion == 1 && cniMinorVersion > 8) {
		prefixDelegationSupported = true
	}

	// L123-126: Nitro only by the hypervisor string; bare metal reports
	// none and is not Nitro here.
	isNitro := d.hypervisor == "nitro"

	// L132-136
	var enisForPods int
	if f.cniMaxENI == 0 {
		enisForPods = d.instanceMaxENIs
	} else {
		enisForPods = min(f.cniMaxENI, d.instanceMaxENIs)
	}
	// L138-140
	if f.cniCustomNetworkingEnabled {
		enisForPods--
	}

	// L142-146
	var maxPods int
	if isNitro && f.cniPrefixDelegationEnabled && prefixDelegationSupported {
		maxPods = calculateMaxIPAddressesPrefixDelegation(enisForPods, d.instanceMaxENIsIPs)
	} else {
		maxPods = calculateMaxIPAddressesSecondaryIPs(enisForPods, d.instanceMaxENIsIPs)
	}

	// L148-162: the ceiling applies in every mode unless --show-max-allowed.
	const maxPodCeilingForLowCPU = 110
	const maxPodCeilingForHighCPU = 250
	if f.showMaxAllowed {
		return maxPods
	}
	// `[ "$CPU_COUNT" -gt 30 ]` (L158); with CPU_COUNT "null" (0 here) the
	// test is an error, which the if takes as false: the low ceiling.
	if d.cpuCount > 30 {
		return min(maxPodCeilingForHighCPU, maxPods)
	}
	return min(maxPodCeilingForLowCPU, maxPods)
}

// TestCalculatorOwnCases: the script's test cases at 0ab842803d82
// (templates/test/cases/), run through the restatement and through the model.
func TestCalculatorOwnCases(t *testing.T) {
	m58 := describeType(t, "m5.8xlarge")
	c6in := describeType(t, "c6in.32xlarge")
	cases := []struct {
		source string
		d      describeInstanceTypes
		flags  calculatorFlags
		want   int
	}{
		{"max-pods-cni-1-11-2.sh:15", m58, calculatorFlags{cniVersion: "1.11.2"}, 234},
		{"max-pods-cni-1-11-2-delegation.sh:16", m58, calculatorFlags{cniVersion: "1.11.2", cniPrefixDelegationEnabled: true}, 250},
		{"max-pods-cni-1-18-0.sh:16", c6in, calculatorFlags{cniVersion: "1.18.0", showMaxAllowed: true}, 394},
	}
	for _, c := range cases {
		if got := maxPodsCalculator(c.d, c.flags); got != c.want {
			t.Errorf("%s: restated calculator gives %d, want %d", c.source, got, c.want)
		}
	}
	// The model: m5.8xlarge with its table vCPUs (32), no vcpus input.
	// Secondary IPs 8*29+2 = 234 (eni-max-pods.txt); with PD the 250 cap
	// binds on 3714; c6in.32xlarge uncapped 8*49+2 = 394.
	if got := ComputeMaxPods(nodeOf(t, "m5.8xlarge"), Mode{}); got.Pods != 234 {
		t.Errorf("m5.8xlarge secondary IPs: %+v, want 234", got)
	}
	if got := ComputeMaxPods(nodeOf(t, "m5.8xlarge"), Mode{PrefixDelegation: true}); got != (MaxPods{Pods: 250, Uncapped: 3714, Cap: 250, PrefixFormula: true}) {
		t.Errorf("m5.8xlarge PD: %+v, want 250 of 3714", got)
	}
	if got := ComputeMaxPods(nodeOf(t, "c6in.32xlarge"), Mode{}); got.Uncapped != 394 {
		t.Errorf("c6in.32xlarge uncapped: %+v, want 394", got)
	}
}

// TestMaxPodsPrefixDelegationTableVCPUs is the cases: under prefix
// delegation with no vcpus input, the table's vCPUs pick the cap. m5.large
// (2 vCPUs) stays at 110; m5.8xlarge (32), m5.24xlarge (96) and
// c6i.32xlarge (128) get 250 (maxpods.md §5, column b).
func TestMaxPodsPrefixDelegationTableVCPUs(t *testing.T) {
	for name, want := range map[string]int{"m5.large": 110, "m5.8xlarge": 250, "m5.24xlarge": 250, "c6i.32xlarge": 250} {
		l, _ := ec2limits.Lookup(name)
		got := ComputeMaxPods(NodeFromLimits(l, 0), Mode{PrefixDelegation: true})
		if got.Pods != want || got.CapAssumed {
			t.Errorf("%s: %+v, want %d from the table's vCPUs", name, got, want)
		}
	}
	// The argument still overrides the table: m5.8xlarge told 16 vCPUs.
	l, _ := ec2limits.Lookup("m5.8xlarge")
	if got := ComputeMaxPods(NodeFromLimits(l, 16), Mode{PrefixDelegation: true}); got.Pods != 110 {
		t.Errorf("m5.8xlarge with vcpus 16: %+v, want 110", got)
	}
	// No vCPUs in the table (shared/data/README.md) and none given: the
	// 110 cap is assumed. c7i.32xlarge: 15*(49*16)+2 = 11762.
	l, _ = ec2limits.Lookup("c7i.32xlarge")
	if got := ComputeMaxPods(NodeFromLimits(l, 0), Mode{PrefixDelegation: true}); got != (MaxPods{Pods: 110, Uncapped: 11762, Cap: 110, CapAssumed: true, PrefixFormula: true}) {
		t.Errorf("c7i.32xlarge: %+v, want 110 assumed", got)
	}
}

// TestMaxPodsMatchesCalculatorEveryType: for every type the table has vCPUs
// for, ComputeMaxPods under prefix delegation is what the calculator prints
// (CNI 1.18.0, so PD is supported), alone and with custom networking or
// --cni-max-eni; without prefix delegation it is the calculator's uncapped
// --show-max-allowed value (eni-max-pods.txt, which EKS AMIs read).
func TestMaxPodsMatchesCalculatorEveryType(t *testing.T) {
	modes := []struct {
		mode  Mode
		flags calculatorFlags
	}{
		{Mode{PrefixDelegation: true}, calculatorFlags{cniPrefixDelegationEnabled: true}},
		{Mode{PrefixDelegation: true, CustomNetworking: true}, calculatorFlags{cniPrefixDelegationEnabled: true, cniCustomNetworkingEnabled: true}},
		{Mode{PrefixDelegation: true, MaxENI: 2}, calculatorFlags{cniPrefixDelegationEnabled: true, cniMaxENI: 2}},
		{Mode{}, calculatorFlags{showMaxAllowed: true}},
		{Mode{CustomNetworking: true}, calculatorFlags{cniCustomNetworkingEnabled: true, showMaxAllowed: true}},
	}
	checked, withoutVCPUs, changed := 0, 0, 0
	for i := range ec2limits.Len() {
		name := ec2limits.Name(i)
		d := describeType(t, name)
		if d.cpuCount == 0 {
			withoutVCPUs++
			continue
		}
		l, _ := ec2limits.Lookup(name)
		n := NodeFromLimits(l, 0)
		for _, m := range modes {
			m.flags.cniVersion = "1.18.0"
			want := maxPodsCalculator(d, m.flags)
			if got := ComputeMaxPods(n, m.mode); got.Pods != want || got.CapAssumed {
				t.Errorf("%s %+v: ComputeMaxPods %+v, calculator %d", name, m.mode, got, want)
			}
		}
		checked++
		// What the old assumption (vCPUs unknown: 110 everywhere) gave.
		unknown := n
		unknown.VCPUs = 0
		if ComputeMaxPods(n, Mode{PrefixDelegation: true}).Pods != ComputeMaxPods(unknown, Mode{PrefixDelegation: true}).Pods {
			changed++
		}
	}
	// shared/data/README.md: 35 of the 1,420 types have no vCPUs.
	if checked != 1385 || withoutVCPUs != 35 {
		t.Errorf("checked %d types, skipped %d without vCPUs; want 1385 and 35", checked, withoutVCPUs)
	}
	t.Logf("prefix delegation: %d of %d types get another max pods from their table vCPUs than from the 110 assumed without them", changed, checked)
}
