// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package chart

import "math"

// scale maps a value in [d0, d1] to a pixel in [r0, r1].
type scale struct{ d0, d1, r0, r1 float64 }

func (s scale) at(v float64) float64 {
	// The float64 conversions round each product, so that no platform
	// fuses them into a multiply-add with a different last bit.
	t := float64((v - s.d0) / (s.d1 - s.d0))
	return s.r0 + float64(t*(s.r1-s.r0))
}

// niceStep returns the smallest step of 1, 2 or 5 times a power of ten (at
// least 1: the charts count things) that cuts [0, span] into at most n
// steps.
func niceStep(span float64, n int) float64 {
	if span <= 0 || n < 1 {
		return 1
	}
	raw := span / float64(n)
	for mag := 1.0; ; mag *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if float64(m*mag) >= raw {
				return float64(m * mag)
			}
		}
	}
}

// ticks returns the tick values from 0 to the first multiple of the step
// at or above top, with at most n steps.
func ticks(top float64, n int) []float64 {
	step := niceStep(top, n)
	end := math.Ceil(top/step) * step
	var out []float64
	for i := 0.0; float64(i*step) <= end; i++ {
		out = append(out, float64(i*step))
	}
	return out
}

// Tick is an extra labelled tick on an axis, such as max pods.
type Tick struct {
	Value float64
	Label string
	// Sub is a second, muted line under the label.
	Sub string
}
