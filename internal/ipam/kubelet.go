// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

// This file answers "what max pods does the kubelet of this node really
// get?", which depends on how the node starts rather than on the VPC CNI
// alone. Sources, restated in research note maxpods.md: awslabs/amazon-eks-ami
// max-pods-calculator.sh (0ab842803d82) and nodeadm eni_max_pods.go
// (81fec2e89585); aws/karpenter-provider-aws pkg/providers/instancetype/
// types.go pods() and ENILimitedPods (v1.14.1); the EKS User Guide on
// managed node groups.

// LaunchPath is how a Linux node starts, which decides its kubelet max pods.
type LaunchPath uint8

const (
	// LaunchManagedNodeGroup is an EKS managed node group without a custom
	// AMI: the calculator's value for the VPC CNI mode, capped at 110 (30
	// vCPUs or fewer) or 250 in every mode.
	LaunchManagedNodeGroup LaunchPath = iota + 1
	// LaunchNodeadm is AL2023's nodeadm with no maxPodsExpression:
	// ENIs*(IPs-1)+2 whatever the VPC CNI mode, with no cap.
	LaunchNodeadm
	// LaunchKarpenter is Karpenter with an AL2, AL2023 or Bottlerocket AMI
	// family: (ENIs-RESERVED_ENIS)*(IPs-1)+2, then podsPerCore.
	LaunchKarpenter
	// LaunchExplicit is a max pods the user sets themselves (bootstrap
	// --max-pods, a kubelet config, a custom AMI's user data).
	LaunchExplicit
)

// String names the launch path for diagnostics.
func (p LaunchPath) String() string {
	switch p {
	case LaunchManagedNodeGroup:
		return "EKS managed node group"
	case LaunchNodeadm:
		return "nodeadm"
	case LaunchKarpenter:
		return "Karpenter"
	case LaunchExplicit:
		return "explicit max pods"
	}
	return "unknown launch path"
}

// Launch is how a node starts and the settings of that path.
type Launch struct {
	Path LaunchPath
	// Mode is the VPC CNI configuration (custom networking, prefix
	// delegation, MAX_ENI) that a managed node group reads when it renders
	// the node's user data; the other paths ignore it (nodeadm and
	// Karpenter never read the VPC CNI configuration).
	Mode Mode
	// ReservedENIs is Karpenter's RESERVED_ENIS (default 0); values below
	// 0, which Karpenter rejects, count as 0.
	ReservedENIs int
	// PodsPerCore is the kubelet's podsPerCore (Karpenter's
	// kubelet.podsPerCore, or a kubelet config's); 0 is unset. The kubelet
	// itself caps its pods at podsPerCore x cores (kubernetes
	// pkg/kubelet/nodestatus/setters.go, MachineInfo), so it applies on
	// every path; Karpenter also takes it into the maxPods it writes.
	PodsPerCore int
	// MaxPods is an explicit kubelet maxPods, 0 when unset: Karpenter's
	// kubelet.maxPods, nodeadm's spec.kubelet.config.maxPods, or the value
	// of LaunchExplicit. A managed node group without a custom AMI ignores
	// it: its own value "takes precedence over any other maxPods
	// configuration" (EKS User Guide, max-pods-precedence).
	MaxPods int
}

// KubeletMaxPods is the kubelet max pods of a node and how it was reached.
type KubeletMaxPods struct {
	// Pods is the kubelet's max pods.
	Pods int
	// Formula is the launch path's own value before any cap or podsPerCore
	// (the calculator's uncapped value for a managed node group); with
	// Explicit it is the value the explicit maxPods replaced.
	Formula int
	// Explicit is true when an explicit maxPods replaced the formula.
	Explicit bool
	// PrefixFormula is true when a managed node group used the
	// prefix-delegation formula (prefix delegation on a Nitro type).
	PrefixFormula bool
	// Cap is the managed node group's 110/250 cap when it lowered the
	// formula, 0 otherwise; CapAssumed is true when it is 110 only because the vCPU
	// count is not known.
	Cap        int
	CapAssumed bool
	// PodsPerCoreBound is true when podsPerCore x vCPUs lowered Pods.
	PodsPerCoreBound bool
	// PodsPerCoreIgnored is true when podsPerCore is set but the vCPU
	// count is not known, so it could not be applied; the kubelet, which
	// counts its cores, may allow fewer pods.
	PodsPerCoreIgnored bool
}

// ComputeKubeletMaxPods returns the kubelet max pods that node n gets when
// it starts by launch l:
//
//   - managed node group: max-pods-calculator.sh's value, i.e. the
//     ComputeMaxPods formula for l.Mode (MAX_ENI, custom networking, the
//     prefix formula only on the "nitro" hypervisor), then capped at 250
//     above 30 vCPUs and 110 otherwise whatever the mode. A group with
//     several instance types applies the smallest of their values;
//   - nodeadm: ENIs*(IPs-1)+2 whatever the VPC CNI mode, no cap; an
//     explicit maxPods replaces it;
//   - Karpenter: max(ENIs-RESERVED_ENIS, 0)*(IPs-1)+2, or 0 when no ENI is
//     left, an explicit maxPods replacing it. Karpenter on Windows (110) is
//     not modelled;
//   - explicit: l.MaxPods;
//
// then, on every path, min(podsPerCore*vCPUs, that) when podsPerCore > 0.
//
// The zero LaunchPath is no path: it gives 0, or an explicit l.MaxPods.
// Bare metal types report no hypervisor, so the calculator, and hence a
// managed node group, gives them the secondary-IP formula under prefix
// delegation. ComputeKubeletMaxPods does not allocate.
func ComputeKubeletMaxPods(n Node, l Launch) KubeletMaxPods {
	var r KubeletMaxPods
	switch l.Path {
	case LaunchManagedNodeGroup:
		calc := ComputeMaxPods(n, l.Mode)
		r.Formula, r.PrefixFormula = calc.Uncapped, calc.PrefixFormula
	case LaunchNodeadm:
		r.Formula = max(n.ENIs, 0)*n.secondariesPerENI() + hostNetworkPods
	case LaunchKarpenter:
		if usable := max(n.ENIs-max(l.ReservedENIs, 0), 0); usable > 0 {
			r.Formula = usable*n.secondariesPerENI() + hostNetworkPods
		}
	case LaunchExplicit:
		r.Formula = max(l.MaxPods, 0)
	}
	r.Pods = r.Formula
	switch {
	case l.Path == LaunchManagedNodeGroup:
		if limit, assumed := eksMaxPodsCap(n.VCPUs); limit < r.Formula {
			r.Pods, r.Cap, r.CapAssumed = limit, limit, assumed
		}
	case l.Path == LaunchExplicit:
		r.Explicit = true
	case l.MaxPods > 0:
		r.Pods, r.Explicit = l.MaxPods, true
	}
	if l.PodsPerCore > 0 {
		if n.VCPUs <= 0 {
			r.PodsPerCoreIgnored = true
		} else if perCore := int64(l.PodsPerCore) * int64(n.VCPUs); perCore < int64(r.Pods) {
			// int64: podsPerCore is an int32 in the kubelet's config, and
			// times hundreds of vCPUs it overflows a 32-bit int.
			r.Pods, r.PodsPerCoreBound = int(perCore), true
		}
	}
	return r
}

// RecommendedMaxPods is the kubelet max pods a Linux node should get so
// that the VPC CNI can serve every pod it admits in mode s: the pod
// addresses ipamd can hand out, plus one branch ENI per pod with its own
// security groups the node can hold, plus the host-network pods, capped
// at 250 above 30 vCPUs and 110 otherwise as max-pods-calculator.sh caps
// every mode. With hostNetworkPods = 2 and no pods with security groups
// this is the calculator's value (Formula is the uncapped sum).
func RecommendedMaxPods(n Node, s Settings, hostNetworkPods int) KubeletMaxPods {
	pods := PodIPCapacity(n, s) + max(hostNetworkPods, 0)
	if b := PlaceBranchPods(n, s, n.BranchENIs); !b.LimitUnknown {
		pods += b.Addresses
	}
	r := KubeletMaxPods{Formula: pods, Pods: pods, PrefixFormula: s.PrefixDelegation && n.runsPrefixDelegation()}
	if limit, assumed := eksMaxPodsCap(n.VCPUs); limit < pods {
		r.Pods, r.Cap, r.CapAssumed = limit, limit, assumed
	}
	return r
}
