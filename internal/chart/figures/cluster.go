// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package figures

// This file is the only one in the package that knows package plan's API:
// when that API changes, adapt sizingCluster and planCluster, nothing else.

import (
	"fmt"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// sizingCluster is the example cluster of the guide "Sizing subnets for
// EKS pods" (templates/guides/sizing-subnets.md.tmpl), the same as
// examples/data-sources/vpccni_cluster/data-source.tf and the provider's
// TestAccClusterThreeGroups: three node groups over three /22 subnets, one
// per zone, with vpccni_cluster's defaults (spare_ips 2, the EKS managed
// node group surge, failing on a subnet that is too small).
func sizingCluster() (plan.ClusterInput, error) {
	in := plan.ClusterInput{SpareIPs: plan.DefaultSpareIPs, Surge: plan.DefaultSurge(), FailOnInsufficientSubnet: true,
		HostNetworkPods: plan.DefaultHostNetworkPods, SubnetDiscovery: true}
	for _, g := range []struct {
		name, instanceType      string
		pods, desired, maxNodes int
	}{
		{"general", "m5.large", 20, 6, 12},
		{"memory", "r5.xlarge", 40, 3, 6},
		{"compute", "c5.4xlarge", 100, 2, 4},
	} {
		l, err := ec2limits.Find(g.instanceType)
		if err != nil {
			return plan.ClusterInput{}, err
		}
		group := plan.ClusterGroup{Name: g.name, DesiredNodes: g.desired, MaxNodes: g.maxNodes}
		group.Types = []plan.NamedNode{{Name: g.instanceType, Node: ipam.NodeFromLimits(l, 0)}}
		group.ExpectedPods = g.pods
		in.Groups = append(in.Groups, group)
	}
	for _, s := range []struct{ id, cidr, zone string }{
		{"subnet-a", "10.0.0.0/22", "eu-west-1a"},
		{"subnet-b", "10.0.4.0/22", "eu-west-1b"},
		{"subnet-c", "10.0.8.0/22", "eu-west-1c"},
	} {
		in.Subnets = append(in.Subnets, plan.ClusterSubnet{ID: s.id, CIDR: s.cidr, AvailabilityZone: s.zone, Available: -1, Purpose: plan.PurposeNodes})
	}
	return in, nil
}

// clusterPlan is what the chart needs of plan.ClusterResult.
type clusterPlan struct {
	Groups      []groupSize
	Recommended ipam.Settings
	Subnets     []subnetNeed
}

// groupSize is a node group's instance type, its sizes and the nodes a
// rolling update adds at max size.
type groupSize struct {
	InstanceType                       string
	DesiredNodes, MaxNodes, SurgeNodes int
}

// subnetNeed is one subnet's addresses needed at desired size, at max size
// and at max size during a rolling update, against its capacity.
type subnetNeed struct {
	ID, CIDR, Zone string
	Needed         [3]int
	Capacity       int
}

// planCluster runs plan.Cluster on in.
func planCluster(in plan.ClusterInput) (clusterPlan, error) {
	if f := plan.ValidateCluster(in); f.HasError() {
		return clusterPlan{}, fmt.Errorf("the example cluster does not validate: %+v", f)
	}
	r := plan.Cluster(in)
	if r.Findings.HasError() {
		return clusterPlan{}, fmt.Errorf("the example cluster does not plan: %+v", r.Findings)
	}
	out := clusterPlan{Recommended: r.Recommended}
	for i, g := range r.Groups {
		if g.Name != in.Groups[i].Name {
			return clusterPlan{}, fmt.Errorf("plan.Cluster returned group %q where the input has %q", g.Name, in.Groups[i].Name)
		}
		out.Groups = append(out.Groups, groupSize{
			InstanceType: g.WorstType, DesiredNodes: in.Groups[i].DesiredNodes, MaxNodes: in.Groups[i].MaxNodes,
			SurgeNodes: g.SurgeNodes,
		})
	}
	for _, s := range r.Subnets {
		out.Subnets = append(out.Subnets, subnetNeed{
			ID: s.ID, CIDR: s.CIDR, Zone: s.AvailabilityZone, Capacity: int(s.Capacity),
			Needed: [3]int{int(s.Needed[plan.PhaseDesired]), int(s.Needed[plan.PhaseMax]), int(s.Needed[plan.PhaseSurge])},
		})
	}
	return out, nil
}
