// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/numbervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

var (
	_ datasource.DataSource                   = &ClusterDataSource{}
	_ datasource.DataSourceWithValidateConfig = &ClusterDataSource{}
)

// NewClusterDataSource returns the vpccni_cluster data source.
func NewClusterDataSource() datasource.DataSource {
	return &ClusterDataSource{}
}

// ClusterDataSource plans every node group of a cluster against its
// subnets with one cluster-wide aws-node setting pair.
type ClusterDataSource struct{}

// clusterModel is the configuration, read from the raw value by
// clusterModelOf (see tfobject.go for why not by reflection).
type clusterModel struct {
	NodeGroups               []nodeGroupModel
	Subnets                  []clusterSubnet
	SpareIPs                 types.Number
	PrefixDelegation         types.Bool
	CustomNetworking         types.Bool
	MaxENI                   types.Number
	Region                   types.String
	UpdateSurge              *updateSurge
	FailOnInsufficientSubnet types.Bool
	Current                  *settingsModel
}

type nodeGroupModel struct {
	Name                      types.String
	InstanceType              types.String
	MaxNetworkInterfaces      types.Number
	IPv4AddressesPerInterface types.Number
	VCPUs                     types.Number
	ExpectedPods              types.Number
	DesiredNodes              types.Number
	MaxNodes                  types.Number
	MaxPods                   types.Number
	SubnetIDs                 types.List
}

type clusterSubnet struct {
	ID               types.String
	CIDR             types.String
	AvailabilityZone types.String
	AvailableIPs     types.Number
	Purpose          types.String
	SecurityGroupIDs types.List
}

type updateSurge struct {
	ExtraNodes               types.Number
	MaxUnavailable           types.Number
	MaxUnavailablePercentage types.Number
}

func clusterModelOf(o tfObject) clusterModel {
	m := clusterModel{
		SpareIPs:                 numberOfValue(o["spare_ips"]),
		PrefixDelegation:         boolOf(o["prefix_delegation"]),
		CustomNetworking:         boolOf(o["custom_networking"]),
		MaxENI:                   numberOfValue(o["max_eni"]),
		Region:                   stringOf(o["region"]),
		FailOnInsufficientSubnet: boolOf(o["fail_on_insufficient_subnet"]),
		Current:                  settingsFrom(o["current"]),
	}
	for _, e := range elementsOf(o["node_groups"]) {
		g := objectOf(e)
		m.NodeGroups = append(m.NodeGroups, nodeGroupModel{
			Name:                      stringOf(g["name"]),
			InstanceType:              stringOf(g["instance_type"]),
			MaxNetworkInterfaces:      numberOfValue(g["max_network_interfaces"]),
			IPv4AddressesPerInterface: numberOfValue(g["ipv4_addresses_per_interface"]),
			VCPUs:                     numberOfValue(g["vcpus"]),
			ExpectedPods:              numberOfValue(g["expected_pods"]),
			DesiredNodes:              numberOfValue(g["desired_nodes"]),
			MaxNodes:                  numberOfValue(g["max_nodes"]),
			MaxPods:                   numberOfValue(g["max_pods"]),
			SubnetIDs:                 stringListOf(g["subnet_ids"]),
		})
	}
	for _, e := range elementsOf(o["subnets"]) {
		s := objectOf(e)
		m.Subnets = append(m.Subnets, clusterSubnet{
			ID:               stringOf(s["id"]),
			CIDR:             stringOf(s["cidr"]),
			AvailabilityZone: stringOf(s["availability_zone"]),
			AvailableIPs:     numberOfValue(s["available_ips"]),
			Purpose:          stringOf(s["purpose"]),
			SecurityGroupIDs: stringListOf(s["security_group_ids"]),
		})
	}
	if s := objectOf(o["update_surge"]); s != nil {
		m.UpdateSurge = &updateSurge{
			ExtraNodes:               numberOfValue(s["extra_nodes"]),
			MaxUnavailable:           numberOfValue(s["max_unavailable"]),
			MaxUnavailablePercentage: numberOfValue(s["max_unavailable_percentage"]),
		}
	}
	return m
}

func (d *ClusterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func computedInt(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
}

func usageAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"capacity":           computedInt("Usable addresses of " + what + ": CIDR size minus AWS's 5 reserved, or `available_ips`."),
		"ips_needed_desired": computedInt("Addresses needed with every group at its desired size."),
		"ips_needed_max":     computedInt("Addresses needed with every group at its max size."),
		"ips_needed_surge":   computedInt("Addresses needed at max size during a rolling update (max + surge nodes)."),
		"headroom":           computedInt("`capacity - ips_needed_surge`; negative when short."),
		"fits":               schema.BoolAttribute{MarkdownDescription: "Whether " + what + " holds max + surge (under prefix delegation, in aligned /28 blocks too).", Computed: true},
	}
}

func clusterProjectionAttributes(desc string) schema.SingleNestedAttribute {
	attrs := projectionAttributes()
	delete(attrs, "total_ips")
	maps.Copy(attrs, map[string]schema.Attribute{
		"total_ips_desired": computedInt("`ips_per_node` times desired nodes."),
		"total_ips_max":     computedInt("`ips_per_node` times max nodes."),
		"total_ips_surge":   computedInt("`ips_per_node` times max + surge nodes."),
	})
	return schema.SingleNestedAttribute{MarkdownDescription: desc, Computed: true, Attributes: attrs}
}

func (d *ClusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	groupAttrs := instanceTypeAttributes(false)
	maps.Copy(groupAttrs, map[string]schema.Attribute{
		"name": schema.StringAttribute{
			MarkdownDescription: "Name of the group; keys `groups`. Must be unique.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"expected_pods": expectedPodsAttribute("Pods per node that need a VPC address (hostNetwork pods excluded)."),
		"desired_nodes": schema.NumberAttribute{
			MarkdownDescription: "Nodes at the group's desired size (0 allowed with `max_nodes`).",
			Required:            true,
			Validators:          []validator.Number{wholeBetween(0, maxTarget)},
		},
		"max_nodes": schema.NumberAttribute{
			MarkdownDescription: "Nodes at the group's max size; default `desired_nodes`.",
			Optional:            true,
			Validators:          []validator.Number{wholeBetween(0, maxTarget)},
		},
		"max_pods": schema.NumberAttribute{
			MarkdownDescription: "The group's kubelet max pods, when not the EKS value.",
			Optional:            true,
			Validators:          []validator.Number{wholeBetween(1, maxTarget)},
		},
		"subnet_ids": schema.ListAttribute{
			MarkdownDescription: "Ids (from `subnets`) of the node subnets the group uses; default every subnet with purpose `nodes`. Nodes spread evenly over their zones, the remainder on the first.",
			ElementType:         types.StringType,
			Optional:            true,
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.NoNullValues(), listvalidator.UniqueValues()},
		},
	})
	currentAttrs := settingsInputAttributes()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Plans a whole EKS cluster: several node groups of different instance types, each between its desired and max size and " +
			"during rolling updates, over subnets per Availability Zone, with custom networking pod subnets and prefix delegation. Returns the one " +
			"aws-node setting pair that serves every group (aws-node is one DaemonSet), each group's projections and each subnet's load, and fails " +
			"the plan when a subnet cannot hold its nodes at their worst moment.",
		Attributes: map[string]schema.Attribute{
			"node_groups": schema.ListNestedAttribute{
				MarkdownDescription: "The node groups.",
				Required:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.NoNullValues()},
				NestedObject:        schema.NestedAttributeObject{Attributes: groupAttrs},
			},
			"subnets": schema.ListNestedAttribute{
				MarkdownDescription: "The subnets, as the aws provider's `aws_subnet` describes them.",
				Required:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.NoNullValues()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: "Subnet id; keys `subnets_usage`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.RegexMatches(noSpace, "must be a subnet id such as subnet-0123456789abcdef0, without white space")},
					},
					"cidr": schema.StringAttribute{
						MarkdownDescription: "IPv4 CIDR (`aws_subnet.cidr_block`). Needed to count aligned /28 blocks under prefix delegation.",
						Optional:            true,
						Validators:          []validator.String{cidrValidator},
					},
					"availability_zone": schema.StringAttribute{
						MarkdownDescription: "Availability Zone name (`aws_subnet.availability_zone`), for example `eu-west-1a`. Custom networking keys ENIConfigs by it, matched against the nodes' lower-case zone label.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.RegexMatches(zoneName, "must be an Availability Zone name such as eu-west-1a: lower-case letters, digits and dashes")},
					},
					"available_ips": schema.NumberAttribute{
						MarkdownDescription: "Free addresses (`aws_subnet.available_ip_address_count`); when set, the capacity.",
						Optional:            true,
						Validators:          []validator.Number{wholeBetween(0, 1<<24)},
					},
					"purpose": schema.StringAttribute{
						MarkdownDescription: "`nodes` (default) for node ENIs, or `pods` for a custom networking ENIConfig subnet (one per zone).",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.OneOf(plan.PurposeNodes, plan.PurposePods)},
					},
					"security_group_ids": schema.ListAttribute{
						MarkdownDescription: "Pod subnets only: the ENIConfig's security groups (default: the node's).",
						ElementType:         types.StringType,
						Optional:            true,
						Validators: []validator.List{listvalidator.NoNullValues(), listvalidator.UniqueValues(),
							listvalidator.ValueStringsAre(stringvalidator.RegexMatches(securityGroupID, "must be a security group id such as sg-0123456789abcdef0"))},
					},
				}},
			},
			"spare_ips": spareIPsAttribute("Free addresses each node keeps: `WARM_IP_TARGET`. Default 2; 0 is raised to 1 with a warning."),
			"prefix_delegation": schema.BoolAttribute{
				MarkdownDescription: "Whether `ENABLE_PREFIX_DELEGATION` is on. Default false.",
				Optional:            true,
				Computed:            true,
			},
			"custom_networking": schema.BoolAttribute{
				MarkdownDescription: "Whether custom networking is on. Default: true when a subnet has purpose `pods`.",
				Optional:            true,
				Computed:            true,
			},
			"max_eni": maxENIAttribute(),
			"region": schema.StringAttribute{
				MarkdownDescription: "AWS region, written into the add-on's `eniConfig.region` under custom networking.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(regionName, "must be an AWS region name such as eu-west-1")},
			},
			"update_surge": schema.SingleNestedAttribute{
				MarkdownDescription: "How many nodes a rolling update adds to each group. By default as EKS managed node groups do: the larger of twice " +
					"the group's zones and `maxUnavailable` (1), per the EKS User Guide's \"Understand each phase of node updates\" (scale-up phase).",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"extra_nodes": schema.NumberAttribute{
						MarkdownDescription: "A fixed surge per group (for example 0 for self-managed groups updated in place).",
						Optional:            true,
						Validators: []validator.Number{wholeBetween(0, maxTarget),
							numbervalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("max_unavailable"), path.MatchRelative().AtParent().AtName("max_unavailable_percentage"))},
					},
					"max_unavailable": schema.NumberAttribute{
						MarkdownDescription: "The node groups' `update_config.max_unavailable` (EKS default 1, quota 100).",
						Optional:            true,
						Validators: []validator.Number{wholeBetween(1, 100),
							numbervalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("max_unavailable_percentage"))},
					},
					"max_unavailable_percentage": schema.NumberAttribute{
						MarkdownDescription: "The node groups' `update_config.max_unavailable_percentage`, taken of each group's max nodes.",
						Optional:            true,
						Validators:          []validator.Number{wholeBetween(1, 100)},
					},
				},
			},
			"fail_on_insufficient_subnet": schema.BoolAttribute{
				MarkdownDescription: "Whether a subnet too small at max + surge fails the plan (default true); with false it warns.",
				Optional:            true,
				Computed:            true,
			},
			"current": schema.SingleNestedAttribute{
				MarkdownDescription: "Today's aws-node settings, projected per group in `groups[*].current`. Null fields mean the add-on defaults.",
				Optional:            true,
				Attributes:          currentAttrs,
			},
			"warm_ip_target": computedInt("Recommended `WARM_IP_TARGET`: `spare_ips`."),
			"minimum_ip_target": computedInt("Recommended `MINIMUM_IP_TARGET`: the smallest `expected_pods` of any group, which costs no group an address " +
				"at steady state (each settles at its pods + `WARM_IP_TARGET`); larger groups then wait on EC2 for addresses beyond it when a node starts."),
			"env": schema.MapAttribute{
				MarkdownDescription: "The aws-node variables to set. With custom networking also `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG` and `ENI_CONFIG_LABEL_DEF`.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"configuration_values": schema.StringAttribute{
				MarkdownDescription: "The vpc-cni add-on configuration, byte-identical to `jsonencode`: `env`, and with custom networking the " +
					"`eniConfig` section (create, region, and per zone the pod subnet id and security groups) of the aws-vpc-cni chart.",
				Computed: true,
			},
			"groups": schema.MapNestedAttribute{
				MarkdownDescription: "Per group name: projections with the recommended settings, the add-on defaults and `current`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"max_pods":    computedInt("The group's max pods."),
					"surge_nodes": computedInt("Nodes a rolling update adds."),
					"availability_zones": schema.ListAttribute{
						MarkdownDescription: "Zones of the group's node subnets, in the order nodes are spread.",
						ElementType:         types.StringType,
						Computed:            true,
					},
					"recommended": clusterProjectionAttributes("With the recommended settings."),
					"baseline":    clusterProjectionAttributes("With the add-on defaults (WARM_ENI_TARGET=1, WARM_PREFIX_TARGET=1)."),
					"current":     clusterProjectionAttributes("With `current`; null when not given."),
				}},
			},
			"subnets_usage": schema.MapNestedAttribute{
				MarkdownDescription: "Per subnet id: what it must hold with the recommended settings. Node subnets hold the nodes' addresses (1 per node under custom networking); pod subnets the pod ENIs'.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: func() map[string]schema.Attribute {
					attrs := usageAttributes("the subnet")
					maps.Copy(attrs, map[string]schema.Attribute{
						"availability_zone": schema.StringAttribute{MarkdownDescription: "Its zone.", Computed: true},
						"purpose":           schema.StringAttribute{MarkdownDescription: "`nodes` or `pods`.", Computed: true},
						"groups": schema.ListAttribute{
							MarkdownDescription: "Groups with nodes here at max + surge.",
							ElementType:         types.StringType,
							Computed:            true,
						},
						"prefix_blocks":        computedInt("Prefix delegation: aligned /28 blocks a fresh subnet of this CIDR offers (a /24: 14); null otherwise."),
						"prefix_blocks_needed": computedInt("Prefix delegation: /28 blocks needed at max + surge (prefixes, plus blocks spoiled by ENI primaries); null otherwise."),
						"prefix_reservation_cidr_size": computedInt("Prefix delegation: prefix length of an `aws_ec2_subnet_cidr_reservation` (type `prefix`) " +
							"that holds the prefixes at max + surge; null otherwise."),
					})
					return attrs
				}()},
			},
			"zones_usage": schema.MapNestedAttribute{
				MarkdownDescription: "Per Availability Zone: the sums over its subnets.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: usageAttributes("the zone's subnets")},
			},
			"fits": schema.BoolAttribute{
				MarkdownDescription: "Whether every subnet holds its nodes at max + surge.",
				Computed:            true,
			},
			"saved_ips":    computedInt("Addresses the recommendation saves against the add-on defaults, at desired size."),
			"alternatives": alternativesAttribute("at max + surge"),
			"worst_subnet": schema.SingleNestedAttribute{
				MarkdownDescription: "The subnet with the least headroom at max + surge.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"id":        schema.StringAttribute{MarkdownDescription: "Its id.", Computed: true},
					"phase":     schema.StringAttribute{MarkdownDescription: "The first phase it cannot hold (`desired`, `max`, `max + surge`), or `none`.", Computed: true},
					"shortfall": computedInt("Addresses missing at max + surge; negative is headroom."),
				},
			},
		},
	}
}

func (d *ClusterDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	// Any unknown value anywhere waits for Read: node groups and subnets
	// are checked together, so a partial check could raise false errors.
	if !req.Config.Raw.IsFullyKnown() {
		return
	}
	raw := objectOf(req.Config.Raw)
	// A null group or subnet has nothing to check; the lists'
	// NoNullValues validators report it.
	for _, attr := range []string{"node_groups", "subnets"} {
		for _, e := range elementsOf(raw[attr]) {
			if e.IsNull() {
				return
			}
		}
	}
	m := clusterModelOf(raw)
	if !m.inRange() {
		return
	}
	in, diags := m.input()
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		appendFindings(&resp.Diagnostics, plan.ValidateCluster(in), true)
	}
}

// inRange reports whether every number is within its validator's range and
// every required value is there, so that the checks that combine
// attributes do not add errors computed from a value already refused.
func (m clusterModel) inRange() bool {
	ok := inRange(m.SpareIPs, 0, maxTarget) && inRange(m.MaxENI, 1, maxOverrideENIs)
	for _, g := range m.NodeGroups {
		ok = ok && !g.ExpectedPods.IsNull() && !g.DesiredNodes.IsNull() && !g.InstanceType.IsNull() && !g.Name.IsNull() && noNullElements(g.SubnetIDs) &&
			overridesInRange(g.MaxNetworkInterfaces, g.IPv4AddressesPerInterface, g.VCPUs) &&
			inRange(g.ExpectedPods, 1, maxTarget) && inRange(g.DesiredNodes, 0, maxTarget) &&
			inRange(g.MaxNodes, 0, maxTarget) && inRange(g.MaxPods, 1, maxTarget)
	}
	for _, s := range m.Subnets {
		ok = ok && !s.ID.IsNull() && !s.AvailabilityZone.IsNull() && inRange(s.AvailableIPs, 0, 1<<24) && noNullElements(s.SecurityGroupIDs)
	}
	if s := m.UpdateSurge; s != nil {
		ok = ok && inRange(s.ExtraNodes, 0, maxTarget) && inRange(s.MaxUnavailable, 1, 100) && inRange(s.MaxUnavailablePercentage, 1, 100)
	}
	return ok && (m.Current == nil || m.Current.inRange())
}

// input converts a fully known configuration.
func (m clusterModel) input() (plan.ClusterInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := plan.ClusterInput{
		SpareIPs:                 intOr(m.SpareIPs, plan.DefaultSpareIPs),
		PrefixDelegation:         m.PrefixDelegation.ValueBool(),
		MaxENI:                   intOf(m.MaxENI),
		Surge:                    plan.DefaultSurge(),
		FailOnInsufficientSubnet: m.FailOnInsufficientSubnet.IsNull() || m.FailOnInsufficientSubnet.ValueBool(),
		Region:                   m.Region.ValueString(),
	}
	hasPodSubnet := false
	for _, s := range m.Subnets {
		cs := plan.ClusterSubnet{
			ID: s.ID.ValueString(), CIDR: s.CIDR.ValueString(), AvailabilityZone: s.AvailabilityZone.ValueString(),
			Available: intOr(s.AvailableIPs, -1), Purpose: plan.PurposeNodes,
		}
		if !s.Purpose.IsNull() {
			cs.Purpose = s.Purpose.ValueString()
		}
		hasPodSubnet = hasPodSubnet || cs.Purpose == plan.PurposePods
		cs.SecurityGroupIDs = listStrings(s.SecurityGroupIDs)
		in.Subnets = append(in.Subnets, cs)
	}
	in.CustomNetworking = hasPodSubnet
	if !m.CustomNetworking.IsNull() {
		in.CustomNetworking = m.CustomNetworking.ValueBool()
	}
	if s := m.UpdateSurge; s != nil {
		in.Surge.ExtraNodes = intOr(s.ExtraNodes, -1)
		in.Surge.MaxUnavailable = intOr(s.MaxUnavailable, plan.DefaultSurge().MaxUnavailable)
		in.Surge.MaxUnavailablePercentage = intOf(s.MaxUnavailablePercentage)
	}
	if m.Current != nil {
		s := m.Current.toSettings()
		in.Current = &s
	}
	for i, g := range m.NodeGroups {
		at := path.Root("node_groups").AtListIndex(i)
		inst, d := resolveInstance(g.InstanceType, g.MaxNetworkInterfaces, g.IPv4AddressesPerInterface, g.VCPUs, at)
		diags.Append(d...)
		cg := plan.ClusterGroup{
			Name: g.Name.ValueString(), InstanceType: g.InstanceType.ValueString(), Node: inst.node,
			ExpectedPods: intOf(g.ExpectedPods), DesiredNodes: intOf(g.DesiredNodes),
			MaxNodes: intOr(g.MaxNodes, intOf(g.DesiredNodes)), MaxPods: intOf(g.MaxPods),
		}
		cg.SubnetIDs = listStrings(g.SubnetIDs)
		in.Groups = append(in.Groups, cg)
	}
	return in, diags
}

func (d *ClusterDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	raw := objectOf(req.Config.Raw)
	in, diags := clusterModelOf(raw).input()
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	if f := plan.ValidateCluster(in); f.HasError() {
		appendFindings(&resp.Diagnostics, f, false)
		return
	}
	r := plan.Cluster(in)
	appendFindings(&resp.Diagnostics, r.Findings, false)
	if r.Findings.HasError() {
		return
	}

	t := req.Config.Raw.Type()
	out := raw.clone()
	out["spare_ips"] = tfInt(in.SpareIPs)
	out["prefix_delegation"] = tfBool(in.PrefixDelegation)
	out["custom_networking"] = tfBool(in.CustomNetworking)
	out["fail_on_insufficient_subnet"] = tfBool(in.FailOnInsufficientSubnet)
	out["warm_ip_target"] = tfInt(r.Recommended.WarmIPTarget.Or(0))
	out["minimum_ip_target"] = tfInt(r.Recommended.MinimumIPTarget.Or(0))
	out["env"], out["configuration_values"] = envValues(r.Recommended, r.ENIConfig)

	groupType := elementType(attrType(t, "groups"))
	projType := attrType(groupType, "recommended")
	groups := make(map[string]tftypes.Value, len(r.Groups))
	for _, g := range r.Groups {
		totals := map[string]int{
			"total_ips_desired": g.Nodes[plan.PhaseDesired],
			"total_ips_max":     g.Nodes[plan.PhaseMax],
			"total_ips_surge":   g.Nodes[plan.PhaseSurge],
		}
		gv := map[string]tftypes.Value{
			"max_pods":           tfInt(g.MaxPods.Pods),
			"surge_nodes":        tfInt(g.SurgeNodes),
			"availability_zones": tfStringList(g.Zones),
			"recommended":        projectionValue(projType, g.Recommended, totals, nil),
			"baseline":           projectionValue(projType, g.Baseline, totals, nil),
		}
		if g.Current != nil {
			gv["current"] = projectionValue(projType, *g.Current, totals, nil)
		}
		groups[g.Name] = tfObjectValue(groupType, gv)
	}
	out["groups"] = tftypes.NewValue(attrType(t, "groups"), groups)

	subnetType := elementType(attrType(t, "subnets_usage"))
	subnets := make(map[string]tftypes.Value, len(r.Subnets))
	for _, s := range r.Subnets {
		sv := usageValues(s.Capacity, s.Needed, s.Fits())
		sv["availability_zone"] = tfString(s.AvailabilityZone)
		sv["purpose"] = tfString(s.Purpose)
		sv["groups"] = tfStringList(s.Groups)
		if s.PrefixBlocks >= 0 {
			sv["prefix_blocks"] = tfInt(s.PrefixBlocks)
			sv["prefix_blocks_needed"] = tfInt(s.PrefixBlocksNeeded)
		}
		if s.ReservationBits > 0 {
			sv["prefix_reservation_cidr_size"] = tfInt(s.ReservationBits)
		}
		subnets[s.ID] = tfObjectValue(subnetType, sv)
	}
	out["subnets_usage"] = tftypes.NewValue(attrType(t, "subnets_usage"), subnets)

	zoneType := elementType(attrType(t, "zones_usage"))
	zones := make(map[string]tftypes.Value, len(r.Zones))
	for _, z := range r.Zones {
		zones[z.Name] = tfObjectValue(zoneType, usageValues(z.Capacity, z.Needed, z.Fits))
	}
	out["zones_usage"] = tftypes.NewValue(attrType(t, "zones_usage"), zones)

	out["fits"] = tfBool(r.Fits)
	out["saved_ips"] = tfInt(r.SavedIPs)
	out["alternatives"] = alternativesValue(attrType(t, "alternatives"), r.Alternatives)
	if r.Worst >= 0 {
		w := r.Subnets[r.Worst]
		phase := "none"
		if !w.Fits() {
			phase = w.FirstFailure.String()
		}
		out["worst_subnet"] = tfObjectValue(attrType(t, "worst_subnet"), map[string]tftypes.Value{
			"id": tfString(w.ID), "phase": tfString(phase), "shortfall": tfInt(-w.Headroom()),
		})
	}
	resp.State.Raw = tftypes.NewValue(t, out)
}

// usageValues are the attributes subnets_usage and zones_usage share.
func usageValues(capacity int, needed [3]int, fits bool) map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"capacity":           tfInt(capacity),
		"ips_needed_desired": tfInt(needed[plan.PhaseDesired]),
		"ips_needed_max":     tfInt(needed[plan.PhaseMax]),
		"ips_needed_surge":   tfInt(needed[plan.PhaseSurge]),
		"headroom":           tfInt(capacity - needed[plan.PhaseSurge]),
		"fits":               tfBool(fits),
	}
}
