// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// Schema pieces the planning data sources share. Attributes carry no
// validators: each input is checked where it is decoded (inputs.go).

// settingsFields are the inputs of a settings block (`current`), each
// name spelled once: the schema and the decoder both come from here.
var settingsFields = []struct {
	name, description string
	set               func(*ipam.Settings, ipam.Target)
}{
	{"warm_eni_target", "`WARM_ENI_TARGET`, 0 to 100000; null means the add-on default, 1. Ignored by ipamd when an IP target is set.",
		func(s *ipam.Settings, t ipam.Target) { s.WarmENITarget = t }},
	{"warm_ip_target", "`WARM_IP_TARGET`, 0 to 100000; null means not set. ipamd reads 0 as not set too.",
		func(s *ipam.Settings, t ipam.Target) { s.WarmIPTarget = t }},
	{"minimum_ip_target", "`MINIMUM_IP_TARGET`, 0 to 100000; null means not set. ipamd reads 0 as not set too.",
		func(s *ipam.Settings, t ipam.Target) { s.MinimumIPTarget = t }},
	{"warm_prefix_target", "`WARM_PREFIX_TARGET` (prefix delegation only), 0 to 100000; null means the add-on default, 1.",
		func(s *ipam.Settings, t ipam.Target) { s.WarmPrefixTarget = t }},
}

// settingsInputAttributes are the optional inputs of a settings block.
func settingsInputAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for _, f := range settingsFields {
		attrs[f.name] = schema.NumberAttribute{MarkdownDescription: f.description, Optional: true}
	}
	return attrs
}

var projectionDescriptions = map[string]string{
	"enis_per_node":          "ENIs attached to each node, the primary ENI included.",
	"secondary_ips_per_node": "Secondary addresses each node holds (0 under prefix delegation).",
	"prefixes_per_node":      "/28 prefixes each node holds (0 without prefix delegation).",
	"ips_per_node": "Subnet addresses each node takes: `enis_per_node + secondary_ips_per_node + 16 * prefixes_per_node`, and 1 more for the " +
		"trunk ENI with security groups for pods (the branch ENIs' addresses are `branch_ips_per_node`).",
	"free_ips_per_node": "Pod addresses each node holds but does not use.",
	"pods_without_ip":   "Pods per node the settings leave without an address (they stay in ContainerCreating).",
	"total_ips":         "`ips_per_node` times the node count.",
}

// projectionAttributes are the computed attributes of a projection.
func projectionAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for name, desc := range projectionDescriptions {
		attrs[name] = computedInt(desc)
	}
	return attrs
}

func computedInt(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// optionalNumber is an optional count; desc says its range.
func optionalNumber(desc string) schema.NumberAttribute {
	return schema.NumberAttribute{MarkdownDescription: desc, Optional: true}
}

// defaultedNumber and defaultedBool are optional inputs that report the
// default they took.
func defaultedNumber(desc string) schema.NumberAttribute {
	return schema.NumberAttribute{MarkdownDescription: desc, Optional: true, Computed: true}
}

func defaultedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Optional: true, Computed: true}
}

func defaultedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Computed: true}
}

// stringList is an optional list of strings.
func stringList(desc string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Optional: true}
}

// expectedPodsAttribute is a required count of pods per node.
func expectedPodsAttribute(desc string) schema.NumberAttribute {
	return schema.NumberAttribute{MarkdownDescription: desc + " 1 to 100000.", Required: true}
}

// alternativesAttribute is the `alternatives` list of the planning data
// sources; when names the moment the numbers are for.
func alternativesAttribute(when string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "The fixes for subnet exhaustion side by side, " + when + ", one entry per remedy in this order: " +
			"`ip_targets` (secondary IPs with `WARM_IP_TARGET`/`MINIMUM_IP_TARGET`, the recommendation without prefix delegation or custom networking), " +
			"`prefix_delegation` (the same targets in /28 prefixes), `custom_networking` (the same targets, pod ENIs in ENIConfig subnets, with prefix " +
			"delegation when the cluster runs it or the pods need it), `subnet_discovery` (the same targets, the ENIs after the primary in subnets " +
			"tagged `kubernetes.io/role/cni`) and `ipv6` (an IPv6 cluster). Each is a whole configuration on its own, computed with " +
			"the same model as the recommendation, so the numbers compare; the entry of the configuration's own mode is the plan itself. " +
			"Remedies a group's nodes cannot use (Windows nodes run none but `ip_targets` and `prefix_delegation`) are not possible.",
		Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"remedy": computedString("`ip_targets`, `prefix_delegation`, `custom_networking`, `subnet_discovery` or `ipv6`."),
			"env": schema.MapAttribute{
				MarkdownDescription: "The aws-node environment variables the remedy needs, values as strings.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"possible":        computedBool("Whether the instance types can run the expected pods with this remedy at all; when false `notes` says why and the numbers are null."),
			"node_subnet_ips": computedInt("Addresses the nodes take from the node subnets, " + when + "."),
			"pod_subnet_ips": computedInt("Addresses the pod ENIs take from ENIConfig subnets (`custom_networking`) or from `kubernetes.io/role/cni` " +
				"subnets (`subnet_discovery`), " + when + "; 0 for the other remedies."),
			"node_subnet_ips_saved": computedInt("Node-subnet addresses saved against the vpc-cni add-on defaults (`baseline`) at the same moment; " +
				"negative when the remedy costs more."),
			"fits": computedBool("Whether the given subnets hold it (aligned /28 blocks included under prefix delegation). " +
				"Null without subnets, or when not possible. For `custom_networking` without given pod subnets (and `subnet_discovery` without `cni` subnets), it covers the node subnets and " +
				"whether an ENIConfig subnet of a /16 or smaller per zone could hold the pods."),
			"smallest_node_subnet_prefix": computedInt("Prefix length of the smallest per-AZ node subnet that would hold the busiest zone's share " +
				"(in `vpccni_warm_pool`, the busiest subnet's), for example 24 for a /24; null when not even a /16 would."),
			"smallest_pod_subnet_prefix": computedInt("`custom_networking` and `subnet_discovery`: prefix length of the smallest ENIConfig or `kubernetes.io/role/cni` " +
				"subnet per zone that would hold its pod addresses; null for the other remedies, or when not even a /16 would."),
			"notes": computedString("One line: what the remedy needs and costs, and what is specific to this plan."),
		}},
	}
}
