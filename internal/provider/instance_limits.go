// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// Bounds for the limit overrides. EC2's largest types today have 15 ENIs
// on a network card and 64 addresses per ENI; the bounds leave room for
// new types while keeping every product far from integer overflow.
const (
	maxOverrideENIs      = 1024
	maxOverrideIPsPerENI = 1024
	maxVCPUs             = 100000
)

// instanceLimitsModel is the part of a configuration that says which
// instance type a node is and what it can hold. vpccni_instance_type takes
// it at the top level, vpccni_warm_pool too, and vpccni_cluster once per
// node group.
type instanceLimitsModel struct {
	InstanceType              types.String
	MaxNetworkInterfaces      types.Number
	IPv4AddressesPerInterface types.Number
	VCPUs                     types.Number
	MaxENI                    types.Number
}

func instanceLimitsModelOf(o tfObject) instanceLimitsModel {
	return instanceLimitsModel{
		InstanceType:              stringOf(o["instance_type"]),
		MaxNetworkInterfaces:      numberOfValue(o["max_network_interfaces"]),
		IPv4AddressesPerInterface: numberOfValue(o["ipv4_addresses_per_interface"]),
		VCPUs:                     numberOfValue(o["vcpus"]),
		MaxENI:                    numberOfValue(o["max_eni"]),
	}
}

const overrideHint = "Set `max_network_interfaces` and `ipv4_addresses_per_interface` for types the embedded table does not know " +
	"(for example from the aws provider's `aws_ec2_instance_type` data source; its `maximum_network_interfaces` " +
	"sums every network card, so for multi-card types give the default card's count)."

// instanceLimitsAttributes returns the schema attributes of
// instanceLimitsModel. computedOverrides makes the two limit attributes
// report the table's values when not set (vpccni_instance_type does that;
// planning data sources only take them as input).
func instanceLimitsAttributes(computedOverrides bool) map[string]schema.Attribute {
	attrs := instanceTypeAttributes(computedOverrides)
	attrs["max_eni"] = maxENIAttribute()
	return attrs
}

// maxENIAttribute is the aws-node MAX_ENI input.
func maxENIAttribute() schema.NumberAttribute {
	return schema.NumberAttribute{
		MarkdownDescription: "The aws-node `MAX_ENI` setting. Lowers the ENI limit when below it; ipamd ignores larger values.",
		Optional:            true,
		Validators:          []validator.Number{wholeBetween(1, maxOverrideENIs)},
	}
}

// instanceTypeAttributes are the attributes that describe an instance
// type: its name and the overrides of its table entry.
func instanceTypeAttributes(computedOverrides bool) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_type": schema.StringAttribute{
			MarkdownDescription: "EC2 instance type, for example `r5.xlarge`. Looked up in the provider's embedded table of " +
				fmt.Sprint(ec2limits.Len()) + " types; an unknown name is an error that suggests close matches. " + overrideHint,
			Required: true,
		},
		"max_network_interfaces": schema.NumberAttribute{
			MarkdownDescription: "ENIs the default network card can attach. The VPC CNI only uses the default card, so for " +
				"multi-card types (p4d.24xlarge: 15 of 60) this is less than EC2's instance-wide `MaximumNetworkInterfaces`. " +
				"Overrides the table; required with `ipv4_addresses_per_interface` for types missing from it.",
			Optional:   true,
			Computed:   computedOverrides,
			Validators: []validator.Number{wholeBetween(1, maxOverrideENIs)},
		},
		"ipv4_addresses_per_interface": schema.NumberAttribute{
			MarkdownDescription: "IPv4 addresses one ENI can hold, its primary address included (EC2's `Ipv4AddressesPerInterface`). " +
				"Overrides the table; required with `max_network_interfaces` for types missing from it.",
			Optional:   true,
			Computed:   computedOverrides,
			Validators: []validator.Number{wholeBetween(2, maxOverrideIPsPerENI)},
		},
		"vcpus": schema.NumberAttribute{
			MarkdownDescription: "Default vCPUs of the type (`aws_ec2_instance_type.default_vcpus`). Only the prefix-delegation " +
				"max-pods cap uses it: 250 above 30 vCPUs, 110 otherwise. The table holds no vCPU counts, so without it the cap is 110.",
			Optional:   true,
			Validators: []validator.Number{wholeBetween(1, maxVCPUs)},
		},
	}
}

// resolvedInstance is an instance type with its overrides applied.
type resolvedInstance struct {
	node   ipam.Node
	maxENI int
	// limits are the table's facts; zero when the type is not in it.
	limits    ec2limits.Limits
	fromTable bool
}

// overridesInRange reports whether the limit overrides are null or within
// their validators' ranges; the checks that combine attributes stay quiet
// otherwise, so that one bad override gives one error.
func overridesInRange(enis, ips, vcpus types.Number) bool {
	return inRange(enis, 1, maxOverrideENIs) && inRange(ips, 2, maxOverrideIPsPerENI) && inRange(vcpus, 1, maxVCPUs)
}

// resolve looks the instance type up and applies the overrides and MAX_ENI.
func (m instanceLimitsModel) resolve(at path.Path) (resolvedInstance, diag.Diagnostics) {
	r, diags := resolveInstance(m.InstanceType, m.MaxNetworkInterfaces, m.IPv4AddressesPerInterface, m.VCPUs, at)
	r.maxENI = intOf(m.MaxENI)
	return r, diags
}

// resolveInstance looks an instance type up and applies the overrides. at
// is the path of the object holding the attributes (path.Empty() at the
// top level), so diagnostics point at the right attribute. Range checks
// are the schema validators' job; resolveInstance only adds what needs
// several attributes together.
func resolveInstance(instanceType types.String, enis, ips, vcpus types.Number, at path.Path) (resolvedInstance, diag.Diagnostics) {
	var diags diag.Diagnostics
	attr := func(name string) path.Path {
		if len(at.Steps()) == 0 {
			return path.Root(name)
		}
		return at.AtName(name)
	}
	name := instanceType.ValueString()
	limits, err := ec2limits.Find(name)
	var unknownType *ec2limits.UnknownTypeError
	switch {
	case err == nil:
		if !enis.IsNull() && intOf(enis) != limits.ENIs {
			diags.AddAttributeWarning(attr("max_network_interfaces"), "Override differs from the instance table",
				fmt.Sprintf("%s has %d ENIs on its default network card in the embedded table; max_network_interfaces = %d is used instead.%s",
					name, limits.ENIs, intOf(enis), multiCardNote(limits, intOf(enis))))
		}
		if !ips.IsNull() && intOf(ips) != limits.IPv4PerENI {
			diags.AddAttributeWarning(attr("ipv4_addresses_per_interface"), "Override differs from the instance table",
				fmt.Sprintf("%s holds %d IPv4 addresses per ENI in the embedded table; ipv4_addresses_per_interface = %d is used instead.",
					name, limits.IPv4PerENI, intOf(ips)))
		}
	case errors.As(err, &unknownType) && (enis.IsNull() || ips.IsNull()):
		msg := err.Error()
		if !strings.HasSuffix(msg, "?") {
			msg += "."
		}
		if name == "" {
			msg = "instance_type is empty; give an EC2 instance type such as \"m5.large\"."
		}
		diags.AddAttributeError(attr("instance_type"), "Unknown instance type", msg+" "+overrideHint)
		return resolvedInstance{}, diags
	}
	r := resolvedInstance{limits: limits, fromTable: err == nil}
	r.node = ipam.NodeFromLimits(limits, intOf(vcpus))
	if !r.fromTable {
		// Every type launched since 2018 is Nitro, and the table holds all
		// the Xen types, so a type it lacks is taken to be Nitro.
		r.node.Nitro = true
	}
	if !enis.IsNull() {
		r.node.ENIs = intOf(enis)
	}
	if !ips.IsNull() {
		r.node.IPv4PerENI = intOf(ips)
	}
	return r, diags
}

// multiCardNote explains the likely cause when an override equals the
// instance-wide ENI count of a multi-card type.
func multiCardNote(l ec2limits.Limits, override int) string {
	if l.NetworkCards < 2 || override <= l.ENIs {
		return ""
	}
	return fmt.Sprintf(" It has %d network cards and the VPC CNI attaches pod ENIs to the default card only: "+
		"aws_ec2_instance_type.maximum_network_interfaces sums all cards and overstates what pods can use.", l.NetworkCards)
}

// maxPodsFor computes max pods in one mode for a resolved instance.
func (r resolvedInstance) maxPodsFor(customNetworking, prefixDelegation bool) ipam.MaxPods {
	return ipam.ComputeMaxPods(r.node, ipam.Mode{CustomNetworking: customNetworking, PrefixDelegation: prefixDelegation, MaxENI: r.maxENI})
}
