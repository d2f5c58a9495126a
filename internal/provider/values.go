// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"math/big"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Builders of state values.

// tfInt returns a number value. Building one costs three allocations (the
// big.Float, its mantissa, the boxed value), and a planning read writes
// hundreds of small counts, so the values 0 to smallInts-1 are built once
// and shared: tftypes values are immutable and As copies numbers out.
func tfInt(n int) tftypes.Value { return tfInt64(int64(n)) }

// tfInt64 is tfInt for address counts, which are int64 (see plan).
func tfInt64(n int64) tftypes.Value {
	if n >= 0 && n < smallInts {
		smallIntsOnce.Do(buildSmallInts)
		return smallIntValues[n]
	}
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(n))
}

const smallInts = 1024

var (
	smallIntsOnce  sync.Once
	smallIntValues [smallInts]tftypes.Value
)

func buildSmallInts() {
	for i := range smallIntValues {
		smallIntValues[i] = tftypes.NewValue(tftypes.Number, i)
	}
}

func tfString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

var tfTrue, tfFalse = tftypes.NewValue(tftypes.Bool, true), tftypes.NewValue(tftypes.Bool, false)

func tfBool(b bool) tftypes.Value {
	if b {
		return tfTrue
	}
	return tfFalse
}

func tfStringList(ss []string) tftypes.Value {
	elems := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		elems[i] = tfString(s)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

func tfStringMap(m map[string]string) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(m))
	for k, v := range m {
		elems[k] = tfString(v)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, elems)
}
