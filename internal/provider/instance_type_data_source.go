// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
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
	attrs := instanceTypeAttributes(true)
	maps.Copy(attrs, map[string]schema.Attribute{
		"max_eni": maxENIAttribute(),
		"secondary_ips_per_interface": computedInt("Addresses per ENI that pods can use: `ipv4_addresses_per_interface - 1` (the primary address is the ENI's own). " +
			"Under prefix delegation, /28 prefixes per ENI."),
		"network_cards": computedInt("Network cards of the type; null when the type is not in the table."),
		"hypervisor": computedString("`nitro` or `xen` as EC2 reports it; empty for bare metal types, which report none; null when the type is not in the table " +
			"(it is then treated as Nitro)."),
		"bare_metal": computedBool("Whether the type is bare metal; null when the type is not in the table."),
		"max_pods": computedInt("Max pods with secondary IPs: `ENIs * (IPs - 1) + 2`, the value of upstream's `eni-max-pods.txt` that EKS AMIs use. " +
			"The `+ 2` is aws-node and kube-proxy on the host network."),
		"max_pods_custom_networking": computedInt("Max pods with custom networking, where the primary ENI carries no pods: `(ENIs - 1) * (IPs - 1) + 2`."),
		"max_pods_prefix_delegation": computedInt("Max pods with prefix delegation: `ENIs * (IPs - 1) * 16 + 2` on Nitro types (the secondary-IP value on others), " +
			"capped as EKS's `max-pods-calculator.sh` does: 250 with more than 30 vCPUs, 110 otherwise. The script's `-gt 30` puts a " +
			"30-vCPU type at 110, although the EKS guide words the rule as \"fewer than 30\". The vCPUs come from the table or `vcpus`; " +
			"for a type with neither the cap is taken to be 110, with a warning."),
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Networking limits of an EC2 instance type and the max pods EKS gives it with secondary IPs, " +
			"custom networking and prefix delegation. Reads the provider's embedded table; makes no AWS calls.",
		Attributes: attrs,
	}
}

// decodeInstanceType reads vpccni_instance_type's inputs once.
func decodeInstanceType(raw tftypes.Value) (resolvedInstance, int, *decoder) {
	d := &decoder{}
	o := d.root(raw)
	inst := decodeInstance(o)
	maxENI := o.wholeOr("max_eni", 1, maxOverrideENIs, 0)
	return inst, maxENI, d
}

func (d *InstanceTypeDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	_, _, dec := decodeInstanceType(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
}

func (d *InstanceTypeDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	inst, maxENI, dec := decodeInstanceType(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
	if dec.errs.HasError() {
		return
	}
	resp.Diagnostics.Append(dec.warnings...)
	e := &encoder{}
	out, _, ok := e.state(req.Config.Raw)
	if !ok {
		resp.Diagnostics.Append(e.errs...)
		return
	}
	out.set("max_network_interfaces", tfInt(inst.node.ENIs))
	out.set("ipv4_addresses_per_interface", tfInt(inst.node.IPv4PerENI))
	out.set("secondary_ips_per_interface", tfInt(inst.node.IPv4PerENI-1))
	if inst.fromTable {
		out.set("network_cards", tfInt(inst.limits.NetworkCards))
		out.set("hypervisor", tfString(inst.limits.Hypervisor.String()))
		out.set("bare_metal", tfBool(inst.limits.BareMetal))
	}
	maxPods := func(cn, pd bool) tftypes.Value {
		return tfInt(ipam.ComputeMaxPods(inst.node, ipam.Mode{CustomNetworking: cn, PrefixDelegation: pd, MaxENI: maxENI}).Pods)
	}
	out.set("max_pods", maxPods(false, false))
	out.set("max_pods_custom_networking", maxPods(true, false))
	out.set("max_pods_prefix_delegation", maxPods(false, true))
	if inst.node.VCPUs > 0 {
		out.set("vcpus", tfInt(inst.node.VCPUs))
	}
	if pd := ipam.ComputeMaxPods(inst.node, ipam.Mode{PrefixDelegation: true, MaxENI: maxENI}); pd.CapAssumed {
		resp.Diagnostics.AddAttributeWarning(path.Root("vcpus"), "Max pods capped at 110 without a vCPU count",
			fmt.Sprintf("EKS caps max pods under prefix delegation at 250 for more than 30 vCPUs and 110 otherwise, and the instance table has no vCPU count for %s: "+
				"max_pods_prefix_delegation assumes 110 (the formula gives %d). Set vcpus (aws_ec2_instance_type.default_vcpus).", inst.name, pd.Uncapped))
	}
	v := out.value()
	resp.Diagnostics.Append(e.errs...)
	if !e.errs.HasError() {
		resp.State.Raw = v
	}
}
