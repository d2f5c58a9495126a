// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"math"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
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
	// PurposeCNI is a subnet tagged kubernetes.io/role/cni, where enhanced
	// subnet discovery creates the ENIs after the primary.
	PurposeCNI = "cni"
)

// ClusterSubnet is one subnet block of vpccni_cluster.
type ClusterSubnet struct {
	ID               string
	CIDR             string // "" when not known
	AvailabilityZone string
	Available        int // -1 when not known
	Purpose          string
	SecurityGroupIDs []string
	// Reserved are addresses held back for other tenants of the subnet.
	Reserved int
	// unbounded marks the stand-in ENIConfig subnets of the
	// custom_networking alternative: their capacity is unboundedIPs.
	unbounded bool
}

// ClusterGroup is one node group.
type ClusterGroup struct {
	Name string
	NodeSpec
	DesiredNodes int
	MaxNodes     int
	// RunningNodes of the group run now, with the cluster's current
	// settings; what they hold counts into the capacity of subnets whose
	// free count is given.
	RunningNodes int
	// SubnetIDs are the group's node subnets; nil means every node subnet.
	SubnetIDs []string
	// pool marks a group made from a Karpenter pool (expandPools).
	pool *poolLimits
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
		unavailable = int(math.Ceil(float64(maxNodes) * float64(s.MaxUnavailablePercentage) / 100))
	}
	return max(2*zones, unavailable)
}

// ClusterInput is the whole cluster.
type ClusterInput struct {
	Groups []ClusterGroup
	// Pools are Karpenter NodePools, planned after the groups.
	Pools []KarpenterPool
	// expanded are the pools that expandPools made groups of, after
	// the node groups.
	expanded         []KarpenterPool
	Subnets          []ClusterSubnet
	SpareIPs         int
	PrefixDelegation bool
	CustomNetworking bool
	MaxENI           int
	// PodENI is ENABLE_POD_ENI: security groups for pods.
	PodENI bool
	// IPv6 plans an IPv6 cluster: one IPv4 address a node.
	IPv6 bool
	// SubnetDiscovery is ENABLE_SUBNET_DISCOVERY (VPC CNI 1.18 and later,
	// on by default): ENIs after the primary go to the freest of the
	// zone's node and "cni" subnets. Custom networking takes precedence.
	SubnetDiscovery bool
	HostNetworkPods int
	// KarpenterReservedENIs is Karpenter's RESERVED_ENIS, which the pools'
	// Launch carries; here for the output.
	KarpenterReservedENIs    int
	Surge                    Surge
	FailOnInsufficientSubnet bool
	Current                  *ipam.Settings
	Region                   string
}

// mode is the cluster's aws-node networking mode.
func (in ClusterInput) mode() ipam.Settings {
	return ipam.Settings{PrefixDelegation: in.PrefixDelegation, CustomNetworking: in.CustomNetworking, MaxENI: in.MaxENI, PodENI: in.PodENI}
}

// network is what every node of the cluster shares.
func (in ClusterInput) network() Network {
	return Network{Mode: in.mode(), IPv6: in.IPv6, HostNetworkPods: in.HostNetworkPods}
}

// discovers reports whether subnet discovery places ENIs: it is on, a
// "cni" subnet exists, and custom networking, which takes precedence, and
// IPv6, which attaches no further ENI, are off.
func (in ClusterInput) discovers() bool {
	if !in.SubnetDiscovery || in.CustomNetworking || in.IPv6 {
		return false
	}
	for _, s := range in.Subnets {
		if s.Purpose == PurposeCNI {
			return true
		}
	}
	return false
}

// GroupResult is one node group's plan.
type GroupResult struct {
	Name string
	// MaxPods is the kubelet max pods its nodes get; ShouldMaxPods what
	// they should get; KubeletType the type with the smallest.
	MaxPods, ShouldMaxPods ipam.KubeletMaxPods
	KubeletType            string
	// TargetMaxPods is the kubelet max pods to give the nodes: max_pods
	// when set, otherwise ShouldMaxPods.
	TargetMaxPods int
	Windows       bool
	// Pool is true for a Karpenter pool; WorstType is then the type of
	// its worst case and Nodes its node counts.
	Pool bool
	// WorstType is the type whose node takes the most addresses; the
	// projections are its.
	WorstType   string
	RunPods     int
	SurgeNodes  int
	Zones       []string
	Nodes       [phases]int
	Recommended ipam.Projection
	Baseline    ipam.Projection
	Current     *ipam.Projection
	Branch      ipam.BranchPlacement
	model       nodeModel
}

// Total is the subnet addresses of the group's nodes with projection p at
// a phase.
func (g GroupResult) Total(p ipam.Projection, ph Phase) int64 {
	return int64(g.Nodes[ph]) * int64(p.SubnetIPs())
}

// SubnetResult is one subnet's load.
type SubnetResult struct {
	ClusterSubnet
	Capacity int64
	Needed   [phases]int64
	// FirstFailure is the first phase the subnet cannot hold, or -1.
	FirstFailure Phase
	Groups       []string
	// PrefixBlocks are the aligned /28 blocks a fresh subnet of the CIDR
	// offers, and PrefixBlocksNeeded those it must give at max + surge;
	// both -1 without prefix delegation or (offered) without a CIDR.
	PrefixBlocks       int64
	PrefixBlocksNeeded int64
	// ReservationBits is the prefix length of a prefix-type subnet CIDR
	// reservation holding the prefixes at max + surge; 0 without any.
	ReservationBits int
	// HeldNow is what the running nodes hold in the subnet now, counted
	// into Capacity when its free count is given.
	HeldNow int64
	demand  [phases]demand
}

// Fits reports whether the subnet holds its nodes at max + surge.
func (s SubnetResult) Fits() bool { return s.FirstFailure < 0 }

// Headroom is capacity minus what max + surge needs (negative: short).
func (s SubnetResult) Headroom() int64 { return s.Capacity - s.Needed[PhaseSurge] }

// ZoneResult sums the subnets of an Availability Zone.
type ZoneResult struct {
	Name     string
	Capacity int64
	Needed   [phases]int64
	Fits     bool
}

// ClusterResult is the cluster's plan.
type ClusterResult struct {
	Recommended ipam.Settings
	// Windows are the amazon-vpc-cni ConfigMap settings of the Windows
	// groups; HasWindows says whether there are any.
	Windows    ipam.WindowsSettings
	HasWindows bool
	ENIConfig  *addon.ENIConfig
	Groups     []GroupResult
	Subnets    []SubnetResult
	Zones      []ZoneResult
	Fits       bool
	SavedIPs   int64
	// Worst is the index in Subnets of the subnet with the least headroom
	// at max + surge, -1 without subnets.
	Worst int
	// Alternatives are the remedies at max + surge, in the order of
	// Remedies.
	Alternatives []Alternative
	Findings     Findings
}
