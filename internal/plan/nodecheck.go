// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// Names of a group's inputs in findings.
const (
	fieldOS           = "os"
	fieldSGPods       = "pods_with_security_groups"
	fieldMaxPods      = "max_pods"
	fieldMaxPodsFrom  = "max_pods_from"
	fieldInstanceType = "instance_type"
	attrMaxENI        = "max_eni"
)

// typeField is where the group's instance types were given.
func (g groupRef) typeField(s NodeSpec) Where {
	if s.TypesAt != "" {
		return g.field(s.TypesAt)
	}
	return g.field(fieldInstanceType)
}

// groupRef says where a group's inputs are and how messages name it.
type groupRef struct {
	// field is the Where of one of the group's inputs.
	field func(name string) Where
	// who starts a message about the group: "" for vpccni_warm_pool,
	// "general: " for a node group of vpccni_cluster.
	who string
}

// check adds the errors in a group's node spec: what no way of starting
// the nodes can fix.
func (s NodeSpec) check(f *Findings, net Network, g groupRef) {
	host := s.hostPods(net)
	switch {
	case s.Windows && net.Mode.CustomNetworking:
		f.add(Error, g.field(fieldOS), "Windows nodes cannot use custom networking",
			"%sthe VPC resource controller gives Windows nodes addresses on their primary ENI only and reads no ENIConfig (EKS User Guide, Windows support). Plan Windows groups in a cluster without custom_networking.", g.who)
	case s.Windows && net.IPv6:
		f.add(Error, g.field(fieldOS), "Windows nodes cannot run in an IPv6 cluster",
			"%sEKS supports Windows nodes in IPv4 clusters only (EKS User Guide, Windows support).", g.who)
	}
	if s.SecurityGroupPods > 0 {
		switch {
		case s.Windows:
			f.add(Error, g.field(fieldSGPods), "Windows nodes cannot give pods their own security groups",
				"%sthe VPC resource controller attaches trunk and branch ENIs to Linux nodes only. Set pods_with_security_groups = 0 for Windows groups.", g.who)
		case !net.Mode.PodENI:
			f.add(Error, g.field(fieldSGPods), "Pods with security groups need ENABLE_POD_ENI",
				"%spods_with_security_groups = %d, but security_groups_for_pods is false: without ENABLE_POD_ENI no trunk ENI is attached and such pods stay Pending. Set security_groups_for_pods = true.", g.who, s.SecurityGroupPods)
		}
	}
	// A reason shared by several types is one finding, on the first type,
	// naming the others.
	first := map[string]int{}
	others := map[string][]string{}
	defer func() {
		for summary, i := range first {
			if more := others[summary]; len(more) > 0 {
				(*f)[i].Detail += fmt.Sprintf(" The same holds for %s.", echo.List(more))
			}
		}
	}()
	once := func(summary, typ string) bool {
		if _, seen := first[summary]; seen {
			others[summary] = append(others[summary], typ)
			return false
		}
		first[summary] = len(*f)
		return true
	}
	for _, t := range s.Types {
		limit, reason := s.limitOf(net, t)
		capacity := s.addressCapacity(net, t)
		switch need := s.ExpectedPods + s.SecurityGroupPods + host; {
		case need > limit.Pods && !once("Expected pods exceed max pods", t.Name):
		case need > limit.Pods:
			f.add(Error, g.field(fieldExpectedPod), "Expected pods exceed max pods", "%s%s",
				g.who, podsOverMax(s, t.Name, limit.Pods, host, reason, net))
			f.last().Short = fmt.Sprintf("%s runs at most %d pods%s, and %d are needed (%s)", t.Name, limit.Pods, reason, need, needParts(s, host))
		case s.ExpectedPods > capacity && !once("Expected pods exceed the node's pod addresses", t.Name):
		case s.ExpectedPods > capacity:
			f.add(Error, g.field(fieldExpectedPod), "Expected pods exceed the node's pod addresses",
				"%sexpected_pods = %d, but %s holds at most %d pod addresses%s. Use a larger instance type%s, or fewer pods per node.",
				g.who, s.ExpectedPods, t.Name, capacity, capacityReason(net, s), prefixHint(net.Mode))
			f.last().Short = fmt.Sprintf("%s holds at most %d pod addresses%s, and %d pods expect one", t.Name, capacity, capacityReason(net, s), s.ExpectedPods)
		}
		if s.SecurityGroupPods > 0 && net.Mode.PodENI && !s.Windows {
			switch t.Node.Trunking {
			case ec2limits.TrunkingIncompatible:
				if !once("Instance type cannot give pods their own security groups", t.Name) {
					continue
				}
				f.add(Error, g.field(fieldSGPods), "Instance type cannot give pods their own security groups",
					"%s%s cannot attach a trunk ENI (amazon-vpc-resource-controller-k8s limits: not trunking compatible), so its %d pods with their own security groups would stay Pending. Use a type that supports security groups for pods (not t2, t3, t4g and other older families).",
					g.who, t.Name, s.SecurityGroupPods)
			case ec2limits.TrunkingCompatible:
				if s.SecurityGroupPods > t.Node.BranchENIs && once("More pods with security groups than branch ENIs", t.Name) {
					f.add(Error, g.field(fieldSGPods), "More pods with security groups than branch ENIs",
						"%spods_with_security_groups = %d, but %s holds at most %d branch ENIs (one per pod with its own security groups).",
						g.who, s.SecurityGroupPods, t.Name, t.Node.BranchENIs)
				}
			}
		}
	}
}

// addressCapacity is the warm-pool addresses a node of type t can hand
// out in the network's mode.
func (s NodeSpec) addressCapacity(net Network, t NamedNode) int {
	if s.Windows {
		return ipam.ComputeWindowsMaxPods(t.Node, net.Mode.PrefixDelegation).AddressCapacity
	}
	mode := net.Mode
	mode.PrefixDelegation = mode.PrefixDelegation || net.IPv6
	return ipam.PodIPCapacity(t.Node, mode)
}

func podsOverMax(s NodeSpec, typ string, limit, host int, reason string, net Network) string {
	var b strings.Builder
	fmt.Fprintf(&b, "expected_pods = %d", s.ExpectedPods)
	if s.SecurityGroupPods > 0 {
		fmt.Fprintf(&b, " and %d pods with security groups", s.SecurityGroupPods)
	}
	if host > 0 {
		fmt.Fprintf(&b, " and %d host-network pods (host_network_pods)", host)
	}
	verb := "need"
	if s.SecurityGroupPods == 0 && host == 0 {
		verb = "needs"
	}
	fmt.Fprintf(&b, " %s room for %d pods, but %s runs at most %d%s", verb, s.ExpectedPods+s.SecurityGroupPods+host, typ, limit, reason)
	if room := limit - host - s.SecurityGroupPods; host > 0 && room > 0 {
		fmt.Fprintf(&b, ": at most %d of them can take warm-pool addresses", room)
	}
	fmt.Fprintf(&b, ". Use a larger instance type%s, or fewer pods per node.", prefixHint(net.Mode))
	return b.String()
}

// limitOf is the most pods a node of type t can run, for the check that
// the group's pods fit: a max_pods the launch path reads is the user's own
// limit; a managed node group's value, capped at 110 or 250, binds, as
// the group sets max pods itself; nodeadm and Karpenter apply no cap and
// their max pods can be raised, so only what the VPC CNI serves binds
// there (a launch path giving fewer is a warning with the fix, in notes).
func (s NodeSpec) limitOf(net Network, t NamedNode) (ipam.KubeletMaxPods, string) {
	gets, should := s.kubelet(net, t)
	l := s.launch(net)
	switch {
	case s.Windows || l.Path == ipam.LaunchManagedNodeGroup:
		return should, maxPodsReasonOf(should, net, s.Windows)
	case l.Path == ipam.LaunchExplicit || l.MaxPods > 0:
		return gets, " (max_pods)"
	}
	serves := ipam.KubeletMaxPods{Pods: should.Formula, Formula: should.Formula}
	return serves, maxPodsReasonOf(serves, net, false)
}

// maxPodsReasonOf explains a max pods value in a message.
func maxPodsReasonOf(m ipam.KubeletMaxPods, net Network, windows bool) string {
	switch {
	case windows:
		return " (a Windows node runs one pod per secondary address of its primary ENI)"
	case m.Cap > 0 && m.CapAssumed:
		return fmt.Sprintf(" (EKS caps max pods at %d without a vCPU count; set vcpus if it has more than 30)", m.Cap)
	case m.Cap > 0:
		return fmt.Sprintf(" (EKS caps max pods at %d for its vCPUs)", m.Cap)
	case net.Mode.CustomNetworking:
		return " (with custom networking the primary ENI carries no pods)"
	}
	return ""
}

func capacityReason(net Network, s NodeSpec) string {
	switch {
	case s.Windows:
		return " (a Windows node uses its primary ENI only)"
	case net.Mode.PodENI:
		return " (the trunk ENI of security groups for pods takes one ENI slot)"
	}
	return ""
}

func prefixHint(mode ipam.Settings) string {
	if mode.PrefixDelegation {
		return ""
	}
	return ", prefix delegation"
}
