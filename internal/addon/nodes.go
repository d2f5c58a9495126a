// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// The settings that reach the nodes rather than aws-node: the kubelet's
// max pods, which the VPC CNI never sets itself, and the ConfigMap the VPC
// resource controller reads for Windows nodes.

// NodeConfig is an AL2023 nodeadm NodeConfig document (node.eks.aws/v1alpha1)
// that gives the kubelet maxPods, for the user data of a launch template:
// terraform-aws-eks takes it in cloudinit_pre_nodeadm with content_type
// "application/node.eks.aws". nodeadm merges NodeConfig parts in order
// and writes spec.kubelet.config as a drop-in over its own kubelet
// config, so maxPods replaces the ENI formula (awslabs/amazon-eks-ami
// nodeadm/doc/examples.md; research note maxpods.md §2). A managed node
// group's launch template without a custom AMI cannot use it: EKS's own
// value takes precedence there.
func NodeConfig(maxPods int) string {
	return fmt.Sprintf(`---
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  kubelet:
    config:
      maxPods: %d
`, maxPods)
}

// EC2NodeClassKubelet is the spec.kubelet section of a Karpenter
// EC2NodeClass (karpenter.k8s.aws/v1) with maxPods, and podsPerCore when
// above 0: Karpenter writes them into the node's kubelet configuration
// and sizes its bin-packing by them.
func EC2NodeClassKubelet(maxPods, podsPerCore int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kubelet:\n  maxPods: %d\n", maxPods)
	if podsPerCore > 0 {
		fmt.Fprintf(&b, "  podsPerCore: %d\n", podsPerCore)
	}
	return b.String()
}

// Keys of the kube-system/amazon-vpc-cni ConfigMap that the VPC resource
// controller reads for Windows nodes (amazon-vpc-resource-controller-k8s
// pkg/config/loader.go; EKS User Guide, Windows support).
const (
	WinIPAM             = "enable-windows-ipam"
	WinPrefixDelegation = "enable-windows-prefix-delegation"
	WinWarmIPTarget     = "warm-ip-target"
	WinMinimumIPTarget  = "minimum-ip-target"
	WinWarmPrefixTarget = "warm-prefix-target"
)

// WindowsConfigMap is the data of the amazon-vpc-cni ConfigMap for
// Windows nodes with settings s: Windows IPAM on, prefix delegation when
// on, and each target that is set.
func WindowsConfigMap(s ipam.WindowsSettings) map[string]string {
	data := map[string]string{WinIPAM: "true"}
	if s.PrefixDelegation {
		data[WinPrefixDelegation] = "true"
	}
	for key, t := range map[string]ipam.Target{WinWarmIPTarget: s.WarmIPTarget, WinMinimumIPTarget: s.MinimumIPTarget, WinWarmPrefixTarget: s.WarmPrefixTarget} {
		if v, ok := t.Get(); ok {
			data[key] = strconv.Itoa(v)
		}
	}
	return data
}
