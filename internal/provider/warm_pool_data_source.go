// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
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

func (d *WarmPoolDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_warm_pool"
}

func (d *WarmPoolDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := instanceTypeAttributes(false)
	currentAttrs := settingsInputAttributes()
	maps.Copy(currentAttrs, projectionAttributes())
	maps.Copy(attrs, nodeAttributes(true))
	maps.Copy(attrs, nodeOutputAttributes())
	maps.Copy(attrs, map[string]schema.Attribute{
		"max_eni":             maxENIAttribute(),
		"addon_configuration": addonConfigurationAttribute(),
		"host_network_pods": defaultedNumber("Pods on the host network on every Linux node, 0 to 100000, default 2 (aws-node and kube-proxy). " +
			"They count towards max pods and take no VPC address: add one for each further hostNetwork DaemonSet, such as eks-pod-identity-agent."),
		"security_groups_for_pods": defaultedBool("Whether `ENABLE_POD_ENI` is on (security groups for pods): a trunk-compatible node gets a trunk " +
			"ENI, which takes an ENI slot and a subnet address. Default false."),
		"subnet_reserved_ips": schema.ListAttribute{
			MarkdownDescription: "Addresses held back per subnet for other tenants (load balancers, the EKS control plane's ENIs, NAT gateways, " +
				"endpoints), 0 to 16777216 each, paired by position with `subnet_cidrs` (or `subnet_available_ips`). Subtracted from the capacity; " +
				"the /28 block check under prefix delegation still runs.",
			ElementType: types.NumberType,
			Optional:    true,
		},
		"ec2_node_class_kubelet": computedString("The `kubelet` section of a Karpenter EC2NodeClass's `spec` with `maxPods = kubelet_max_pods` " +
			"(and `podsPerCore` when set), as YAML; null for Windows."),
		"windows_configmap_data": windowsConfigMapAttribute("for Linux nodes"),
		"expected_pods": expectedPodsAttribute("Pods per node that need a VPC address: hostNetwork pods (aws-node, kube-proxy and the like) excluded. " +
			"Becomes `MINIMUM_IP_TARGET`. Must not exceed `max_pods`."),
		"node_count": schema.NumberAttribute{
			MarkdownDescription: "Nodes in the group, 1 to 100000. Totals and the subnet check multiply by it.",
			Required:            true,
		},
		"spare_ips": defaultedNumber("Free addresses each node keeps for pods about to start: becomes `WARM_IP_TARGET`, 0 to 100000. Default 2. " +
			"Fewer spare addresses save subnet space but cost EC2 `AssignPrivateIpAddresses` calls and start-up latency when pods burst; " +
			"0 is raised to 1 with a warning, because ipamd reads `WARM_IP_TARGET=0` as unset and `MINIMUM_IP_TARGET` alone freezes the pool."),
		"max_pods": defaultedNumber("The nodes' kubelet max pods, 1 to 100000, when their NodeConfig, EC2NodeClass or bootstrap sets it (see " +
			"`max_pods_from`); ipamd stops growing the pool there. Reports the value the nodes get, which the projections use."),
		"prefix_delegation": defaultedBool("Whether `ENABLE_PREFIX_DELEGATION` is on: nodes hold /28 prefixes instead of single addresses. Default false."),
		"custom_networking": defaultedBool("Whether custom networking is on (`AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`): pod ENIs live in ENIConfig subnets (`pod_subnet_cidrs`), the primary ENI carries no pods, " +
			"max pods drops to `(ENIs - 1) * (IPs - 1) + 2` (for a managed node group, which reads the mode; nodeadm and Karpenter do not, see `max_pods_from`), and the node subnet keeps one address per node. Default false. The env then also sets " +
			"`ENI_CONFIG_LABEL_DEF`; for the add-on's eniConfig section with subnet ids per zone use `vpccni_cluster`."),
		"pod_subnet_cidrs": stringList("With custom networking: IPv4 CIDRs of the ENIConfig (pod) subnets, for example in a secondary CIDR of 100.64.0.0/10. Nodes spread evenly over them."),
		"subnet_cidrs": stringList("IPv4 CIDRs (/16 to /28) of the subnets the node ENIs use (for example `aws_subnet.x.cidr_block`). Nodes spread evenly over them, the remainder on the first. " +
			"Capacity is the CIDR's size minus AWS's 5 reserved addresses unless `subnet_available_ips` gives it, less `subnet_reserved_ips`."),
		"subnet_available_ips": schema.ListAttribute{
			MarkdownDescription: "Free addresses per subnet (for example `aws_subnet.x.available_ip_address_count`, which already excludes reserved and used addresses), 0 to 16777216 each. " +
				"When set, these plus what the `running_nodes` hold now (`held_now`) are the capacity; with `subnet_cidrs` the lists pair up by position and must be the same length.",
			ElementType: types.NumberType,
			Optional:    true,
		},
		"fail_on_insufficient_subnet": defaultedBool("Whether a subnet too small for the recommended settings fails the plan (default true). With false the same message is a warning and `subnet_fits` is false."),
		"warm_ip_target":              computedInt("Recommended `WARM_IP_TARGET`: `spare_ips`, clamped to what the node can hold."),
		"minimum_ip_target":           computedInt("Recommended `MINIMUM_IP_TARGET`: `expected_pods`, so a new node holds its pods' addresses before they arrive."),
		"env": schema.MapAttribute{
			MarkdownDescription: "Exactly the aws-node environment variables to set, values as strings. `WARM_ENI_TARGET` is left out: IP targets override it.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"configuration_values": computedString("`jsonencode({ env = env })` with `addon_configuration` merged in, byte for byte: ready for " +
			"`aws_eks_addon.configuration_values` or terraform-aws-eks `addons`."),
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
		"saved_ips":       computedInt("`baseline.total_ips - recommended.total_ips` (negative when the recommendation holds more)."),
		"subnet_capacity": computedInt("Addresses the subnets offer in all; null without subnets."),
		"subnet_fits":     computedBool("Whether every subnet holds its nodes with the recommended settings; null without subnets."),
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
		Blocks: map[string]schema.Block{
			"current": schema.SingleNestedBlock{
				MarkdownDescription: "Today's aws-node settings, projected beside the recommendation. Null fields mean the vpc-cni add-on defaults. " +
					"Settings that upstream handles badly (MINIMUM_IP_TARGET without WARM_IP_TARGET, WARM_ENI_TARGET=0, WARM_PREFIX_TARGET=0 under prefix delegation) " +
					"get a warning. The projection attributes are filled in.",
				Attributes: currentAttrs,
			},
		},
	}
}

func subnetUsageObject() schema.NestedAttributeObject {
	return schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"cidr":       computedString("The subnet CIDR; null when only `subnet_available_ips` was given."),
		"capacity":   computedInt("Usable addresses: the CIDR's size minus 5, or the available count plus `held_now`; less the reserved addresses."),
		"nodes":      computedInt("Nodes placed in the subnet."),
		"held_now":   computedInt("What the `running_nodes` placed here hold now, added back to the available count; 0 without them or without `subnet_available_ips`."),
		"ips_needed": computedInt("Addresses the nodes take from it with the recommended settings."),
		"fits":       computedBool("Whether the subnet holds them (under prefix delegation, in aligned /28 blocks too)."),
	}}
}

func (d *WarmPoolDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	in, _, dec := decodeWarmPool(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
	if dec.complete() {
		appendFindings(&resp.Diagnostics, req.Config.Raw.Type(), plan.ValidateWarmPool(in), true)
	}
}

func (d *WarmPoolDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	in, addonCfg, dec := decodeWarmPool(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
	if dec.errs.HasError() {
		return
	}
	resp.Diagnostics.Append(dec.warnings...)
	r := plan.WarmPool(in)
	appendFindings(&resp.Diagnostics, req.Config.Raw.Type(), r.Findings, false)
	if resp.Diagnostics.HasError() {
		return
	}
	env := addon.Env(r.Recommended)
	if in.Windows {
		// Windows nodes take their targets from the ConfigMap; aws-node
		// needs nothing for them.
		env = map[string]string{}
	}
	values, ok := addonCfg.merge(&resp.Diagnostics, addonOwn{env: env, model: addon.Model{
		PrefixDelegation: in.Mode.PrefixDelegation, CustomNetworking: in.Mode.CustomNetworking,
		SecurityGroupsForPods: in.Mode.PodENI, SubnetDiscovery: true, DiscoveryIrrelevant: true,
	}})
	if !ok {
		return
	}
	state, errs := warmPoolState(req.Config.Raw, in, r, env, values)
	resp.Diagnostics.Append(errs...)
	if !errs.HasError() {
		resp.State.Raw = state
	}
}
