// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// decodeCluster reads and checks every input of vpccni_cluster once.
// ValidateConfig and Read both call it; the input is ready for
// plan.Cluster when complete() holds.
func decodeCluster(raw tftypes.Value) (plan.ClusterInput, addonConfiguration, *decoder) {
	dec := &decoder{}
	o := dec.root(raw)
	in := plan.ClusterInput{Surge: plan.DefaultSurge(), SpareIPs: plan.DefaultSpareIPs, FailOnInsufficientSubnet: true}

	in.SpareIPs = o.wholeOr("spare_ips", 0, maxTarget, plan.DefaultSpareIPs)
	in.PrefixDelegation = o.boolOr("prefix_delegation", false)
	in.HostNetworkPods = o.wholeOr("host_network_pods", 0, maxTarget, plan.DefaultHostNetworkPods)
	in.PodENI = o.boolOr("security_groups_for_pods", false)
	in.SubnetDiscovery = o.boolOr("subnet_discovery", true)
	if family, ok := o.text("ip_family", oneOf("Invalid IP family", ipv4, ipv6)); ok {
		in.IPv6 = family == ipv6
	}
	in.MaxENI = o.wholeOr("max_eni", 1, maxOverrideENIs, 0)
	in.Region, _ = o.text("region", regionCheck)
	in.FailOnInsufficientSubnet = o.boolOr("fail_on_insufficient_subnet", true)
	in.Current = decodeSettings(o, "current")
	decodeSurge(o, &in)

	hasPodSubnet := false
	for _, b := range atLeastOne(o, "subnet", "subnet { id = \"subnet-a\", cidr = \"10.0.0.0/24\", availability_zone = \"eu-west-1a\" }") {
		s := decodeClusterSubnet(b)
		hasPodSubnet = hasPodSubnet || s.Purpose == plan.PurposePods
		in.Subnets = append(in.Subnets, s)
	}
	in.CustomNetworking = hasPodSubnet
	if cn, set := o.boolean("custom_networking"); set {
		in.CustomNetworking = cn
	}
	for _, b := range o.blocks("node_group") {
		in.Groups = append(in.Groups, decodeClusterGroup(b))
	}
	defaultReserved := 0
	if in.PodENI {
		defaultReserved = 1
	}
	in.KarpenterReservedENIs = o.wholeOr("karpenter_reserved_enis", 0, maxOverrideENIs, defaultReserved)
	for _, b := range o.blocks("karpenter_node_pool") {
		in.Pools = append(in.Pools, decodeKarpenterPool(b, in.KarpenterReservedENIs))
	}
	if len(in.Groups)+len(in.Pools) == 0 && o.known("node_group") && o.known("karpenter_node_pool") {
		o.d.errs.AddAttributeError(o.attr("node_group"), "Missing required block",
			"At least one node_group or karpenter_node_pool block is required, for example node_group { name = \"general\", instance_type = \"m5.large\", expected_pods = 20, desired_nodes = 3 }.")
	}
	return in, decodeAddonConfiguration(o, clusterAddonInputs), dec
}

// Values of ip_family.
const (
	ipv4 = "ipv4"
	ipv6 = "ipv6"
)

// atLeastOne reads a list of blocks that must not be empty.
func atLeastOne(o inObject, name, example string) []inObject {
	blocks := o.blocks(name)
	if len(blocks) == 0 && o.known(name) {
		o.d.errs.AddAttributeError(o.attr(name), "Missing required block",
			fmt.Sprintf("At least one %s block is required, for example %s.", name, example))
	}
	return blocks
}

func decodeClusterSubnet(b inObject) plan.ClusterSubnet {
	s := plan.ClusterSubnet{Available: -1, Purpose: plan.PurposeNodes}
	b.need("id")
	b.need("availability_zone")
	s.ID, _ = b.text("id", subnetIDCheck)
	s.CIDR, _ = b.text("cidr", cidrCheck)
	s.AvailabilityZone, _ = b.text("availability_zone", zoneCheck)
	s.Available = b.wholeOr("available_ips", 0, maxAvailableIPs, -1)
	s.Reserved = b.wholeOr("reserved_ips", 0, maxAvailableIPs, 0)
	if p, ok := b.text("purpose", oneOf("Invalid subnet purpose", plan.PurposeNodes, plan.PurposePods, plan.PurposeCNI)); ok {
		s.Purpose = p
	}
	s.SecurityGroupIDs, _ = b.texts("security_group_ids", 0, true, sgCheck)
	return s
}

func decodeClusterGroup(b inObject) plan.ClusterGroup {
	var g plan.ClusterGroup
	for _, name := range []string{"name", "expected_pods", "desired_nodes"} {
		b.need(name)
	}
	g.Name, _ = b.text("name", groupNameCheck)
	decodeGroupTypes(b, &g.NodeSpec)
	decodeNodeSpec(b, &g.NodeSpec, false)
	g.ExpectedPods, _ = b.whole("expected_pods", 1, maxTarget)
	g.DesiredNodes, _ = b.whole("desired_nodes", 0, maxTarget)
	g.MaxNodes = b.wholeOr("max_nodes", 0, maxTarget, g.DesiredNodes)
	g.RunningNodes = b.wholeOr("running_nodes", 0, maxTarget, 0)
	g.SubnetIDs, _ = b.texts("subnet_ids", 1, true, subnetIDCheck)
	return g
}

// decodeSurge reads the update_surge block: one way of sizing the surge.
func decodeSurge(o inObject, in *plan.ClusterInput) {
	b, present := o.block("update_surge")
	if !present {
		return
	}
	fields := []string{"extra_nodes", "max_unavailable", "max_unavailable_percentage"}
	var set []string
	for _, f := range fields {
		if !b.isNull(f) {
			set = append(set, f)
		}
	}
	if len(set) > 1 {
		o.d.errs.AddAttributeError(b.attr(set[1]), "Conflicting surge settings",
			fmt.Sprintf("update_surge sets both %s and %s; give one: a fixed extra_nodes, or the update config's max_unavailable or max_unavailable_percentage.", set[0], set[1]))
		return
	}
	if n, ok := b.whole("extra_nodes", 0, maxTarget); ok {
		in.Surge.ExtraNodes = n
	}
	if n, ok := b.whole("max_unavailable", 1, 100); ok {
		in.Surge.MaxUnavailable = n
	}
	if n, ok := b.whole("max_unavailable_percentage", 1, 100); ok {
		in.Surge.MaxUnavailablePercentage = n
	}
}
