// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// warmPoolState writes vpccni_warm_pool's state: the configuration with
// the defaults it took and every computed attribute.
func warmPoolState(raw tftypes.Value, in plan.WarmPoolInput, r plan.WarmPoolResult, env map[string]string, configurationValues string) (tftypes.Value, diag.Diagnostics) {
	e := &encoder{}
	out, config, ok := e.state(raw)
	if !ok {
		return raw, e.errs
	}
	out.set("spare_ips", tfInt(in.SpareIPs))
	out.set("max_pods", tfInt(r.MaxPods.Pods))
	out.set("host_network_pods", tfInt(in.HostNetworkPods))
	out.set("security_groups_for_pods", tfBool(in.Mode.PodENI))
	setNodeOutputs(out, r.TargetMaxPods, r.Branch.Addresses, in.Windows)
	out.set("prefix_delegation", tfBool(in.Mode.PrefixDelegation))
	out.set("custom_networking", tfBool(in.Mode.CustomNetworking))
	out.set("fail_on_insufficient_subnet", tfBool(in.FailOnInsufficientSubnet))
	out.set("env", tfStringMap(env))
	out.set("configuration_values", tfString(configurationValues))
	if in.Windows {
		out.set("warm_ip_target", tfInt(r.Windows.WarmIPTarget.Or(0)))
		out.set("minimum_ip_target", tfInt(r.Windows.MinimumIPTarget.Or(0)))
		out.set("windows_configmap_data", tfStringMap(addon.WindowsConfigMap(r.Windows)))
	} else {
		out.set("warm_ip_target", tfInt(r.Recommended.WarmIPTarget.Or(0)))
		out.set("minimum_ip_target", tfInt(r.Recommended.MinimumIPTarget.Or(0)))
		out.set("ec2_node_class_kubelet", tfString(addon.EC2NodeClassKubelet(r.TargetMaxPods, in.Launch.PodsPerCore)))
	}
	total := []nodeTotal{{"total_ips", in.NodeCount}}
	out.set("recommended", projectionValue(e, out.typeOf("recommended"), r.RecommendedNode, total, nil))
	out.set("baseline", projectionValue(e, out.typeOf("baseline"), r.BaselineNode, total, nil))
	if r.CurrentNode != nil {
		var inputs map[string]tftypes.Value
		if err := config["current"].As(&inputs); err != nil {
			reportBug(&e.errs, "current: %s.", err)
		}
		out.set("current", projectionValue(e, out.typeOf("current"), *r.CurrentNode, total, inputs))
	}
	out.set("saved_ips", tfInt64(r.SavedIPs))
	out.set("subnets", subnetUsageList(e, out.typeOf("subnets"), r.Subnets))
	out.set("pod_subnets", subnetUsageList(e, out.typeOf("pod_subnets"), r.PodSubnets))
	out.set("alternatives", alternativesValue(e, out.typeOf("alternatives"), r.Alternatives))
	if len(r.Subnets)+len(r.PodSubnets) > 0 {
		out.set("subnet_capacity", tfInt64(r.SubnetCapacity))
		out.set("subnet_fits", tfBool(r.SubnetFits))
	}
	v := out.value()
	return v, e.errs
}

// subnetUsageList writes the per-subnet usage list of type t.
func subnetUsageList(e *encoder, t tftypes.Type, usage []plan.SubnetUsage) tftypes.Value {
	et := e.elemType(t)
	elems := make([]tftypes.Value, len(usage))
	for i, u := range usage {
		o := e.object(et, nil)
		if u.CIDR != "" {
			o.set("cidr", tfString(u.CIDR))
		}
		o.set("capacity", tfInt64(u.Capacity))
		o.set("nodes", tfInt(u.Nodes))
		o.set("held_now", tfInt64(u.HeldNow))
		o.set("ips_needed", tfInt64(u.IPsNeeded))
		o.set("fits", tfBool(u.Fits))
		elems[i] = o.value()
	}
	return e.list(t, elems)
}
