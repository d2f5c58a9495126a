// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// The inputs that say how a group's nodes run pods, shared by
// vpccni_warm_pool (at its top level) and vpccni_cluster's node_group
// blocks, and the node settings both output.

// Values of os and max_pods_from.
const (
	osLinux              = "linux"
	osWindows            = "windows"
	fromManagedNodeGroup = "managed_node_group"
	fromNodeadm          = "nodeadm"
	fromKarpenter        = "karpenter"
)

var launchPaths = map[string]ipam.LaunchPath{
	fromManagedNodeGroup: ipam.LaunchManagedNodeGroup,
	fromNodeadm:          ipam.LaunchNodeadm,
	fromKarpenter:        ipam.LaunchKarpenter,
}

// nodeAttributes are the inputs of a group's nodes. karpenter adds the
// Karpenter launch path and its RESERVED_ENIS (vpccni_warm_pool; a
// vpccni_cluster has karpenter_node_pool blocks for that).
func nodeAttributes(karpenter bool) map[string]schema.Attribute {
	paths := "`managed_node_group` (default) is an EKS managed node group without a custom AMI: the max-pods calculator's value for the " +
		"VPC CNI mode, capped at 110 for 30 vCPUs or fewer and 250 above, in every mode, ignoring `max_pods`. `nodeadm` is AL2023's nodeadm " +
		"(self-managed, or a launch template with a custom AMI): `ENIs x (IPs per ENI - 1) + 2` whatever the mode, or `max_pods` from a NodeConfig."
	if karpenter {
		paths += " `karpenter` is a Karpenter NodePool: `(ENIs - reserved_enis) x (IPs per ENI - 1) + 2`, ignoring prefix delegation, or `max_pods` " +
			"from the EC2NodeClass."
	}
	attrs := map[string]schema.Attribute{
		"os": schema.StringAttribute{
			MarkdownDescription: "`linux` (default) or `windows`. Windows nodes get addresses from the VPC resource controller on their primary ENI only " +
				"(max pods: IPv4 addresses per ENI - 1), configured in the `amazon-vpc-cni` ConfigMap (`windows_configmap_data`), not aws-node; " +
				"no custom networking, IPv6 or security groups for pods.",
			Optional: true,
		},
		"pods_with_security_groups": optionalNumber("Pods per node with their own security groups (a SecurityGroupPolicy), 0 to 100000, default 0: " +
			"each takes a branch ENI with one subnet address, outside the warm pool, up to the type's branch ENI limit. Needs `security_groups_for_pods`; " +
			"they count towards max pods but not `expected_pods`."),
		"running_nodes": optionalNumber("Nodes of the group running now, before this change, 0 to 100000, default 0. AWS's free-address count " +
			"(`available_ip_address_count`) already leaves out what they hold, so where a subnet's capacity is its free count, their addresses " +
			"with `current` (default the add-on defaults) are added back; a subnet sized by its CIDR is unaffected."),
		"max_pods_from": schema.StringAttribute{
			MarkdownDescription: "How the nodes get their kubelet max pods, which the plan projects with: " + paths +
				" With `max_pods` set and `max_pods_from` left out, the nodes get `max_pods` (a custom AMI's bootstrap flags).",
			Optional: true,
		},
		"pods_per_core": optionalNumber("The kubelet's `podsPerCore`, 1 to 100000: max pods becomes at most `pods_per_core x vCPUs`. Default unset."),
	}
	if karpenter {
		attrs["reserved_enis"] = optionalNumber("Karpenter's `RESERVED_ENIS` (its `settings.reservedENIs`), 0 to 1024: ENIs Karpenter leaves " +
			"out of its max pods. Default 1 with `security_groups_for_pods` (the trunk ENI takes a slot Karpenter would otherwise count), else 0. " +
			"With `max_pods_from = \"karpenter\"` only.")
	}
	return attrs
}

// nodeOutputAttributes are what a group's nodes should be given.
func nodeOutputAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"kubelet_max_pods": computedInt("The kubelet max pods the nodes should run with: `max_pods` when set, otherwise what the VPC CNI can " +
			"serve in this mode (pod addresses, branch ENIs and host-network pods), capped at 110 for 30 vCPUs or fewer and 250 above as " +
			"max-pods-calculator.sh capped it. A warning says when `max_pods_from` gives the nodes fewer than the group needs."),
		"node_config": computedString("An AL2023 NodeConfig document giving the kubelet `kubelet_max_pods`, for a launch template's user data " +
			"(terraform-aws-eks `cloudinit_pre_nodeadm`, content type `application/node.eks.aws`); null for Windows. A managed node group " +
			"without a custom AMI ignores it."),
		"branch_ips_per_node": computedInt("Subnet addresses each node's pods with security groups take on their branch ENIs, outside the warm " +
			"pool; not in `ips_per_node`."),
	}
}

// windowsConfigMapAttribute is the data of the amazon-vpc-cni ConfigMap.
func windowsConfigMapAttribute(what string) schema.MapAttribute {
	return schema.MapAttribute{
		MarkdownDescription: "The data of the `kube-system/amazon-vpc-cni` ConfigMap that the VPC resource controller reads for Windows nodes " +
			"(`enable-windows-ipam`, the warm targets, `enable-windows-prefix-delegation`); null " + what + ".",
		ElementType: types.StringType,
		Computed:    true,
	}
}

// decodeNodeSpec reads the inputs of nodeAttributes into s; karpenter
// says whether that launch path is offered.
func decodeNodeSpec(o inObject, s *plan.NodeSpec, karpenter bool) {
	if os, ok := o.text("os", oneOf("Invalid operating system", osLinux, osWindows)); ok {
		s.Windows = os == osWindows
	}
	s.SecurityGroupPods = o.wholeOr("pods_with_security_groups", 0, maxTarget, 0)
	if !s.Windows {
		s.Launch = decodeLaunch(o, karpenter)
		return
	}
	// Windows nodes take max pods from their primary ENI (or 110 under
	// prefix delegation) whatever starts them; the Linux launch paths and
	// their settings would be silently ignored.
	linuxOnly := []string{"max_pods_from", "max_pods", "pods_per_core"}
	if karpenter {
		linuxOnly = append(linuxOnly, "reserved_enis")
	}
	for _, name := range linuxOnly {
		if _, set := o.present(name); set {
			o.d.errs.AddAttributeError(o.attr(name), "Not for Windows nodes",
				fmt.Sprintf("%s sets how Linux nodes get their kubelet max pods; Windows nodes get IPv4 addresses per ENI - 1 "+
					"(110 with prefix delegation) from the VPC resource controller's model, which the plan uses. Leave %s out for os = %q.", name, name, osWindows))
		}
	}
}

// decodeLaunch reads how Linux nodes get their max pods (for Windows
// nodes decodeNodeSpec refuses these inputs as a whole, once each).
func decodeLaunch(o inObject, karpenter bool) ipam.Launch {
	var l ipam.Launch
	l.MaxPods = o.wholeOr("max_pods", 1, maxTarget, 0)
	l.PodsPerCore = o.wholeOr("pods_per_core", 1, maxTarget, 0)
	paths := []string{fromManagedNodeGroup, fromNodeadm}
	if karpenter {
		paths = append(paths, fromKarpenter)
	}
	check := oneOf("Invalid max_pods_from", paths...)
	if !karpenter {
		check = withHint(check, fromKarpenter, "Karpenter NodePools are karpenter_node_pool blocks of vpccni_cluster.")
	}
	from, fromOK := o.text("max_pods_from", check)
	switch {
	case fromOK:
		l.Path = launchPaths[from]
	case l.MaxPods > 0:
		l.Path = ipam.LaunchExplicit
	default:
		l.Path = ipam.LaunchManagedNodeGroup
	}
	if !karpenter {
		return l
	}
	if n, ok := o.whole("reserved_enis", 0, maxOverrideENIs); ok {
		if l.Path != ipam.LaunchKarpenter && (fromOK || o.isNull("max_pods_from")) {
			o.d.errs.AddAttributeError(o.attr("reserved_enis"), "reserved_enis without Karpenter",
				fmt.Sprintf("reserved_enis is Karpenter's RESERVED_ENIS, which only a Karpenter NodePool reads; set max_pods_from = %q, or leave reserved_enis out.", fromKarpenter))
		}
		l.ReservedENIs = n
	}
	return l
}

// withHint adds hint to check's message when the value is bad.
func withHint(check stringCheck, value, hint string) stringCheck {
	inner := check.detail
	check.detail = func(s string) string {
		msg := inner(s)
		if msg != "" && s == value {
			msg += " " + hint
		}
		return msg
	}
	return check
}
