// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// clusterState writes vpccni_cluster's state: the configuration with the
// defaults it took and every computed attribute.
func clusterState(raw tftypes.Value, in plan.ClusterInput, r plan.ClusterResult, env map[string]string, configurationValues string) (tftypes.Value, diag.Diagnostics) {
	e := &encoder{}
	out, _, ok := e.state(raw)
	if !ok {
		return raw, e.errs
	}
	out.set("spare_ips", tfInt(in.SpareIPs))
	out.set("prefix_delegation", tfBool(in.PrefixDelegation))
	out.set("custom_networking", tfBool(in.CustomNetworking))
	out.set("host_network_pods", tfInt(in.HostNetworkPods))
	out.set("security_groups_for_pods", tfBool(in.PodENI))
	out.set("subnet_discovery", tfBool(in.SubnetDiscovery))
	family := ipv4
	if in.IPv6 {
		family = ipv6
	}
	out.set("ip_family", tfString(family))
	out.set("fail_on_insufficient_subnet", tfBool(in.FailOnInsufficientSubnet))
	out.set("warm_ip_target", tfInt(r.Recommended.WarmIPTarget.Or(0)))
	out.set("minimum_ip_target", tfInt(r.Recommended.MinimumIPTarget.Or(0)))
	out.set("env", tfStringMap(env))
	out.set("configuration_values", tfString(configurationValues))
	if r.HasWindows {
		out.set("windows_configmap_data", tfStringMap(addon.WindowsConfigMap(r.Windows)))
	}
	out.set("groups", groupsValue(e, out.typeOf("groups"), r.Groups))
	out.set("karpenter_reserved_enis", tfInt(in.KarpenterReservedENIs))
	podsPerCore := map[string]int{}
	for _, p := range in.Pools {
		podsPerCore[p.Name] = p.Launch.PodsPerCore
	}
	out.set("karpenter_node_pools", karpenterPoolsValue(e, out.typeOf("karpenter_node_pools"), r.Groups, podsPerCore))
	out.set("subnets_usage", subnetsUsageValue(e, out.typeOf("subnets_usage"), r.Subnets))

	zt := out.typeOf("zones_usage")
	zones := make(map[string]tftypes.Value, len(r.Zones))
	for _, z := range r.Zones {
		o := e.object(e.elemType(zt), nil)
		setUsage(o, z.Capacity, z.Needed, z.Fits)
		zones[z.Name] = o.value()
	}
	out.set("zones_usage", e.mapOf(zt, zones))

	out.set("fits", tfBool(r.Fits))
	out.set("saved_ips", tfInt64(r.SavedIPs))
	out.set("alternatives", alternativesValue(e, out.typeOf("alternatives"), r.Alternatives))
	if r.Worst >= 0 {
		w := r.Subnets[r.Worst]
		phase := "none"
		if !w.Fits() {
			phase = w.FirstFailure.String()
		}
		o := e.object(out.typeOf("worst_subnet"), nil)
		o.set("id", tfString(w.ID))
		o.set("phase", tfString(phase))
		o.set("shortfall", tfInt64(-w.Headroom()))
		out.set("worst_subnet", o.value())
	}
	v := out.value()
	return v, e.errs
}

func groupsValue(e *encoder, t tftypes.Type, groups []plan.GroupResult) tftypes.Value {
	gt := e.elemType(t)
	out := make(map[string]tftypes.Value, len(groups))
	for _, g := range groups {
		if g.Pool {
			continue
		}
		o := e.object(gt, nil)
		totals := groupTotals(g)
		pt := o.typeOf("recommended")
		o.set("max_pods", tfInt(g.MaxPods.Pods))
		o.set("max_pods_instance_type", tfString(g.KubeletType))
		o.set("worst_instance_type", tfString(g.WorstType))
		setNodeOutputs(o, g.TargetMaxPods, g.Branch.Addresses, g.Windows)
		o.set("surge_nodes", tfInt(g.SurgeNodes))
		o.set("availability_zones", tfStringList(g.Zones))
		o.set("recommended", projectionValue(e, pt, g.Recommended, totals, nil))
		o.set("baseline", projectionValue(e, pt, g.Baseline, totals, nil))
		if g.Current != nil {
			o.set("current", projectionValue(e, pt, *g.Current, totals, nil))
		}
		out[g.Name] = o.value()
	}
	return e.mapOf(t, out)
}

// groupTotals are a group's total attributes and node counts per phase.
func groupTotals(g plan.GroupResult) []nodeTotal {
	return []nodeTotal{
		{"total_ips_desired", g.Nodes[plan.PhaseDesired]},
		{"total_ips_max", g.Nodes[plan.PhaseMax]},
		{"total_ips_surge", g.Nodes[plan.PhaseSurge]},
	}
}

func subnetsUsageValue(e *encoder, t tftypes.Type, subnets []plan.SubnetResult) tftypes.Value {
	st := e.elemType(t)
	out := make(map[string]tftypes.Value, len(subnets))
	for _, s := range subnets {
		o := e.object(st, nil)
		setUsage(o, s.Capacity, s.Needed, s.Fits())
		o.set("availability_zone", tfString(s.AvailabilityZone))
		o.set("purpose", tfString(s.Purpose))
		o.set("held_now", tfInt64(s.HeldNow))
		o.set("groups", tfStringList(s.Groups))
		if s.PrefixBlocks >= 0 {
			o.set("prefix_blocks", tfInt64(s.PrefixBlocks))
			o.set("prefix_blocks_needed", tfInt64(s.PrefixBlocksNeeded))
		}
		if s.ReservationBits > 0 {
			o.set("prefix_reservation_cidr_size", tfInt(s.ReservationBits))
		}
		out[s.ID] = o.value()
	}
	return e.mapOf(t, out)
}

// setUsage writes the attributes subnets_usage and zones_usage share.
func setUsage(o outObject, capacity int64, needed [3]int64, fits bool) {
	o.set("capacity", tfInt64(capacity))
	o.set("ips_needed_desired", tfInt64(needed[plan.PhaseDesired]))
	o.set("ips_needed_max", tfInt64(needed[plan.PhaseMax]))
	o.set("ips_needed_surge", tfInt64(needed[plan.PhaseSurge]))
	o.set("headroom", tfInt64(capacity-needed[plan.PhaseSurge]))
	o.set("fits", tfBool(fits))
}
