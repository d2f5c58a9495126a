// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// State values the planning data sources share.

// projectionValue writes a projection object of type t: the per-node
// figures, and for each entry of totals (attribute -> node count) the
// subnet addresses of that many nodes. from holds values already set (the
// inputs of a `current` block), or is nil.
func projectionValue(e *encoder, t tftypes.Type, p ipam.Projection, totals []nodeTotal, from map[string]tftypes.Value) tftypes.Value {
	o := e.object(t, from)
	o.set("enis_per_node", tfInt(p.ENIs))
	o.set("secondary_ips_per_node", tfInt(p.SecondaryIPs))
	o.set("prefixes_per_node", tfInt(p.Prefixes))
	o.set("ips_per_node", tfInt(p.SubnetIPs()))
	o.set("free_ips_per_node", tfInt(p.FreeIPs))
	o.set("pods_without_ip", tfInt(p.PodsWithoutIP))
	for _, t := range totals {
		o.set(t.attr, tfInt64(int64(t.nodes)*int64(p.SubnetIPs())))
	}
	return o.value()
}

// setNodeOutputs writes nodeOutputAttributes: the kubelet max pods to give
// the nodes, the NodeConfig that gives it (Linux only) and the branch ENI
// addresses.
func setNodeOutputs(o outObject, maxPods, branchIPs int, windows bool) {
	o.set("kubelet_max_pods", tfInt(maxPods))
	if !windows {
		o.set("node_config", tfString(addon.NodeConfig(maxPods)))
	}
	o.set("branch_ips_per_node", tfInt(branchIPs))
}

// nodeTotal names a total attribute and the node count it multiplies.
type nodeTotal struct {
	attr  string
	nodes int
}

// alternativesValue writes the alternatives list of type t.
func alternativesValue(e *encoder, t tftypes.Type, alts []plan.Alternative) tftypes.Value {
	et := e.elemType(t)
	elems := make([]tftypes.Value, len(alts))
	for i, a := range alts {
		o := e.object(et, nil)
		o.set("remedy", remedyNames[a.Remedy])
		o.set("env", tfStringMap(a.Env))
		o.set("possible", tfBool(a.Possible))
		o.set("notes", tfString(a.Notes))
		if a.Possible {
			o.set("node_subnet_ips", tfInt64(a.NodeSubnetIPs))
			o.set("pod_subnet_ips", tfInt64(a.PodSubnetIPs))
			o.set("node_subnet_ips_saved", tfInt64(a.NodeSubnetIPsSaved))
			if a.SmallestNodeSubnetBits > 0 {
				o.set("smallest_node_subnet_prefix", tfInt(a.SmallestNodeSubnetBits))
			}
			if a.SmallestPodSubnetBits > 0 {
				o.set("smallest_pod_subnet_prefix", tfInt(a.SmallestPodSubnetBits))
			}
		}
		if a.Checked {
			o.set("fits", tfBool(a.Fits))
		}
		elems[i] = o.value()
	}
	return e.list(t, elems)
}

// remedyNames are the remedy attribute values, built once.
var remedyNames = func() (names [len(plan.Remedies)]tftypes.Value) {
	for i, r := range plan.Remedies {
		names[i] = tfString(r.String())
	}
	return names
}()
