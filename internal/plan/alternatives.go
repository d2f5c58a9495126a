// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// Remedy is one of the fixes for subnet exhaustion that alternatives
// compare. Each is a whole aws-node configuration on its own, tuned with
// the same IP targets as the recommendation, so their numbers compare.
type Remedy uint8

const (
	// RemedyIPTargets: secondary IPs in the node subnets, with
	// WARM_IP_TARGET and MINIMUM_IP_TARGET (the first aid).
	RemedyIPTargets Remedy = iota
	// RemedyPrefixDelegation: /28 prefixes in the node subnets, with the
	// same IP targets rounded up to whole prefixes.
	RemedyPrefixDelegation
	// RemedyCustomNetworking: pod ENIs in ENIConfig subnets, the node
	// subnet keeps the primary ENI's address; with prefix delegation when
	// the cluster runs it or when the pods need it.
	RemedyCustomNetworking
	// RemedySubnetDiscovery: enhanced subnet discovery; ENIs beyond the
	// primary go to the zone's subnets tagged kubernetes.io/role/cni.
	RemedySubnetDiscovery
	// RemedyIPv6: an IPv6 cluster; pods take IPv6 addresses and the node
	// keeps its primary IPv4 address.
	RemedyIPv6
	remedyCount
)

// Remedies lists every remedy in the order alternatives reports them.
var Remedies = [remedyCount]Remedy{RemedyIPTargets, RemedyPrefixDelegation, RemedyCustomNetworking, RemedySubnetDiscovery, RemedyIPv6}

func (r Remedy) String() string {
	return [...]string{"ip_targets", "prefix_delegation", "custom_networking", "subnet_discovery", "ipv6", "none"}[r]
}

// ownRemedy is the remedy whose configuration a networking mode is:
// custom networking with or without prefix delegation is the
// custom_networking remedy.
func ownRemedy(mode ipam.Settings) Remedy {
	switch {
	case mode.CustomNetworking:
		return RemedyCustomNetworking
	case mode.PrefixDelegation:
		return RemedyPrefixDelegation
	}
	return RemedyIPTargets
}

// Alternative is what one remedy would take from the subnets at the worst
// moment the plan checks (the node count of a warm pool; max + surge of a
// cluster).
type Alternative struct {
	Remedy Remedy
	// Env is what aws-node would need.
	Env map[string]string
	// Possible is false when the remedy cannot run the expected pods on
	// these instance types at all; Notes says why, and the counts are 0.
	Possible bool
	// NodeSubnetIPs are the addresses taken from the node subnets and
	// PodSubnetIPs those from ENIConfig subnets (custom networking only).
	NodeSubnetIPs int64
	PodSubnetIPs  int64
	// NodeSubnetIPsSaved is the baseline's node-subnet addresses at the
	// same moment minus NodeSubnetIPs (negative when it costs more).
	NodeSubnetIPsSaved int64
	// Checked is false when there were no subnets to check; Fits is then
	// false and means nothing. With custom networking and no pod subnets
	// given, Fits covers the node subnets and whether any ENIConfig
	// subnet (a /16 at most) could hold a zone's pod addresses.
	Checked bool
	Fits    bool
	// SmallestNodeSubnetBits is the prefix length of the smallest fresh
	// subnet that holds the busiest zone's (warm pool: subnet's) node
	// addresses, counting aligned /28 blocks under prefix delegation; 0
	// when not even a /16 does. SmallestPodSubnetBits is the same for
	// ENIConfig subnets, 0 without custom networking.
	SmallestNodeSubnetBits int
	SmallestPodSubnetBits  int
	Notes                  string
}

// ipv6Node is what an IPv6 node takes from its IPv4 subnet: ipamd attaches
// no ENI beyond the primary in IPv6 mode and gives pods addresses from a
// /80 prefix on it (pkg/ipamd/ipamd.go, StartNodeIPPoolManager), so only
// the primary ENI's IPv4 address is left.
var ipv6Node = ipam.Projection{ENIs: 1}

// remedyMode is the networking mode of a remedy for a base mode: MAX_ENI,
// ENABLE_POD_ENI and max pods carry over, and custom networking and subnet
// discovery keep the base's prefix delegation. The IPv6 mode has none in
// ipam, whose model is IPv4.
func remedyMode(r Remedy, base ipam.Settings) ipam.Settings {
	m := ipam.Settings{MaxENI: base.MaxENI, MaxPods: base.MaxPods, PodENI: base.PodENI}
	switch r {
	case RemedyPrefixDelegation:
		m.PrefixDelegation = true
	case RemedyCustomNetworking:
		m.CustomNetworking, m.PrefixDelegation = true, base.PrefixDelegation
	case RemedySubnetDiscovery:
		m.PrefixDelegation = base.PrefixDelegation
	}
	return m
}

// remedyEnv is the aws-node environment of a remedy.
func remedyEnv(r Remedy, rec ipam.Settings) map[string]string {
	if r == RemedyIPv6 {
		return addon.IPv6Env()
	}
	return addon.Env(rec)
}

// remedyNotes is the one line each remedy carries; detail adds what is
// specific to the plan (an instance falling back, a pod subnet size).
func remedyNotes(r Remedy, detail string) string {
	var s string
	switch r {
	case RemedyIPTargets:
		s = "Secondary IPs in the node subnets; pods beyond the warm addresses wait for an EC2 AssignPrivateIpAddresses call, and low targets mean more EC2 API calls."
	case RemedyPrefixDelegation:
		s = "Needs Nitro or bare metal instance types (others fall back to secondary IPs) and free /28-aligned blocks in the node subnets, which fragmentation can exhaust before the addresses run out; reserve them with an aws_ec2_subnet_cidr_reservation of type prefix."
	case RemedyCustomNetworking:
		s = "Lowers max pods (the primary ENI carries no pods) and needs an ENIConfig subnet per Availability Zone, typically from a secondary VPC CIDR in 100.64.0.0/10."
	case RemedySubnetDiscovery:
		s = "Needs VPC CNI 1.18 or later (ENABLE_SUBNET_DISCOVERY, on by default) and a subnet per zone tagged kubernetes.io/role/cni: ipamd creates every ENI after the primary in the zone's freest such subnet, with the node's security groups. The primary ENI and its addresses stay in the node subnet, max pods does not change, and custom networking, where on, takes precedence."
	case RemedyIPv6:
		s = "Needs an IPv6 cluster (the IP family is chosen when the cluster is created) with dual-stack subnets; pods take IPv6 addresses and each node keeps one IPv4 address."
	}
	if detail != "" {
		s += " " + detail
	}
	return s
}

// withPrefixesNote says why custom networking is planned with prefix
// delegation when the cluster does not run it.
func withPrefixesNote(why string) string {
	return "Planned with prefix delegation (ENABLE_PREFIX_DELEGATION): without it, " + why + "."
}

// podSubnetAdvice names custom networking's max pods and the size of the
// ENIConfig subnets.
func podSubnetAdvice(maxPods string, bits int) string {
	s := "Max pods becomes " + maxPods + "."
	if bits > 0 {
		s += fmt.Sprintf(" Each zone's ENIConfig subnet must be a /%d or larger.", bits)
	} else {
		s += " Not even a /16 ENIConfig subnet holds a zone's pod addresses: spread the nodes over more zones or run fewer of them."
	}
	return s
}

// noPodSubnetsNote says what fits covers when no pod or discovery subnets
// were given.
func noPodSubnetsNote(rem Remedy) string {
	if rem == RemedySubnetDiscovery {
		return "No kubernetes.io/role/cni subnets were given, so fits covers the node subnets and whether a /16 or smaller such subnet per zone could hold the other ENIs."
	}
	return "No pod subnets were given, so fits covers the node subnets and whether a /16 or smaller ENIConfig subnet per zone could hold the pods."
}

// discoveryAdvice names the size of the kubernetes.io/role/cni subnets.
func discoveryAdvice(bits int) string {
	if bits > 0 {
		return fmt.Sprintf("Each zone's kubernetes.io/role/cni subnet must be a /%d or larger.", bits)
	}
	return "Not even a /16 kubernetes.io/role/cni subnet holds a zone's other ENIs: spread the nodes over more zones or run fewer of them."
}

// smallestBits is smallestSubnetFor's prefix length, 0 when none holds it.
func smallestBits(d demand) int {
	if bits, ok := smallestSubnetFor(d); ok {
		return bits
	}
	return 0
}

// writeRemedies appends the remedies other than own (the configuration
// that was just found too small) that would fit the subnets and those
// that would not, with their numbers.
func writeRemedies(b *strings.Builder, alts []Alternative, own Remedy) {
	var fit, tooBig []string
	for _, a := range alts {
		if !a.Possible || !a.Checked || a.Remedy == own {
			continue
		}
		s := fmt.Sprintf("%s (%d addresses in the node subnets", a.Remedy, a.NodeSubnetIPs)
		switch a.Remedy {
		case RemedyCustomNetworking:
			s += fmt.Sprintf(", %d in ENIConfig subnets", a.PodSubnetIPs)
			if a.SmallestPodSubnetBits > 0 {
				s += fmt.Sprintf(" of a /%d or larger per zone, for example in 100.64.0.0/10", a.SmallestPodSubnetBits)
			}
		case RemedySubnetDiscovery:
			if a.PodSubnetIPs == 0 {
				// Every node's pods fit its primary ENI: nothing to place.
				break
			}
			s += fmt.Sprintf(", %d in kubernetes.io/role/cni subnets", a.PodSubnetIPs)
			if a.SmallestPodSubnetBits > 0 {
				s += fmt.Sprintf(" of a /%d or larger per zone", a.SmallestPodSubnetBits)
			}
		case RemedyIPv6:
			s += ", in an IPv6 cluster"
		}
		s += ")"
		if a.Fits {
			fit = append(fit, s)
		} else {
			tooBig = append(tooBig, s)
		}
	}
	if len(fit) > 0 {
		fmt.Fprintf(b, " Remedies that fit these subnets (see alternatives): %s.", strings.Join(fit, "; "))
	} else if len(tooBig) > 0 {
		b.WriteString(" No other remedy in alternatives fits these subnets alone.")
	}
	if len(tooBig) > 0 {
		fmt.Fprintf(b, " Too big for them: %s.", strings.Join(tooBig, "; "))
	}
}

// smallestBitsForAll is the prefix length of the smallest subnet that
// holds the demand of every zone, 0 when not even a /16 holds one of them.
func smallestBitsForAll(zones []string, demands map[string]demand) int {
	bits := subnet.MaxPrefixLen
	for _, z := range zones {
		b := smallestBits(demands[z])
		if b == 0 {
			return 0
		}
		bits = min(bits, b)
	}
	return bits
}

// ipv6MaxPodsAdvice warns when the expected pods exceed the max pods an
// EKS AMI gives the node in an IPv6 cluster: nodeadm computes it with the
// IPv4 ENI formula whatever the IP family (awslabs/amazon-eks-ami,
// nodeadm/internal/kubelet/eni_max_pods.go), although the addresses no
// longer limit the pods. "" when they fit, the kubelet's max pods is set,
// or the nodes are not started by nodeadm.
func ipv6MaxPodsAdvice(instanceType string, n ipam.Node, l ipam.Launch, expectedPods int) string {
	ami := ipam.ComputeMaxPods(n, ipam.Mode{}).Pods
	if l.MaxPods > 0 || l.Path != ipam.LaunchNodeadm || expectedPods <= ami {
		return ""
	}
	return fmt.Sprintf("nodeadm (EKS AL2023 AMIs) gives %s max pods %d, the IPv4 ENI formula, in IPv6 clusters too: raise the kubelet's max pods for %d pods.", instanceType, ami, expectedPods)
}

func ceilDiv(a, b int) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	return (a + b - 1) / b
}
