// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// The cases that were quadratic: every subnet CIDR compared with every
// other, one error per overlapping pair. 10,000 distinct subnets took
// 11.8 s of provider CPU and 200 copies of one CIDR gave 19,900 errors
// (bench/RESULTS.md). Figures now: bench/RESULTS.md, "Subnets at scale".

// manyCIDRs are n distinct /28s of 10.0.0.0/12.
func manyCIDRs(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = fmt.Sprintf("10.%d.%d.%d/28", i/4096, (i%4096)/16, (i%16)*16)
	}
	return out
}

// warmPoolSubnets is one t3.nano node at 1 pod per CIDR.
func warmPoolSubnets(cidrs []any) map[string]any {
	return map[string]any{"instance_type": "t3.nano", "expected_pods": 1, "node_count": len(cidrs), "subnet_cidrs": cidrs}
}

// clusterSubnets is one group of one node per subnet over the given CIDRs,
// in three zones.
func clusterSubnets(cidrs []any) map[string]any {
	subnets := make([]any, len(cidrs))
	for i, c := range cidrs {
		subnets[i] = map[string]any{"id": fmt.Sprintf("subnet-%05d", i), "cidr": c, "availability_zone": fmt.Sprintf("eu-west-1%c", 'a'+i%3)}
	}
	group := map[string]any{"name": "general", "instance_type": "t3.nano", "expected_pods": 1, "desired_nodes": len(cidrs)}
	return map[string]any{"node_group": []any{group}, "subnet": subnets, "update_surge": map[string]any{"extra_nodes": 0}}
}

// A /28 offers 11 addresses: one t3.nano node at 1 pod (MIN 1, WARM 2: 3
// secondaries on 1 ENI) takes 4.
func BenchmarkWarmPoolRead10000Subnets(b *testing.B) {
	benchRead(b, NewWarmPoolDataSource(), warmPoolSubnets(manyCIDRs(10000)), func(b *testing.B, s tfsdk.State) {
		stateTrue(b, s, "subnet_fits")
	})
}

func BenchmarkClusterRead10000Subnets(b *testing.B) {
	benchRead(b, NewClusterDataSource(), clusterSubnets(manyCIDRs(10000)), func(b *testing.B, s tfsdk.State) {
		stateTrue(b, s, "fits")
	})
}

// duplicates are n copies of one CIDR.
func duplicates(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = "10.0.0.0/24"
	}
	return out
}

// benchValidateErrors times ValidateConfig on a configuration that must
// give exactly want errors, the first containing text.
func benchValidateErrors(b *testing.B, ds datasource.DataSource, values map[string]any, want int, text string) {
	ctx := context.Background()
	v, ok := ds.(datasource.DataSourceWithValidateConfig)
	if !ok {
		b.Fatal("no ValidateConfig")
	}
	cfg := benchConfig(b, ds, values)
	validate := func() datasource.ValidateConfigResponse {
		var resp datasource.ValidateConfigResponse
		v.ValidateConfig(ctx, datasource.ValidateConfigRequest{Config: cfg}, &resp)
		return resp
	}
	d := validate().Diagnostics
	if d.ErrorsCount() != want || !strings.Contains(d.Errors()[0].Detail(), text) {
		b.Fatalf("%d errors, want %d containing %q: %v", d.ErrorsCount(), want, text, d)
	}
	b.ReportAllocs()
	for b.Loop() {
		validate()
	}
}

func BenchmarkWarmPoolValidate200DuplicateCIDRs(b *testing.B) {
	benchValidateErrors(b, NewWarmPoolDataSource(), warmPoolSubnets(duplicates(200)), 1,
		"subnet_cidrs[1] = 10.0.0.0/24 overlaps subnet_cidrs[0] = 10.0.0.0/24, and so do subnet_cidrs[2]")
}

func BenchmarkClusterValidate200DuplicateCIDRs(b *testing.B) {
	benchValidateErrors(b, NewClusterDataSource(), clusterSubnets(duplicates(200)), 1,
		"subnet[1].cidr = 10.0.0.0/24 (subnet-00001) overlaps subnet[0].cidr = 10.0.0.0/24 (subnet-00000), and so do subnet[2].cidr")
}
