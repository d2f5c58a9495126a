// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// The floor's state: the configuration with every computed attribute set
// to the zero value of its type, collections as long as the real
// provider's.

// fixedSizes are the collection outputs whose length does not come from one
// configured list: alternatives has one entry per remedy, and the
// candidates of vpccni_instance_types are the selected types (the floor
// counts them as the real provider selects them, and assumes none is
// excluded, as none is in the benchmark's configurations).
var fixedSizes = map[string]func(cfg map[string]tftypes.Value) (int, bool){
	"alternatives": func(map[string]tftypes.Value) (int, bool) { return len(plan.Remedies), true },
	"candidates":   selectedTypes,
}

func selectedTypes(cfg map[string]tftypes.Value) (int, bool) {
	var n int
	var names []tftypes.Value
	if v := cfg["instance_types"]; v.IsKnown() && !v.IsNull() && v.As(&names) == nil {
		n = len(names)
	} else {
		var sel ec2limits.Selection
		var families []tftypes.Value
		if v := cfg["families"]; v.IsKnown() && !v.IsNull() && v.As(&families) == nil {
			for _, f := range families {
				var s string
				if f.As(&s) == nil {
					sel.Families = append(sel.Families, s)
				}
			}
		}
		for attr, bound := range map[string]*ec2limits.Size{"smallest_size": &sel.Smallest, "largest_size": &sel.Largest} {
			var s string
			if v := cfg[attr]; v.IsKnown() && !v.IsNull() && v.As(&s) == nil {
				*bound, _ = ec2limits.ParseSize(s)
			}
		}
		n = len(ec2limits.Select(sel))
	}
	limit := new(big.Float)
	if v := cfg["limit"]; v.IsKnown() && !v.IsNull() && v.As(&limit) == nil {
		if l, _ := limit.Int64(); l > 0 {
			n = min(n, int(l))
		}
	}
	return n, true
}

// sizedFixed gives the outputs of fixedSizes their number of zero elements.
func sizedFixed(config, state tftypes.Value) tftypes.Value {
	var cfg, out map[string]tftypes.Value
	if config.As(&cfg) != nil || state.As(&out) != nil {
		return state
	}
	for name, size := range fixedSizes {
		target, ok := out[name]
		t, isList := target.Type().(tftypes.List)
		if !ok || !isList {
			continue
		}
		n, ok := size(cfg)
		if !ok {
			continue
		}
		zeros := make([]tftypes.Value, n)
		for i := range zeros {
			zeros[i] = zeroValue(t.ElementType)
		}
		out[name] = tftypes.NewValue(t, zeros)
	}
	return tftypes.NewValue(state.Type(), out)
}

// outputSizes says, per collection output, which configured list gives it
// its elements and, for maps, which attribute of those elements keys them:
// the floor returns as many (zero) elements as the real provider, so that
// Terraform's cost of handling the results is the same on both sides and
// the ratio isolates the provider's own work.
var outputSizes = map[string]struct{ from, key string }{
	"subnets":       {from: "subnet_cidrs"},            // vpccni_warm_pool
	"pod_subnets":   {from: "pod_subnet_cidrs"},        // vpccni_warm_pool
	"groups":        {from: "node_group", key: "name"}, // vpccni_cluster
	"subnets_usage": {from: "subnet", key: "id"},
	"zones_usage":   {from: "subnet", key: "availability_zone"},
}

// sized replaces the empty collection outputs of state with zero elements,
// as many as (or keyed as) the configuration's list they come from.
func sized(config, state tftypes.Value) tftypes.Value {
	var cfg, out map[string]tftypes.Value
	if config.As(&cfg) != nil || state.As(&out) != nil {
		return state
	}
	for name, size := range outputSizes {
		target, ok := out[name]
		source, ok2 := cfg[size.from]
		if !ok || !ok2 || !source.IsKnown() || source.IsNull() {
			continue
		}
		if _, isList := source.Type().(tftypes.List); !isList {
			continue
		}
		var elems []tftypes.Value
		if source.As(&elems) != nil {
			continue
		}
		switch t := target.Type().(type) {
		case tftypes.List:
			if size.key != "" || name == size.from {
				continue
			}
			zeros := make([]tftypes.Value, len(elems))
			for i := range zeros {
				zeros[i] = zeroValue(t.ElementType)
			}
			out[name] = tftypes.NewValue(t, zeros)
		case tftypes.Map:
			zeros := map[string]tftypes.Value{}
			for _, e := range elems {
				var fields map[string]tftypes.Value
				var key string
				if e.As(&fields) == nil && fields[size.key].As(&key) == nil {
					zeros[key] = zeroValue(t.ElementType)
				}
			}
			out[name] = tftypes.NewValue(t, zeros)
		}
	}
	return tftypes.NewValue(state.Type(), out)
}

// objectFiller fills the null computed attributes of an object value.
type objectFiller struct {
	attrs map[string]attrFiller
}

type attrFiller struct {
	computed bool
	// zero is the attribute's value when null and computed.
	zero tftypes.Value
	// nested fills the objects of a nested attribute.
	nested     *objectFiller
	collection bool // nested objects in a list, set or map
}

func newObjectFiller(ctx context.Context, attrs map[string]schema.Attribute) *objectFiller {
	f := &objectFiller{attrs: make(map[string]attrFiller, len(attrs))}
	for name, a := range attrs {
		af := attrFiller{computed: a.IsComputed(), zero: zeroValue(a.GetType().TerraformType(ctx))}
		switch n := a.(type) {
		case schema.SingleNestedAttribute:
			af.nested = newObjectFiller(ctx, n.Attributes)
		case schema.ListNestedAttribute:
			af.nested, af.collection = newObjectFiller(ctx, n.NestedObject.Attributes), true
		case schema.SetNestedAttribute:
			af.nested, af.collection = newObjectFiller(ctx, n.NestedObject.Attributes), true
		case schema.MapNestedAttribute:
			af.nested, af.collection = newObjectFiller(ctx, n.NestedObject.Attributes), true
		}
		f.attrs[name] = af
	}
	return f
}

// addBlocks fills inside the nested blocks too: a block is never computed,
// but it can hold computed attributes (vpccni_warm_pool's current).
func (f *objectFiller) addBlocks(ctx context.Context, blocks map[string]schema.Block) {
	for name, b := range blocks {
		switch n := b.(type) {
		case schema.SingleNestedBlock:
			nested := newObjectFiller(ctx, n.Attributes)
			nested.addBlocks(ctx, n.Blocks)
			f.attrs[name] = attrFiller{nested: nested}
		case schema.ListNestedBlock:
			nested := newObjectFiller(ctx, n.NestedObject.Attributes)
			nested.addBlocks(ctx, n.NestedObject.Blocks)
			f.attrs[name] = attrFiller{nested: nested, collection: true}
		default:
			panic(fmt.Sprintf("floor: block %s of type %T", name, b))
		}
	}
}

func (f *objectFiller) fill(v tftypes.Value) (tftypes.Value, error) {
	if v.IsNull() || !v.IsKnown() {
		return v, nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return v, err
	}
	for name, af := range f.attrs {
		a, ok := attrs[name]
		if !ok {
			return v, fmt.Errorf("attribute %q missing from the configuration", name)
		}
		switch {
		case a.IsNull():
			if af.computed {
				attrs[name] = af.zero
			}
		case af.nested == nil || !a.IsKnown():
		case !af.collection:
			filled, err := af.nested.fill(a)
			if err != nil {
				return v, err
			}
			attrs[name] = filled
		default:
			filled, err := af.nested.fillCollection(a)
			if err != nil {
				return v, err
			}
			attrs[name] = filled
		}
	}
	return tftypes.NewValue(v.Type(), attrs), nil
}

// fillCollection fills every object of a list, set or map.
func (f *objectFiller) fillCollection(v tftypes.Value) (tftypes.Value, error) {
	switch {
	case v.Type().Is(tftypes.Map{}):
		var elems map[string]tftypes.Value
		if err := v.As(&elems); err != nil {
			return v, err
		}
		for k, e := range elems {
			filled, err := f.fill(e)
			if err != nil {
				return v, err
			}
			elems[k] = filled
		}
		return tftypes.NewValue(v.Type(), elems), nil
	default: // list or set
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return v, err
		}
		for i, e := range elems {
			filled, err := f.fill(e)
			if err != nil {
				return v, err
			}
			elems[i] = filled
		}
		return tftypes.NewValue(v.Type(), elems), nil
	}
}

// zeroValue is "", 0, false, an empty collection, or an object of zeros.
func zeroValue(t tftypes.Type) tftypes.Value {
	switch typ := t.(type) {
	case tftypes.Object:
		attrs := make(map[string]tftypes.Value, len(typ.AttributeTypes))
		for name, at := range typ.AttributeTypes {
			attrs[name] = zeroValue(at)
		}
		return tftypes.NewValue(t, attrs)
	case tftypes.List, tftypes.Set, tftypes.Tuple:
		return tftypes.NewValue(t, []tftypes.Value{})
	case tftypes.Map:
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	}
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, new(big.Float))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	}
	panic(fmt.Sprintf("floor: no zero value for %s", t))
}
