// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"math/big"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
	vpccni "github.com/vpccni/terraform-provider-vpccni/internal/provider"
)

// floorProvider is the real provider's Metadata and Schema with floor data
// sources and functions.
type floorProvider struct {
	real provider.ProviderWithFunctions
}

var _ provider.ProviderWithFunctions = floorProvider{}

func newFloorProvider() provider.Provider {
	inner, ok := vpccni.New("floor")().(provider.ProviderWithFunctions)
	if !ok {
		panic("the vpccni provider no longer has functions")
	}
	return floorProvider{real: inner}
}

func (p floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p floorProvider) Resources(context.Context) []func() resource.Resource { return nil }

// DataSources wraps the real constructors (NewInstanceTypeDataSource,
// NewInstanceTypesDataSource, NewWarmPoolDataSource, NewClusterDataSource)
// in the order the real provider lists them.
func (p floorProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, newReal := range p.real.DataSources(ctx) {
		// The framework makes a new data source for every call, so the
		// schema and the filler built from it are shared per type.
		shared := &floorSchema{}
		out = append(out, func() datasource.DataSource { return &floorDataSource{real: newReal(), shared: shared} })
	}
	return out
}

// Functions wraps NewMaxPodsFunction, NewNodeIPsFunction and
// NewPrefixBlocksFunction.
func (p floorProvider) Functions(ctx context.Context) []func() function.Function {
	var out []func() function.Function
	for _, newReal := range p.real.Functions(ctx) {
		out = append(out, func() function.Function { return floorFunction{real: newReal()} })
	}
	return out
}

// floorDataSource has the real data source's type name and schema (its
// attribute validators removed: they are the provider's validation work),
// no ValidateConfig and a Read that returns the configuration with every
// null computed attribute set to the zero value of its type. Optional
// attributes that are not computed keep their configured value, null
// included, as Terraform requires of a data source's state.
type floorDataSource struct {
	real   datasource.DataSource
	shared *floorSchema
}

// floorSchema is a data source type's floor schema and filler, built once.
type floorSchema struct {
	once   sync.Once
	schema schema.Schema
	fill   *objectFiller
}

var _ datasource.DataSource = &floorDataSource{}

func (d *floorDataSource) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.real.Metadata(ctx, req, resp)
}

func (d *floorDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.init(ctx).schema
}

func (d *floorDataSource) init(ctx context.Context) *floorSchema {
	s := d.shared
	s.once.Do(func() {
		var r datasource.SchemaResponse
		d.real.Schema(ctx, datasource.SchemaRequest{}, &r)
		if r.Diagnostics.HasError() {
			panic(fmt.Sprintf("floor: schema of the real data source: %v", r.Diagnostics))
		}
		s.schema = r.Schema
		s.schema.Attributes = withoutValidators(r.Schema.Attributes)
		s.fill = newObjectFiller(ctx, s.schema.Attributes)
		s.fill.addBlocks(ctx, r.Schema.Blocks)
	})
	return s
}

func (d *floorDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	v, err := d.init(ctx).fill.fill(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("floor: cannot read the configuration", err.Error())
		return
	}
	resp.State.Raw = sizedFixed(req.Config.Raw, sized(req.Config.Raw, v))
}

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

// withoutValidators copies attributes with their validators removed, at
// every depth. Everything Terraform sees (names, types, nesting, flags,
// descriptions) is unchanged.
func withoutValidators(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrs))
	for name, a := range attrs {
		switch a := a.(type) {
		case schema.StringAttribute:
			a.Validators = nil
			out[name] = a
		case schema.Int64Attribute:
			a.Validators = nil
			out[name] = a
		case schema.Int32Attribute:
			a.Validators = nil
			out[name] = a
		case schema.Float64Attribute:
			a.Validators = nil
			out[name] = a
		case schema.Float32Attribute:
			a.Validators = nil
			out[name] = a
		case schema.NumberAttribute:
			a.Validators = nil
			out[name] = a
		case schema.BoolAttribute:
			a.Validators = nil
			out[name] = a
		case schema.DynamicAttribute:
			a.Validators = nil
			out[name] = a
		case schema.ListAttribute:
			a.Validators = nil
			out[name] = a
		case schema.SetAttribute:
			a.Validators = nil
			out[name] = a
		case schema.MapAttribute:
			a.Validators = nil
			out[name] = a
		case schema.ObjectAttribute:
			a.Validators = nil
			out[name] = a
		case schema.SingleNestedAttribute:
			a.Validators = nil
			a.Attributes = withoutValidators(a.Attributes)
			out[name] = a
		case schema.ListNestedAttribute:
			a.Validators = nil
			a.NestedObject.Validators = nil
			a.NestedObject.Attributes = withoutValidators(a.NestedObject.Attributes)
			out[name] = a
		case schema.SetNestedAttribute:
			a.Validators = nil
			a.NestedObject.Validators = nil
			a.NestedObject.Attributes = withoutValidators(a.NestedObject.Attributes)
			out[name] = a
		case schema.MapNestedAttribute:
			a.Validators = nil
			a.NestedObject.Validators = nil
			a.NestedObject.Attributes = withoutValidators(a.NestedObject.Attributes)
			out[name] = a
		default:
			panic(fmt.Sprintf("floor: attribute %q has an unsupported type %T", name, a))
		}
	}
	return out
}

// floorFunction has the real function's name and definition and a Run that
// returns 0 (every vpccni function returns a number).
type floorFunction struct {
	real function.Function
}

var _ function.Function = floorFunction{}

func (f floorFunction) Metadata(ctx context.Context, req function.MetadataRequest, resp *function.MetadataResponse) {
	f.real.Metadata(ctx, req, resp)
}

func (f floorFunction) Definition(ctx context.Context, req function.DefinitionRequest, resp *function.DefinitionResponse) {
	f.real.Definition(ctx, req, resp)
	if _, ok := resp.Definition.Return.(function.Int64Return); !ok {
		panic(fmt.Sprintf("floor: function returns %T, not a number", resp.Definition.Return))
	}
}

func (f floorFunction) Run(ctx context.Context, _ function.RunRequest, resp *function.RunResponse) {
	resp.Error = resp.Result.Set(ctx, int64(0))
}
