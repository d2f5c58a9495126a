// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"math"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// Phase is a moment in a node group's life whose node count the subnets
// must hold.
type Phase int

const (
	// PhaseDesired: the group at its desired size.
	PhaseDesired Phase = iota
	// PhaseMax: scaled out to its maximum.
	PhaseMax
	// PhaseSurge: at its maximum during a rolling update, with the surge
	// nodes an update launches before it drains old ones.
	PhaseSurge
	phases
)

func (p Phase) String() string {
	return [...]string{"desired", "max", "max + surge"}[p]
}

// Subnet purposes.
const (
	PurposeNodes = "nodes"
	PurposePods  = "pods"
)

// ClusterSubnet is one entry of vpccni_cluster's subnets.
type ClusterSubnet struct {
	ID               string
	CIDR             string // "" when not known
	AvailabilityZone string
	Available        int // -1 when not known
	Purpose          string
	SecurityGroupIDs []string
}

// ClusterGroup is one node group.
type ClusterGroup struct {
	Name         string
	InstanceType string
	Node         ipam.Node
	ExpectedPods int
	DesiredNodes int
	MaxNodes     int
	// MaxPods is the kubelet override, 0 for the EKS value.
	MaxPods int
	// SubnetIDs are the group's node subnets; nil means every node subnet.
	SubnetIDs []string
}

// Surge says how many nodes a rolling update adds to each group.
type Surge struct {
	// ExtraNodes, when >= 0, is the surge of every group.
	ExtraNodes int
	// MaxUnavailable is the update config's maxUnavailable (EKS default
	// 1); MaxUnavailablePercentage, when > 0, takes its place as a share
	// of the group's max nodes.
	MaxUnavailable           int
	MaxUnavailablePercentage int
}

// DefaultSurge is what EKS managed node groups do with the default update
// config (maxUnavailable 1).
func DefaultSurge() Surge { return Surge{ExtraNodes: -1, MaxUnavailable: 1} }

// surgeNodes is the EKS managed node group rule: a rolling update raises
// the Auto Scaling group's desired and max size by the larger of twice the
// group's Availability Zones and maxUnavailable (EKS User Guide,
// "Understand each phase of node updates", scale-up phase).
func (s Surge) surgeNodes(zones, maxNodes int) int {
	if s.ExtraNodes >= 0 {
		return s.ExtraNodes
	}
	unavailable := s.MaxUnavailable
	if s.MaxUnavailablePercentage > 0 {
		unavailable = int(math.Ceil(float64(maxNodes*s.MaxUnavailablePercentage) / 100))
	}
	return max(2*zones, unavailable)
}

// ClusterInput is the whole cluster.
type ClusterInput struct {
	Groups                   []ClusterGroup
	Subnets                  []ClusterSubnet
	SpareIPs                 int
	PrefixDelegation         bool
	CustomNetworking         bool
	MaxENI                   int
	Surge                    Surge
	FailOnInsufficientSubnet bool
	Current                  *ipam.Settings
	Region                   string
	// ipv6 plans the nodes as IPv6 nodes, for the ipv6 alternative.
	ipv6 bool
}

// Attribute names of vpccni_cluster.
const (
	attrNodeGroups = "node_groups"
	attrSubnets    = "subnets"
	attrCustomNet  = "custom_networking"
)

// GroupResult is one node group's plan.
type GroupResult struct {
	Name        string
	MaxPods     ipam.MaxPods
	SurgeNodes  int
	Zones       []string
	Nodes       [phases]int
	Recommended ipam.Projection
	Baseline    ipam.Projection
	Current     *ipam.Projection
}

// SubnetResult is one subnet's load.
type SubnetResult struct {
	ClusterSubnet
	Capacity int
	Needed   [phases]int
	// FirstFailure is the first phase the subnet cannot hold, or -1.
	FirstFailure Phase
	Groups       []string
	// PrefixBlocks are the aligned /28 blocks a fresh subnet of the CIDR
	// offers, and PrefixBlocksNeeded those it must give at max + surge;
	// both -1 without prefix delegation or (offered) without a CIDR.
	PrefixBlocks       int
	PrefixBlocksNeeded int
	// ReservationBits is the prefix length of a prefix-type subnet CIDR
	// reservation holding the prefixes at max + surge; 0 without any.
	ReservationBits int
	demand          [phases]demand
}

// Fits reports whether the subnet holds its nodes at max + surge.
func (s SubnetResult) Fits() bool { return s.FirstFailure < 0 }

// Headroom is capacity minus what max + surge needs (negative: short).
func (s SubnetResult) Headroom() int { return s.Capacity - s.Needed[PhaseSurge] }

// ZoneResult sums the subnets of an Availability Zone.
type ZoneResult struct {
	Name     string
	Capacity int
	Needed   [phases]int
	Fits     bool
}

// ClusterResult is the cluster's plan.
type ClusterResult struct {
	Recommended ipam.Settings
	ENIConfig   *addon.ENIConfig
	Groups      []GroupResult
	Subnets     []SubnetResult
	Zones       []ZoneResult
	Fits        bool
	SavedIPs    int
	// Worst is the index in Subnets of the subnet with the least headroom
	// at max + surge, -1 without subnets.
	Worst int
	// Alternatives are the remedies at max + surge, in the order of
	// Remedies.
	Alternatives []Alternative
	Findings     Findings
}

// ValidateCluster checks the inputs on their own and together.
func ValidateCluster(in ClusterInput) Findings {
	var f Findings
	if len(in.Groups) == 0 {
		f.add(Error, At(attrNodeGroups), "No node groups", "node_groups is empty; give at least one group to plan for.")
	}
	if len(in.Subnets) == 0 {
		f.add(Error, At(attrSubnets), "No subnets", "subnets is empty; give the subnets the node groups use (id, cidr or available_ips, availability_zone).")
	}
	byID := map[string]int{}
	podZones := map[string]int{}
	nodeSubnets := 0
	var parsed []struct {
		s subnet.Subnet
		i int
	}
	for i, s := range in.Subnets {
		at := AtIndex(attrSubnets, i)
		if first, dup := byID[s.ID]; dup {
			f.add(Error, at.Dot("id"), "Duplicate subnet id", "%q is also subnets[%d]; list each subnet once.", s.ID, first)
		} else {
			byID[s.ID] = i
		}
		if s.CIDR == "" && s.Available < 0 {
			f.add(Error, at, "Subnet size unknown", "subnets[%d] (%s) has neither cidr nor available_ips; give at least one so its capacity is known.", i, s.ID)
		}
		if s.CIDR != "" {
			p, err := subnet.Parse(s.CIDR)
			if err != nil {
				f.add(Error, at.Dot("cidr"), "Invalid subnet CIDR", "%s.", err)
			} else {
				for _, o := range parsed {
					if o.s.Overlaps(p) {
						f.add(Error, at.Dot("cidr"), "Overlapping subnet CIDRs", "%s (%s) overlaps subnets[%d].cidr = %s (%s).", p, s.ID, o.i, o.s, in.Subnets[o.i].ID)
					}
				}
				parsed = append(parsed, struct {
					s subnet.Subnet
					i int
				}{p, i})
				if s.Available > p.Usable() {
					f.add(Error, at.Dot("available_ips"), "More available addresses than the subnet has",
						"available_ips = %d, but %s has %d usable addresses (AWS reserves 5).", s.Available, p, p.Usable())
				}
			}
		}
		switch s.Purpose {
		case PurposePods:
			if !in.CustomNetworking {
				f.add(Error, at.Dot("purpose"), "Pod subnet without custom networking",
					"%s has purpose \"pods\", an ENIConfig subnet of custom networking, but custom_networking = false. Set custom_networking = true or make it a \"nodes\" subnet.", s.ID)
			}
			if first, dup := podZones[s.AvailabilityZone]; dup {
				f.add(Error, at.Dot("availability_zone"), "Two pod subnets in one zone",
					"%s and subnets[%d] are both pod subnets in %s; custom networking picks one ENIConfig per zone, so give one pod subnet per Availability Zone.", s.ID, first, s.AvailabilityZone)
			} else {
				podZones[s.AvailabilityZone] = i
			}
		default:
			nodeSubnets++
			if len(s.SecurityGroupIDs) > 0 {
				f.add(Error, at.Dot("security_group_ids"), "Security groups on a node subnet",
					"security_group_ids are the ENIConfig security groups of a pod subnet; %s is a node subnet, whose ENIs keep the node's security groups. Remove them or set purpose = \"pods\".", s.ID)
			}
		}
	}
	if len(in.Subnets) > 0 && nodeSubnets == 0 {
		f.add(Error, At(attrSubnets), "No node subnets", "Every subnet has purpose \"pods\"; the nodes' own ENIs need subnets with purpose \"nodes\".")
	}

	names := map[string]int{}
	for gi, g := range in.Groups {
		at := AtIndex(attrNodeGroups, gi)
		if first, dup := names[g.Name]; dup {
			f.add(Error, at.Dot("name"), "Duplicate node group name", "%q is also node_groups[%d]; names key the groups output, so they must differ.", g.Name, first)
		} else {
			names[g.Name] = gi
		}
		if g.MaxNodes < g.DesiredNodes {
			f.add(Error, at.Dot("max_nodes"), "max_nodes below desired_nodes", "max_nodes = %d is below desired_nodes = %d.", g.MaxNodes, g.DesiredNodes)
		}
		if g.MaxNodes < 1 {
			f.add(Error, at.Dot("max_nodes"), "Node group never has nodes", "max_nodes is 0; set max_nodes when desired_nodes is 0, so the plan knows how far the group scales.")
		}
		mode := ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking, MaxENI: in.MaxENI, MaxPods: g.MaxPods}
		maxPods := effectiveMaxPods(g.Node, mode)
		if g.ExpectedPods > maxPods.Pods {
			f.add(Error, at.Dot("expected_pods"), "Expected pods exceed max pods",
				"%s: expected_pods = %d, but %s runs at most %d pods%s.", g.Name, g.ExpectedPods, g.InstanceType, maxPods.Pods, maxPodsReason(maxPods, mode))
		} else if capacity := ipam.PodIPCapacity(g.Node, mode); g.ExpectedPods > capacity {
			f.add(Error, at.Dot("expected_pods"), "Expected pods exceed the node's pod addresses",
				"%s: expected_pods = %d, but %s holds at most %d pod addresses (max pods %d counts aws-node and kube-proxy).", g.Name, g.ExpectedPods, g.InstanceType, capacity, maxPods.Pods)
		}
		for j, id := range g.SubnetIDs {
			i, ok := byID[id]
			switch {
			case !ok:
				f.add(Error, at.Dot("subnet_ids"), "Unknown subnet id", "%s lists subnet_ids[%d] = %q, which is not in subnets.", g.Name, j, id)
			case in.Subnets[i].Purpose == PurposePods:
				f.add(Error, at.Dot("subnet_ids"), "Pod subnet as a node subnet", "%s lists %q, a pod subnet; subnet_ids are where the nodes' own ENIs go.", g.Name, id)
			}
		}
		if in.CustomNetworking {
			for _, z := range groupZones(in, g) {
				if _, ok := podZones[z]; !ok {
					f.add(Error, at, "No pod subnet in a zone the group uses",
						"%s has nodes in %s, and custom networking needs an ENIConfig (pod) subnet there: add a subnet with purpose = \"pods\" and availability_zone = %q.", g.Name, z, z)
				}
			}
		}
	}
	if in.CustomNetworking && len(podZones) == 0 && len(in.Subnets) > 0 {
		f.add(Error, At(attrCustomNet), "Custom networking without pod subnets",
			"custom_networking = true puts pod ENIs in ENIConfig subnets; add one subnet with purpose = \"pods\" per Availability Zone.")
	}
	return f
}

// groupNodeSubnets returns the indexes of a group's node subnets.
func groupNodeSubnets(in ClusterInput, g ClusterGroup) []int {
	var out []int
	if g.SubnetIDs == nil {
		for i, s := range in.Subnets {
			if s.Purpose != PurposePods {
				out = append(out, i)
			}
		}
		return out
	}
	for _, id := range g.SubnetIDs {
		for i, s := range in.Subnets {
			if s.ID == id && s.Purpose != PurposePods {
				out = append(out, i)
			}
		}
	}
	return out
}

// groupZones returns the zones of a group's node subnets in order of first
// appearance.
func groupZones(in ClusterInput, g ClusterGroup) []string {
	var zones []string
	for _, i := range groupNodeSubnets(in, g) {
		z := in.Subnets[i].AvailabilityZone
		found := false
		for _, have := range zones {
			found = found || have == z
		}
		if !found {
			zones = append(zones, z)
		}
	}
	return zones
}

// recommendCluster returns the one setting pair that serves every group:
// WARM_IP_TARGET = spare IPs and MINIMUM_IP_TARGET = the smallest expected
// pods of any group. A group expecting e >= MIN pods then settles at
// max(MIN, e + WARM) = e + WARM addresses, exactly what its own
// recommendation (MIN = e) gives, so the shared pair costs no group an
// address at steady state; a larger MIN would cost the smaller groups.
// WARM_IP_TARGET is clamped to the largest group's capacity only: a value
// beyond a smaller node's capacity just lets that node fill up.
func recommendCluster(in ClusterInput) ipam.Recommendation {
	minPods := math.MaxInt
	var largest ipam.Node
	capacity := -1
	mode := ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking, MaxENI: in.MaxENI}
	for _, g := range in.Groups {
		minPods = min(minPods, g.ExpectedPods)
		if c := ipam.PodIPCapacity(g.Node, mode); c > capacity {
			capacity, largest = c, g.Node
		}
	}
	return ipam.Recommend(largest, mode, minPods, in.SpareIPs)
}

// Cluster plans every group against the subnets and under every remedy.
// Call ValidateCluster first; Cluster assumes its checks passed.
func Cluster(in ClusterInput) ClusterResult {
	alts := clusterAlternatives(in)
	r := cluster(in, alts)
	baseline := 0
	for _, g := range r.Groups {
		baseline += nodeDemand(g.Baseline, g.Nodes[PhaseSurge], false).ips
	}
	for i := range alts {
		if alts[i].Possible {
			alts[i].NodeSubnetIPsSaved = baseline - alts[i].NodeSubnetIPs
		}
	}
	r.Alternatives = alts
	return r
}

// cluster plans every group against the subnets; alts, when given, are
// named in the findings of subnets that are too small.
func cluster(in ClusterInput, alts []Alternative) ClusterResult {
	var r ClusterResult
	rec := recommendCluster(in)
	r.Recommended = rec.Settings
	if rec.WarmIPRaised {
		r.Findings.add(Warning, At(attrSpareIPs), "spare_ips = 0 raised to WARM_IP_TARGET = 1",
			"ipamd reads WARM_IP_TARGET=0 as not set, and MINIMUM_IP_TARGET without WARM_IP_TARGET freezes the pool: pods beyond the minimum would get no address. The recommendation uses WARM_IP_TARGET=1.")
	}

	r.Subnets = make([]SubnetResult, len(in.Subnets))
	for i, s := range in.Subnets {
		r.Subnets[i] = SubnetResult{ClusterSubnet: s, Capacity: s.Available, FirstFailure: -1, PrefixBlocks: -1, PrefixBlocksNeeded: -1}
		if s.CIDR != "" {
			p, _ := subnet.Parse(s.CIDR)
			if s.Available < 0 {
				r.Subnets[i].Capacity = p.Usable()
			}
		}
	}
	podSubnetOf := map[string]int{}
	for i, s := range in.Subnets {
		if s.Purpose == PurposePods {
			podSubnetOf[s.AvailabilityZone] = i
		}
	}

	// Settings are cluster-wide: a trap in them is reported once, with the
	// numbers of the group it hurts most.
	trapGroup := -1
	for gi, g := range in.Groups {
		gr := planGroup(in, g, rec.Settings)
		if gr.Current != nil && (trapGroup < 0 || gr.Current.PodsWithoutIP > r.Groups[trapGroup].Current.PodsWithoutIP) {
			trapGroup = gi
		}
		r.SavedIPs += g.DesiredNodes * (gr.Baseline.SubnetIPs() - gr.Recommended.SubnetIPs())
		nodeSubnets := groupNodeSubnets(in, g)
		for ph := range phases {
			perZone := subnet.Spread(gr.Nodes[ph], len(gr.Zones))
			for zi, z := range gr.Zones {
				var inZone []int
				for _, i := range nodeSubnets {
					if in.Subnets[i].AvailabilityZone == z {
						inZone = append(inZone, i)
					}
				}
				for k, nodes := range subnet.Spread(perZone[zi], len(inZone)) {
					sr := &r.Subnets[inZone[k]]
					sr.demand[ph] = sr.demand[ph].plus(nodeDemand(gr.Recommended, nodes, false))
					if ph == PhaseSurge && nodes > 0 {
						sr.Groups = appendOnce(sr.Groups, g.Name)
					}
				}
				if in.CustomNetworking {
					if pi, ok := podSubnetOf[z]; ok {
						sr := &r.Subnets[pi]
						sr.demand[ph] = sr.demand[ph].plus(nodeDemand(gr.Recommended, perZone[zi], true))
						if ph == PhaseSurge && perZone[zi] > 0 {
							sr.Groups = appendOnce(sr.Groups, g.Name)
						}
					}
				}
			}
		}
		r.Groups = append(r.Groups, gr)
	}
	if trapGroup >= 0 {
		g, gr := in.Groups[trapGroup], r.Groups[trapGroup]
		cur := *in.Current
		cur.PrefixDelegation, cur.CustomNetworking = in.PrefixDelegation, in.CustomNetworking
		currentTraps(&r.Findings, WarmPoolInput{ExpectedPods: g.ExpectedPods, Node: g.Node}, cur, *gr.Current)
	}

	r.Fits, r.Worst = true, -1
	zoneIndex := map[string]int{}
	for i := range r.Subnets {
		sr := &r.Subnets[i]
		c := capacity{ips: sr.Capacity}
		if sr.CIDR != "" {
			c.cidr, _ = subnet.Parse(sr.CIDR)
		}
		for ph := range phases {
			sr.Needed[ph] = sr.demand[ph].ips
			if sr.FirstFailure < 0 && !c.fits(sr.demand[ph]) {
				sr.FirstFailure = ph
			}
		}
		surge := sr.demand[PhaseSurge]
		if in.PrefixDelegation && surge.prefixes > 0 {
			sr.ReservationBits = subnet.ReservationBitsFor(surge.prefixes)
			if c.hasCIDR() {
				sr.PrefixBlocks = c.blocksOffered()
				sr.PrefixBlocksNeeded = c.blocksNeeded(surge)
			}
			if !c.hasCIDR() || sr.Available >= 0 {
				r.Findings.add(Warning, AtIndex(attrSubnets, i).Dot("available_ips"), "Prefix space cannot be proven from an address count",
					"%s must give %d /28 prefixes at max + surge, and a count of free addresses says nothing about how they are fragmented (a /28 needs 16 aligned free addresses). "+
						"Reserve the space with an aws_ec2_subnet_cidr_reservation of reservation_type \"prefix\" and a /%d CIDR (prefix_reservation_cidr_size).",
					sr.ID, surge.prefixes, sr.ReservationBits)
			}
		}
		r.Fits = r.Fits && sr.Fits()
		if r.Worst < 0 || sr.Headroom() < r.Subnets[r.Worst].Headroom() {
			r.Worst = i
		}
		zi, ok := zoneIndex[sr.AvailabilityZone]
		if !ok {
			zi = len(r.Zones)
			zoneIndex[sr.AvailabilityZone] = zi
			r.Zones = append(r.Zones, ZoneResult{Name: sr.AvailabilityZone, Fits: true})
		}
		z := &r.Zones[zi]
		z.Capacity += sr.Capacity
		for ph := range phases {
			z.Needed[ph] += sr.Needed[ph]
		}
		z.Fits = z.Fits && sr.Fits()
		if !sr.Fits() {
			clusterSubnetTooSmall(&r.Findings, in, i, *sr, c, alts)
		}
	}

	if in.CustomNetworking {
		r.ENIConfig = &addon.ENIConfig{Create: true, Region: in.Region, Subnets: map[string]addon.ENIConfigSubnet{}}
		for _, s := range in.Subnets {
			if s.Purpose == PurposePods {
				r.ENIConfig.Subnets[s.AvailabilityZone] = addon.ENIConfigSubnet{ID: s.ID, SecurityGroups: s.SecurityGroupIDs}
			}
		}
	}
	return r
}

func planGroup(in ClusterInput, g ClusterGroup, rec ipam.Settings) GroupResult {
	mode := ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking, MaxENI: in.MaxENI, MaxPods: g.MaxPods}
	gr := GroupResult{Name: g.Name, MaxPods: effectiveMaxPods(g.Node, mode), Zones: groupZones(in, g)}
	mode.MaxPods = gr.MaxPods.Pods
	gr.SurgeNodes = in.Surge.surgeNodes(len(gr.Zones), g.MaxNodes)
	gr.Nodes = [phases]int{g.DesiredNodes, g.MaxNodes, g.MaxNodes + gr.SurgeNodes}

	s := rec
	s.MaxPods = mode.MaxPods
	gr.Recommended = ipam.Project(g.Node, s, g.ExpectedPods)
	if in.ipv6 {
		gr.Recommended = ipv6Node
	}
	base := ipam.AddonDefaults()
	base.PrefixDelegation, base.CustomNetworking, base.MaxENI, base.MaxPods = mode.PrefixDelegation, mode.CustomNetworking, mode.MaxENI, mode.MaxPods
	gr.Baseline = ipam.Project(g.Node, base, g.ExpectedPods)
	if in.Current != nil {
		cur := *in.Current
		cur.PrefixDelegation, cur.CustomNetworking, cur.MaxENI, cur.MaxPods = mode.PrefixDelegation, mode.CustomNetworking, mode.MaxENI, mode.MaxPods
		p := ipam.Project(g.Node, cur, g.ExpectedPods)
		gr.Current = &p
	}
	return gr
}

func clusterSubnetTooSmall(f *Findings, in ClusterInput, i int, sr SubnetResult, c capacity, alts []Alternative) {
	sev := Warning
	if in.FailOnInsufficientSubnet {
		sev = Error
	}
	ph := sr.FirstFailure
	d := sr.demand[ph]
	var b strings.Builder
	what := "addresses"
	if sr.Purpose == PurposePods {
		what = "pod addresses"
	}
	fmt.Fprintf(&b, "Subnet %s", sr.ID)
	if sr.CIDR != "" {
		fmt.Fprintf(&b, " (%s, %s)", sr.CIDR, sr.AvailabilityZone)
	} else {
		fmt.Fprintf(&b, " (%s)", sr.AvailabilityZone)
	}
	fmt.Fprintf(&b, " is too small at %s: it needs %d %s and offers %d", ph, d.ips, what, sr.Capacity)
	if d.ips > sr.Capacity {
		fmt.Fprintf(&b, ", %d short", d.ips-sr.Capacity)
	}
	if need := c.blocksNeeded(d); need > c.blocksOffered() {
		fmt.Fprintf(&b, "; it also needs %d aligned /28 blocks and a fresh %s offers %d", need, sr.CIDR, c.blocksOffered())
	}
	fmt.Fprintf(&b, ". Needed at desired / max / max + surge: %d / %d / %d.", sr.Needed[PhaseDesired], sr.Needed[PhaseMax], sr.Needed[PhaseSurge])
	fmt.Fprintf(&b, " Groups with nodes here: %s.", strings.Join(sr.Groups, ", "))
	writeWaysOut(&b, sr.demand[PhaseSurge], "max + surge", "fewer spare_ips, lower max_nodes", alts)
	f.add(sev, AtIndex(attrSubnets, i), "Subnet too small for the cluster", "%s", b.String())
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
