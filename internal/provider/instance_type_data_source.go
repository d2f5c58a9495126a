// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	_ datasource.DataSource                   = &InstanceTypeDataSource{}
	_ datasource.DataSourceWithValidateConfig = &InstanceTypeDataSource{}
)

// NewInstanceTypeDataSource returns the vpccni_instance_type data source.
func NewInstanceTypeDataSource() datasource.DataSource {
	return &InstanceTypeDataSource{}
}

// InstanceTypeDataSource reports an instance type's ENI limits and the max
// pods EKS gives it in each networking mode.
type InstanceTypeDataSource struct{}

func (d *InstanceTypeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_instance_type"
}

func (d *InstanceTypeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := instanceLimitsAttributes(true)
	maps.Copy(attrs, map[string]schema.Attribute{
		"secondary_ips_per_interface": schema.Int64Attribute{
			MarkdownDescription: "Addresses per ENI that pods can use: `ipv4_addresses_per_interface - 1` (the primary address is the ENI's own). Under prefix delegation, /28 prefixes per ENI.",
			Computed:            true,
		},
		"network_cards": schema.Int64Attribute{
			MarkdownDescription: "Network cards of the type; null when the type is not in the table.",
			Computed:            true,
		},
		"hypervisor": schema.StringAttribute{
			MarkdownDescription: "`nitro` or `xen` as EC2 reports it; empty for bare metal types, which report none; null when the type is not in the table (it is then treated as Nitro).",
			Computed:            true,
		},
		"bare_metal": schema.BoolAttribute{
			MarkdownDescription: "Whether the type is bare metal; null when the type is not in the table.",
			Computed:            true,
		},
		"max_pods": schema.Int64Attribute{
			MarkdownDescription: "Max pods with secondary IPs: `ENIs * (IPs - 1) + 2`, the value of upstream's `eni-max-pods.txt` that EKS AMIs use. The `+ 2` is aws-node and kube-proxy on the host network.",
			Computed:            true,
		},
		"max_pods_custom_networking": schema.Int64Attribute{
			MarkdownDescription: "Max pods with custom networking, where the primary ENI carries no pods: `(ENIs - 1) * (IPs - 1) + 2`.",
			Computed:            true,
		},
		"max_pods_prefix_delegation": schema.Int64Attribute{
			MarkdownDescription: "Max pods with prefix delegation: `ENIs * (IPs - 1) * 16 + 2` on Nitro types (the secondary-IP value on others), " +
				"capped as EKS's `max-pods-calculator.sh` does: 250 with more than 30 vCPUs, 110 otherwise. The script's `-gt 30` puts a " +
				"30-vCPU type at 110, although the EKS guide words the rule as \"fewer than 30\". Without `vcpus` the cap is 110.",
			Computed: true,
		},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Networking limits of an EC2 instance type and the max pods EKS gives it with secondary IPs, " +
			"custom networking and prefix delegation. Reads the provider's embedded table; makes no AWS calls.",
		Attributes: attrs,
	}
}

func (d *InstanceTypeDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	if !req.Config.Raw.IsFullyKnown() {
		return
	}
	config := instanceLimitsModelOf(objectOf(req.Config.Raw))
	if config.InstanceType.IsNull() || !inRange(config.MaxENI, 1, maxOverrideENIs) ||
		!overridesInRange(config.MaxNetworkInterfaces, config.IPv4AddressesPerInterface, config.VCPUs) {
		return // Terraform reports the missing value, the validators the range
	}
	_, diags := config.resolve(path.Empty())
	resp.Diagnostics.Append(diags...)
}

func (d *InstanceTypeDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	raw := objectOf(req.Config.Raw)
	inst, diags := instanceLimitsModelOf(raw).resolve(path.Empty())
	if diags.HasError() {
		resp.Diagnostics.Append(diags...)
		return
	}
	out := raw.clone()
	out["max_network_interfaces"] = tfInt(inst.node.ENIs)
	out["ipv4_addresses_per_interface"] = tfInt(inst.node.IPv4PerENI)
	out["secondary_ips_per_interface"] = tfInt(inst.node.IPv4PerENI - 1)
	if inst.fromTable {
		out["network_cards"] = tfInt(inst.limits.NetworkCards)
		out["hypervisor"] = tfString(inst.limits.Hypervisor.String())
		out["bare_metal"] = tfBool(inst.limits.BareMetal)
	}
	out["max_pods"] = tfInt(inst.maxPodsFor(false, false).Pods)
	out["max_pods_custom_networking"] = tfInt(inst.maxPodsFor(true, false).Pods)
	out["max_pods_prefix_delegation"] = tfInt(inst.maxPodsFor(false, true).Pods)
	// Warnings about overrides were shown when the configuration was
	// validated.
	resp.State.Raw = tftypes.NewValue(req.Config.Raw.Type(), out)
}
