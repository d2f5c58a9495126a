// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"math/big"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The planning data sources read their configuration and write their state
// as tftypes values, not through the framework's Config.Get and State.Set:
// those convert by reflection (and recompile a struct-tag regexp for every
// field on every call), which took about 1 ms of a vpccni_warm_pool read
// against some 20 µs of arithmetic (bench/RESULTS.md). The helpers here
// keep that code short.

// tfObject is an object value's attributes.
type tfObject map[string]tftypes.Value

// objectOf returns the attributes of a known object value, nil when null.
func objectOf(v tftypes.Value) tfObject {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	var o map[string]tftypes.Value
	if err := v.As(&o); err != nil {
		panic(err) // the framework hands us values of the schema's type
	}
	return o
}

// clone copies the attributes, so that a state can start from the
// configuration and set the computed ones.
func (o tfObject) clone() map[string]tftypes.Value {
	out := make(map[string]tftypes.Value, len(o))
	for k, v := range o {
		out[k] = v
	}
	return out
}

// elementsOf returns the elements of a known list value, nil when null.
func elementsOf(v tftypes.Value) []tftypes.Value {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		panic(err)
	}
	return elems
}

func stringOf(v tftypes.Value) types.String {
	switch {
	case !v.IsKnown():
		return types.StringUnknown()
	case v.IsNull():
		return types.StringNull()
	}
	var s string
	_ = v.As(&s)
	return types.StringValue(s)
}

func numberOfValue(v tftypes.Value) types.Number {
	switch {
	case !v.IsKnown():
		return types.NumberUnknown()
	case v.IsNull():
		return types.NumberNull()
	}
	f := new(big.Float)
	_ = v.As(&f)
	return types.NumberValue(f)
}

func boolOf(v tftypes.Value) types.Bool {
	switch {
	case !v.IsKnown():
		return types.BoolUnknown()
	case v.IsNull():
		return types.BoolNull()
	}
	var b bool
	_ = v.As(&b)
	return types.BoolValue(b)
}

// listOf converts a list value for the validators and helpers that take
// framework lists; it is cheap (no reflection).
func listOf(v tftypes.Value, elem attr.Type, conv func(tftypes.Value) attr.Value) types.List {
	switch {
	case !v.IsKnown():
		return types.ListUnknown(elem)
	case v.IsNull():
		return types.ListNull(elem)
	}
	elems := elementsOf(v)
	vals := make([]attr.Value, len(elems))
	for i, e := range elems {
		vals[i] = conv(e)
	}
	return types.ListValueMust(elem, vals)
}

// listStrings returns the strings of a known list of strings, nil when
// null.
func listStrings(l types.List) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(l.Elements()))
	for _, e := range l.Elements() {
		if s, ok := e.(types.String); ok {
			out = append(out, s.ValueString())
		}
	}
	return out
}

func stringListOf(v tftypes.Value) types.List {
	return listOf(v, types.StringType, func(e tftypes.Value) attr.Value { return stringOf(e) })
}

func numberListOf(v tftypes.Value) types.List {
	return listOf(v, types.NumberType, func(e tftypes.Value) attr.Value { return numberOfValue(e) })
}

// Builders of state values.

// tfInt returns a number value. Building one costs three allocations (the
// big.Float, its mantissa, the boxed value), and a planning read writes
// hundreds of small counts, so the values 0 to smallInts-1 are built once
// and shared: tftypes values are immutable and As copies numbers out.
func tfInt(n int) tftypes.Value {
	if n >= 0 && n < smallInts {
		smallIntsOnce.Do(buildSmallInts)
		return smallIntValues[n]
	}
	return tftypes.NewValue(tftypes.Number, n)
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

// tfNull is a null of the attribute's type.
func tfNull(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, nil) }

// tfObjectValue builds an object of type t; attributes missing from set
// are null.
func tfObjectValue(t tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	ot, ok := t.(tftypes.Object)
	if !ok {
		panic("tfObjectValue: not an object type")
	}
	attrs := make(map[string]tftypes.Value, len(ot.AttributeTypes))
	for name, at := range ot.AttributeTypes {
		if v, ok := set[name]; ok {
			attrs[name] = v
		} else {
			attrs[name] = tfNull(at)
		}
	}
	return tftypes.NewValue(t, attrs)
}

// attrType is the type of attribute name of object type t.
func attrType(t tftypes.Type, name string) tftypes.Type {
	ot, ok := t.(tftypes.Object)
	if !ok {
		panic("attrType: not an object type")
	}
	return ot.AttributeTypes[name]
}

// elementType is the element type of a list or map type.
func elementType(t tftypes.Type) tftypes.Type {
	switch c := t.(type) {
	case tftypes.List:
		return c.ElementType
	case tftypes.Map:
		return c.ElementType
	}
	panic("elementType: not a list or map type")
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
