// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// DefaultHostNetworkPods are the pods on the host network every Linux node
// runs: aws-node and kube-proxy, the "+ 2" of every max-pods formula. They
// count towards the kubelet's max pods and take no VPC address.
const DefaultHostNetworkPods = 2

// NamedNode is an instance type and what the model knows of it.
type NamedNode struct {
	Name string
	Node ipam.Node
}

// NodeSpec is how the nodes of one group run pods.
type NodeSpec struct {
	// Types are the instance types the group launches: one, or several for
	// a managed node group that may launch any of them (Spot
	// diversification). Every node must hold its pods whichever it is.
	Types []NamedNode
	// TypesAt is the input the types came from, where findings about
	// them point: "" for instance_type, else instance_types or families.
	TypesAt string
	// Windows nodes get their addresses from the VPC resource controller,
	// on their primary ENI only.
	Windows bool
	// ExpectedPods are the pods per node that take an address from the
	// warm pool; SecurityGroupPods those with their own security groups,
	// each on a branch ENI of its own (security groups for pods).
	ExpectedPods      int
	SecurityGroupPods int
	// Launch is how the nodes get their kubelet max pods; its Mode is
	// filled from the cluster's. The zero Path is an EKS managed node
	// group.
	Launch ipam.Launch
}

// Network is what every node of a cluster shares: aws-node's mode (one
// DaemonSet), the IP family and the host-network pods.
type Network struct {
	// Mode carries prefix delegation, custom networking, MAX_ENI and
	// ENABLE_POD_ENI; its warm-pool targets are ignored.
	Mode ipam.Settings
	IPv6 bool
	// HostNetworkPods are the host-network pods of every Linux node.
	HostNetworkPods int
}

// nodeModel is one group's node under a recommendation: what its kubelet
// allows, what it should allow, and what the type that takes the most
// addresses holds.
type nodeModel struct {
	// Kubelet is the max pods the nodes get by their launch path (the
	// smallest over the types); KubeletType names the type giving it.
	Kubelet     ipam.KubeletMaxPods
	KubeletType string
	// Should is the max pods the nodes should get (the calculator's value
	// for the mode, the host-network pods counted).
	Should ipam.KubeletMaxPods
	// RunPods are the pods per node that take a warm-pool address: the
	// expected pods, fewer when the kubelet admits fewer.
	RunPods int
	// Worst is the type whose node takes the most addresses with the
	// recommendation; the projections are its.
	Worst                 NamedNode
	Recommended, Baseline ipam.Projection
	Current               *ipam.Projection
	// Branch is where the pods with their own security groups take
	// addresses.
	Branch ipam.BranchPlacement
}

// launch is the group's launch path with the network's mode.
func (s NodeSpec) launch(net Network) ipam.Launch {
	l := s.Launch
	if l.Path == 0 {
		l.Path = ipam.LaunchManagedNodeGroup
	}
	l.Mode = ipam.Mode{CustomNetworking: net.Mode.CustomNetworking, PrefixDelegation: net.Mode.PrefixDelegation || net.IPv6, MaxENI: net.Mode.MaxENI}
	return l
}

// hostPods are the host-network pods of a node of the group.
func (s NodeSpec) hostPods(net Network) int {
	if s.Windows {
		return 0
	}
	return net.HostNetworkPods
}

// kubelet is the max pods a node of type t gets, and should get.
func (s NodeSpec) kubelet(net Network, t NamedNode) (gets, should ipam.KubeletMaxPods) {
	if s.Windows {
		w := ipam.ComputeWindowsMaxPods(t.Node, net.Mode.PrefixDelegation)
		k := ipam.KubeletMaxPods{Pods: w.Pods, Formula: w.Kubelet}
		return k, k
	}
	mode := net.Mode
	mode.PrefixDelegation = mode.PrefixDelegation || net.IPv6
	return ipam.ComputeKubeletMaxPods(t.Node, s.launch(net)), ipam.RecommendedMaxPods(t.Node, mode, s.hostPods(net))
}

// targetMaxPods is the kubelet max pods to give the nodes: the explicit
// max_pods when set (the plan runs with it), otherwise what they should
// get, EKS's 110/250 cap included, unless the group needs more and its
// launch path (nodeadm, Karpenter) can give more: then all the VPC CNI
// serves. Windows nodes take theirs from the resource controller's model.
func (s NodeSpec) targetMaxPods(net Network, should ipam.KubeletMaxPods) int {
	switch {
	case s.Windows:
		return should.Pods
	case s.Launch.MaxPods > 0:
		return s.Launch.MaxPods
	case s.launch(net).Path != ipam.LaunchManagedNodeGroup && s.ExpectedPods+s.SecurityGroupPods+s.hostPods(net) > should.Pods:
		return should.Formula
	}
	return should.Pods
}

// model works out the group's node with the recommended, baseline and
// current settings. rec is the cluster's recommendation; win the Windows
// settings the ConfigMap gets.
func (s NodeSpec) model(net Network, rec ipam.Settings, cur *ipam.Settings, win ipam.WindowsSettings) nodeModel {
	var m nodeModel
	host := s.hostPods(net)
	for i, t := range s.Types {
		gets, should := s.kubelet(net, t)
		if i == 0 || gets.Pods < m.Kubelet.Pods {
			m.Kubelet, m.KubeletType = gets, t.Name
		}
		if i == 0 || should.Pods < m.Should.Pods {
			m.Should = should
		}
	}
	// A managed node group gives every node the smallest value of its
	// types (EKS User Guide, create-managed-node-group); other paths give
	// each type its own.
	sameForAll := s.launch(net).Path == ipam.LaunchManagedNodeGroup
	// Each setting has its own worst type: under the add-on defaults a
	// type with larger ENIs may hold more than the one the
	// recommendation makes worst.
	worstIPs, worstBaseline, worstCurrent := -1, -1, -1
	for _, t := range s.Types {
		kubelet := m.Kubelet
		if !sameForAll {
			kubelet, _ = s.kubelet(net, t)
		}
		pods := min(s.ExpectedPods, max(kubelet.Pods-host-s.SecurityGroupPods, 0))
		r, b, c, branch := s.project(net, t, kubelet.Pods, pods, rec, cur, win)
		if ips := r.SubnetIPs() + branch.Addresses; ips > worstIPs {
			worstIPs = ips
			m.Worst, m.Recommended, m.Branch, m.RunPods = t, r, branch, pods
		}
		if ips := b.SubnetIPs(); ips > worstBaseline {
			worstBaseline, m.Baseline = ips, b
		}
		if c != nil && c.SubnetIPs() > worstCurrent {
			worstCurrent, m.Current = c.SubnetIPs(), c
		}
	}
	return m
}

// project returns a node's projections at pods with the recommended,
// baseline and current settings, and where its security-group pods go.
func (s NodeSpec) project(net Network, t NamedNode, maxPods, pods int, rec ipam.Settings, cur *ipam.Settings, win ipam.WindowsSettings) (r, b ipam.Projection, c *ipam.Projection, branch ipam.BranchPlacement) {
	if s.Windows {
		r = ipam.ProjectWindows(t.Node, win, pods)
		b = ipam.ProjectWindows(t.Node, ipam.WindowsSettings{PrefixDelegation: win.PrefixDelegation}, pods)
		return r, b, nil, branch
	}
	mode := withMode(ipam.Settings{}, net.Mode)
	mode.MaxPods = maxPods
	branch = ipam.PlaceBranchPods(t.Node, mode, s.SecurityGroupPods)
	if net.IPv6 {
		// One IPv4 address a node, its primary ENI's, and the trunk's
		// with security groups for pods.
		r = ipv6Node
		r.TrunkENIs = ipam.Project(t.Node, mode, 0).TrunkENIs
		return r, r, nil, branch
	}
	r = ipam.Project(t.Node, withMode(rec, mode), pods)
	b = ipam.Project(t.Node, withMode(ipam.AddonDefaults(), mode), pods)
	if cur != nil {
		p := ipam.Project(t.Node, withMode(*cur, mode), pods)
		c = &p
	}
	return r, b, c, branch
}
