// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package tfvaluetest builds tftypes values from plain Go values, for
// tests and benchmarks that call data source handlers in process.
package tfvaluetest

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Value builds a value of type t: nil is null, map[string]any an object
// (attributes it lacks are null) or a map, []any a list or set, and
// string, bool and int the primitives. A key that is not an attribute of
// the object type panics, so a typo cannot silently become a null
// attribute; so does a Go value of the wrong shape.
func Value(t tftypes.Type, v any) tftypes.Value {
	if v == nil {
		return tftypes.NewValue(t, nil)
	}
	switch typ := t.(type) {
	case tftypes.Object:
		m := as[map[string]any](v)
		for k := range m {
			if _, ok := typ.AttributeTypes[k]; !ok {
				panic(fmt.Sprintf("tfvaluetest: %q is not an attribute of %s", k, t))
			}
		}
		attrs := make(map[string]tftypes.Value, len(typ.AttributeTypes))
		for name, at := range typ.AttributeTypes {
			attrs[name] = Value(at, m[name])
		}
		return tftypes.NewValue(t, attrs)
	case tftypes.List:
		return tftypes.NewValue(t, elems(typ.ElementType, as[[]any](v)))
	case tftypes.Set:
		return tftypes.NewValue(t, elems(typ.ElementType, as[[]any](v)))
	case tftypes.Map:
		m := as[map[string]any](v)
		out := make(map[string]tftypes.Value, len(m))
		for k, e := range m {
			out[k] = Value(typ.ElementType, e)
		}
		return tftypes.NewValue(t, out)
	}
	return tftypes.NewValue(t, v)
}

func elems(t tftypes.Type, vs []any) []tftypes.Value {
	out := make([]tftypes.Value, len(vs))
	for i, v := range vs {
		out[i] = Value(t, v)
	}
	return out
}

func as[T any](v any) T {
	t, ok := v.(T)
	if !ok {
		panic(fmt.Sprintf("tfvaluetest: %T where %T belongs", v, t))
	}
	return t
}
