// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// notes adds the warnings about a group's nodes once they are modelled:
// the way the nodes start gives fewer pods than the group needs (with the
// fix), an explicit max_pods a managed node group ignores, a cap assumed
// for want of a vCPU count, and branch ENIs of unknown limit.
func (s NodeSpec) notes(f *Findings, net Network, m nodeModel, g groupRef) {
	host := s.hostPods(net)
	need := s.ExpectedPods + s.SecurityGroupPods + host
	l := s.launch(net)
	switch {
	case s.Windows:
	case l.Path == ipam.LaunchManagedNodeGroup && s.Launch.MaxPods > 0:
		f.add(Warning, g.field(fieldMaxPods), "max_pods is ignored by EKS managed node groups",
			"%sa managed node group without a custom AMI sets max pods itself, and its value takes precedence over any other maxPods setting (EKS User Guide, \"How maxPods is determined\"): %s nodes get %d, not %d. "+
				"To set max pods, use a launch template with a custom AMI (and max_pods_from = \"nodeadm\"), or leave max_pods out.",
			g.who, m.KubeletType, m.Kubelet.Pods, s.Launch.MaxPods)
	case need > m.Kubelet.Pods && l.Path != ipam.LaunchExplicit:
		// The fix for Karpenter is the EC2NodeClass's maxPods.
		at := g.field(fieldMaxPodsFrom)
		if l.Path == ipam.LaunchKarpenter {
			at = g.field(fieldMaxPods)
		}
		f.add(Warning, at, "Nodes get fewer max pods than the group needs",
			"%s%s nodes started by %s get kubelet max pods %d%s, and %d pods need room (%s): %d would stay Pending, and the projections are for the %d pods a node can take. %s",
			g.who, m.KubeletType, l.Path, m.Kubelet.Pods, launchFormula(l), need, needParts(s, host), need-m.Kubelet.Pods, m.RunPods, launchFix(l, s.targetMaxPods(net, m.Should), true))
	case m.Kubelet.Pods > m.Should.Formula:
		// The kubelet admits pods the VPC CNI has no address for: they
		// wait in ContainerCreating, which no number here shows.
		at := g.field(fieldMaxPodsFrom)
		if l.Path == ipam.LaunchKarpenter || l.Path == ipam.LaunchExplicit {
			at = g.field(fieldMaxPods)
		}
		f.add(Warning, at, "Nodes admit more pods than the VPC CNI serves",
			"%s%s nodes started by %s get kubelet max pods %d%s, but in this mode the VPC CNI serves %d (pod addresses, branch ENIs and %d host-network pods): "+
				"pods scheduled beyond that stay in ContainerCreating. %s",
			g.who, m.KubeletType, l.Path, m.Kubelet.Pods, launchFormula(l), m.Should.Formula, host, launchFix(l, s.targetMaxPods(net, m.Should), false))
	}
	// vcpus overrides one type's count: with a list of types it points
	// at the list.
	vcpusAt, setVCPUs := g.field(attrVCPUs), "Set vcpus"
	switch {
	case s.TypesAt != "" && s.Launch.Path == ipam.LaunchKarpenter:
		vcpusAt, setVCPUs = g.typeField(s), "Leave the type out of the pool, or plan it alone in vpccni_warm_pool with vcpus"
	case s.TypesAt != "":
		vcpusAt, setVCPUs = g.typeField(s), "Give the type alone as instance_type with vcpus"
	}
	if m.Kubelet.CapAssumed || m.Should.CapAssumed {
		f.add(Warning, vcpusAt, "Max pods capped at 110 without a vCPU count",
			"%sEKS caps max pods at 250 for more than 30 vCPUs and 110 otherwise, and the instance data has no vCPU count for %s: the plan assumes 110. %s (aws_ec2_instance_type.default_vcpus).",
			g.who, m.KubeletType, setVCPUs)
	}
	if m.Kubelet.PodsPerCoreIgnored {
		f.add(Warning, vcpusAt, "podsPerCore not applied without a vCPU count",
			"%sthe instance data has no vCPU count for %s, so pods_per_core could not be applied; the kubelet, which counts its cores, may admit fewer pods. %s.", g.who, m.KubeletType, setVCPUs)
	}
	if m.Branch.LimitUnknown && s.SecurityGroupPods > 0 {
		f.add(Warning, g.field(fieldSGPods), "Branch ENI limit unknown",
			"%sthe instance data has no security-groups-for-pods entry for %s: the plan takes it to hold a trunk ENI and all %d pods with security groups. If the VPC resource controller does not know the type either, those pods stay Pending.",
			g.who, m.Worst.Name, s.SecurityGroupPods)
	}
	if (net.Mode.PrefixDelegation || net.IPv6) && !s.Windows && !m.Worst.Node.Nitro && !m.Worst.Node.BareMetal {
		f.add(Warning, At(attrPrefixDeleg), "Prefix delegation is not available on this instance type",
			"%sipamd runs prefix delegation only on Nitro and bare metal instances; on %s it falls back to secondary IPs, and the projections show that.", g.who, m.Worst.Name)
	}
}

func needParts(s NodeSpec, host int) string {
	out := fmt.Sprintf("%d expected", s.ExpectedPods)
	if s.SecurityGroupPods > 0 {
		out += fmt.Sprintf(", %d with security groups", s.SecurityGroupPods)
	}
	if host > 0 {
		out += fmt.Sprintf(", %d on the host network", host)
	}
	return out
}

// launchFormula says how a launch path reaches its max pods.
func launchFormula(l ipam.Launch) string {
	switch l.Path {
	case ipam.LaunchManagedNodeGroup:
		return " (max-pods-calculator.sh's value, capped at 110 for 30 vCPUs or fewer and 250 above, in every mode)"
	case ipam.LaunchNodeadm:
		if l.MaxPods > 0 {
			return " (its NodeConfig's kubelet maxPods)"
		}
		return " (ENIs x (IPs per ENI - 1) + 2, whatever the VPC CNI mode)"
	case ipam.LaunchKarpenter:
		if l.MaxPods > 0 {
			return " (the EC2NodeClass's kubelet maxPods)"
		}
		return fmt.Sprintf(" ((ENIs - RESERVED_ENIS %d) x (IPs per ENI - 1) + 2; Karpenter ignores prefix delegation)", max(l.ReservedENIs, 0))
	}
	return ""
}

// launchFix says how to give the nodes want max pods on a launch path;
// more says they need more than they get.
func launchFix(l ipam.Launch, want int, more bool) string {
	switch l.Path {
	case ipam.LaunchManagedNodeGroup:
		larger := ""
		if more {
			larger = "a larger instance type, or "
		}
		return fmt.Sprintf("A managed node group without a custom AMI sets max pods itself: use %sa launch template with a custom AMI whose kubelet gets maxPods = %d (max_pods_from = \"nodeadm\", max_pods = %d).", larger, want, want)
	case ipam.LaunchKarpenter:
		return fmt.Sprintf("Set the EC2NodeClass's spec.kubelet.maxPods to %d (max_pods = %d; ec2_node_class_kubelet has the block).", want, want)
	}
	return fmt.Sprintf("Give the nodes kubelet maxPods = %d in a NodeConfig (max_pods = %d; node_config has the document, for terraform-aws-eks cloudinit_pre_nodeadm).", want, want)
}

// maxENITrap warns when MAX_ENI is set with security groups for pods, the
// setting people reach for to leave the trunk ENI a slot: ipamd already
// keeps one for the trunk while ENABLE_POD_ENI is on (amazon-vpc-cni-k8s
// ipamd.go hasRoomForEni, research note nodekinds.md), so MAX_ENI takes a
// second ENI's addresses from the pods, and the kubelet's max pods, which
// comes from the instance type's ENI limit, does not know it.
func maxENITrap(f *Findings, mode ipam.Settings) {
	if !mode.PodENI || mode.MaxENI <= 0 {
		return
	}
	f.add(Warning, At(attrMaxENI), "MAX_ENI with security groups for pods",
		"With ENABLE_POD_ENI ipamd already leaves one ENI slot for the trunk ENI, so MAX_ENI = %d leaves %d for pod addresses, not %d; "+
			"the kubelet's max pods comes from the instance's ENI limit and does not know it, so pods beyond the addresses stay in ContainerCreating. "+
			"Leave max_eni out: the trunk needs no setting. The projections use MAX_ENI = %d as given.",
		mode.MaxENI, max(mode.MaxENI-1, 0), mode.MaxENI, mode.MaxENI)
}
