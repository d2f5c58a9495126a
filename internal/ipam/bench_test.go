// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
)

func BenchmarkProject(b *testing.B) {
	n := nodeOf(b, "r5.xlarge")
	s := ipTargets(2, 20)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Project(n, s, i%57)
	}
}

func BenchmarkProjectPrefixDelegation(b *testing.B) {
	n := nodeOf(b, "m5.8xlarge")
	s := pd(1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Project(n, s, i%110)
	}
}

func BenchmarkComputeMaxPods(b *testing.B) {
	n := nodeOf(b, "p4d.24xlarge")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = ComputeMaxPods(n, Mode{PrefixDelegation: i%2 == 0})
	}
}

// BenchmarkSweepClosedForm projects every instance type at every pod count
// from 0 to its max pods with the add-on defaults and with the article's
// fix: one op is the whole sweep.
func BenchmarkSweepClosedForm(b *testing.B) {
	nodes := make([]Node, ec2limits.Len())
	for i := range nodes {
		nodes[i] = nodeOf(b, ec2limits.Name(i))
	}
	settings := []Settings{AddonDefaults(), ipTargets(2, 20)}
	b.ReportAllocs()
	states := 0
	for b.Loop() {
		states = 0
		for _, n := range nodes {
			limit := ComputeMaxPods(n, Mode{}).Pods
			for _, s := range settings {
				for p := 0; p <= limit; p++ {
					_ = Project(n, s, p)
				}
				states += limit + 1
			}
		}
	}
	b.ReportMetric(float64(states), "states/op")
}
