// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// vpccni_cluster's Karpenter NodePools: the karpenter_node_pool block, its
// decoding, and the karpenter_node_pools output.

// karpenterPoolBlock is the karpenter_node_pool block.
func karpenterPoolBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "A Karpenter NodePool (karpenter.sh/v1) with an AL2, AL2023 or Bottlerocket EC2NodeClass. Karpenter picks the " +
			"instance type at launch, so the plan takes the pool's worst case: of the types it may launch, the one whose nodes, as many as " +
			"the limits allow, take the most addresses. Each type's max pods is Karpenter's (`(ENIs - karpenter_reserved_enis) x (IPs per ENI - 1) + 2`, " +
			"prefix delegation ignored) unless `max_pods` sets the EC2NodeClass's. Types whose addresses cannot serve `expected_pods` are left out, as " +
			"Karpenter launches none for those pods; a type whose max pods is lower runs fewer a node, with a warning. Nodes spread evenly over the pool's zones, and within a zone each goes to the subnet with the most free " +
			"addresses, as Karpenter places them. Karpenter on Windows is not modelled.",
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The NodePool's name, at most 64 characters and no white space; keys `karpenter_node_pools`. Must be unique.",
				Required:            true,
			},
			"instance_types": stringList("The types the pool may launch (its `node.kubernetes.io/instance-type` requirement), for example " +
				"`[\"m6i.large\", \"m6i.xlarge\"]`. Or give `families` with `smallest_size` and `largest_size`."),
			"families": stringList("The families the pool may launch (`karpenter.k8s.aws/instance-family`), for example `[\"m6i\", \"c6i\"]`, " +
				"matched exactly; with `smallest_size` and `largest_size`."),
			"smallest_size": schema.StringAttribute{MarkdownDescription: "The smallest size the pool launches, inclusive, for example `large`. " + sizeOrderDescription, Optional: true},
			"largest_size":  schema.StringAttribute{MarkdownDescription: "The largest size the pool launches, inclusive, for example `4xlarge`. " + sizeOrderDescription, Optional: true},
			"expected_pods": expectedPodsAttribute("Pods per node that need a VPC address (hostNetwork pods excluded)."),
			"max_nodes":     optionalNumber("The most nodes the pool runs, 1 to 100000. Give this, `max_vcpus`, or both."),
			"max_vcpus":     optionalNumber("The NodePool's `limits.cpu`, 1 to 10000000: a type reaches `max_vcpus / its vCPUs` nodes, so the smallest type has the most."),
			"desired_nodes": optionalNumber("Nodes the pool usually runs, 0 to 100000, for `ips_needed_desired` and `saved_ips`; default its limit."),
			"running_nodes": optionalNumber("Nodes of the pool running now, 0 to 100000, default 0; what they hold is added back where a subnet's capacity is its " +
				"free count, as for node groups (spread evenly over the pool's subnets: where they went is not known)."),
			"surge_nodes": optionalNumber("Replacement nodes Karpenter launches at once during drift or consolidation, before it drains the nodes they replace, " +
				"0 to 100000. Default 10% of the nodes, rounded up: the NodePool's default disruption budget."),
			"max_pods":                  optionalNumber("The EC2NodeClass's `spec.kubelet.maxPods`, 1 to 100000, which replaces Karpenter's per-type value on every type."),
			"pods_per_core":             optionalNumber("The EC2NodeClass's `spec.kubelet.podsPerCore`, 1 to 100000."),
			"pods_with_security_groups": optionalNumber("Pods per node with their own security groups, 0 to 100000, default 0 (see the node_group block)."),
			"subnet_ids":                stringList("Ids of the node subnets the EC2NodeClass's subnetSelectorTerms select; default every subnet with purpose `nodes`."),
		}},
	}
}

// karpenterAttributes are vpccni_cluster's top-level Karpenter attributes.
func karpenterAttributes() map[string]schema.Attribute {
	pool := map[string]schema.Attribute{
		"worst_instance_type": computedString("The type of the worst case: its nodes, as many as the limits allow, take the most addresses."),
		"max_pods":            computedInt("Karpenter's max pods for the worst-case type, which the projections use."),
		"surge_nodes":         computedInt("Replacement nodes at once (`surge_nodes`)."),
		"nodes_max":           computedInt("Nodes of the worst-case type the limits allow."),
		"availability_zones": schema.ListAttribute{
			MarkdownDescription: "Zones of the pool's node subnets.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"ec2_node_class_kubelet": computedString("The `kubelet` section of the EC2NodeClass's `spec`, as YAML: `maxPods` = `kubelet_max_pods` " +
			"(and `podsPerCore` when set). One value applies to every type of the pool, so it is the smallest the VPC CNI serves on any of them."),
		"recommended": schema.SingleNestedAttribute{
			MarkdownDescription: "The worst-case type's node with the recommended settings.",
			Computed:            true,
			Attributes:          clusterProjectionAttributes(),
		},
	}
	for _, name := range []string{"kubelet_max_pods", "branch_ips_per_node"} {
		pool[name] = nodeOutputAttributes()[name]
	}
	return map[string]schema.Attribute{
		"karpenter_reserved_enis": defaultedNumber("Karpenter's `RESERVED_ENIS` (its `settings.reservedENIs`), 0 to 1024: ENIs it leaves out of " +
			"max pods. Default 1 with `security_groups_for_pods` (the trunk ENI takes a slot Karpenter would otherwise count), else 0."),
		"karpenter_node_pools": schema.MapNestedAttribute{
			MarkdownDescription: "Per `karpenter_node_pool` name: its worst case and the kubelet settings the plan assumes.",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: pool},
		},
	}
}

// decodeKarpenterPool reads one karpenter_node_pool block.
func decodeKarpenterPool(b inObject, reservedENIs int) plan.KarpenterPool {
	p := plan.KarpenterPool{SurgeNodes: -1}
	b.need("name")
	b.need("expected_pods")
	p.Name, _ = b.text("name", groupNameCheck)
	if names, ok := decodeTypeSelection(b, false); ok {
		for _, n := range names {
			l, _ := ec2limits.Lookup(n)
			p.Types = append(p.Types, plan.NamedNode{Name: n, Node: ipam.NodeFromLimits(l, 0)})
		}
	}
	p.TypesAt = "instance_types"
	if b.isNull("instance_types") {
		p.TypesAt = "families"
	}
	p.ExpectedPods, _ = b.whole("expected_pods", 1, maxTarget)
	p.SecurityGroupPods = b.wholeOr("pods_with_security_groups", 0, maxTarget, 0)
	p.MaxNodes = b.wholeOr("max_nodes", 1, maxTarget, 0)
	p.MaxVCPUs = b.wholeOr("max_vcpus", 1, maxPoolVCPUs, 0)
	if b.isNull("max_nodes") && b.isNull("max_vcpus") {
		b.d.errs.AddAttributeError(b.attr("max_nodes"), "Pool without a limit",
			"Give max_nodes, max_vcpus (the NodePool's limits.cpu), or both: the plan sizes the subnets for as many nodes as the pool may launch.")
	}
	p.DesiredNodes = b.wholeOr("desired_nodes", 0, maxTarget, 0)
	p.RunningNodes = b.wholeOr("running_nodes", 0, maxTarget, 0)
	p.SurgeNodes = b.wholeOr("surge_nodes", 0, maxTarget, -1)
	p.Launch = ipam.Launch{
		Path:         ipam.LaunchKarpenter,
		MaxPods:      b.wholeOr("max_pods", 1, maxTarget, 0),
		PodsPerCore:  b.wholeOr("pods_per_core", 1, maxTarget, 0),
		ReservedENIs: reservedENIs,
	}
	p.SubnetIDs, _ = b.texts("subnet_ids", 1, true, subnetIDCheck)
	return p
}

// maxPoolVCPUs bounds a NodePool's vCPU limit.
const maxPoolVCPUs = 10000000

// karpenterPoolsValue writes karpenter_node_pools from the pools' results.
func karpenterPoolsValue(e *encoder, t tftypes.Type, groups []plan.GroupResult, podsPerCore map[string]int) tftypes.Value {
	pt := e.elemType(t)
	out := map[string]tftypes.Value{}
	for _, g := range groups {
		if !g.Pool {
			continue
		}
		o := e.object(pt, nil)
		o.set("worst_instance_type", tfString(g.WorstType))
		o.set("max_pods", tfInt(g.MaxPods.Pods))
		o.set("surge_nodes", tfInt(g.SurgeNodes))
		o.set("nodes_max", tfInt(g.Nodes[plan.PhaseMax]))
		o.set("availability_zones", tfStringList(g.Zones))
		o.set("kubelet_max_pods", tfInt(g.TargetMaxPods))
		o.set("branch_ips_per_node", tfInt(g.Branch.Addresses))
		o.set("ec2_node_class_kubelet", tfString(addon.EC2NodeClassKubelet(g.TargetMaxPods, podsPerCore[g.Name])))
		o.set("recommended", projectionValue(e, o.typeOf("recommended"), g.Recommended, groupTotals(g), nil))
		out[g.Name] = o.value()
	}
	return e.mapOf(t, out)
}
