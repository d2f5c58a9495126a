// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

// In-process benchmarks of the provider's own work in a plan: the data
// sources' Read and ValidateConfig handlers and the node_ips function's Run,
// called directly with a configuration built from the real schema, and the
// same calls through the framework's protocol server (msgpack decoding,
// schema validators and the framework's own checks included, gRPC
// excluded). Every benchmark fails on an error diagnostic, so a broken
// configuration cannot pass as a fast one, and checks a few result values
// once before timing.

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/tfvaluetest"
)

// benchValue builds a configuration value from plain Go values (see
// tfvaluetest.Value).
func benchValue(t tftypes.Type, v any) tftypes.Value { return tfvaluetest.Value(t, v) }

// benchConfig returns a data source's configuration built from its schema.
func benchConfig(b *testing.B, ds datasource.DataSource, values map[string]any) tfsdk.Config {
	b.Helper()
	ctx := context.Background()
	var resp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		b.Fatalf("schema: %v", resp.Diagnostics)
	}
	return tfsdk.Config{Schema: resp.Schema, Raw: benchValue(resp.Schema.Type().TerraformType(ctx), values)}
}

func warmPoolBenchValues() map[string]any { return tfvaluetest.WarmPoolArticle() }

func clusterBenchValues(n int) map[string]any { return tfvaluetest.Cluster(n) }

// benchRead runs Read once, checks the state with check, then times it.
func benchRead(b *testing.B, ds datasource.DataSource, values map[string]any, check func(*testing.B, tfsdk.State)) {
	ctx := context.Background()
	cfg := benchConfig(b, ds, values)
	read := func() datasource.ReadResponse {
		resp := datasource.ReadResponse{State: tfsdk.State(cfg)}
		ds.Read(ctx, datasource.ReadRequest{Config: cfg}, &resp)
		if resp.Diagnostics.HasError() {
			b.Fatalf("Read: %v", resp.Diagnostics)
		}
		return resp
	}
	check(b, read().State)
	b.ReportAllocs()
	for b.Loop() {
		read()
	}
}

// benchValidate times ValidateConfig.
func benchValidate(b *testing.B, ds datasource.DataSource, values map[string]any) {
	ctx := context.Background()
	v, ok := ds.(datasource.DataSourceWithValidateConfig)
	if !ok {
		b.Fatal("no ValidateConfig")
	}
	cfg := benchConfig(b, ds, values)
	b.ReportAllocs()
	for b.Loop() {
		var resp datasource.ValidateConfigResponse
		v.ValidateConfig(ctx, datasource.ValidateConfigRequest{Config: cfg}, &resp)
		if resp.Diagnostics.HasError() {
			b.Fatalf("ValidateConfig: %v", resp.Diagnostics)
		}
	}
}

func stateInt(b *testing.B, s tfsdk.State, want int64, steps ...any) {
	b.Helper()
	p := benchPath(steps...)
	var got types.Int64
	if d := s.GetAttribute(context.Background(), p, &got); d.HasError() {
		b.Fatalf("%s: %v", p, d)
	}
	if got.ValueInt64() != want {
		b.Fatalf("%s = %s, want %d", p, got, want)
	}
}

// stateTrue checks that a bool attribute is true.
func stateTrue(b *testing.B, s tfsdk.State, steps ...any) {
	b.Helper()
	p := benchPath(steps...)
	var got types.Bool
	if d := s.GetAttribute(context.Background(), p, &got); d.HasError() {
		b.Fatalf("%s: %v", p, d)
	}
	if got.IsNull() || !got.ValueBool() {
		b.Fatalf("%s = %s, want true", p, got)
	}
}

func BenchmarkWarmPoolRead(b *testing.B) {
	benchRead(b, NewWarmPoolDataSource(), warmPoolBenchValues(), func(b *testing.B, s tfsdk.State) {
		stateInt(b, s, 20, "minimum_ip_target")
		stateInt(b, s, 2, "warm_ip_target")
		stateInt(b, s, 240, "recommended", "total_ips")
		stateInt(b, s, 450, "baseline", "total_ips")
		stateTrue(b, s, "subnet_fits")
	})
}

func BenchmarkWarmPoolValidateConfig(b *testing.B) {
	benchValidate(b, NewWarmPoolDataSource(), warmPoolBenchValues())
}

func BenchmarkInstanceTypeRead(b *testing.B) {
	benchRead(b, NewInstanceTypeDataSource(), map[string]any{"instance_type": "m5.large"}, func(b *testing.B, s tfsdk.State) {
		stateInt(b, s, 29, "max_pods")
	})
}

// checkCluster checks a cluster state of n groups whose smallest expected
// pods is minPods (tfvaluetest.Cluster: 20 for the first group alone, m5.large;
// 15 from the fifth group on, t3.medium).
// BenchmarkInstanceTypesReadAll ranks every type of the table for the
// article's workload (20 pods a node, 200 in all): the model's ranking
// plus 1,391 candidate objects in the state. The first candidates take 23
// addresses a node (29 secondaries on one ENI), 230 in all.
func BenchmarkInstanceTypesReadAll(b *testing.B) {
	benchRead(b, NewInstanceTypesDataSource(), map[string]any{"expected_pods": 20, "total_pods": 200}, func(b *testing.B, s tfsdk.State) {
		stateInt(b, s, 230, "candidates", 0, "total_ips")
	})
}

// BenchmarkInstanceTypesReadFamilies ranks the m5, r5 and c5 families (27
// types) for the same workload, with the five best kept.
func BenchmarkInstanceTypesReadFamilies(b *testing.B) {
	benchRead(b, NewInstanceTypesDataSource(), map[string]any{
		"expected_pods": 20, "total_pods": 200, "families": []any{"m5", "r5", "c5"}, "limit": 5,
	}, func(b *testing.B, s tfsdk.State) {
		stateInt(b, s, 230, "candidates", 0, "total_ips")
	})
}

func checkCluster(n, minPods int) func(*testing.B, tfsdk.State) {
	return func(b *testing.B, s tfsdk.State) {
		var groups types.Map
		if d := s.GetAttribute(context.Background(), benchPath("groups"), &groups); d.HasError() {
			b.Fatal(d)
		}
		if len(groups.Elements()) != n {
			b.Fatalf("groups has %d elements, want %d", len(groups.Elements()), n)
		}
		stateInt(b, s, int64(minPods), "minimum_ip_target")
		stateInt(b, s, 2, "warm_ip_target")
		stateTrue(b, s, "fits")
	}
}

func BenchmarkClusterRead1Group(b *testing.B) {
	benchRead(b, NewClusterDataSource(), clusterBenchValues(1), checkCluster(1, 20))
}

func BenchmarkClusterRead50Groups(b *testing.B) {
	benchRead(b, NewClusterDataSource(), clusterBenchValues(50), checkCluster(50, 15))
}

func BenchmarkClusterValidateConfig1Group(b *testing.B) {
	benchValidate(b, NewClusterDataSource(), clusterBenchValues(1))
}

func BenchmarkClusterValidateConfig50Groups(b *testing.B) {
	benchValidate(b, NewClusterDataSource(), clusterBenchValues(50))
}

// nodeIPsBenchArgs: the article's fix on r5.xlarge at 20 pods (24
// addresses), converted from wire values with the definition's parameter
// types as the framework does, the settings as Terraform passes an object
// literal.
func nodeIPsBenchArgs(b *testing.B, def function.Definition) []attr.Value {
	ctx := context.Background()
	settings := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"minimum_ip_target": tftypes.Number, "warm_ip_target": tftypes.Number}}
	wire := []tftypes.Value{
		tftypes.NewValue(tftypes.String, "r5.xlarge"),
		tftypes.NewValue(tftypes.Number, 20),
		tftypes.NewValue(settings, map[string]tftypes.Value{
			"minimum_ip_target": tftypes.NewValue(tftypes.Number, 20), "warm_ip_target": tftypes.NewValue(tftypes.Number, 2)}),
	}
	if len(def.Parameters) != len(wire) {
		b.Fatalf("node_ips has %d parameters, want %d", len(def.Parameters), len(wire))
	}
	args := make([]attr.Value, len(wire))
	for i, w := range wire {
		v, err := def.Parameters[i].GetType().ValueFromTerraform(ctx, w)
		if err != nil {
			b.Fatalf("argument %d: %v", i, err)
		}
		args[i] = v
	}
	return args
}

func BenchmarkNodeIPsRun(b *testing.B) {
	ctx := context.Background()
	f := NewNodeIPsFunction()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	args := function.NewArgumentsData(nodeIPsBenchArgs(b, def.Definition))
	run := func() function.RunResponse {
		resp := function.RunResponse{Result: function.NewResultData(types.Int64Unknown())}
		f.Run(ctx, function.RunRequest{Arguments: args}, &resp)
		if resp.Error != nil {
			b.Fatalf("Run: %s", resp.Error)
		}
		return resp
	}
	if got := resultInt64(b, run().Result.Value()).ValueInt64(); got != 24 {
		b.Fatalf("node_ips = %d, want 24", got)
	}
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// The RPC benchmarks go through the framework's protocol server the way
// Terraform drives one data block in a plan: ValidateDataResourceConfig,
// then ReadDataSource, with a msgpack-encoded configuration.

func benchServer(b *testing.B) tfprotov6.ProviderServer {
	b.Helper()
	s, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		b.Fatal(err)
	}
	return s
}

func protoDiagsFatal(b *testing.B, what string, diags []*tfprotov6.Diagnostic) {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			b.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

func benchRPC(b *testing.B, typeName string, ds datasource.DataSource, values map[string]any) {
	ctx := context.Background()
	s := benchServer(b)
	cfg := benchConfig(b, ds, values)
	dv, err := tfprotov6.NewDynamicValue(cfg.Raw.Type(), cfg.Raw)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		v, err := s.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: &dv})
		if err != nil {
			b.Fatal(err)
		}
		protoDiagsFatal(b, "ValidateDataResourceConfig", v.Diagnostics)
		r, err := s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &dv})
		if err != nil {
			b.Fatal(err)
		}
		protoDiagsFatal(b, "ReadDataSource", r.Diagnostics)
		if r.State == nil {
			b.Fatal("ReadDataSource returned no state")
		}
	}
}

func BenchmarkWarmPoolRPC(b *testing.B) {
	benchRPC(b, "vpccni_warm_pool", NewWarmPoolDataSource(), warmPoolBenchValues())
}

func BenchmarkClusterRPC1Group(b *testing.B) {
	benchRPC(b, "vpccni_cluster", NewClusterDataSource(), clusterBenchValues(1))
}

func BenchmarkClusterRPC50Groups(b *testing.B) {
	benchRPC(b, "vpccni_cluster", NewClusterDataSource(), clusterBenchValues(50))
}

func BenchmarkNodeIPsRPC(b *testing.B) {
	ctx := context.Background()
	s := benchServer(b)
	args, err := tfvaluetest.NodeIPsArgs()
	if err != nil {
		b.Fatal(err)
	}
	call := func() *tfprotov6.CallFunctionResponse {
		r, err := s.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: "node_ips", Arguments: args})
		if err != nil {
			b.Fatal(err)
		}
		if r.Error != nil {
			b.Fatalf("CallFunction: %s", r.Error.Text)
		}
		return r
	}
	got, err := call().Result.Unmarshal(tftypes.Number)
	if err != nil {
		b.Fatal(err)
	}
	var n big.Float
	if err := got.As(&n); err != nil {
		b.Fatal(err)
	}
	if i, _ := n.Int64(); i != 24 {
		b.Fatalf("node_ips = %s, want 24", n.String())
	}
	b.ReportAllocs()
	for b.Loop() {
		call()
	}
}

// benchPath turns names and list indexes into a path.
func benchPath(steps ...any) (p path.Path) {
	for i, s := range steps {
		switch s := s.(type) {
		case string:
			if i == 0 {
				p = path.Root(s)
			} else {
				p = p.AtName(s)
			}
		case int:
			p = p.AtListIndex(s)
		}
	}
	return p
}

func resultInt64(b *testing.B, v any) types.Int64 {
	n, ok := v.(types.Int64)
	if !ok {
		b.Fatalf("result is %T, not a number", v)
	}
	return n
}

// BenchmarkInstanceTypesRPCAll is BenchmarkInstanceTypesReadAll through
// the protocol server: validation, the read, and the state's msgpack.
func BenchmarkInstanceTypesRPCAll(b *testing.B) {
	benchRPC(b, "vpccni_instance_types", NewInstanceTypesDataSource(), map[string]any{"expected_pods": 20, "total_pods": 200})
}
