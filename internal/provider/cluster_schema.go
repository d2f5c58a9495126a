// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// clusterBlocks are vpccni_cluster's inputs that are objects: blocks, so
// that Terraform itself refuses an argument they do not have ("An argument
// named "max_node" is not expected here. Did you mean "max_nodes"?") and
// points at its line. Nested attribute objects would drop it silently
// (hashicorp/terraform#33570).
func clusterBlocks() map[string]schema.Block {
	groupAttrs := instanceTypeAttributes(false)
	groupAttrs["instance_type"] = schema.StringAttribute{
		MarkdownDescription: "The group's EC2 instance type, for example `m5.large`; give this or `instance_types`. " +
			"The overrides (`max_network_interfaces`, `ipv4_addresses_per_interface`, `vcpus`) describe it.",
		Optional: true,
	}
	maps.Copy(groupAttrs, nodeAttributes(false))
	maps.Copy(groupAttrs, map[string]schema.Attribute{
		"instance_types": stringList("The types a managed node group may launch (`aws_eks_node_group.instance_types`, for example Spot " +
			"diversification), instead of `instance_type`. Every node gets the smallest max pods of the types (EKS User Guide, managed node " +
			"groups), and the subnets must hold each zone's nodes with the type that takes the most addresses; `groups[*].worst_instance_type` names it."),
		"name": schema.StringAttribute{
			MarkdownDescription: "Name of the group, at most 64 characters and no white space; keys `groups`. Must be unique.",
			Required:            true,
		},
		"expected_pods": expectedPodsAttribute("Pods per node that need a VPC address (hostNetwork pods excluded)."),
		"desired_nodes": schema.NumberAttribute{
			MarkdownDescription: "Nodes at the group's desired size, 0 to 100000 (0 allowed with `max_nodes`).",
			Required:            true,
		},
		"max_nodes": optionalNumber("Nodes at the group's max size, 0 to 100000; default `desired_nodes`."),
		"max_pods":  optionalNumber("The nodes' kubelet max pods, 1 to 100000, when set in their NodeConfig or bootstrap (see `max_pods_from`)."),
		"subnet_ids": stringList("Ids (from the `subnet` blocks) of the node subnets the group uses; default every subnet with purpose `nodes`. " +
			"Nodes spread evenly over their zones, the remainder on the first."),
	})
	return map[string]schema.Block{
		"karpenter_node_pool": karpenterPoolBlock(),
		"node_group": schema.ListNestedBlock{
			MarkdownDescription: "A node group (EKS managed, or self-managed with `max_pods_from`); at least one node_group or karpenter_node_pool.",
			NestedObject:        schema.NestedBlockObject{Attributes: groupAttrs},
		},
		"subnet": schema.ListNestedBlock{
			MarkdownDescription: "A subnet, as the aws provider's `aws_subnet` describes it; at least one.",
			NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"id": schema.StringAttribute{
					MarkdownDescription: "Subnet id (no white space, at most 64 characters); keys `subnets_usage`.",
					Required:            true,
				},
				"cidr": schema.StringAttribute{
					MarkdownDescription: "IPv4 CIDR, /16 to /28 (`aws_subnet.cidr_block`). Needed to count aligned /28 blocks under prefix delegation.",
					Optional:            true,
				},
				"availability_zone": schema.StringAttribute{
					MarkdownDescription: "Availability Zone name (`aws_subnet.availability_zone`), for example `eu-west-1a`. Custom networking keys ENIConfigs by it, matched against the nodes' lower-case zone label.",
					Required:            true,
				},
				"available_ips": optionalNumber("Free addresses (`aws_subnet.available_ip_address_count`), 0 to 16777216; when set, the capacity, " +
					"with what the groups' `running_nodes` hold there added back."),
				"reserved_ips": optionalNumber("Addresses held back for other tenants of the subnet, 0 to 16777216, default 0: load balancers (an ALB " +
					"needs 8 free per subnet), the EKS control plane's ENIs in cluster subnets (at least 6 free, 16 recommended, 5 more during an " +
					"upgrade), NAT gateways, VPC endpoints. Subtracted from the capacity; the /28 block check under prefix delegation still runs."),
				"purpose": schema.StringAttribute{
					MarkdownDescription: "`nodes` (default) for the nodes' ENIs; `pods` for a custom networking ENIConfig subnet (one per zone); " +
						"`cni` for a subnet tagged `kubernetes.io/role/cni`, where enhanced subnet discovery puts the ENIs after the primary when it " +
						"has the most free addresses of the zone's node and `cni` subnets.",
					Optional: true,
				},
				"security_group_ids": stringList("Pod subnets only: the ENIConfig's security groups (default: the node's), such as `sg-0123456789abcdef0`."),
			}},
		},
		"update_surge": schema.SingleNestedBlock{
			MarkdownDescription: "How many nodes a rolling update adds to each group. By default as EKS managed node groups do: the larger of twice " +
				"the group's zones and `maxUnavailable` (1), per the EKS User Guide's \"Understand each phase of node updates\" (scale-up phase). Give one of its arguments.",
			Attributes: map[string]schema.Attribute{
				"extra_nodes":                optionalNumber("A fixed surge per group, 0 to 100000 (for example 0 for self-managed groups updated in place)."),
				"max_unavailable":            optionalNumber("The node groups' `update_config.max_unavailable`, 1 to 100 (EKS default 1, quota 100)."),
				"max_unavailable_percentage": optionalNumber("The node groups' `update_config.max_unavailable_percentage`, 1 to 100, taken of each group's max nodes."),
			},
		},
		"current": schema.SingleNestedBlock{
			MarkdownDescription: "Today's aws-node settings, projected per group in `groups[*].current`. Null fields mean the add-on defaults.",
			Attributes:          settingsInputAttributes(),
		},
	}
}

// clusterAttributes are vpccni_cluster's top-level attributes.
func clusterAttributes() map[string]schema.Attribute {
	usage := func(what string) map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"capacity": computedInt("Usable addresses of " + what + ": the CIDR's size minus AWS's 5 reserved, or `available_ips` plus what " +
				"running nodes hold there now (`held_now`); less `reserved_ips`."),
			"ips_needed_desired": computedInt("Addresses needed with every group at its desired size."),
			"ips_needed_max":     computedInt("Addresses needed with every group at its max size."),
			"ips_needed_surge":   computedInt("Addresses needed at max size during a rolling update (max + surge nodes)."),
			"headroom":           computedInt("`capacity - ips_needed_surge`; negative when short."),
			"fits":               computedBool("Whether " + what + " can hold max + surge (under prefix delegation, in aligned /28 blocks too)."),
		}
	}
	subnetUsage := usage("the subnet")
	maps.Copy(subnetUsage, map[string]schema.Attribute{
		"availability_zone": computedString("Its zone."),
		"purpose":           computedString("`nodes`, `pods` or `cni`."),
		"held_now":          computedInt("What the groups' `running_nodes` hold here now, added back to `available_ips`; 0 without running nodes."),
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
	projection := func(desc string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{MarkdownDescription: desc, Computed: true, Attributes: clusterProjectionAttributes()}
	}
	attrs := karpenterAttributes()
	maps.Copy(attrs, map[string]schema.Attribute{
		"spare_ips":         defaultedNumber("Free addresses each node keeps: `WARM_IP_TARGET`, 0 to 100000. Default 2; 0 is raised to 1 with a warning."),
		"prefix_delegation": defaultedBool("Whether `ENABLE_PREFIX_DELEGATION` is on. Default false."),
		"host_network_pods": defaultedNumber("Pods on the host network on every Linux node, 0 to 100000, default 2 (aws-node and kube-proxy). " +
			"They count towards max pods and take no VPC address: add one for each further hostNetwork DaemonSet, such as eks-pod-identity-agent."),
		"security_groups_for_pods": defaultedBool("Whether `ENABLE_POD_ENI` is on (security groups for pods): each trunk-compatible Linux node " +
			"gets a trunk ENI, which takes an ENI slot and a subnet address. Default false."),
		"ip_family": defaultedString("The cluster's IP family, `ipv4` (default) or `ipv6`. In an IPv6 cluster pods take IPv6 addresses from " +
			"the node's /80 and each node keeps one IPv4 address (and its trunk ENI's with security groups for pods)."),
		"subnet_discovery": defaultedBool("Whether enhanced subnet discovery (`ENABLE_SUBNET_DISCOVERY`, VPC CNI 1.18 and later) is on. Default " +
			"true, as in the add-on. It matters with `cni` subnets: the ENIs after the primary go to the freest of the zone's node and `cni` " +
			"subnets. Custom networking takes precedence."),
		"custom_networking":   defaultedBool("Whether custom networking is on. Default: true when a subnet has purpose `pods`."),
		"max_eni":             maxENIAttribute(),
		"addon_configuration": addonConfigurationAttribute(),
		"region": schema.StringAttribute{
			MarkdownDescription: "AWS region, for example `eu-west-1`, written into the add-on's `eniConfig.region` under custom networking.",
			Optional:            true,
		},
		"fail_on_insufficient_subnet": defaultedBool("Whether a subnet too small at max + surge fails the plan (default true); with false it warns."),
		"warm_ip_target":              computedInt("Recommended `WARM_IP_TARGET`: `spare_ips`."),
		"minimum_ip_target": computedInt("Recommended `MINIMUM_IP_TARGET`: the smallest `expected_pods` of any group, which costs no group an address " +
			"at steady state (each settles at its pods + `WARM_IP_TARGET`); larger groups then wait on EC2 for addresses beyond it when a node starts."),
		"env": schema.MapAttribute{
			MarkdownDescription: "The aws-node variables to set. With custom networking also `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG` and `ENI_CONFIG_LABEL_DEF`.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"windows_configmap_data": windowsConfigMapAttribute("without Windows groups"),
		"configuration_values": computedString("The vpc-cni add-on configuration, byte-identical to `jsonencode`: `env`, and with custom networking the " +
			"`eniConfig` section (create, region, and per zone the pod subnet id and security groups) of the aws-vpc-cni chart, with " +
			"`addon_configuration` merged in."),
		"groups": schema.MapNestedAttribute{
			MarkdownDescription: "Per group name: projections with the recommended settings, the add-on defaults and `current`.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"max_pods": computedInt("The kubelet max pods the group's nodes get by `max_pods_from`; the projections run with it."),
				"max_pods_instance_type": computedString("The type whose nodes get `max_pods` (the smallest, which a managed node group " +
					"gives every node)."),
				"worst_instance_type": computedString("The type whose node takes the most addresses at the group's pods; the projections are its."),
				"surge_nodes":         computedInt("Nodes a rolling update adds."),
				"availability_zones": schema.ListAttribute{
					MarkdownDescription: "Zones of the group's node subnets, in the order nodes are spread.",
					ElementType:         types.StringType,
					Computed:            true,
				},
				"kubelet_max_pods":    nodeOutputAttributes()["kubelet_max_pods"],
				"node_config":         nodeOutputAttributes()["node_config"],
				"branch_ips_per_node": nodeOutputAttributes()["branch_ips_per_node"],
				"recommended":         projection("With the recommended settings."),
				"baseline":            projection("With the add-on defaults (WARM_ENI_TARGET=1, WARM_PREFIX_TARGET=1)."),
				"current":             projection("With `current`; null when not given."),
			}},
		},
		"subnets_usage": schema.MapNestedAttribute{
			MarkdownDescription: "Per subnet id: what it must hold with the recommended settings. Node subnets hold the nodes' addresses (1 per node under custom networking); pod subnets the pod ENIs'.",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: subnetUsage},
		},
		"zones_usage": schema.MapNestedAttribute{
			MarkdownDescription: "Per Availability Zone: the sums over its subnets.",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: usage("the zone's subnets")},
		},
		"fits":         computedBool("Whether every subnet holds its nodes at max + surge."),
		"saved_ips":    computedInt("Addresses the recommendation saves against the add-on defaults, at desired size."),
		"alternatives": alternativesAttribute("at max + surge"),
		"worst_subnet": schema.SingleNestedAttribute{
			MarkdownDescription: "The subnet with the least headroom at max + surge.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"id":        computedString("Its id."),
				"phase":     computedString("The first phase it cannot hold (`desired`, `max`, `max + surge`), or `none`."),
				"shortfall": computedInt("Addresses missing at max + surge; negative is headroom."),
			},
		},
	})
	return attrs
}

// clusterProjectionAttributes are a projection's attributes with totals
// per phase.
func clusterProjectionAttributes() map[string]schema.Attribute {
	attrs := projectionAttributes()
	delete(attrs, "total_ips")
	maps.Copy(attrs, map[string]schema.Attribute{
		"total_ips_desired": computedInt("`ips_per_node` times desired nodes."),
		"total_ips_max":     computedInt("`ips_per_node` times max nodes."),
		"total_ips_surge":   computedInt("`ips_per_node` times max + surge nodes."),
	})
	return attrs
}
