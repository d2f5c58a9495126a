// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// layout is where every group's nodes can go, worked out once from the
// inputs with maps, so that nothing compares every subnet with every
// other or with every group's list.
type layout struct {
	// byID maps a subnet id to its first index.
	byID map[string]int
	// podSubnetOf maps a zone to its pod subnet's index.
	podSubnetOf map[string]int
	// cniInZone lists, per zone, the indexes of its "cni" subnets.
	cniInZone map[string][]int
	// groups holds, per group, its zones in order of first appearance and
	// per zone the indexes of its node subnets there.
	groups []groupLayout
}

type groupLayout struct {
	zones   []string
	inZones [][]int
}

// newLayout builds the layout of a cluster whose inputs may still be
// invalid: unknown ids and pod subnets in subnet_ids are left out (the
// validation reports them).
func newLayout(in ClusterInput) layout {
	l := layout{byID: make(map[string]int, len(in.Subnets)), podSubnetOf: map[string]int{}, cniInZone: map[string][]int{}}
	var nodeSubnets []int
	for i, s := range in.Subnets {
		if _, dup := l.byID[s.ID]; !dup {
			l.byID[s.ID] = i
		}
		switch s.Purpose {
		case PurposePods:
			if _, dup := l.podSubnetOf[s.AvailabilityZone]; !dup {
				l.podSubnetOf[s.AvailabilityZone] = i
			}
		case PurposeCNI:
			l.cniInZone[s.AvailabilityZone] = append(l.cniInZone[s.AvailabilityZone], i)
		default:
			nodeSubnets = append(nodeSubnets, i)
		}
	}
	l.groups = make([]groupLayout, len(in.Groups))
	for gi, g := range in.Groups {
		subnets := nodeSubnets
		if g.SubnetIDs != nil {
			subnets = nil
			for _, id := range g.SubnetIDs {
				if i, ok := l.byID[id]; ok && in.Subnets[i].Purpose == PurposeNodes {
					subnets = append(subnets, i)
				}
			}
		}
		var gl groupLayout
		zoneIndex := map[string]int{}
		for _, i := range subnets {
			z := in.Subnets[i].AvailabilityZone
			zi, ok := zoneIndex[z]
			if !ok {
				zi = len(gl.zones)
				zoneIndex[z] = zi
				gl.zones = append(gl.zones, z)
				gl.inZones = append(gl.inZones, nil)
			}
			gl.inZones[zi] = append(gl.inZones[zi], i)
		}
		l.groups[gi] = gl
	}
	return l
}

// ValidateCluster checks the inputs on their own and together. It returns
// errors only; Cluster runs it first.
func ValidateCluster(in ClusterInput) Findings {
	f, _, _ := validateCluster(in)
	return f
}

// validateCluster also returns the input with its Karpenter pools made
// groups (expandPools), which the plan works on.
func validateCluster(in ClusterInput) (Findings, layout, ClusterInput) {
	if len(in.Groups) == 0 && len(in.Pools) == 0 {
		var f Findings
		f.add(Error, At(blockNodeGroup), "No node groups", "Give at least one node_group or karpenter_node_pool block to plan for.")
		return f, layout{}, in
	}
	in, f := expandPools(in)
	if len(in.Subnets) == 0 {
		f.add(Error, At(blockSubnet), "No subnets", "Give the subnets the node groups use, one subnet block each (id, cidr or available_ips, availability_zone).")
	}
	l := newLayout(in)
	validateClusterSubnets(&f, in)
	validateClusterGroups(&f, in, l)
	return f, l, in
}

func validateClusterSubnets(f *Findings, in ClusterInput) {
	ids := make([]string, len(in.Subnets))
	var cidrs []cidrEntry
	nodeSubnets := 0
	podZones := map[string][]int{}
	for i, s := range in.Subnets {
		at := AtIndex(blockSubnet, i)
		ids[i] = s.ID
		if s.CIDR == "" && s.Available < 0 && !s.unbounded {
			f.add(Error, at, "Subnet size unknown", "subnet[%d] (%s) has neither cidr nor available_ips; give at least one so its capacity is known.", i, s.ID)
		}
		if s.CIDR != "" {
			p, err := subnet.Parse(s.CIDR)
			if err != nil {
				f.add(Error, at.Dot(fieldCIDR), "Invalid subnet CIDR", "%s.", err)
			} else {
				cidrs = append(cidrs, cidrEntry{cidr: p, where: at.Dot(fieldCIDR), label: s.ID})
				if s.Available > p.Usable() {
					f.add(Error, at.Dot(fieldAvailable), "More available addresses than the subnet has",
						"available_ips = %d, but %s has %d usable addresses (AWS reserves 5).", s.Available, p, p.Usable())
				}
			}
		}
		if s.Reserved > 0 && s.Available >= 0 && s.Reserved > s.Available && !runningAnywhere(in) {
			f.add(Error, at.Dot(fieldReserved), "More reserved addresses than the subnet has free",
				"reserved_ips = %d, but available_ips = %d and no group has running_nodes holding addresses to add back: the addresses held for other tenants come out of the free ones. Give at most %d.",
				s.Reserved, s.Available, s.Available)
		}
		if s.Reserved > 0 && s.CIDR != "" {
			if p, err := subnet.Parse(s.CIDR); err == nil && s.Reserved > p.Usable() {
				f.add(Error, at.Dot(fieldReserved), "More reserved addresses than the subnet has",
					"reserved_ips = %d, but %s has %d usable addresses (AWS reserves 5).", s.Reserved, p, p.Usable())
			}
		}
		switch s.Purpose {
		case PurposeCNI:
			if len(s.SecurityGroupIDs) > 0 {
				f.add(Error, at.Dot(fieldSGs), "Security groups on a discovery subnet",
					"security_group_ids are the ENIConfig security groups of a pod subnet; ENIs that subnet discovery creates in %s keep the node's security groups. Remove them.", s.ID)
			}
		case PurposePods:
			if !in.CustomNetworking {
				f.add(Error, at.Dot(fieldPurpose), "Pod subnet without custom networking",
					"%s has purpose \"pods\", an ENIConfig subnet of custom networking, but custom_networking = false. Set custom_networking = true or make it a \"nodes\" subnet.", s.ID)
			}
			podZones[s.AvailabilityZone] = append(podZones[s.AvailabilityZone], i)
		default:
			nodeSubnets++
			if len(s.SecurityGroupIDs) > 0 {
				f.add(Error, at.Dot(fieldSGs), "Security groups on a node subnet",
					"security_group_ids are the ENIConfig security groups of a pod subnet; %s is a node subnet, whose ENIs keep the node's security groups. Remove them or set purpose = \"pods\".", s.ID)
			}
		}
	}
	addDuplicates(f, ids, blockSubnet, fieldID, "Duplicate subnet id", "list each subnet once")
	addOverlaps(f, cidrs)
	for _, z := range sortedKeys(podZones) {
		if is := podZones[z]; len(is) > 1 {
			f.add(Error, AtIndex(blockSubnet, is[1]).Dot(fieldZone), "Two pod subnets in one zone",
				"%s are pod subnets in %s; custom networking picks one ENIConfig per zone, so give one pod subnet per Availability Zone.", subnetNames(in, is), z)
		}
	}
	if len(in.Subnets) > 0 && nodeSubnets == 0 {
		f.add(Error, At(blockSubnet), "No node subnets", "Every subnet has purpose \"pods\"; the nodes' own ENIs need subnets with purpose \"nodes\".")
	}
	if in.CustomNetworking && in.IPv6 {
		f.add(Error, At(attrCustomNet), "Custom networking in an IPv6 cluster",
			"ipamd refuses custom networking with ENABLE_IPv6 (aws/amazon-vpc-cni-k8s pkg/ipamd/ipamd.go isConfigValid: \"Custom Networking is not supported in IPv6 mode\"). Pods of an IPv6 cluster take addresses from the node's /80 prefix: drop the subnets with purpose = \"pods\" and custom_networking.")
	}
	if in.CustomNetworking && len(podZones) == 0 && len(in.Subnets) > 0 {
		f.add(Error, At(attrCustomNet), "Custom networking without pod subnets",
			"custom_networking = true puts pod ENIs in ENIConfig subnets; add one subnet with purpose = \"pods\" per Availability Zone.")
	}
}

func validateClusterGroups(f *Findings, in ClusterInput, l layout) {
	var names, poolNames []string
	// Zones the groups use without a pod subnet, with the groups that do.
	missingPodZone := map[string][]int{}
	for gi, g := range in.Groups {
		at := g.where(gi)
		if g.pool != nil {
			poolNames = append(poolNames, g.Name)
		} else {
			names = append(names, g.Name)
		}
		switch {
		case g.pool != nil:
			// Its limits and types were checked by expandPools.
		case g.MaxNodes < g.DesiredNodes:
			f.add(Error, at.Dot(fieldMaxNodes), "max_nodes below desired_nodes", "%s: max_nodes = %d is below desired_nodes = %d.", g.Name, g.MaxNodes, g.DesiredNodes)
		}
		if g.pool == nil && g.MaxNodes < 1 {
			f.add(Error, at.Dot(fieldMaxNodes), "Node group never has nodes", "%s: max_nodes is 0; set max_nodes when desired_nodes is 0, so the plan knows how far the group scales.", g.Name)
		}
		if g.pool == nil && g.RunningNodes > g.MaxNodes {
			f.add(Error, at.Dot(attrRunningNodes), "More running nodes than the group has",
				"%s: running_nodes = %d is more than the group's max size, %d (max_nodes, which defaults to desired_nodes); running_nodes are the group's nodes that run now, before the change.", g.Name, g.RunningNodes, g.MaxNodes)
		}
		if g.pool == nil {
			g.check(f, in.network(), groupRef{field: at.Dot, who: g.Name + ": "})
		}
		for j, id := range g.SubnetIDs {
			i, ok := l.byID[id]
			switch {
			case !ok:
				f.add(Error, at.Dot(fieldSubnetIDs).Elem(j), "Unknown subnet id", "%s lists %q, which no subnet block has.", g.Name, id)
			case in.Subnets[i].Purpose != PurposeNodes:
				f.add(Error, at.Dot(fieldSubnetIDs).Elem(j), "Not a node subnet", "%s lists %q, a %q subnet; subnet_ids are where the nodes' own primary ENIs go, subnets with purpose \"nodes\".", g.Name, id, in.Subnets[i].Purpose)
			}
		}
		if in.CustomNetworking {
			for _, z := range l.groups[gi].zones {
				if _, ok := l.podSubnetOf[z]; !ok {
					missingPodZone[z] = append(missingPodZone[z], gi)
				}
			}
		}
	}
	addDuplicates(f, names, blockNodeGroup, fieldName, "Duplicate node group name", "names key the groups output, so they must differ")
	addDuplicates(f, poolNames, blockKarpenterPool, fieldName, "Duplicate NodePool name", "names key the karpenter_node_pools output, so they must differ")
	for _, z := range sortedKeys(missingPodZone) {
		gs := missingPodZone[z]
		var who []string
		for _, gi := range gs {
			who = append(who, in.Groups[gi].Name)
		}
		f.add(Error, in.Groups[gs[0]].where(gs[0]), "No pod subnet in a zone the group uses",
			"%s %s nodes in %s, and custom networking needs an ENIConfig (pod) subnet there: add a subnet with purpose = \"pods\" and availability_zone = %q.",
			echo.List(who), hasOrHave(len(who)), z, z)
	}
}

// runningAnywhere reports whether any group or pool has nodes running now.
func runningAnywhere(in ClusterInput) bool {
	for _, g := range in.Groups {
		if g.RunningNodes > 0 {
			return true
		}
	}
	return false
}

// addDuplicates reports each value that appears more than once, once, on
// its second appearance, naming the others.
func addDuplicates(f *Findings, values []string, block, field, summary, why string) {
	seen := make(map[string][]int, len(values))
	var order []string
	for i, v := range values {
		if len(seen[v]) == 1 {
			order = append(order, v)
		}
		seen[v] = append(seen[v], i)
	}
	for _, v := range order {
		is := seen[v]
		var others []string
		for _, i := range is {
			others = append(others, fmt.Sprintf("%s[%d]", block, i))
		}
		f.add(Error, AtIndex(block, is[1]).Dot(field), summary, "%q appears %d times (%s); %s.", v, len(is), echo.List(others), why)
	}
}

func subnetNames(in ClusterInput, is []int) string {
	var names []string
	for _, i := range is {
		names = append(names, fmt.Sprintf("%s (subnet[%d])", in.Subnets[i].ID, i))
	}
	return echo.List(names)
}

func hasOrHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
