// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

var _ function.Function = NodeIPsFunction{}

// NewNodeIPsFunction returns provider::vpccni::node_ips.
func NewNodeIPsFunction() function.Function {
	return NodeIPsFunction{}
}

// NodeIPsFunction returns the subnet addresses one node takes.
type NodeIPsFunction struct{}

// nodeIPsSettingKeys are the keys the settings argument may have: the
// `current` object's, plus prefix_delegation.
var nodeIPsSettingKeys = []string{"minimum_ip_target", "prefix_delegation", "warm_eni_target", "warm_ip_target", "warm_prefix_target"}

func (f NodeIPsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "node_ips"
}

func (f NodeIPsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Subnet addresses one EKS node takes for a number of pods and aws-node settings",
		MarkdownDescription: "Projects ipamd's warm pool on one node whose pods rose to `pods` and returns the subnet addresses it holds: " +
			"one primary address per ENI plus every secondary address (16 per /28 prefix under prefix delegation). It is the arithmetic of " +
			"`vpccni_warm_pool`'s `ips_per_node`, inline. The settings that upstream handles badly (`minimum_ip_target` without `warm_ip_target`, " +
			"`warm_eni_target = 0`) are projected as ipamd behaves, without the data source's warnings.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "instance_type",
				MarkdownDescription: "EC2 instance type, for example `r5.xlarge`.",
			},
			function.NumberParameter{
				Name:                "pods",
				MarkdownDescription: "Pods on the node that need a VPC address, a whole number from 0 to the type's max pods.",
			},
			function.DynamicParameter{
				Name: "settings",
				MarkdownDescription: "An object with any of `warm_eni_target`, `warm_ip_target`, `minimum_ip_target`, `warm_prefix_target` (numbers, " +
					"as `vpccni_warm_pool`'s `current`) and `prefix_delegation` (bool). Missing or null keys take the vpc-cni add-on defaults " +
					"(`WARM_ENI_TARGET=1`, `WARM_PREFIX_TARGET=1`); `{}` means all defaults. (A literal `null` is refused: OpenTofu would " +
					"turn it into an unknown result.)",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f NodeIPsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var instanceType string
	var podsArg *big.Float
	var settingsArg types.Dynamic
	resp.Error = req.Arguments.Get(ctx, &instanceType, &podsArg, &settingsArg)
	if resp.Error != nil {
		return
	}
	limits, msg := lookupInstanceType(instanceType)
	if msg != "" {
		// Terraform ends the message with its own full stop.
		resp.Error = function.NewArgumentFuncError(0, strings.TrimSuffix(msg, "."))
		return
	}
	settings, ferr := parseNodeIPsSettings(settingsArg)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	node := ipam.NodeFromLimits(limits, 0)
	maxPods := ipam.ComputeMaxPods(node, ipam.Mode{PrefixDelegation: settings.PrefixDelegation}).Pods
	pods, acc := podsArg.Int64()
	if !podsArg.IsInt() || acc != big.Exact || pods < 0 || pods > int64(maxPods) {
		resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("pods = %s: %s runs 0 to %d pods in this mode (a whole number)", formatNumber(podsArg), instanceType, maxPods))
		return
	}
	p := ipam.Project(node, settings, int(pods))
	resp.Error = resp.Result.Set(ctx, int64(p.SubnetIPs()))
}

// parseNodeIPsSettings reads the settings argument: null, or an object or
// map whose keys are among nodeIPsSettingKeys.
func parseNodeIPsSettings(arg types.Dynamic) (ipam.Settings, *function.FuncError) {
	s := ipam.AddonDefaults()
	if arg.IsNull() || arg.IsUnderlyingValueNull() {
		return s, function.NewArgumentFuncError(2, "settings is null; pass {} for the vpc-cni add-on defaults")
	}
	var fields map[string]attr.Value
	switch v := arg.UnderlyingValue().(type) {
	case types.Object:
		fields = v.Attributes()
	case types.Map:
		fields = v.Elements()
	default:
		return s, function.NewArgumentFuncError(2, fmt.Sprintf("settings must be an object such as { warm_ip_target = 2, minimum_ip_target = 20 }, not %s", kindOf(arg.UnderlyingValue())))
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !isSettingKey(k) {
			return s, function.NewArgumentFuncError(2, fmt.Sprintf("settings has an unknown key %s; the keys are %s", echo.Quote(k), strings.Join(nodeIPsSettingKeys, ", ")))
		}
		v := fields[k]
		if v.IsNull() {
			continue
		}
		if k == "prefix_delegation" {
			b, ok := v.(types.Bool)
			if !ok {
				return s, function.NewArgumentFuncError(2, fmt.Sprintf("settings.prefix_delegation must be a bool (true or false), not %s", kindOf(v)))
			}
			s.PrefixDelegation = b.ValueBool()
			continue
		}
		n, ferr := settingNumber(k, v)
		if ferr != nil {
			return s, ferr
		}
		switch k {
		case "warm_eni_target":
			s.WarmENITarget = ipam.TargetOf(n)
		case "warm_ip_target":
			s.WarmIPTarget = ipam.TargetOf(n)
		case "minimum_ip_target":
			s.MinimumIPTarget = ipam.TargetOf(n)
		case "warm_prefix_target":
			s.WarmPrefixTarget = ipam.TargetOf(n)
		}
	}
	return s, nil
}

// settingNumber reads a whole number from 0 to maxTarget.
func settingNumber(key string, v attr.Value) (int, *function.FuncError) {
	var f *big.Float
	switch n := v.(type) {
	case types.Number:
		f = n.ValueBigFloat()
	case types.Int64:
		f = new(big.Float).SetInt64(n.ValueInt64())
	default:
		return 0, function.NewArgumentFuncError(2, fmt.Sprintf("settings.%s must be a number, not %s", key, kindOf(v)))
	}
	i, acc := f.Int64()
	if acc != big.Exact || i < 0 || i > maxTarget {
		return 0, function.NewArgumentFuncError(2, fmt.Sprintf("settings.%s = %s: must be a whole number from 0 to %d", key, formatNumber(f), maxTarget))
	}
	return int(i), nil
}

func isSettingKey(k string) bool {
	i := sort.SearchStrings(nodeIPsSettingKeys, k)
	return i < len(nodeIPsSettingKeys) && nodeIPsSettingKeys[i] == k
}

// kindOf names a value's type as the Terraform language does ("a list",
// "a string"), never as a Go type.
func kindOf(v attr.Value) string {
	switch v.(type) {
	case types.String:
		return "a string"
	case types.Number, types.Int64, types.Int32, types.Float64, types.Float32:
		return "a number"
	case types.Bool:
		return "a bool"
	case types.List:
		return "a list"
	case types.Tuple:
		return "a tuple (a list literal such as [1, 2])"
	case types.Set:
		return "a set"
	case types.Map:
		return "a map"
	case types.Object:
		return "an object"
	case types.Dynamic:
		return "a value of unknown type"
	}
	return "a value of another type"
}
