// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	vpccni "github.com/vpccni/terraform-provider-vpccni/internal/provider"

	"github.com/vpccni/terraform-provider-vpccni/internal/tfvaluetest"
)

func servers(tb testing.TB) (realServer, floorServer tfprotov6.ProviderServer) {
	tb.Helper()
	var err error
	if realServer, err = providerserver.NewProtocol6WithError(vpccni.New("bench")())(); err != nil {
		tb.Fatal(err)
	}
	if floorServer, err = providerserver.NewProtocol6WithError(newFloorProvider())(); err != nil {
		tb.Fatal(err)
	}
	return realServer, floorServer
}

func providerSchema(tb testing.TB, s tfprotov6.ProviderServer) *tfprotov6.GetProviderSchemaResponse {
	tb.Helper()
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		tb.Fatalf("GetProviderSchema: %s: %s", d.Summary, d.Detail)
	}
	return resp
}

// TestSameSchema: Terraform sees exactly the real provider's schemas and
// function signatures.
func TestSameSchema(t *testing.T) {
	r, f := servers(t)
	rs, fs := providerSchema(t, r), providerSchema(t, f)
	if len(rs.DataSourceSchemas) != 4 || len(rs.Functions) != 3 {
		t.Fatalf("real provider has %d data sources and %d functions, want 4 and 3", len(rs.DataSourceSchemas), len(rs.Functions))
	}
	if !reflect.DeepEqual(rs.Provider, fs.Provider) {
		t.Error("provider schemas differ")
	}
	if !reflect.DeepEqual(rs.DataSourceSchemas, fs.DataSourceSchemas) {
		t.Error("data source schemas differ")
	}
	if !reflect.DeepEqual(rs.Functions, fs.Functions) {
		t.Error("function definitions differ")
	}
	if !reflect.DeepEqual(rs.ServerCapabilities, fs.ServerCapabilities) {
		t.Error("server capabilities differ")
	}
}

var warmPool = tfvaluetest.WarmPoolArticle()

func cluster(n int) map[string]any { return tfvaluetest.Cluster(n) }

func config(tb testing.TB, s tfprotov6.ProviderServer, typeName string, values map[string]any) (tftypes.Type, *tfprotov6.DynamicValue) {
	tb.Helper()
	typ := providerSchema(tb, s).DataSourceSchemas[typeName].ValueType()
	dv, err := tfprotov6.NewDynamicValue(typ, tfvaluetest.Value(typ, values))
	if err != nil {
		tb.Fatal(err)
	}
	return typ, &dv
}

func read(tb testing.TB, s tfprotov6.ProviderServer, typeName string, cfg *tfprotov6.DynamicValue) *tfprotov6.ReadDataSourceResponse {
	ctx := context.Background()
	v, err := s.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: cfg})
	if err != nil {
		tb.Fatal(err)
	}
	r, err := s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: cfg})
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range append(v.Diagnostics, r.Diagnostics...) {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			tb.Fatalf("%s: %s: %s", typeName, d.Summary, d.Detail)
		}
	}
	return r
}

// TestFloorRead: the floor's state has the schema's type, keeps the
// configured values and has no null computed attribute at the top level.
func TestFloorRead(t *testing.T) {
	_, f := servers(t)
	for name, values := range map[string]map[string]any{
		"vpccni_warm_pool":      warmPool,
		"vpccni_cluster":        cluster(3),
		"vpccni_instance_type":  {"instance_type": "m5.large"},
		"vpccni_instance_types": rankFamilies,
	} {
		t.Run(name, func(t *testing.T) {
			typ, cfg := config(t, f, name, values)
			state, err := read(t, f, name, cfg).State.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := state.As(&attrs); err != nil {
				t.Fatal(err)
			}
			for k, v := range values {
				if want := tfvaluetest.Value(objectType(t, typ).AttributeTypes[k], v); !attrs[k].Equal(want) {
					t.Errorf("%s = %s, want the configured %s", k, attrs[k], want)
				}
			}
			schema := providerSchema(t, f).DataSourceSchemas[name]
			for _, a := range schema.Block.Attributes {
				if a.Computed && attrs[a.Name].IsNull() {
					t.Errorf("computed %s is null", a.Name)
				}
			}
		})
	}
}

// rankFamilies ranks three families' types above large, at most 20.
var rankFamilies = map[string]any{"expected_pods": 20, "total_pods": 200, "families": []any{"m5", "r5", "c5"}, "smallest_size": "xlarge", "limit": 20}

// TestFloorOutputSizes: every collection of objects the real provider
// returns has as many elements (and the same keys) in the floor's state, so that
// Terraform's work on the results is the same on both sides of a ratio.
func TestFloorOutputSizes(t *testing.T) {
	r, f := servers(t)
	for name, values := range map[string]map[string]any{
		"vpccni_warm_pool":          warmPool,
		"vpccni_cluster":            cluster(3),
		"vpccni_instance_types":     rankFamilies,
		"vpccni_instance_types/all": {"expected_pods": 20, "total_pods": 200},
	} {
		t.Run(name, func(t *testing.T) {
			typeName, _, _ := strings.Cut(name, "/")
			states := [2]map[string]tftypes.Value{}
			for i, s := range []tfprotov6.ProviderServer{r, f} {
				typ, cfg := config(t, s, typeName, values)
				state, err := read(t, s, typeName, cfg).State.Unmarshal(typ)
				if err != nil {
					t.Fatal(err)
				}
				if err := state.As(&states[i]); err != nil {
					t.Fatal(err)
				}
			}
			for attr, realValue := range states[0] {
				// Collections of objects: a few strings (env) cost
				// Terraform little either way.
				var elem tftypes.Type
				switch c := realValue.Type().(type) {
				case tftypes.List:
					elem = c.ElementType
				case tftypes.Map:
					elem = c.ElementType
				}
				if _, isObject := elem.(tftypes.Object); !isObject {
					continue
				}
				if got, want := collectionKeys(t, states[1][attr]), collectionKeys(t, realValue); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: floor has %v, real %v", attr, got, want)
				}
			}
		})
	}
}

// collectionKeys are a list's indexes or a map's keys.
func collectionKeys(t *testing.T, v tftypes.Value) []string {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	var keys []string
	switch v.Type().(type) {
	case tftypes.List:
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			t.Fatal(err)
		}
		for i := range elems {
			keys = append(keys, fmt.Sprint(i))
		}
	case tftypes.Map:
		var elems map[string]tftypes.Value
		if err := v.As(&elems); err != nil {
			t.Fatal(err)
		}
		for k := range elems {
			keys = append(keys, k)
		}
		slices.Sort(keys)
	}
	return keys
}

// The RPC benchmarks match internal/provider's Benchmark*RPC: one data
// block as Terraform drives it (validate, then read), in process.

func benchRPC(b *testing.B, typeName string, values map[string]any) {
	_, s := servers(b)
	_, cfg := config(b, s, typeName, values)
	b.ReportAllocs()
	for b.Loop() {
		read(b, s, typeName, cfg)
	}
}

func BenchmarkFloorWarmPoolRPC(b *testing.B) { benchRPC(b, "vpccni_warm_pool", warmPool) }
func BenchmarkFloorClusterRPC1Group(b *testing.B) {
	benchRPC(b, "vpccni_cluster", cluster(1))
}
func BenchmarkFloorClusterRPC50Groups(b *testing.B) {
	benchRPC(b, "vpccni_cluster", cluster(50))
}

// BenchmarkFloorInstanceTypesRPCAll ranks every type: as many zero
// candidates as the real provider ranks.
func BenchmarkFloorInstanceTypesRPCAll(b *testing.B) {
	benchRPC(b, "vpccni_instance_types", map[string]any{"expected_pods": 20, "total_pods": 200})
}

func BenchmarkFloorNodeIPsRPC(b *testing.B) {
	_, s := servers(b)
	providerSchema(b, s)
	args, err := tfvaluetest.NodeIPsArgs()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := s.CallFunction(context.Background(), &tfprotov6.CallFunctionRequest{Name: "node_ips", Arguments: args})
		if err != nil {
			b.Fatal(err)
		}
		if r.Error != nil {
			b.Fatal(r.Error.Text)
		}
	}
}

// BenchmarkFloorWarmPoolRead is the floor's Read handler alone, as
// internal/provider's BenchmarkWarmPoolRead times the real one: what
// turning a configuration into a state costs without the framework's
// reflection (tftypes in, tftypes out).
func BenchmarkFloorWarmPoolRead(b *testing.B) {
	ctx := context.Background()
	_, f := servers(b)
	typ, _ := config(b, f, "vpccni_warm_pool", warmPool)
	ds := &floorDataSource{shared: &floorSchema{}}
	ds.real = vpccni.NewWarmPoolDataSource()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	cfg := tfsdk.Config{Schema: sr.Schema, Raw: tfvaluetest.Value(typ, warmPool)}
	b.ReportAllocs()
	for b.Loop() {
		resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: cfg.Raw}}
		ds.Read(ctx, datasource.ReadRequest{Config: cfg}, &resp)
		if resp.Diagnostics.HasError() {
			b.Fatal(resp.Diagnostics)
		}
	}
}

func objectType(t *testing.T, typ tftypes.Type) tftypes.Object {
	o, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object type", typ)
	}
	return o
}
