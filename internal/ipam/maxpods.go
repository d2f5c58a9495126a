// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package ipam is the arithmetic of the Amazon VPC CNI's IP address
// management (the ipamd daemon of the aws-node DaemonSet), for IPv4 on the
// default network card: how many pods an instance can run, and how many
// subnet addresses a node holds for a given number of pods and warm-pool
// settings. It has no Terraform or AWS dependencies and never allocates on
// its hot paths.
package ipam

import "github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"

// IPsPerPrefix is the number of addresses in a /28 prefix, the unit ipamd
// assigns under prefix delegation.
const IPsPerPrefix = 16

// hostNetworkPods is the "+2" of every max-pods formula: aws-node and
// kube-proxy run on the host network and take no VPC address.
const hostNetworkPods = 2

// EKS caps max pods under prefix delegation, and managed node groups in
// every mode (awslabs/amazon-eks-ami, max-pods-calculator.sh): 250 when
// the instance has more than 30 vCPUs, 110 otherwise.
const (
	maxPodsCapSmall     = 110
	maxPodsCapLarge     = 250
	maxPodsCapVCPULimit = 30
)

// Node is what the arithmetic needs to know about an instance type.
type Node struct {
	// ENIs is the ENI limit of the default network card.
	ENIs int
	// IPv4PerENI counts every IPv4 address an ENI can hold, primary included.
	IPv4PerENI int
	// Nitro is true when EC2 reports the "nitro" hypervisor.
	Nitro bool
	// BareMetal is true for metal types (EC2 reports no hypervisor for them).
	BareMetal bool
	// VCPUs is the default vCPU count, 0 when not known.
	VCPUs int
	// Trunking says whether the type takes a trunk ENI for security groups
	// for pods; BranchENIs is how many branch ENIs it then holds (0 when
	// not known). The zero value, TrunkingUnknown, counts as compatible,
	// as ipamd counts a type missing from its table.
	Trunking   ec2limits.Trunking
	BranchENIs int
}

// NodeFromLimits describes an instance type from its table entry. vcpus
// overrides the table's vCPU count when above 0; with 0 the table's count
// is used, which is itself 0 (unknown) for the few types the data lacks.
func NodeFromLimits(l ec2limits.Limits, vcpus int) Node {
	if vcpus <= 0 {
		vcpus = l.VCPUs
	}
	return Node{
		ENIs:       l.ENIs,
		IPv4PerENI: l.IPv4PerENI,
		Nitro:      l.Hypervisor == ec2limits.HypervisorNitro,
		BareMetal:  l.BareMetal,
		VCPUs:      vcpus,
		Trunking:   l.Trunking,
		BranchENIs: l.BranchENIs,
	}
}

// secondariesPerENI is the number of secondary addresses (or, under prefix
// delegation, /28 prefixes) one ENI can hold: every slot but the primary.
func (n Node) secondariesPerENI() int { return max(n.IPv4PerENI-1, 0) }

// runsPrefixDelegation reports whether ipamd would honour
// ENABLE_PREFIX_DELEGATION on this node: it does on Nitro and bare metal
// instances and falls back to secondary IPs elsewhere.
func (n Node) runsPrefixDelegation() bool { return n.Nitro || n.BareMetal }

// Mode selects the max-pods formula.
type Mode struct {
	// CustomNetworking: pods use ENIs in ENIConfig subnets, so the primary
	// ENI carries no pods.
	CustomNetworking bool
	// PrefixDelegation: each ENI slot holds a /28 prefix.
	PrefixDelegation bool
	// MaxENI is the aws-node MAX_ENI setting; it lowers the ENI limit when
	// it is at least 1 and below it, and is ignored otherwise.
	MaxENI int
}

// effectiveENIs applies MAX_ENI the way ipamd does.
func effectiveENIs(enis, maxENI int) int {
	if maxENI >= 1 && maxENI < enis {
		return maxENI
	}
	return max(enis, 0)
}

// MaxPods is a max-pods value and how it was reached.
type MaxPods struct {
	Pods int
	// Uncapped is the formula's value before the EKS cap; it equals Pods
	// when no cap applied.
	Uncapped int
	// Cap is the EKS prefix-delegation cap that was applied (110 or 250),
	// 0 when none was.
	Cap int
	// CapAssumed is true when the cap is 110 only because the vCPU count
	// was not known: neither the table nor the caller had it.
	CapAssumed bool
	// PrefixFormula is true when the prefix-delegation formula was used; it
	// is false when prefix delegation was asked for on a non-Nitro type.
	PrefixFormula bool
}

// ComputeMaxPods returns what an EKS node's kubelet gets as max pods:
//
//   - secondary IPs: ENIs*(IPs-1)+2, as upstream's misc/eni-max-pods.txt;
//   - custom networking: (ENIs-1)*(IPs-1)+2, the primary ENI carries no pods;
//   - prefix delegation: ENIs*(IPs-1)*16+2 (with ENIs-1 under custom
//     networking) on Nitro types, the secondary-IP value elsewhere, then
//     capped at 250 for more than 30 vCPUs and 110 otherwise, as
//     max-pods-calculator.sh does (its "-gt 30" puts a 30-vCPU type at 110,
//     although the EKS guide words the rule as "fewer than 30").
//
// The calculator tests the hypervisor for "nitro", so bare metal types,
// which report none, get the secondary-IP value even though ipamd itself
// runs prefix delegation on them.
func ComputeMaxPods(n Node, m Mode) MaxPods {
	enis := effectiveENIs(n.ENIs, m.MaxENI)
	if m.CustomNetworking {
		enis = max(enis-1, 0)
	}
	slots := enis * n.secondariesPerENI()
	if !m.PrefixDelegation {
		p := slots + hostNetworkPods
		return MaxPods{Pods: p, Uncapped: p}
	}
	r := MaxPods{Uncapped: slots + hostNetworkPods}
	if n.Nitro {
		r.Uncapped = slots*IPsPerPrefix + hostNetworkPods
		r.PrefixFormula = true
	}
	r.Cap, r.CapAssumed = eksMaxPodsCap(n.VCPUs)
	r.Pods = min(r.Uncapped, r.Cap)
	if r.Pods == r.Uncapped {
		// The cap did not bind, so the vCPU count did not matter either.
		r.Cap, r.CapAssumed = 0, false
	}
	return r
}

// eksMaxPodsCap is the calculator's ceiling for a vCPU count: 250 above 30
// ("-gt 30"), else 110, and 110 assumed when the count is unknown (0).
func eksMaxPodsCap(vcpus int) (limit int, assumed bool) {
	switch {
	case vcpus > maxPodsCapVCPULimit:
		return maxPodsCapLarge, false
	case vcpus > 0:
		return maxPodsCapSmall, false
	}
	return maxPodsCapSmall, true
}
