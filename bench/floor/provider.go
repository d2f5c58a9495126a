// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

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
