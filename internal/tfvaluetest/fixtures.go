// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package tfvaluetest

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The configurations the provider's and the floor provider's benchmarks
// share, so that both measure the same inputs.

// WarmPoolArticle is the field report's node group as a vpccni_warm_pool
// configuration: ten r5.xlarge nodes running 20 pods in one /24.
func WarmPoolArticle() map[string]any {
	return map[string]any{
		"instance_type": "r5.xlarge",
		"expected_pods": 20,
		"node_count":    10,
		"subnet_cidrs":  []any{"10.0.0.0/24"},
	}
}

// clusterTypes are the instance types Cluster cycles through, with their
// expected pods.
var clusterTypes = []struct {
	name string
	pods int
}{{"m5.large", 20}, {"r5.xlarge", 40}, {"c5.4xlarge", 100}, {"m5.2xlarge", 50}, {"t3.medium", 15}}

// Cluster is a vpccni_cluster configuration of n node groups cycling
// through five instance types over three /16 node subnets in three zones,
// room enough for every group at max + surge.
func Cluster(n int) map[string]any {
	groups := make([]any, n)
	for i := range groups {
		it := clusterTypes[i%len(clusterTypes)]
		groups[i] = map[string]any{
			"name":          fmt.Sprintf("group-%02d", i),
			"instance_type": it.name,
			"expected_pods": it.pods,
			"desired_nodes": 3,
			"max_nodes":     6,
		}
	}
	subnets := make([]any, 3)
	for i := range subnets {
		subnets[i] = map[string]any{
			"id":                fmt.Sprintf("subnet-%c", 'a'+i),
			"cidr":              fmt.Sprintf("10.%d.0.0/16", i),
			"availability_zone": fmt.Sprintf("eu-west-1%c", 'a'+i),
		}
	}
	return map[string]any{"node_group": groups, "subnet": subnets}
}

// NodeIPsArgs are the arguments of node_ips("r5.xlarge", 20,
// { minimum_ip_target = 20, warm_ip_target = 2 }) as Terraform sends them.
func NodeIPsArgs() ([]*tfprotov6.DynamicValue, error) {
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"minimum_ip_target": tftypes.Number, "warm_ip_target": tftypes.Number}}
	args := make([]*tfprotov6.DynamicValue, 3)
	for i, a := range []struct {
		t tftypes.Type
		v tftypes.Value
	}{
		{tftypes.String, tftypes.NewValue(tftypes.String, "r5.xlarge")},
		{tftypes.Number, tftypes.NewValue(tftypes.Number, 20)},
		{tftypes.DynamicPseudoType, tftypes.NewValue(obj, map[string]tftypes.Value{
			"minimum_ip_target": tftypes.NewValue(tftypes.Number, 20), "warm_ip_target": tftypes.NewValue(tftypes.Number, 2)})},
	} {
		dv, err := tfprotov6.NewDynamicValue(a.t, a.v)
		if err != nil {
			return nil, err
		}
		args[i] = &dv
	}
	return args, nil
}
