// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

var (
	_ datasource.DataSource                   = &WarmPoolDataSource{}
	_ datasource.DataSourceWithValidateConfig = &WarmPoolDataSource{}
)

// NewWarmPoolDataSource returns the vpccni_warm_pool data source.
func NewWarmPoolDataSource() datasource.DataSource {
	return &WarmPoolDataSource{}
}

// WarmPoolDataSource recommends WARM_IP_TARGET and MINIMUM_IP_TARGET for a
// node group, projects its subnet use before and after, and fails the plan
// when the subnets cannot hold it.
type WarmPoolDataSource struct{}

// warmPoolModel is the configuration, read from the raw value by
// warmPoolModelOf (see tfobject.go for why not by reflection).
type warmPoolModel struct {
	instanceLimitsModel
	ExpectedPods             types.Number
	NodeCount                types.Number
	SpareIPs                 types.Number
	MaxPods                  types.Number
	PrefixDelegation         types.Bool
	CustomNetworking         types.Bool
	SubnetCIDRs              types.List
	PodSubnetCIDRs           types.List
	SubnetAvailableIPs       types.List
	FailOnInsufficientSubnet types.Bool
	// Current is nil when not given.
	Current *settingsModel
}

func warmPoolModelOf(o tfObject) warmPoolModel {
	return warmPoolModel{
		instanceLimitsModel:      instanceLimitsModelOf(o),
		ExpectedPods:             numberOfValue(o["expected_pods"]),
		NodeCount:                numberOfValue(o["node_count"]),
		SpareIPs:                 numberOfValue(o["spare_ips"]),
		MaxPods:                  numberOfValue(o["max_pods"]),
		PrefixDelegation:         boolOf(o["prefix_delegation"]),
		CustomNetworking:         boolOf(o["custom_networking"]),
		SubnetCIDRs:              stringListOf(o["subnet_cidrs"]),
		PodSubnetCIDRs:           stringListOf(o["pod_subnet_cidrs"]),
		SubnetAvailableIPs:       numberListOf(o["subnet_available_ips"]),
		FailOnInsufficientSubnet: boolOf(o["fail_on_insufficient_subnet"]),
		Current:                  settingsFrom(o["current"]),
	}
}

func (d *WarmPoolDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_warm_pool"
}

func (d *WarmPoolDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := instanceLimitsAttributes(false)
	currentAttrs := settingsInputAttributes()
	maps.Copy(currentAttrs, projectionAttributes())
	maps.Copy(attrs, map[string]schema.Attribute{
		"expected_pods": expectedPodsAttribute("Pods per node that need a VPC address: hostNetwork pods (aws-node, kube-proxy and the like) excluded. " +
			"Becomes `MINIMUM_IP_TARGET`. Must not exceed `max_pods`."),
		"node_count": schema.NumberAttribute{
			MarkdownDescription: "Nodes in the group. Totals and the subnet check multiply by it.",
			Required:            true,
			Validators:          []validator.Number{wholeBetween(1, maxTarget)},
		},
		"spare_ips": spareIPsAttribute("Free addresses each node keeps for pods about to start: becomes `WARM_IP_TARGET`. Default 2. " +
			"Fewer spare addresses save subnet space but cost EC2 `AssignPrivateIpAddresses` calls and start-up latency when pods burst; " +
			"0 is raised to 1 with a warning, because ipamd reads `WARM_IP_TARGET=0` as unset and `MINIMUM_IP_TARGET` alone freezes the pool."),
		"max_pods": schema.NumberAttribute{
			MarkdownDescription: "The kubelet's max pods. Set it to override the EKS value; it is then the value ipamd stops growing the pool at. " +
				"Reports the value used (see `vpccni_instance_type` for how EKS computes it).",
			Optional:   true,
			Computed:   true,
			Validators: []validator.Number{wholeBetween(1, maxTarget)},
		},
		"prefix_delegation": schema.BoolAttribute{
			MarkdownDescription: "Whether `ENABLE_PREFIX_DELEGATION` is on: nodes hold /28 prefixes instead of single addresses. Default false.",
			Optional:            true,
			Computed:            true,
		},
		"custom_networking": schema.BoolAttribute{
			MarkdownDescription: "Whether custom networking is on (`AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`): pod ENIs live in ENIConfig subnets (`pod_subnet_cidrs`), the primary ENI carries no pods, " +
				"max pods drops to `(ENIs - 1) * (IPs - 1) + 2`, and the node subnet keeps one address per node. Default false. The env then also sets " +
				"`ENI_CONFIG_LABEL_DEF`; for the add-on's eniConfig section with subnet ids per zone use `vpccni_cluster`.",
			Optional: true,
			Computed: true,
		},
		"pod_subnet_cidrs": cidrListAttribute("With custom networking: IPv4 CIDRs of the ENIConfig (pod) subnets, for example in a secondary CIDR of 100.64.0.0/10. Nodes spread evenly over them."),
		"subnet_cidrs": cidrListAttribute("IPv4 CIDRs of the subnets the node ENIs use (for example `aws_subnet.x.cidr_block`). Nodes spread evenly over them, the remainder on the first. " +
			"Capacity is the CIDR's size minus AWS's 5 reserved addresses unless `subnet_available_ips` gives it."),
		"subnet_available_ips": schema.ListAttribute{
			MarkdownDescription: "Free addresses per subnet (for example `aws_subnet.x.available_ip_address_count`, which already excludes reserved and used addresses). " +
				"When set, these are the capacity; with `subnet_cidrs` the lists pair up by position and must be the same length.",
			ElementType: types.NumberType,
			Optional:    true,
			Validators: []validator.List{
				listvalidator.SizeAtLeast(1),
				listvalidator.NoNullValues(),
				listvalidator.ValueNumbersAre(wholeBetween(0, 1<<24)),
			},
		},
		"fail_on_insufficient_subnet": schema.BoolAttribute{
			MarkdownDescription: "Whether a subnet too small for the recommended settings fails the plan (default true). With false the same message is a warning and `subnet_fits` is false.",
			Optional:            true,
			Computed:            true,
		},
		"current": schema.SingleNestedAttribute{
			MarkdownDescription: "Today's aws-node settings, projected beside the recommendation. Null fields mean the vpc-cni add-on defaults. " +
				"Settings that upstream handles badly (MINIMUM_IP_TARGET without WARM_IP_TARGET, WARM_ENI_TARGET=0, WARM_PREFIX_TARGET=0 under prefix delegation) " +
				"get a warning. The projection attributes are filled in.",
			Optional:   true,
			Attributes: currentAttrs,
		},
		"warm_ip_target": schema.Int64Attribute{
			MarkdownDescription: "Recommended `WARM_IP_TARGET`: `spare_ips`, clamped to what the node can hold.",
			Computed:            true,
		},
		"minimum_ip_target": schema.Int64Attribute{
			MarkdownDescription: "Recommended `MINIMUM_IP_TARGET`: `expected_pods`, so a new node holds its pods' addresses before they arrive.",
			Computed:            true,
		},
		"env": schema.MapAttribute{
			MarkdownDescription: "Exactly the aws-node environment variables to set, values as strings. `WARM_ENI_TARGET` is left out: IP targets override it.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"configuration_values": schema.StringAttribute{
			MarkdownDescription: "`jsonencode({ env = env })`, byte for byte: ready for `aws_eks_addon.configuration_values` or terraform-aws-eks `cluster_addons`.",
			Computed:            true,
		},
		"recommended": schema.SingleNestedAttribute{
			MarkdownDescription: "Projection with the recommended settings.",
			Computed:            true,
			Attributes:          projectionAttributes(),
		},
		"baseline": schema.SingleNestedAttribute{
			MarkdownDescription: "Projection with the vpc-cni add-on defaults (WARM_ENI_TARGET=1, and WARM_PREFIX_TARGET=1 under prefix delegation).",
			Computed:            true,
			Attributes:          projectionAttributes(),
		},
		"saved_ips": schema.Int64Attribute{
			MarkdownDescription: "`baseline.total_ips - recommended.total_ips` (negative when the recommendation holds more).",
			Computed:            true,
		},
		"subnet_capacity": schema.Int64Attribute{
			MarkdownDescription: "Addresses the subnets offer in all; null without subnets.",
			Computed:            true,
		},
		"subnet_fits": schema.BoolAttribute{
			MarkdownDescription: "Whether every subnet holds its nodes with the recommended settings; null without subnets.",
			Computed:            true,
		},
		"subnets": schema.ListNestedAttribute{
			MarkdownDescription: "Per node subnet, in input order: its nodes and what they need with the recommended settings.",
			Computed:            true,
			NestedObject:        subnetUsageObject(),
		},
		"pod_subnets": schema.ListNestedAttribute{
			MarkdownDescription: "Per pod subnet (custom networking), in input order: its nodes and their pod ENIs' addresses with the recommended settings.",
			Computed:            true,
			NestedObject:        subnetUsageObject(),
		},
		"alternatives": alternativesAttribute("for `node_count` nodes"),
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Recommends aws-node `WARM_IP_TARGET` and `MINIMUM_IP_TARGET` for a node group of one instance type, projects the subnet addresses " +
			"its nodes take with the recommendation, with the vpc-cni add-on defaults and with today's settings, and fails the plan, with the numbers and the ways out, " +
			"when the subnets are too small. Projections are for pods rising to `expected_pods`; falling pods release addresses only with IP targets.",
		Attributes: attrs,
	}
}

// inRange reports whether every number is within its validator's range,
// so that checks combining attributes do not repeat a validator's error
// with numbers computed from the bad value.
func (m warmPoolModel) inRange() bool {
	ok := overridesInRange(m.MaxNetworkInterfaces, m.IPv4AddressesPerInterface, m.VCPUs) &&
		inRange(m.MaxENI, 1, maxOverrideENIs) && inRange(m.ExpectedPods, 1, maxTarget) &&
		inRange(m.NodeCount, 1, maxTarget) && inRange(m.SpareIPs, 0, maxTarget) && inRange(m.MaxPods, 1, maxTarget) &&
		!m.ExpectedPods.IsNull() && !m.NodeCount.IsNull() && !m.InstanceType.IsNull()
	for _, v := range m.SubnetAvailableIPs.Elements() {
		n, isNumber := v.(types.Number)
		ok = ok && isNumber && !n.IsNull() && inRange(n, 0, 1<<24)
	}
	return ok && noNullElements(m.SubnetCIDRs) && noNullElements(m.PodSubnetCIDRs) && (m.Current == nil || m.Current.inRange())
}

// input converts a configuration whose values are all known.
func (m warmPoolModel) input() (plan.WarmPoolInput, diag.Diagnostics) {
	inst, diags := m.resolve(path.Empty())
	if diags.HasError() {
		return plan.WarmPoolInput{}, diags
	}
	in := plan.WarmPoolInput{
		InstanceType: m.InstanceType.ValueString(),
		Node:         inst.node,
		Mode: ipam.Settings{
			PrefixDelegation: m.PrefixDelegation.ValueBool(),
			CustomNetworking: m.CustomNetworking.ValueBool(),
			MaxENI:           inst.maxENI,
			MaxPods:          intOf(m.MaxPods),
		},
		ExpectedPods:             intOf(m.ExpectedPods),
		NodeCount:                intOf(m.NodeCount),
		SpareIPs:                 intOr(m.SpareIPs, plan.DefaultSpareIPs),
		FailOnInsufficientSubnet: m.FailOnInsufficientSubnet.IsNull() || m.FailOnInsufficientSubnet.ValueBool(),
		Subnets:                  subnetInputs(m.SubnetCIDRs, m.SubnetAvailableIPs),
		PodSubnets:               subnetInputs(m.PodSubnetCIDRs, types.ListNull(types.NumberType)),
	}
	if m.Current != nil {
		s := m.Current.toSettings()
		in.Current = &s
	}
	return in, diags
}

func (d *WarmPoolDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	raw := objectOf(req.Config.Raw)
	if raw == nil {
		return
	}
	// The lists' lengths are known as soon as the lists are, even when
	// their elements are not.
	resp.Diagnostics.Append(validateSubnetListLengths(stringListOf(raw["subnet_cidrs"]), numberListOf(raw["subnet_available_ips"]))...)
	if resp.Diagnostics.HasError() || !req.Config.Raw.IsFullyKnown() {
		return
	}
	m := warmPoolModelOf(raw)
	if !m.inRange() {
		return // the attribute validators report it
	}
	in, diags := m.input()
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	appendFindings(&resp.Diagnostics, plan.ValidateWarmPool(in), true)
}

func (d *WarmPoolDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	raw := objectOf(req.Config.Raw)
	m := warmPoolModelOf(raw)
	resp.Diagnostics.Append(validateSubnetListLengths(m.SubnetCIDRs, m.SubnetAvailableIPs)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := m.input()
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	findings := plan.ValidateWarmPool(in)
	if findings.HasError() {
		appendFindings(&resp.Diagnostics, findings, false)
		return
	}
	r := plan.WarmPool(in)
	appendFindings(&resp.Diagnostics, r.Findings, false)
	if r.Findings.HasError() {
		return
	}

	t := req.Config.Raw.Type()
	out := raw.clone()
	out["spare_ips"] = tfInt(in.SpareIPs)
	out["max_pods"] = tfInt(r.MaxPods.Pods)
	out["prefix_delegation"] = tfBool(in.Mode.PrefixDelegation)
	out["custom_networking"] = tfBool(in.Mode.CustomNetworking)
	out["fail_on_insufficient_subnet"] = tfBool(in.FailOnInsufficientSubnet)
	out["warm_ip_target"] = tfInt(r.Recommended.WarmIPTarget.Or(0))
	out["minimum_ip_target"] = tfInt(r.Recommended.MinimumIPTarget.Or(0))
	out["env"], out["configuration_values"] = envValues(r.Recommended, nil)
	total := map[string]int{"total_ips": in.NodeCount}
	out["recommended"] = projectionValue(attrType(t, "recommended"), r.RecommendedNode, total, nil)
	out["baseline"] = projectionValue(attrType(t, "baseline"), r.BaselineNode, total, nil)
	if r.CurrentNode != nil {
		out["current"] = projectionValue(attrType(t, "current"), *r.CurrentNode, total, objectOf(raw["current"]))
	}
	out["saved_ips"] = tfInt(r.SavedIPs)
	out["subnets"] = subnetUsageList(attrType(t, "subnets"), r.Subnets)
	out["pod_subnets"] = subnetUsageList(attrType(t, "pod_subnets"), r.PodSubnets)
	out["alternatives"] = alternativesValue(attrType(t, "alternatives"), r.Alternatives)
	if len(r.Subnets)+len(r.PodSubnets) > 0 {
		out["subnet_capacity"] = tfInt(r.SubnetCapacity)
		out["subnet_fits"] = tfBool(r.SubnetFits)
	} else {
		out["subnet_capacity"] = tfNull(tftypes.Number)
		out["subnet_fits"] = tfNull(tftypes.Bool)
	}
	resp.State.Raw = tftypes.NewValue(t, out)
}

// cidrListAttribute is an optional list of subnet CIDRs.
func cidrListAttribute(description string) schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: description,
		ElementType:         types.StringType,
		Optional:            true,
		Validators: []validator.List{
			listvalidator.SizeAtLeast(1),
			listvalidator.NoNullValues(),
			listvalidator.UniqueValues(),
			listvalidator.ValueStringsAre(cidrValidator),
		},
	}
}

func subnetUsageObject() schema.NestedAttributeObject {
	return schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"cidr":       schema.StringAttribute{MarkdownDescription: "The subnet CIDR; null when only `subnet_available_ips` was given.", Computed: true},
		"capacity":   schema.Int64Attribute{MarkdownDescription: "Usable addresses: the CIDR's size minus 5, or the available count.", Computed: true},
		"nodes":      schema.Int64Attribute{MarkdownDescription: "Nodes placed in the subnet.", Computed: true},
		"ips_needed": schema.Int64Attribute{MarkdownDescription: "Addresses the nodes take from it with the recommended settings.", Computed: true},
		"fits":       schema.BoolAttribute{MarkdownDescription: "Whether the subnet holds them (under prefix delegation, in aligned /28 blocks too).", Computed: true},
	}}
}

// subnetUsageList writes the per-subnet usage list of type t.
func subnetUsageList(t tftypes.Type, usage []plan.SubnetUsage) tftypes.Value {
	et := elementType(t)
	elems := make([]tftypes.Value, len(usage))
	for i, u := range usage {
		cidr := tfNull(tftypes.String)
		if u.CIDR != "" {
			cidr = tfString(u.CIDR)
		}
		elems[i] = tfObjectValue(et, map[string]tftypes.Value{
			"cidr":       cidr,
			"capacity":   tfInt(u.Capacity),
			"nodes":      tfInt(u.Nodes),
			"ips_needed": tfInt(u.IPsNeeded),
			"fits":       tfBool(u.Fits),
		})
	}
	return tftypes.NewValue(t, elems)
}
