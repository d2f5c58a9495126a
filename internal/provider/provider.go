// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package provider adapts the VPC CNI arithmetic of internal/ipam and the
// instance table of internal/ec2limits to Terraform: one file per data
// source or function, plus the glue they share.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var (
	_ provider.Provider              = &VPCCNIProvider{}
	_ provider.ProviderWithFunctions = &VPCCNIProvider{}
)

// VPCCNIProvider computes Amazon VPC CNI settings and subnet needs. It has
// no configuration and makes no network calls.
type VPCCNIProvider struct {
	// version is set by goreleaser on release, "dev" for local builds and
	// "test" in acceptance tests.
	version string
}

// New returns a provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &VPCCNIProvider{version: version}
	}
}

func (p *VPCCNIProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "vpccni"
	resp.Version = p.version
}

func (p *VPCCNIProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Plans Amazon VPC CNI (aws-node) warm-pool settings and EKS subnet sizes offline. " +
			"The provider takes no configuration: `provider \"vpccni\" {}` or no block at all.",
	}
}

func (p *VPCCNIProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *VPCCNIProvider) Resources(context.Context) []func() resource.Resource {
	return nil
}

func (p *VPCCNIProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewInstanceTypeDataSource,
		NewInstanceTypesDataSource,
		NewWarmPoolDataSource,
		NewClusterDataSource,
	}
}

func (p *VPCCNIProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewMaxPodsFunction,
		NewNodeIPsFunction,
		NewPrefixBlocksFunction,
	}
}
