// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

var (
	_ datasource.DataSource                   = &InstanceTypesDataSource{}
	_ datasource.DataSourceWithValidateConfig = &InstanceTypesDataSource{}
)

// maxTotalPods bounds total_pods: ten million pods on one-pod nodes stays
// far from overflow in every total.
const maxTotalPods = 10000000

// numberPrecision is the precision of Terraform's numbers (cty's 512
// bits): a ratio computed at it prints as Terraform would print it, 1.15
// rather than float64's 1.1499999999999999.
const numberPrecision = 512

// NewInstanceTypesDataSource returns the vpccni_instance_types data source.
func NewInstanceTypesDataSource() datasource.DataSource {
	return &InstanceTypesDataSource{}
}

// InstanceTypesDataSource ranks instance types by the subnet addresses one
// workload takes on them.
type InstanceTypesDataSource struct{}

// instanceTypesModel is the configuration, read from the raw value (see
// tfobject.go for why not by reflection).
type instanceTypesModel struct {
	ExpectedPods     types.Number
	TotalPods        types.Number
	InstanceTypes    types.List
	Families         types.List
	SmallestSize     types.String
	LargestSize      types.String
	SpareIPs         types.Number
	PrefixDelegation types.Bool
	CustomNetworking types.Bool
	MaxENI           types.Number
	Limit            types.Number
	// VCPUs is the vcpus map's raw elements, nil when null or not fully
	// known (Read only runs with known values).
	VCPUs map[string]tftypes.Value
}

func instanceTypesModelOf(o tfObject) instanceTypesModel {
	m := instanceTypesModel{
		ExpectedPods:     numberOfValue(o["expected_pods"]),
		TotalPods:        numberOfValue(o["total_pods"]),
		InstanceTypes:    stringListOf(o["instance_types"]),
		Families:         stringListOf(o["families"]),
		SmallestSize:     stringOf(o["smallest_size"]),
		LargestSize:      stringOf(o["largest_size"]),
		SpareIPs:         numberOfValue(o["spare_ips"]),
		PrefixDelegation: boolOf(o["prefix_delegation"]),
		CustomNetworking: boolOf(o["custom_networking"]),
		MaxENI:           numberOfValue(o["max_eni"]),
		Limit:            numberOfValue(o["limit"]),
	}
	if v := o["vcpus"]; v.IsFullyKnown() && !v.IsNull() {
		if err := v.As(&m.VCPUs); err != nil {
			panic(err) // the framework hands us values of the schema's type
		}
	}
	return m
}

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
				Validators:          []validator.Number{wholeBetween(1, maxTotalPods)},
			},
			"instance_types": schema.ListAttribute{
				MarkdownDescription: "Instance types to rank, for example `[\"r5.xlarge\", \"m6i.2xlarge\"]`. Each must be in the embedded table; an unknown name is an error that suggests close matches. " +
					"Cannot be combined with `families`, `smallest_size` or `largest_size`.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.NoNullValues(),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(instanceTypeNameValidator),
					listvalidator.ConflictsWith(path.MatchRoot("families"), path.MatchRoot("smallest_size"), path.MatchRoot("largest_size")),
				},
			},
			"families": schema.ListAttribute{
				MarkdownDescription: "Instance families to rank, for example `[\"m6i\", \"r6i\"]`: the part of the name before the dot, matched exactly " +
					"(`m5` selects m5.large, not m5d.large or m5n.large). Without `families` and `instance_types` every type in the table is ranked.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.NoNullValues(),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(familyValidator),
				},
			},
			"smallest_size": schema.StringAttribute{
				MarkdownDescription: "Smallest size to rank, inclusive, for example `large`. " + sizeOrderDescription,
				Optional:            true,
				Validators:          []validator.String{sizeValidator},
			},
			"largest_size": schema.StringAttribute{
				MarkdownDescription: "Largest size to rank, inclusive, for example `4xlarge`. " + sizeOrderDescription,
				Optional:            true,
				Validators:          []validator.String{sizeValidator},
			},
			"spare_ips": spareIPsAttribute("Free addresses each node keeps for pods about to start: `WARM_IP_TARGET`, as in `vpccni_warm_pool`. Default 2. " +
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
				MarkdownDescription: "Default vCPUs by instance type, for example from `aws_ec2_instance_type.default_vcpus`. Only the prefix-delegation " +
					"max-pods cap uses them: 250 above 30 vCPUs, 110 otherwise. The table holds no vCPU counts, so types missing here are capped at 110, " +
					"with a warning when that lowers a ranked type's `pods_per_node`. Keys must be instance types of the table; types that are not ranked are ignored.",
				ElementType: types.NumberType,
				Optional:    true,
				Validators: []validator.Map{
					mapvalidator.NoNullValues(),
					mapvalidator.KeysAre(instanceTypeNameValidator),
					mapvalidator.ValueNumbersAre(wholeBetween(1, maxVCPUs)),
				},
			},
			"limit": schema.NumberAttribute{
				MarkdownDescription: "Keep the first `limit` candidates. Default: all.",
				Optional:            true,
				Validators:          []validator.Number{wholeBetween(1, maxTarget)},
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

// sizeBounds parses smallest_size and largest_size; 0 is no bound. ok is
// false when either is unknown or not a size (its validator reports that).
func (m instanceTypesModel) sizeBounds() (lo, hi ec2limits.Size, ok bool) {
	parse := func(s types.String) (ec2limits.Size, bool) {
		if s.IsNull() {
			return 0, true
		}
		if s.IsUnknown() {
			return 0, false
		}
		r, err := ec2limits.ParseSize(s.ValueString())
		return r, err == nil
	}
	lo, okLo := parse(m.SmallestSize)
	hi, okHi := parse(m.LargestSize)
	return lo, hi, okLo && okHi
}

// validateSelection checks what the selection attributes say together:
// the size bounds' order, and that the families and sizes select any type,
// and returns the types they select (nil when it cannot tell yet). It
// stays quiet about values that are unknown or that a validator refuses.
func (m instanceTypesModel) validateSelection() ([]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !m.InstanceTypes.IsNull() {
		return nil, diags // ConflictsWith reports sizes and families beside it
	}
	lo, hi, ok := m.sizeBounds()
	if !ok {
		return nil, diags
	}
	if lo != 0 && hi != 0 && lo > hi {
		diags.AddAttributeError(path.Root("largest_size"), "Size bounds in the wrong order",
			fmt.Sprintf("smallest_size = %q is larger than largest_size = %q, so no type fits between them. Swap them, or give a largest_size of at least %q. %s",
				m.SmallestSize.ValueString(), m.LargestSize.ValueString(), m.SmallestSize.ValueString(), sizeOrderDescription))
		return nil, diags
	}
	if m.Families.IsUnknown() {
		return nil, diags
	}
	families := listStrings(m.Families)
	for _, e := range m.Families.Elements() {
		if e.IsUnknown() {
			return nil, diags
		}
	}
	for _, f := range families {
		if !ec2limits.HasFamily(f) {
			return nil, diags // familyValidator reports it
		}
	}
	names := ec2limits.Select(ec2limits.Selection{Families: families, Smallest: lo, Largest: hi})
	if len(names) == 0 {
		where, what := path.Root("smallest_size"), "the table"
		if len(families) > 0 {
			where, what = path.Root("families"), "families "+strings.Join(families, ", ")
		}
		diags.AddAttributeError(where, "No instance type selected",
			fmt.Sprintf("No instance type of %s has a size from %s to %s. Widen smallest_size or largest_size, or choose other families.",
				what, sizeOrNone(m.SmallestSize, "the smallest"), sizeOrNone(m.LargestSize, "the largest")))
	}
	return names, diags
}

func sizeOrNone(s types.String, none string) string {
	if s.IsNull() {
		return none
	}
	return fmt.Sprintf("%q", s.ValueString())
}

// rankTypes resolves the selection into the types to rank, in name order,
// with their vCPU counts. The validators have checked the names; an
// unknown one is reported again rather than trusted.
func (m instanceTypesModel) rankTypes() ([]plan.RankType, diag.Diagnostics) {
	var diags diag.Diagnostics
	var names []string
	if !m.InstanceTypes.IsNull() {
		names = listStrings(m.InstanceTypes)
		for i, n := range names {
			if _, err := ec2limits.Find(n); err != nil {
				diags.AddAttributeError(path.Root("instance_types").AtListIndex(i), "Unknown instance type", instanceTypeMessage(n, err))
			}
		}
		names = slices.Clone(names)
		slices.Sort(names)
	} else {
		families := listStrings(m.Families)
		for i, f := range families {
			if err := ec2limits.FindFamily(f); err != nil {
				diags.AddAttributeError(path.Root("families").AtListIndex(i), "Unknown instance family", sentence(err.Error()))
			}
		}
		if _, _, ok := m.sizeBounds(); !ok {
			diags.AddAttributeError(path.Root("smallest_size"), "Invalid size bounds", "smallest_size or largest_size is not an instance size. "+sizeOrderDescription)
		}
		if diags.HasError() {
			return nil, diags
		}
		selected, d := m.validateSelection()
		diags.Append(d...)
		names = selected
	}
	for key := range m.VCPUs {
		if _, err := ec2limits.Find(key); err != nil {
			diags.AddAttributeError(path.Root("vcpus").AtMapKey(key), "Unknown instance type", instanceTypeMessage(key, err))
		}
	}
	if diags.HasError() {
		return nil, diags
	}
	out := make([]plan.RankType, len(names))
	for i, n := range names {
		l, _ := ec2limits.Lookup(n)
		vcpus := 0
		if v, ok := m.VCPUs[n]; ok {
			vcpus = intOf(numberOfValue(v))
		}
		out[i] = plan.RankType{Name: n, Node: ipam.NodeFromLimits(l, vcpus)}
	}
	return out, diags
}

func (d *InstanceTypesDataSource) ValidateConfig(_ context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	raw := objectOf(req.Config.Raw)
	if raw == nil {
		return
	}
	// The selection is checked as soon as its own attributes are known,
	// whatever the others are.
	_, diags := instanceTypesModelOf(raw).validateSelection()
	resp.Diagnostics.Append(diags...)
}

func (d *InstanceTypesDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	raw := objectOf(req.Config.Raw)
	m := instanceTypesModelOf(raw)
	typs, diags := m.rankTypes()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := plan.RankInput{
		Types:            typs,
		ExpectedPods:     intOf(m.ExpectedPods),
		TotalPods:        intOf(m.TotalPods),
		SpareIPs:         intOr(m.SpareIPs, plan.DefaultSpareIPs),
		PrefixDelegation: m.PrefixDelegation.ValueBool(),
		CustomNetworking: m.CustomNetworking.ValueBool(),
		MaxENI:           intOf(m.MaxENI),
		Limit:            intOf(m.Limit),
	}
	r := plan.Rank(in)
	appendFindings(&resp.Diagnostics, r.Findings, false)

	t := req.Config.Raw.Type()
	out := raw.clone()
	out["spare_ips"] = tfInt(in.SpareIPs)
	out["prefix_delegation"] = tfBool(in.PrefixDelegation)
	out["custom_networking"] = tfBool(in.CustomNetworking)
	out["excluded"] = tfInt(r.Excluded)
	out["candidates"] = candidateList(attrType(t, "candidates"), r.Candidates, in.TotalPods)
	resp.State.Raw = tftypes.NewValue(t, out)
}

// candidateList writes the candidates list of type t.
func candidateList(t tftypes.Type, cs []plan.Candidate, totalPods int) tftypes.Value {
	et := elementType(t)
	elems := make([]tftypes.Value, len(cs))
	for i, c := range cs {
		elems[i] = tfObjectValue(et, map[string]tftypes.Value{
			"instance_type":     tfString(c.InstanceType),
			"max_pods":          tfInt(c.MaxPods),
			"pods_per_node":     tfInt(c.PodsPerNode),
			"nodes":             tfInt(c.Nodes),
			"ips_per_node":      tfInt(c.IPsPerNode),
			"total_ips":         tfInt(c.TotalIPs),
			"ips_per_pod":       tftypes.NewValue(tftypes.Number, ratio(c.TotalIPs, totalPods)),
			"node_subnet_ips":   tfInt(c.NodeSubnetIPs),
			"pod_subnet_ips":    tfInt(c.PodSubnetIPs),
			"minimum_ip_target": tfInt(c.MinimumIPTarget),
			"warm_ip_target":    tfInt(c.WarmIPTarget),
			"prefix_delegation": tfBool(c.PrefixDelegation),
		})
	}
	return tftypes.NewValue(t, elems)
}

// ratio is a/b at Terraform's number precision. Terraform prints it in
// the fewest digits that identify it at that precision, so 230/200 shows
// as 1.15 (a float64 division would carry its binary error into the
// output).
func ratio(a, b int) *big.Float {
	x := new(big.Float).SetPrec(numberPrecision).SetInt64(int64(a))
	return x.Quo(x, new(big.Float).SetPrec(numberPrecision).SetInt64(int64(b)))
}

// instanceTypeMessage is the detail of an unknown instance type in a list
// or map key.
func instanceTypeMessage(name string, err error) string {
	if name == "" {
		return "The instance type is empty; give an EC2 instance type such as \"m5.large\"."
	}
	return sentence(err.Error())
}

// sentence ends an error message with a full stop unless it ends a
// question or sentence already.
func sentence(msg string) string {
	if strings.HasSuffix(msg, "?") || strings.HasSuffix(msg, ".") {
		return msg
	}
	return msg + "."
}

// Validators of instance type names, families and sizes (see stringCheck).
var (
	instanceTypeNameValidator = stringCheck{
		description: "an EC2 instance type in the provider's embedded table",
		summary:     "Unknown instance type",
		detail: func(name string) string {
			if _, err := ec2limits.Find(name); err != nil {
				return instanceTypeMessage(name, err)
			}
			return ""
		},
	}
	familyValidator = stringCheck{
		description: "an instance family of the provider's embedded table, such as m5",
		summary:     "Unknown instance family",
		detail: func(f string) string {
			if err := ec2limits.FindFamily(f); err != nil {
				return sentence(err.Error())
			}
			return ""
		},
	}
	sizeValidator = stringCheck{
		description: "an EC2 instance size such as large, xlarge, 4xlarge or metal",
		summary:     "Invalid instance size",
		detail: func(size string) string {
			if _, err := ec2limits.ParseSize(size); err != nil {
				return err.Error()
			}
			return ""
		},
	}
)
