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
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

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

type warmPoolModel struct {
	instanceLimitsModel
	ExpectedPods             types.Number `tfsdk:"expected_pods"`
	NodeCount                types.Number `tfsdk:"node_count"`
	SpareIPs                 types.Number `tfsdk:"spare_ips"`
	MaxPods                  types.Number `tfsdk:"max_pods"`
	PrefixDelegation         types.Bool   `tfsdk:"prefix_delegation"`
	CustomNetworking         types.Bool   `tfsdk:"custom_networking"`
	SubnetCIDRs              types.List   `tfsdk:"subnet_cidrs"`
	PodSubnetCIDRs           types.List   `tfsdk:"pod_subnet_cidrs"`
	SubnetAvailableIPs       types.List   `tfsdk:"subnet_available_ips"`
	FailOnInsufficientSubnet types.Bool   `tfsdk:"fail_on_insufficient_subnet"`
	Current                  types.Object `tfsdk:"current"`

	WarmIPTarget        types.Int64        `tfsdk:"warm_ip_target"`
	MinimumIPTarget     types.Int64        `tfsdk:"minimum_ip_target"`
	Env                 types.Map          `tfsdk:"env"`
	ConfigurationValues types.String       `tfsdk:"configuration_values"`
	Recommended         *projectionModel   `tfsdk:"recommended"`
	Baseline            *projectionModel   `tfsdk:"baseline"`
	SavedIPs            types.Int64        `tfsdk:"saved_ips"`
	SubnetCapacity      types.Int64        `tfsdk:"subnet_capacity"`
	SubnetFits          types.Bool         `tfsdk:"subnet_fits"`
	Subnets             []subnetUsageModel `tfsdk:"subnets"`
	PodSubnets          []subnetUsageModel `tfsdk:"pod_subnets"`
}

// currentModel is the `current` object: settings in, projection out.
type currentModel struct {
	settingsModel
	projectionModel
}

type subnetUsageModel struct {
	CIDR      types.String `tfsdk:"cidr"`
	Capacity  types.Int64  `tfsdk:"capacity"`
	Nodes     types.Int64  `tfsdk:"nodes"`
	IPsNeeded types.Int64  `tfsdk:"ips_needed"`
	Fits      types.Bool   `tfsdk:"fits"`
}

func (d *WarmPoolDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_warm_pool"
}

func (d *WarmPoolDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := instanceLimitsAttributes(false)
	currentAttrs := settingsInputAttributes()
	maps.Copy(currentAttrs, projectionAttributes())
	maps.Copy(attrs, map[string]schema.Attribute{
		"expected_pods": schema.NumberAttribute{
			MarkdownDescription: "Pods per node that need a VPC address: hostNetwork pods (aws-node, kube-proxy and the like) excluded. " +
				"Becomes `MINIMUM_IP_TARGET`. Must not exceed `max_pods`.",
			Required:   true,
			Validators: []validator.Number{wholeBetween(1, maxTarget)},
		},
		"node_count": schema.NumberAttribute{
			MarkdownDescription: "Nodes in the group. Totals and the subnet check multiply by it.",
			Required:            true,
			Validators:          []validator.Number{wholeBetween(1, maxTarget)},
		},
		"spare_ips": schema.NumberAttribute{
			MarkdownDescription: "Free addresses each node keeps for pods about to start: becomes `WARM_IP_TARGET`. Default 2. " +
				"Fewer spare addresses save subnet space but cost EC2 `AssignPrivateIpAddresses` calls and start-up latency when pods burst; " +
				"0 is raised to 1 with a warning, because ipamd reads `WARM_IP_TARGET=0` as unset and `MINIMUM_IP_TARGET` alone freezes the pool.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.Number{wholeBetween(0, maxTarget)},
		},
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
	ok := inRange(m.MaxNetworkInterfaces, 1, maxOverrideENIs) && inRange(m.IPv4AddressesPerInterface, 2, maxOverrideIPsPerENI) &&
		inRange(m.VCPUs, 1, maxVCPUs) && inRange(m.MaxENI, 1, maxOverrideENIs) && inRange(m.ExpectedPods, 1, maxTarget) &&
		inRange(m.NodeCount, 1, maxTarget) && inRange(m.SpareIPs, 0, maxTarget) && inRange(m.MaxPods, 1, maxTarget) &&
		!m.ExpectedPods.IsNull() && !m.NodeCount.IsNull() && !m.InstanceType.IsNull()
	for _, v := range m.SubnetAvailableIPs.Elements() {
		n, isNumber := v.(types.Number)
		ok = ok && isNumber && !n.IsNull() && inRange(n, 0, 1<<24)
	}
	ok = ok && noNullElements(m.SubnetCIDRs) && noNullElements(m.PodSubnetCIDRs)
	if !m.Current.IsNull() {
		var cur currentModel
		if diags := m.Current.As(context.Background(), &cur, basetypes.ObjectAsOptions{}); diags.HasError() || !cur.inRange() {
			return false
		}
	}
	return ok
}

// input converts a configuration whose values are all known.
func (m warmPoolModel) input(ctx context.Context) (plan.WarmPoolInput, diag.Diagnostics) {
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
	}
	if !m.Current.IsNull() {
		var cur currentModel
		diags.Append(m.Current.As(ctx, &cur, basetypes.ObjectAsOptions{})...)
		s := cur.toSettings()
		in.Current = &s
	}
	subnets, d := subnetInputs(ctx, m.SubnetCIDRs, m.SubnetAvailableIPs)
	diags.Append(d...)
	in.Subnets = subnets
	podSubnets, d := subnetInputs(ctx, m.PodSubnetCIDRs, types.ListNull(types.NumberType))
	diags.Append(d...)
	in.PodSubnets = podSubnets
	return in, diags
}

func (d *WarmPoolDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m warmPoolModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateSubnetListLengths(m.SubnetCIDRs, m.SubnetAvailableIPs)...)
	if !m.known() || !allKnown(m.ExpectedPods, m.NodeCount, m.SpareIPs, m.MaxPods, m.PrefixDelegation, m.CustomNetworking,
		m.FailOnInsufficientSubnet, m.Current, m.SubnetCIDRs, m.SubnetAvailableIPs, m.PodSubnetCIDRs) || resp.Diagnostics.HasError() {
		return
	}
	if !m.inRange() {
		return // the attribute validators report it
	}
	in, diags := m.input(ctx)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	appendFindings(&resp.Diagnostics, plan.ValidateWarmPool(in), true)
}

func (d *WarmPoolDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m warmPoolModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := m.input(ctx)
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

	m.SpareIPs = numberOf(in.SpareIPs)
	m.MaxPods = numberOf(r.MaxPods.Pods)
	m.PrefixDelegation = types.BoolValue(in.Mode.PrefixDelegation)
	m.CustomNetworking = types.BoolValue(in.Mode.CustomNetworking)
	m.FailOnInsufficientSubnet = types.BoolValue(in.FailOnInsufficientSubnet)
	m.WarmIPTarget = types.Int64Value(int64(r.Recommended.WarmIPTarget.Or(0)))
	m.MinimumIPTarget = types.Int64Value(int64(r.Recommended.MinimumIPTarget.Or(0)))
	var d2 diag.Diagnostics
	m.Env, m.ConfigurationValues, d2 = envValue(ctx, r.Recommended, nil)
	resp.Diagnostics.Append(d2...)
	rec := newProjectionModel(r.RecommendedNode, in.NodeCount)
	base := newProjectionModel(r.BaselineNode, in.NodeCount)
	m.Recommended, m.Baseline = &rec, &base
	m.SavedIPs = types.Int64Value(int64(r.SavedIPs))
	if r.CurrentNode != nil {
		var cur currentModel
		resp.Diagnostics.Append(m.Current.As(ctx, &cur, basetypes.ObjectAsOptions{})...)
		cur.projectionModel = newProjectionModel(*r.CurrentNode, in.NodeCount)
		obj, d3 := types.ObjectValueFrom(ctx, m.Current.AttributeTypes(ctx), cur)
		resp.Diagnostics.Append(d3...)
		m.Current = obj
	}
	m.Subnets, m.PodSubnets = subnetUsageModels(r.Subnets), subnetUsageModels(r.PodSubnets)
	if len(r.Subnets)+len(r.PodSubnets) > 0 {
		m.SubnetCapacity = types.Int64Value(int64(r.SubnetCapacity))
		m.SubnetFits = types.BoolValue(r.SubnetFits)
	} else {
		m.SubnetCapacity, m.SubnetFits = types.Int64Null(), types.BoolNull()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
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
			listvalidator.ValueStringsAre(cidrValidator{}),
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

func subnetUsageModels(usage []plan.SubnetUsage) []subnetUsageModel {
	out := make([]subnetUsageModel, len(usage))
	for i, u := range usage {
		cidr := types.StringNull()
		if u.CIDR != "" {
			cidr = types.StringValue(u.CIDR)
		}
		out[i] = subnetUsageModel{
			CIDR:      cidr,
			Capacity:  types.Int64Value(int64(u.Capacity)),
			Nodes:     types.Int64Value(int64(u.Nodes)),
			IPsNeeded: types.Int64Value(int64(u.IPsNeeded)),
			Fits:      types.BoolValue(u.Fits),
		}
	}
	return out
}
