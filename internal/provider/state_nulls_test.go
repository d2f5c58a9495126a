// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestStateNulls reads every data source in process on configurations that
// cover its modes and checks, for every computed attribute at every
// depth, that it is null only where the schema's description allows it
// (the list below) and is written at least once. A write under a misspelt
// name is a codec error; a write forgotten or done on the wrong branch
// shows here as an attribute that is always null.
func TestStateNulls(t *testing.T) {
	cases := []struct {
		ds       func() datasource.DataSource
		configs  []map[string]any
		nullable []string
	}{
		{
			ds: NewWarmPoolDataSource,
			configs: []map[string]any{
				// No subnets: nothing checked.
				{"instance_type": "r5.xlarge", "expected_pods": 20, "node_count": 10},
				// Counts only, current settings, a remedy not possible
				// (50 pods under custom networking on a Xen type).
				{"instance_type": "m4.xlarge", "expected_pods": 50, "node_count": 3, "subnet_available_ips": []any{400},
					"current": map[string]any{"warm_ip_target": 2, "minimum_ip_target": 10, "warm_eni_target": 1, "warm_prefix_target": 1}},
				// Custom networking with pod subnets.
				{"instance_type": "r5.xlarge", "expected_pods": 20, "node_count": 10, "custom_networking": true,
					"subnet_cidrs": []any{"10.0.0.0/24"}, "pod_subnet_cidrs": []any{"100.64.0.0/24"}},
				// Windows: the ConfigMap instead of aws-node settings.
				{"instance_type": "m5.large", "os": "windows", "expected_pods": 9, "node_count": 10, "subnet_cidrs": []any{"10.0.0.0/25"}},
				// Day 2 with pods that have their own security groups.
				{"instance_type": "m5.large", "expected_pods": 15, "node_count": 10, "running_nodes": 10, "security_groups_for_pods": true,
					"pods_with_security_groups": 3, "subnet_available_ips": []any{40}, "subnet_reserved_ips": []any{16}},
			},
			nullable: []string{
				"subnet_capacity", "subnet_fits", "subnets.*.cidr",
				"windows_configmap_data", "node_config", "ec2_node_class_kubelet",
				"alternatives.*.node_subnet_ips", "alternatives.*.pod_subnet_ips", "alternatives.*.node_subnet_ips_saved",
				"alternatives.*.fits", "alternatives.*.smallest_node_subnet_prefix", "alternatives.*.smallest_pod_subnet_prefix",
			},
		},
		{
			ds: NewClusterDataSource,
			configs: []map[string]any{
				threeGroupClusterValues(),
				{
					"update_surge":      map[string]any{"max_unavailable_percentage": 50},
					"prefix_delegation": true,
					"node_group":        []any{map[string]any{"name": "a", "instance_type": "m5.large", "expected_pods": 20, "desired_nodes": 2}},
					"subnet": []any{
						map[string]any{"id": "subnet-a", "cidr": "10.0.0.0/22", "availability_zone": "eu-west-1a"},
						map[string]any{"id": "subnet-b", "available_ips": 900, "availability_zone": "eu-west-1b"},
					},
				},
				{
					"security_groups_for_pods": true,
					"node_group": []any{
						map[string]any{"name": "win", "instance_type": "m5.large", "os": "windows", "expected_pods": 9, "desired_nodes": 2},
						map[string]any{"name": "mixed", "instance_types": []any{"m5.large", "m5a.large"}, "expected_pods": 15, "desired_nodes": 3,
							"running_nodes": 3, "pods_with_security_groups": 2},
					},
					"subnet": []any{
						map[string]any{"id": "subnet-a", "available_ips": 200, "availability_zone": "eu-west-1a", "reserved_ips": 16},
						map[string]any{"id": "cni-a", "cidr": "100.64.0.0/24", "availability_zone": "eu-west-1a", "purpose": "cni"},
					},
				},
				{
					"karpenter_node_pool": []any{map[string]any{"name": "default", "families": []any{"m5"}, "smallest_size": "large", "largest_size": "2xlarge",
						"expected_pods": 20, "max_vcpus": 32, "running_nodes": 2}},
					"subnet": []any{map[string]any{"id": "subnet-a", "cidr": "10.0.0.0/22", "availability_zone": "eu-west-1a"}},
				},
			},
			nullable: []string{
				"groups.*.current", "groups.*.node_config", "windows_configmap_data",
				"subnets_usage.*.prefix_blocks", "subnets_usage.*.prefix_blocks_needed", "subnets_usage.*.prefix_reservation_cidr_size",
				"alternatives.*.node_subnet_ips", "alternatives.*.pod_subnet_ips", "alternatives.*.node_subnet_ips_saved",
				"alternatives.*.fits", "alternatives.*.smallest_node_subnet_prefix", "alternatives.*.smallest_pod_subnet_prefix",
			},
		},
		{
			ds: NewInstanceTypeDataSource,
			configs: []map[string]any{
				{"instance_type": "m5.large"},
				{"instance_type": "m99.large", "max_network_interfaces": 4, "ipv4_addresses_per_interface": 15},
			},
			nullable: []string{"network_cards", "hypervisor", "bare_metal", "vcpus"},
		},
		{
			ds: NewInstanceTypesDataSource,
			configs: []map[string]any{
				{"families": []any{"m5"}, "expected_pods": 20, "total_pods": 200},
			},
		},
	}
	for _, c := range cases {
		ds := c.ds()
		var meta datasource.MetadataResponse
		ds.Metadata(t.Context(), datasource.MetadataRequest{ProviderTypeName: "vpccni"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var sr datasource.SchemaResponse
			ds.Schema(t.Context(), datasource.SchemaRequest{}, &sr)
			seenNull, seenValue := map[string]bool{}, map[string]bool{}
			for _, cfg := range c.configs {
				s := readInProcess(t, c.ds(), cfg)
				walkComputed(sr.Schema.Attributes, sr.Schema.Blocks, s.Raw, "", func(p string, null bool) {
					if null {
						seenNull[p] = true
					} else {
						seenValue[p] = true
					}
				})
			}
			for p := range seenNull {
				if !slices.Contains(c.nullable, p) {
					t.Errorf("%s is null in some state, and its description does not allow it", p)
				}
			}
			all := map[string]bool{}
			for p := range seenNull {
				all[p] = true
			}
			for p := range seenValue {
				all[p] = true
			}
			for p := range all {
				if !seenValue[p] {
					t.Errorf("%s is never written", p)
				}
			}
			for _, p := range c.nullable {
				if !all[p] {
					t.Errorf("%s is listed as nullable but not in any state", p)
				}
			}
		})
	}
}

// walkComputed calls visit for every computed attribute of value v of a
// schema, at every depth of nested attributes and blocks; elements of
// lists and maps are "*" in the path.
func walkComputed(attrs map[string]schema.Attribute, blocks map[string]schema.Block, v tftypes.Value, prefix string, visit func(string, bool)) {
	var vals map[string]tftypes.Value
	if v.IsNull() || v.As(&vals) != nil {
		return
	}
	each := func(v tftypes.Value, f func(tftypes.Value)) {
		if v.IsNull() {
			return
		}
		var list []tftypes.Value
		if v.As(&list) == nil {
			for _, e := range list {
				f(e)
			}
			return
		}
		var m map[string]tftypes.Value
		if v.As(&m) == nil {
			for _, e := range m {
				f(e)
			}
		}
	}
	for name, a := range attrs {
		p := prefix + name
		val := vals[name]
		if a.IsComputed() {
			visit(p, val.IsNull())
		}
		switch n := a.(type) {
		case schema.SingleNestedAttribute:
			walkComputed(n.Attributes, nil, val, p+".", visit)
		case schema.ListNestedAttribute:
			each(val, func(e tftypes.Value) { walkComputed(n.NestedObject.Attributes, nil, e, p+".*.", visit) })
		case schema.MapNestedAttribute:
			each(val, func(e tftypes.Value) { walkComputed(n.NestedObject.Attributes, nil, e, p+".*.", visit) })
		}
	}
	for name, b := range blocks {
		p := prefix + name
		switch n := b.(type) {
		case schema.SingleNestedBlock:
			walkComputed(n.Attributes, n.Blocks, vals[name], p+".", visit)
		case schema.ListNestedBlock:
			each(vals[name], func(e tftypes.Value) {
				walkComputed(n.NestedObject.Attributes, n.NestedObject.Blocks, e, p+".*.", visit)
			})
		}
	}
}
