// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// This file holds the glue vpccni_warm_pool and vpccni_cluster share:
// the settings object, projection objects, subnet CIDR validation and the
// mapping of plan findings to attribute paths.

const maxTarget = 100000

// Shapes of AWS names the planning data sources pass on to the add-on's
// configuration, where a stray space or capital letter would make an
// ENIConfig that no node matches.
var (
	noSpace         = regexp.MustCompile(`^\S+$`)
	zoneName        = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
	regionName      = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	securityGroupID = regexp.MustCompile(`^sg-[0-9a-f]{8,17}$`)
)

// settingsModel is the `current` settings object (and the settings
// argument of node_ips). A null field means the vpc-cni add-on default.
type settingsModel struct {
	WarmENITarget    types.Number `tfsdk:"warm_eni_target"`
	WarmIPTarget     types.Number `tfsdk:"warm_ip_target"`
	MinimumIPTarget  types.Number `tfsdk:"minimum_ip_target"`
	WarmPrefixTarget types.Number `tfsdk:"warm_prefix_target"`
}

var settingsDescriptions = map[string]string{
	"warm_eni_target":    "`WARM_ENI_TARGET`; null means the add-on default, 1. Ignored by ipamd when an IP target is set.",
	"warm_ip_target":     "`WARM_IP_TARGET`; null means not set. ipamd reads 0 as not set too.",
	"minimum_ip_target":  "`MINIMUM_IP_TARGET`; null means not set. ipamd reads 0 as not set too.",
	"warm_prefix_target": "`WARM_PREFIX_TARGET` (prefix delegation only); null means the add-on default, 1.",
}

// settingsInputAttributes are the optional inputs of a settings object.
func settingsInputAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for name, desc := range settingsDescriptions {
		attrs[name] = schema.NumberAttribute{
			MarkdownDescription: desc,
			Optional:            true,
			Validators:          []validator.Number{wholeBetween(0, maxTarget)},
		}
	}
	return attrs
}

// settingsFrom reads a settings object; nil when null.
func settingsFrom(v tftypes.Value) *settingsModel {
	o := objectOf(v)
	if o == nil {
		return nil
	}
	return &settingsModel{
		WarmENITarget:    numberOfValue(o["warm_eni_target"]),
		WarmIPTarget:     numberOfValue(o["warm_ip_target"]),
		MinimumIPTarget:  numberOfValue(o["minimum_ip_target"]),
		WarmPrefixTarget: numberOfValue(o["warm_prefix_target"]),
	}
}

// inRange reports whether every field is within its validator's range.
func (m settingsModel) inRange() bool {
	return inRange(m.WarmENITarget, 0, maxTarget) && inRange(m.WarmIPTarget, 0, maxTarget) &&
		inRange(m.MinimumIPTarget, 0, maxTarget) && inRange(m.WarmPrefixTarget, 0, maxTarget)
}

// toSettings applies the add-on defaults for null fields.
func (m settingsModel) toSettings() ipam.Settings {
	s := ipam.AddonDefaults()
	if !m.WarmENITarget.IsNull() {
		s.WarmENITarget = ipam.TargetOf(intOf(m.WarmENITarget))
	}
	if !m.WarmIPTarget.IsNull() {
		s.WarmIPTarget = ipam.TargetOf(intOf(m.WarmIPTarget))
	}
	if !m.MinimumIPTarget.IsNull() {
		s.MinimumIPTarget = ipam.TargetOf(intOf(m.MinimumIPTarget))
	}
	if !m.WarmPrefixTarget.IsNull() {
		s.WarmPrefixTarget = ipam.TargetOf(intOf(m.WarmPrefixTarget))
	}
	return s
}

// projectionValue writes a projection object of type t: the per-node
// figures, and for each entry of totals (attribute -> node count) the
// subnet addresses of that many nodes. Attributes of t it does not set
// keep the values in keep (the inputs of `current`), or are null.
func projectionValue(t tftypes.Type, p ipam.Projection, totals map[string]int, keep tfObject) tftypes.Value {
	set := map[string]tftypes.Value{
		"enis_per_node":          tfInt(p.ENIs),
		"secondary_ips_per_node": tfInt(p.SecondaryIPs),
		"prefixes_per_node":      tfInt(p.Prefixes),
		"ips_per_node":           tfInt(p.SubnetIPs()),
		"free_ips_per_node":      tfInt(p.FreeIPs),
		"pods_without_ip":        tfInt(p.PodsWithoutIP),
	}
	for name, nodes := range totals {
		set[name] = tfInt(nodes * p.SubnetIPs())
	}
	for name, v := range keep {
		if _, ok := set[name]; !ok {
			set[name] = v
		}
	}
	return tfObjectValue(t, set)
}

var projectionDescriptions = map[string]string{
	"enis_per_node":          "ENIs attached to each node, the primary ENI included.",
	"secondary_ips_per_node": "Secondary addresses each node holds (0 under prefix delegation).",
	"prefixes_per_node":      "/28 prefixes each node holds (0 without prefix delegation).",
	"ips_per_node":           "Subnet addresses each node takes: `enis_per_node + secondary_ips_per_node + 16 * prefixes_per_node`.",
	"free_ips_per_node":      "Pod addresses each node holds but does not use.",
	"pods_without_ip":        "Pods per node the settings leave without an address (they stay in ContainerCreating).",
	"total_ips":              "`ips_per_node` times the node count.",
}

// projectionAttributes are the computed attributes of a projection.
func projectionAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for name, desc := range projectionDescriptions {
		attrs[name] = schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	return attrs
}

// envValues returns the env map and configuration_values of settings.
func envValues(s ipam.Settings, eni *addon.ENIConfig) (env tftypes.Value, configurationValues tftypes.Value) {
	m := addon.Env(s)
	return tfStringMap(m), tfString(addon.ConfigurationValues(m, eni))
}

// stringCheck is a string validator made of a check: detail returns the
// diagnostic's detail for a bad value and "" for a good one. Null and
// unknown values are left alone (Read sees them once they are known).
type stringCheck struct {
	description string
	summary     string
	detail      func(string) string
}

func (c stringCheck) Description(context.Context) string { return c.description }

func (c stringCheck) MarkdownDescription(ctx context.Context) string { return c.Description(ctx) }

func (c stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d := c.detail(req.ConfigValue.ValueString()); d != "" {
		resp.Diagnostics.AddAttributeError(req.Path, c.summary, d)
	}
}

// cidrValidator checks one subnet CIDR element.
var cidrValidator = stringCheck{
	description: "an IPv4 subnet CIDR from /16 to /28 with no host bits set",
	summary:     "Invalid subnet CIDR",
	detail: func(cidr string) string {
		if _, err := subnet.Parse(cidr); err != nil {
			return err.Error() + "."
		}
		return ""
	},
}

// findingPath maps a plan finding's Where to an attribute path.
func findingPath(w plan.Where) path.Path {
	p := path.Root(w.Attr)
	if w.Index >= 0 {
		p = p.AtListIndex(w.Index)
	}
	if w.Field != "" {
		p = p.AtName(w.Field)
	}
	return p
}

// appendFindings adds plan findings as diagnostics; errorsOnly drops the
// warnings (ValidateConfig reports errors early and leaves warnings to
// Read, so that they are not shown twice).
func appendFindings(diags *diag.Diagnostics, findings plan.Findings, errorsOnly bool) {
	for _, f := range findings {
		switch {
		case f.Severity == plan.Error:
			diags.AddAttributeError(findingPath(f.Where), f.Summary, f.Detail)
		case !errorsOnly:
			diags.AddAttributeWarning(findingPath(f.Where), f.Summary, f.Detail)
		}
	}
}

// noNullElements reports whether a list has no null element (a
// NoNullValues validator reports those).
func noNullElements(l types.List) bool {
	for _, e := range l.Elements() {
		if e.IsNull() {
			return false
		}
	}
	return true
}

// validateSubnetListLengths checks that subnet_cidrs and
// subnet_available_ips pair up. Either list may be unknown in part; its
// length is known as soon as the list itself is.
func validateSubnetListLengths(cidrs, available types.List) diag.Diagnostics {
	var diags diag.Diagnostics
	if cidrs.IsNull() || cidrs.IsUnknown() || available.IsNull() || available.IsUnknown() {
		return diags
	}
	if n, m := len(cidrs.Elements()), len(available.Elements()); n != m {
		diags.AddAttributeError(path.Root("subnet_available_ips"), "Subnet lists differ in length",
			fmt.Sprintf("subnet_available_ips has %d elements and subnet_cidrs %d; they pair up by position, so give one count per CIDR (or leave one list out).", m, n))
	}
	return diags
}

// subnetInputs pairs the two subnet lists; both must be known.
func subnetInputs(cidrs, available types.List) []plan.SubnetInput {
	n := max(len(cidrs.Elements()), len(available.Elements()))
	if n == 0 {
		return nil
	}
	out := make([]plan.SubnetInput, n)
	for i := range out {
		out[i].Available = -1
		if i < len(cidrs.Elements()) {
			if s, ok := cidrs.Elements()[i].(types.String); ok {
				out[i].CIDR = s.ValueString()
			}
		}
		if i < len(available.Elements()) {
			if c, ok := available.Elements()[i].(types.Number); ok {
				out[i].Available = intOf(c)
			}
		}
	}
	return out
}

// expectedPodsAttribute is a required count of pods per node.
func expectedPodsAttribute(description string) schema.NumberAttribute {
	return schema.NumberAttribute{
		MarkdownDescription: description,
		Required:            true,
		Validators:          []validator.Number{wholeBetween(1, maxTarget)},
	}
}

// spareIPsAttribute is the spare_ips input that becomes WARM_IP_TARGET;
// it reports the default (plan.DefaultSpareIPs) when not set.
func spareIPsAttribute(description string) schema.NumberAttribute {
	return schema.NumberAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.Number{wholeBetween(0, maxTarget)},
	}
}

// alternativesAttribute is the `alternatives` list of the planning data
// sources; when names the moment the numbers are for.
func alternativesAttribute(when string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "The fixes for subnet exhaustion side by side, " + when + ", one entry per remedy in this order: " +
			"`ip_targets` (secondary IPs with `WARM_IP_TARGET`/`MINIMUM_IP_TARGET`, the recommendation without prefix delegation or custom networking), " +
			"`prefix_delegation` (the same targets in /28 prefixes), `custom_networking` (the same targets, pod ENIs in ENIConfig subnets) and " +
			"`ipv6` (an IPv6 cluster). Each is a whole configuration on its own, computed with the same model as the recommendation, so the numbers compare.",
		Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"remedy": schema.StringAttribute{MarkdownDescription: "`ip_targets`, `prefix_delegation`, `custom_networking` or `ipv6`.", Computed: true},
			"env": schema.MapAttribute{
				MarkdownDescription: "The aws-node environment variables the remedy needs, values as strings.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"possible": schema.BoolAttribute{
				MarkdownDescription: "Whether the instance types can run the expected pods with this remedy at all; when false `notes` says why and the numbers are null.",
				Computed:            true,
			},
			"node_subnet_ips": computedInt("Addresses the nodes take from the node subnets, " + when + "."),
			"pod_subnet_ips":  computedInt("Addresses the pod ENIs take from ENIConfig subnets (custom networking; 0 otherwise), " + when + "."),
			"node_subnet_ips_saved": computedInt("Node-subnet addresses saved against the vpc-cni add-on defaults (`baseline`) at the same moment; " +
				"negative when the remedy costs more."),
			"fits": schema.BoolAttribute{
				MarkdownDescription: "Whether the given subnets hold it (aligned /28 blocks included under prefix delegation). " +
					"Null without subnets, or when not possible. For `custom_networking` without given pod subnets, only the node subnets are checked.",
				Computed: true,
			},
			"smallest_node_subnet_prefix": computedInt("Prefix length of the smallest per-AZ node subnet that would hold the busiest zone's share " +
				"(in `vpccni_warm_pool`, the busiest subnet's), for example 24 for a /24; null when not even a /16 would."),
			"smallest_pod_subnet_prefix": computedInt("`custom_networking` only: prefix length of the smallest ENIConfig subnet per zone that would hold its pod addresses."),
			"notes":                      schema.StringAttribute{MarkdownDescription: "One line: what the remedy needs and costs, and what is specific to this plan.", Computed: true},
		}},
	}
}

// alternativesValue writes the alternatives list of type t. It fills every
// attribute itself instead of through tfObjectValue and reuses the values
// that only depend on the remedy: with four objects of ten attributes it
// was half of a warm_pool read (bench/RESULTS.md).
func alternativesValue(t tftypes.Type, alts []plan.Alternative) tftypes.Value {
	et := elementType(t)
	null := tfNull(tftypes.Number)
	elems := make([]tftypes.Value, len(alts))
	for i, a := range alts {
		set := map[string]tftypes.Value{
			"remedy":                      remedyNames[a.Remedy],
			"env":                         tfStringMap(a.Env),
			"possible":                    tfBool(a.Possible),
			"notes":                       tfString(a.Notes),
			"node_subnet_ips":             null,
			"pod_subnet_ips":              null,
			"node_subnet_ips_saved":       null,
			"smallest_node_subnet_prefix": null,
			"smallest_pod_subnet_prefix":  null,
			"fits":                        tfNull(tftypes.Bool),
		}
		if a.Possible {
			set["node_subnet_ips"] = tfInt(a.NodeSubnetIPs)
			set["pod_subnet_ips"] = tfInt(a.PodSubnetIPs)
			set["node_subnet_ips_saved"] = tfInt(a.NodeSubnetIPsSaved)
			if a.SmallestNodeSubnetBits > 0 {
				set["smallest_node_subnet_prefix"] = tfInt(a.SmallestNodeSubnetBits)
			}
			if a.SmallestPodSubnetBits > 0 {
				set["smallest_pod_subnet_prefix"] = tfInt(a.SmallestPodSubnetBits)
			}
		}
		if a.Checked {
			set["fits"] = tfBool(a.Fits)
		}
		elems[i] = tftypes.NewValue(et, set)
	}
	return tftypes.NewValue(t, elems)
}

// remedyNames are the remedy attribute values, built once.
var remedyNames = func() (names [len(plan.Remedies)]tftypes.Value) {
	for i, r := range plan.Remedies {
		names[i] = tfString(r.String())
	}
	return names
}()
