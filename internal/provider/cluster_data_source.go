// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
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

func (d *ClusterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (d *ClusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Plans a whole EKS cluster: several node groups of different instance types, each between its desired and max size and " +
			"during rolling updates, over subnets per Availability Zone, with custom networking pod subnets and prefix delegation. Returns the one " +
			"aws-node setting pair that serves every group (aws-node is one DaemonSet), each group's projections and each subnet's load, and fails " +
			"the plan when a subnet cannot hold its nodes at their worst moment. Node groups and subnets are blocks, so Terraform refuses a misspelt " +
			"argument in them by name.",
		Attributes: clusterAttributes(),
		Blocks:     clusterBlocks(),
	}
}

func (d *ClusterDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	in, _, dec := decodeCluster(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
	if dec.complete() {
		appendFindings(&resp.Diagnostics, req.Config.Raw.Type(), plan.ValidateCluster(in), true)
	}
}

func (d *ClusterDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	in, addonCfg, dec := decodeCluster(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
	if dec.errs.HasError() {
		return
	}
	resp.Diagnostics.Append(dec.warnings...)
	r := plan.Cluster(in)
	appendFindings(&resp.Diagnostics, req.Config.Raw.Type(), r.Findings, false)
	if resp.Diagnostics.HasError() {
		return
	}
	env := addon.ClusterEnv(r.Recommended, in.IPv6, in.SubnetDiscovery)
	values, ok := addonCfg.merge(&resp.Diagnostics, addonOwn{env: env, eniConfig: r.ENIConfig, model: addon.Model{
		PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking, SecurityGroupsForPods: in.PodENI,
		IPv6: in.IPv6, SubnetDiscovery: in.SubnetDiscovery,
	}})
	if !ok {
		return
	}
	state, errs := clusterState(req.Config.Raw, in, r, env, values)
	resp.Diagnostics.Append(errs...)
	if !errs.HasError() {
		resp.State.Raw = state
	}
}
