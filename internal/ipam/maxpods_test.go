// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

// eniMaxPods are values from upstream aws/amazon-vpc-cni-k8s
// misc/eni-max-pods.txt (the file EKS AMIs read). The whole table was
// checked against that file: all 1,391 types agree (the 29 types the data
// later took from Karpenter's table are not in it). The multi-card types
// (p4d, p5, c6in.32xlarge, trn1, hpc7a, dl1, ...) prove the default network
// card is used rather than the instance-wide ENI count.
var eniMaxPods = map[string]int{
	"r5.xlarge":           58,
	"m5.large":            29,
	"t3.medium":           17,
	"t3.nano":             4,
	"m5.24xlarge":         737,
	"t4g.micro":           4,
	"p4d.24xlarge":        737,
	"p5.48xlarge":         100,
	"c6in.32xlarge":       394,
	"trn1.32xlarge":       247,
	"hpc7a.96xlarge":      100,
	"t3.small":            11,
	"t2.micro":            4,
	"m4.large":            20,
	"m4.16xlarge":         234,
	"c5.4xlarge":          234,
	"c5.large":            29,
	"r5.large":            29,
	"m5.metal":            737,
	"c6g.medium":          8,
	"m6i.32xlarge":        737,
	"m7i.48xlarge":        737,
	"g5.48xlarge":         345,
	"p3dn.24xlarge":       737,
	"x2iedn.32xlarge":     737,
	"inf2.48xlarge":       737,
	"u7in-32tb.224xlarge": 394,
	"dl1.24xlarge":        737,
	"p5en.48xlarge":       198,
	"trn2.48xlarge":       100,
	"c8gn.48xlarge":       590,
	"m8in.96xlarge":       758,
	"hpc6id.32xlarge":     51,
	"p6-b200.48xlarge":    198,
	"a1.medium":           8,
	"cr1.8xlarge":         234,
	"c7g.16xlarge":        737,
	"r7iz.32xlarge":       737,
	"z1d.metal":           737,
	"mac2.metal":          234,
}

func TestMaxPodsStandardMatchesUpstream(t *testing.T) {
	for name, want := range eniMaxPods {
		l, ok := ec2limits.Lookup(name)
		if !ok {
			t.Errorf("%s not in table", name)
			continue
		}
		got := ComputeMaxPods(NodeFromLimits(l, 0), Mode{})
		if got.Pods != want || got.Cap != 0 {
			t.Errorf("%s: max pods %+v, want %d uncapped", name, got, want)
		}
	}
}

func TestMaxPodsModes(t *testing.T) {
	cases := []struct {
		source string
		node   string
		vcpus  int
		mode   Mode
		want   MaxPods
	}{
		// EKS user guide, max-pods-calculator.sh examples for m5.large.
		{"EKS guide: custom networking", "m5.large", 0, Mode{CustomNetworking: true}, MaxPods{Pods: 20, Uncapped: 20}},
		{"EKS guide: prefix delegation", "m5.large", 2, Mode{PrefixDelegation: true}, MaxPods{Pods: 110, Uncapped: 434, Cap: 110, PrefixFormula: true}},
		// max-pods-calculator.sh: "-gt 30" vCPUs gets 250. m5.8xlarge: 8*(30-1)*16+2 = 3714.
		{"calculator: 31 vCPUs", "m5.8xlarge", 31, Mode{PrefixDelegation: true}, MaxPods{Pods: 250, Uncapped: 3714, Cap: 250, PrefixFormula: true}},
		{"calculator: 30 vCPUs is not > 30", "m5.8xlarge", 30, Mode{PrefixDelegation: true}, MaxPods{Pods: 110, Uncapped: 3714, Cap: 110, PrefixFormula: true}},
		{"vCPUs unknown: 110, assumed", "m5.8xlarge", 0, Mode{PrefixDelegation: true}, MaxPods{Pods: 110, Uncapped: 3714, Cap: 110, CapAssumed: true, PrefixFormula: true}},
		// t3.nano: 2 ENIs x 1 slot -> 2*1*16+2 = 34, under the cap.
		{"PD under the cap", "t3.nano", 2, Mode{PrefixDelegation: true}, MaxPods{Pods: 34, Uncapped: 34, PrefixFormula: true}},
		{"PD under the cap, vCPUs unknown", "t3.nano", 0, Mode{PrefixDelegation: true}, MaxPods{Pods: 34, Uncapped: 34, PrefixFormula: true}},
		// Xen: the calculator falls back to the secondary-IP formula, then caps.
		{"xen falls back", "m4.large", 2, Mode{PrefixDelegation: true}, MaxPods{Pods: 20, Uncapped: 20}},
		{"xen falls back, capped", "m4.16xlarge", 0, Mode{PrefixDelegation: true}, MaxPods{Pods: 110, Uncapped: 234, Cap: 110, CapAssumed: true}},
		{"xen falls back, 64 vCPUs", "m4.16xlarge", 64, Mode{PrefixDelegation: true}, MaxPods{Pods: 234, Uncapped: 234}},
		// Bare metal reports no hypervisor, so the calculator does too.
		{"bare metal falls back", "m5.metal", 96, Mode{PrefixDelegation: true}, MaxPods{Pods: 250, Uncapped: 737, Cap: 250}},
		// Custom networking with prefix delegation: (4-1)*(15-1)*16+2 = 674.
		{"custom networking + PD", "r5.xlarge", 4, Mode{CustomNetworking: true, PrefixDelegation: true}, MaxPods{Pods: 110, Uncapped: 674, Cap: 110, PrefixFormula: true}},
		// MAX_ENI lowers the limit only when 1 <= MAX_ENI < limit.
		{"MAX_ENI 2", "r5.xlarge", 0, Mode{MaxENI: 2}, MaxPods{Pods: 30, Uncapped: 30}},
		{"MAX_ENI above the limit", "r5.xlarge", 0, Mode{MaxENI: 9}, MaxPods{Pods: 58, Uncapped: 58}},
		{"MAX_ENI 0 is unset", "r5.xlarge", 0, Mode{MaxENI: 0}, MaxPods{Pods: 58, Uncapped: 58}},
		{"MAX_ENI 1 with custom networking leaves no pod ENI", "r5.xlarge", 0, Mode{MaxENI: 1, CustomNetworking: true}, MaxPods{Pods: 2, Uncapped: 2}},
	}
	for _, c := range cases {
		t.Run(c.source, func(t *testing.T) {
			got := ComputeMaxPods(nodeOf(t, c.node).withVCPUs(c.vcpus), c.mode)
			if got != c.want {
				t.Errorf("ComputeMaxPods(%s, %+v) = %+v, want %+v", c.node, c.mode, got, c.want)
			}
		})
	}
}

func (n Node) withVCPUs(v int) Node {
	n.VCPUs = v
	return n
}
