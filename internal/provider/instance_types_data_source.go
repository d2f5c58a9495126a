// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

var (
	_ datasource.DataSource                   = &InstanceTypesDataSource{}
	_ datasource.DataSourceWithValidateConfig = &InstanceTypesDataSource{}
)

// maxTotalPods bounds total_pods: ten million pods on one-pod nodes stays
// far from overflow in every total.
const maxTotalPods = 10000000

// ratioPrecision is the mantissa of the ratios the data source writes:
// 64 bits, more than float64's 53, so that 230/200 reaches Terraform as
// 1.15 rather than float64's 1.1499999999999999 (the protocol sends a
// number that is no exact float64 as its shortest decimal), and few
// enough that finding that decimal stays cheap: at cty's 512 bits it
// took 90% of a 1,391-candidate ranking's read.
const ratioPrecision = 64

// NewInstanceTypesDataSource returns the vpccni_instance_types data source.
func NewInstanceTypesDataSource() datasource.DataSource {
	return &InstanceTypesDataSource{}
}

// InstanceTypesDataSource ranks instance types by the subnet addresses one
// workload takes on them.
type InstanceTypesDataSource struct{}

func (d *InstanceTypesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_instance_types"
}

func (d *InstanceTypesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Ranks EC2 instance types by the VPC subnet addresses one workload takes on them: `total_pods` pods at up to `expected_pods` a node, " +
			"each type with its own recommended `MINIMUM_IP_TARGET` and `WARM_IP_TARGET` (as `vpccni_warm_pool` recommends them). " +
			"Types whose ENIs hold addresses in large blocks, or whose pods fill ENIs exactly, take fewer addresses per pod. " +
			"Choose the types by name (`instance_types`), by family and size (`families`, `smallest_size`, `largest_size`), or rank all " +
			fmt.Sprint(ec2limits.Len()) + " types of the embedded table. Projections are for pods rising to their count, as in `vpccni_warm_pool`.",
		Attributes: map[string]schema.Attribute{
			"expected_pods": expectedPodsAttribute("Pods per node that need a VPC address: hostNetwork pods (aws-node, kube-proxy and the like) excluded. " +
				"Types that cannot run that many (max pods, or the addresses their ENIs hold) run as many as they can, on more nodes."),
			"total_pods": schema.NumberAttribute{
				MarkdownDescription: "Pods of the workload in all: the nodes are `ceil(total_pods / pods_per_node)`, the last one running the remainder.",
				Required:            true,
			},
			"instance_types": schema.ListAttribute{
				MarkdownDescription: "Instance types to rank, for example `[\"r5.xlarge\", \"m6i.2xlarge\"]`. Each must be in the embedded table; an unknown name is an error that suggests close matches. " +
					"Cannot be combined with `families`, `smallest_size` or `largest_size`.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"families": schema.ListAttribute{
				MarkdownDescription: "Instance families to rank, for example `[\"m6i\", \"r6i\"]`: the part of the name before the dot, matched exactly " +
					"(`m5` selects m5.large, not m5d.large or m5n.large). Without `families` and `instance_types` every type in the table is ranked.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"smallest_size": schema.StringAttribute{
				MarkdownDescription: "Smallest size to rank, inclusive, for example `large`. " + sizeOrderDescription,
				Optional:            true,
			},
			"largest_size": schema.StringAttribute{
				MarkdownDescription: "Largest size to rank, inclusive, for example `4xlarge`. " + sizeOrderDescription,
				Optional:            true,
			},
			"spare_ips": defaultedNumber("Free addresses each node keeps for pods about to start: `WARM_IP_TARGET`, as in `vpccni_warm_pool`. Default 2. " +
				"0 is raised to 1 with a warning, because ipamd reads `WARM_IP_TARGET=0` as unset and `MINIMUM_IP_TARGET` alone freezes the pool."),
			"prefix_delegation": schema.BoolAttribute{
				MarkdownDescription: "Whether `ENABLE_PREFIX_DELEGATION` is on: nodes hold /28 prefixes instead of single addresses. Default false. " +
					"ipamd runs it on Nitro and bare metal types only; each candidate's `prefix_delegation` says whether it does.",
				Optional: true,
				Computed: true,
			},
			"custom_networking": schema.BoolAttribute{
				MarkdownDescription: "Whether custom networking is on: pods use ENIs in ENIConfig subnets and the primary ENI carries none, " +
					"so types with one ENI on their default network card cannot run pods (see `excluded`). Default false.",
				Optional: true,
				Computed: true,
			},
			"max_eni": maxENIAttribute(),
			"vcpus": schema.MapAttribute{
				MarkdownDescription: "Default vCPUs by instance type, for example from `aws_ec2_instance_type.default_vcpus`. They override the table's counts, " +
					"which the prefix-delegation max-pods cap uses: 250 above 30 vCPUs, 110 otherwise. The few types the table has no count for are " +
					"capped at 110, with a warning when that lowers a ranked type's `pods_per_node`. Keys must be instance types of the table; types that are not ranked are ignored.",
				ElementType: types.NumberType,
				Optional:    true,
			},
			"limit": schema.NumberAttribute{
				MarkdownDescription: "Keep the first `limit` candidates. Default: all.",
				Optional:            true,
			},
			"candidates": schema.ListNestedAttribute{
				MarkdownDescription: "The ranked types, fewest subnet addresses first (`total_ips`, which orders them as `ips_per_pod` does); " +
					"ties go to fewer nodes, then the smaller size, then the name.",
				Computed:     true,
				NestedObject: schema.NestedAttributeObject{Attributes: candidateAttributes()},
			},
			"excluded": schema.Int64Attribute{
				MarkdownDescription: "Selected types that cannot hold a single pod, and are not ranked: under custom networking, types with one ENI on their default network card. " +
					"`limit` does not count here.",
				Computed: true,
			},
		},
	}
}

const sizeOrderDescription = "Sizes order `nano`, `micro`, `small`, `medium`, `large`, `xlarge`, then `Nxlarge` by N (`2xlarge`, `3xlarge`, ...); " +
	"`metal-Nxl` ranks as `Nxlarge` and plain `metal` above every size. Applies to `families`, or to the whole table without them."

var candidateDescriptions = map[string]string{
	"max_pods":          "EKS max pods of the type in the chosen mode (secondary IPs, custom networking or prefix delegation, and `max_eni`).",
	"pods_per_node":     "`expected_pods`, lowered to `max_pods` and to the pod addresses the type holds, the limits `vpccni_warm_pool` enforces.",
	"nodes":             "Nodes the workload needs: `ceil(total_pods / pods_per_node)`.",
	"ips_per_node":      "Subnet addresses of a node running `pods_per_node` pods with the recommended targets: ENI primaries and pod addresses, in the node and pod subnets.",
	"total_ips":         "Subnet addresses of all nodes: `nodes - 1` full nodes and the last one running the remainder (which `minimum_ip_target` still holds at `pods_per_node` addresses).",
	"ips_per_pod":       "`total_ips / total_pods`: subnet addresses per pod.",
	"node_subnet_ips":   "The part of `total_ips` in the node subnets: all of it, or under custom networking one address per node.",
	"pod_subnet_ips":    "The part of `total_ips` in the ENIConfig (pod) subnets under custom networking; 0 without it.",
	"minimum_ip_target": "The recommended `MINIMUM_IP_TARGET` for this type: `pods_per_node`.",
	"warm_ip_target":    "The recommended `WARM_IP_TARGET` for this type: `spare_ips`, clamped to what the node holds.",
}

func candidateAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"instance_type": schema.StringAttribute{MarkdownDescription: "The instance type.", Computed: true},
		"ips_per_pod":   schema.NumberAttribute{MarkdownDescription: candidateDescriptions["ips_per_pod"], Computed: true},
		"prefix_delegation": schema.BoolAttribute{
			MarkdownDescription: "Whether ipamd runs prefix delegation on the type: false when it is off, and on types that are neither Nitro nor bare metal, where ipamd falls back to secondary IPs.",
			Computed:            true,
		},
	}
	for name, desc := range candidateDescriptions {
		if _, ok := attrs[name]; !ok {
			attrs[name] = schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
		}
	}
	return attrs
}

func (d *InstanceTypesDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	_, dec := decodeInstanceTypes(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
}

func (d *InstanceTypesDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	in, dec := decodeInstanceTypes(req.Config.Raw)
	resp.Diagnostics.Append(dec.errs...)
	if dec.errs.HasError() {
		return
	}
	r := plan.Rank(in)
	t := req.Config.Raw.Type()
	appendFindings(&resp.Diagnostics, t, r.Findings, false)

	e := &encoder{}
	out, _, ok := e.state(req.Config.Raw)
	if !ok {
		resp.Diagnostics.Append(e.errs...)
		return
	}
	out.set("spare_ips", tfInt(in.SpareIPs))
	out.set("prefix_delegation", tfBool(in.PrefixDelegation))
	out.set("custom_networking", tfBool(in.CustomNetworking))
	out.set("excluded", tfInt(r.Excluded))
	out.set("candidates", candidateList(e, out.typeOf("candidates"), r.Candidates, in.TotalPods))
	v := out.value()
	resp.Diagnostics.Append(e.errs...)
	if !resp.Diagnostics.HasError() {
		resp.State.Raw = v
	}
}

// candidateList writes the candidates list of type t.
func candidateList(e *encoder, t tftypes.Type, cs []plan.Candidate, totalPods int) tftypes.Value {
	et := e.elemType(t)
	elems := make([]tftypes.Value, len(cs))
	for i, c := range cs {
		o := e.object(et, nil)
		o.set("instance_type", tfString(c.InstanceType))
		o.set("max_pods", tfInt(c.MaxPods))
		o.set("pods_per_node", tfInt(c.PodsPerNode))
		o.set("nodes", tfInt(c.Nodes))
		o.set("ips_per_node", tfInt(c.IPsPerNode))
		o.set("total_ips", tfInt64(c.TotalIPs))
		o.set("ips_per_pod", tftypes.NewValue(tftypes.Number, ratio(c.TotalIPs, int64(totalPods))))
		o.set("node_subnet_ips", tfInt64(c.NodeSubnetIPs))
		o.set("pod_subnet_ips", tfInt64(c.PodSubnetIPs))
		o.set("minimum_ip_target", tfInt(c.MinimumIPTarget))
		o.set("warm_ip_target", tfInt(c.WarmIPTarget))
		o.set("prefix_delegation", tfBool(c.PrefixDelegation))
		elems[i] = o.value()
	}
	return e.list(t, elems)
}

// ratio is a/b at ratioPrecision: it reaches Terraform in the fewest
// digits that identify it at that precision, so 230/200 shows as 1.15
// (a float64 division would carry its binary error into the output).
func ratio(a, b int64) *big.Float {
	x := new(big.Float).SetPrec(ratioPrecision).SetInt64(a)
	return x.Quo(x, new(big.Float).SetPrec(ratioPrecision).SetInt64(b))
}
