// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// Bounds for the limit overrides. EC2's largest types today have 15 ENIs
// on a network card and 64 addresses per ENI; the bounds leave room for
// new types while keeping every product far from integer overflow.
const (
	maxOverrideENIs      = 1024
	maxOverrideIPsPerENI = 1024
	maxVCPUs             = 100000
)

const overrideHint = "Set `max_network_interfaces` and `ipv4_addresses_per_interface` for types the embedded table does not know " +
	"(for example from the aws provider's `aws_ec2_instance_type` data source; its `maximum_network_interfaces` " +
	"sums every network card, so for multi-card types give the default card's count)."

// instanceTypeAttributes are the attributes that describe an instance
// type: its name and the overrides of its table entry. computedOverrides
// makes the two limit attributes report the table's values when not set
// (vpccni_instance_type does that; planning data sources only take them
// as input).
func instanceTypeAttributes(computedOverrides bool) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_type": schema.StringAttribute{
			MarkdownDescription: "EC2 instance type, for example `r5.xlarge`. Looked up in the provider's embedded table of " +
				fmt.Sprint(ec2limits.Len()) + " types; an unknown name is an error that suggests close matches. " + overrideHint,
			Required: true,
		},
		"max_network_interfaces": schema.NumberAttribute{
			MarkdownDescription: "ENIs the default network card can attach, 1 to 1024. The VPC CNI only uses the default card, so for " +
				"multi-card types (p4d.24xlarge: 15 of 60) this is less than EC2's instance-wide `MaximumNetworkInterfaces`. " +
				"Overrides the table; required with `ipv4_addresses_per_interface` for types missing from it.",
			Optional: true,
			Computed: computedOverrides,
		},
		"ipv4_addresses_per_interface": schema.NumberAttribute{
			MarkdownDescription: "IPv4 addresses one ENI can hold, its primary address included (EC2's `Ipv4AddressesPerInterface`), 2 to 1024. " +
				"Overrides the table; required with `max_network_interfaces` for types missing from it.",
			Optional: true,
			Computed: computedOverrides,
		},
		"vcpus": schema.NumberAttribute{
			MarkdownDescription: "Default vCPUs of the type (`aws_ec2_instance_type.default_vcpus`), 1 to 100000. Overrides the table's count, " +
				"which the max-pods cap (250 above 30 vCPUs, 110 otherwise) and `pods_per_core` use; for the few types the table has no count " +
				"for, the cap is taken to be 110, with a warning." + map[bool]string{true: " Reports the count used; null when neither has one.", false: ""}[computedOverrides],
			Optional: true,
			Computed: computedOverrides,
		},
	}
}

// maxENIAttribute is the aws-node MAX_ENI input.
func maxENIAttribute() schema.NumberAttribute {
	return schema.NumberAttribute{
		MarkdownDescription: "The aws-node `MAX_ENI` setting, 1 to 1024. Lowers the ENI limit when below it; ipamd ignores larger values.",
		Optional:            true,
	}
}

// resolvedInstance is an instance type with its overrides applied.
type resolvedInstance struct {
	name string
	node ipam.Node
	// limits are the table's facts; zero when the type is not in it.
	limits    ec2limits.Limits
	fromTable bool
}

// decodeInstance reads an instance type and its overrides from o (the
// root or a block), looks the type up and applies the overrides; what is
// unknown or refused the decoder records. Overrides that differ from the
// table are warnings, which Read alone shows.
func decodeInstance(o inObject) resolvedInstance {
	name, nameOK := o.str("instance_type")
	enis, enisOK := o.whole("max_network_interfaces", 1, maxOverrideENIs)
	ips, ipsOK := o.whole("ipv4_addresses_per_interface", 2, maxOverrideIPsPerENI)
	vcpus, vcpusOK := o.whole("vcpus", 1, maxVCPUs)
	enisOK = enisOK || o.isNull("max_network_interfaces")
	ipsOK = ipsOK || o.isNull("ipv4_addresses_per_interface")
	vcpusOK = vcpusOK || o.isNull("vcpus")
	if !nameOK {
		o.need("instance_type")
		return resolvedInstance{}
	}
	r := resolvedInstance{name: name}
	limits, msg := lookupInstanceType(name)
	r.fromTable = msg == ""
	overridden := enis > 0 && ips > 0 && name != "" && shortName(name)
	if !r.fromTable && !overridden {
		if enisOK && ipsOK {
			o.d.errs.AddAttributeError(o.attr("instance_type"), "Unknown instance type", msg+" "+overrideHint)
		}
		return r
	}
	if !enisOK || !ipsOK || !vcpusOK {
		return r
	}
	r.limits = limits
	r.node = ipam.NodeFromLimits(limits, vcpus)
	if !r.fromTable {
		// Every type launched since 2018 is Nitro, and the table holds all
		// the Xen types, so a type it lacks is taken to be Nitro.
		r.node.Nitro = true
	}
	if enis > 0 {
		if r.fromTable && enis != limits.ENIs {
			o.d.warnings.AddAttributeWarning(o.attr("max_network_interfaces"), "Override differs from the instance table",
				fmt.Sprintf("%s has %d ENIs on its default network card in the embedded table; max_network_interfaces = %d is used instead.%s",
					name, limits.ENIs, enis, multiCardNote(limits, enis)))
		}
		r.node.ENIs = enis
	}
	if ips > 0 {
		if r.fromTable && ips != limits.IPv4PerENI {
			o.d.warnings.AddAttributeWarning(o.attr("ipv4_addresses_per_interface"), "Override differs from the instance table",
				fmt.Sprintf("%s holds %d IPv4 addresses per ENI in the embedded table; ipv4_addresses_per_interface = %d is used instead.",
					name, limits.IPv4PerENI, ips))
		}
		r.node.IPv4PerENI = ips
	}
	return r
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

// decodeGroupTypes reads a node group's instance types: instance_type
// with its overrides, or instance_types, a list of table types.
func decodeGroupTypes(o inObject, s *plan.NodeSpec) {
	list, _ := o.value("instance_types")
	single, _ := o.value("instance_type")
	if !list.IsKnown() || !single.IsKnown() {
		// Either may still turn out null: decide once both are known.
		o.present("instance_types")
		o.present("instance_type")
		return
	}
	switch {
	case !list.IsNull() && !single.IsNull():
		o.d.errs.AddAttributeError(o.attr("instance_types"), "Conflicting instance types",
			"instance_type and instance_types are both set; give instance_type for a group of one type (with its overrides), or instance_types for a group that may launch several.")
		return
	case list.IsNull() && single.IsNull():
		o.d.errs.AddAttributeError(o.attr("instance_type"), "Missing instance type",
			`Give the group's instance_type, such as "m5.large", or instance_types, such as ["m5.large", "m5a.large"].`)
		return
	case list.IsNull():
		if inst := decodeInstance(o); inst.node.ENIs > 0 {
			s.Types = []plan.NamedNode{{Name: inst.name, Node: inst.node}}
		}
		return
	}
	s.TypesAt = "instance_types"
	for _, name := range []string{"max_network_interfaces", "ipv4_addresses_per_interface", "vcpus"} {
		if _, set := o.present(name); set {
			o.d.errs.AddAttributeError(o.attr(name), "Override with instance_types",
				fmt.Sprintf("%s overrides the table entry of one type, and instance_types lists several; give a type that needs overrides as instance_type in a group of its own.", name))
		}
	}
	names, ok := o.texts("instance_types", 1, true, instanceTypeCheck)
	if !ok {
		return
	}
	for _, name := range names {
		limits, _ := lookupInstanceType(name)
		s.Types = append(s.Types, plan.NamedNode{Name: name, Node: ipam.NodeFromLimits(limits, 0)})
	}
}
