// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"maps"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// altNumbers are the figures of one alternative a test pins.
type altNumbers struct {
	remedy                 string
	nodeIPs, podIPs, saved int64
	fits                   bool
	nodeBits, podBits      int
}

func checkAlternatives(t *testing.T, got []Alternative, want []altNumbers) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d alternatives, want %d", len(got), len(want))
	}
	for i, w := range want {
		a := got[i]
		g := altNumbers{a.Remedy.String(), a.NodeSubnetIPs, a.PodSubnetIPs, a.NodeSubnetIPsSaved, a.Fits, a.SmallestNodeSubnetBits, a.SmallestPodSubnetBits}
		if g != w || !a.Possible {
			t.Errorf("alternatives[%d] = %+v (possible %t), want %+v", i, g, a.Possible, w)
		}
	}
}

// TestWarmPoolAlternativesArticle works the article's node group (ten
// r5.xlarge nodes, 20 pods each; 4 ENIs of 14 secondaries) through the
// four remedies by hand, with MINIMUM_IP_TARGET=20 and WARM_IP_TARGET=2,
// so every node wants max(20, 20 + 2) = 22 pod addresses.
//
//	ip_targets:        22 secondaries on ceil(22/14) = 2 ENIs: 24 a node,
//	                   240 in the node subnet. A /25 offers 123, a /24 251:
//	                   the smallest is a /24.
//	prefix_delegation: ceil(22/16) = 2 prefixes (32 addresses) on 1 ENI:
//	                   33 a node, 330. A /24 (251) is too small, a /23
//	                   offers 507 and 30 aligned /28s for the 20 prefixes.
//	custom_networking: the primary ENI keeps the node address (10 in the
//	                   node subnet, a /28 offers 11) and 22 pod addresses
//	                   take 2 pod ENIs: 24 a node, 240 in the ENIConfig
//	                   subnet, a /24. Max pods (4-1)*14+2 = 44.
//	subnet_discovery:  the primary ENI stays in the node subnet with its 14
//	                   secondaries (15 a node, 150, a /24) and the second
//	                   ENI takes the other 8 and its own address in the
//	                   kubernetes.io/role/cni subnet (9 a node, 90, a /25).
//	ipv6:              one IPv4 address a node: 10, a /28.
//
// The defaults hold 45 a node (42 secondaries on 3 ENIs), 450 in all, so
// the node subnet saves 210, 120, 440, 300 and 440.
func TestWarmPoolAlternativesArticle(t *testing.T) {
	want := []altNumbers{
		{"ip_targets", 240, 0, 210, true, 24, 0},
		{"prefix_delegation", 330, 0, 120, false, 23, 0},
		{"custom_networking", 10, 240, 440, true, 28, 24},
		{"subnet_discovery", 150, 90, 300, true, 24, 25},
		{"ipv6", 10, 0, 440, true, 28, 0},
	}
	r := WarmPool(article(t, "10.0.0.0/24"))
	checkAlternatives(t, r.Alternatives, want)

	wantEnv := []map[string]string{
		{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2"},
		{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2", "ENABLE_PREFIX_DELEGATION": "true"},
		{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2", "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": "true", "ENI_CONFIG_LABEL_DEF": "topology.kubernetes.io/zone"},
		{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2"},
		{"ENABLE_IPv6": "true", "ENABLE_IPv4": "false", "ENABLE_PREFIX_DELEGATION": "true"},
	}
	for i, a := range r.Alternatives {
		if !maps.Equal(a.Env, wantEnv[i]) {
			t.Errorf("%s env = %v, want %v", a.Remedy, a.Env, wantEnv[i])
		}
	}
	notes := map[string]string{
		"prefix_delegation": "/28-aligned blocks",
		"custom_networking": "Max pods becomes 44. Each zone's ENIConfig subnet must be a /24 or larger. No pod subnets were given",
		"subnet_discovery":  "Each zone's kubernetes.io/role/cni subnet must be a /25 or larger. No kubernetes.io/role/cni subnets were given",
		"ipv6":              "keeps one IPv4 address",
	}
	for _, a := range r.Alternatives {
		if w := notes[a.Remedy.String()]; !strings.Contains(a.Notes, w) || strings.Contains(a.Notes, "\n") {
			t.Errorf("%s notes %q lack %q (or are not one line)", a.Remedy, a.Notes, w)
		}
	}

	// Without subnets nothing is checked, and the numbers stay.
	r = WarmPool(article(t))
	for i, a := range r.Alternatives {
		if a.Checked || a.Fits || a.NodeSubnetIPs != want[i].nodeIPs {
			t.Errorf("no subnets: %s checked %t fits %t node IPs %d", a.Remedy, a.Checked, a.Fits, a.NodeSubnetIPs)
		}
	}
}

// TestWarmPoolAlternativesSpread spreads the article's nodes over three
// subnets (4, 3, 3 nodes): the busiest holds 4*24 = 96 (a /25, 123),
// 4*33 = 132 under prefix delegation (a /24), 4 node addresses under
// custom networking and IPv6 (a /28) and 96 in each ENIConfig subnet;
// under subnet discovery 4*15 = 60 (a /25) and 4*9 = 36 in the zone's
// kubernetes.io/role/cni subnet (a /26, 59).
func TestWarmPoolAlternativesSpread(t *testing.T) {
	r := WarmPool(article(t, "10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/25"))
	checkAlternatives(t, r.Alternatives, []altNumbers{
		{"ip_targets", 240, 0, 210, true, 25, 0},
		{"prefix_delegation", 330, 0, 120, false, 24, 0},
		{"custom_networking", 10, 240, 440, true, 28, 25},
		{"subnet_discovery", 150, 90, 300, true, 25, 26},
		{"ipv6", 10, 0, 440, true, 28, 0},
	})
}

// TestWarmPoolAlternativesPodSubnets: with custom networking on and its
// pod subnets given, the custom_networking alternative checks them. A /25
// offers 123 of the 240 pod addresses.
func TestWarmPoolAlternativesPodSubnets(t *testing.T) {
	in := article(t, "10.0.0.0/24")
	in.Mode.CustomNetworking = true
	in.PodSubnets = []SubnetInput{{CIDR: "100.64.0.0/25", Available: -1}}
	in.FailOnInsufficientSubnet = false
	a := WarmPool(in).Alternatives[RemedyCustomNetworking]
	if a.Fits || a.PodSubnetIPs != 240 || strings.Contains(a.Notes, noPodSubnetsNote(RemedyCustomNetworking)) {
		t.Errorf("custom_networking = %+v, want 240 pod addresses that do not fit a /25", a)
	}
	in.PodSubnets[0].CIDR = "100.64.0.0/24"
	if a := WarmPool(in).Alternatives[RemedyCustomNetworking]; !a.Fits {
		t.Errorf("a /24 pod subnet (251) should hold 240: %+v", a)
	}
}

// TestAlternativesNotPossible: under custom networking r5.xlarge runs 44
// pods (3 pod ENIs x 14 + 2), so 50 and 43 pods are both too many
// without prefix delegation once the 2 host-network pods count; with it (a Nitro type) the
// remedy runs them: 43 pods want max(43, 43 + 2) = 45 addresses, ceil(45/16)
// = 3 prefixes on one pod ENI, 1 + 48 = 49 pod-subnet addresses a node,
// 490 for ten, and max pods becomes 110 (the calculator's cap). m4.xlarge
// is a Xen type: no prefix delegation, so custom networking with 50 pods
// is not possible at all, nor IPv6 (prefix delegation only), and the
// prefix_delegation remedy falls back to secondary IPs.
func TestAlternativesNotPossible(t *testing.T) {
	for pods, why := range map[int]string{
		50: "Planned with prefix delegation (ENABLE_PREFIX_DELEGATION): without it, r5.xlarge runs at most 44 pods (with custom networking the primary ENI carries no pods), and 52 are needed (50 expected, 2 on the host network).",
		43: "Planned with prefix delegation (ENABLE_PREFIX_DELEGATION): without it, r5.xlarge runs at most 44 pods (with custom networking the primary ENI carries no pods), and 45 are needed (43 expected, 2 on the host network).",
	} {
		in := article(t, "10.0.0.0/22")
		in.ExpectedPods = pods
		a := WarmPool(in).Alternatives[RemedyCustomNetworking]
		if !a.Possible || a.Env["ENABLE_PREFIX_DELEGATION"] != "true" || a.Env["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"] != "true" ||
			!strings.Contains(a.Notes, why) || !strings.Contains(a.Notes, "Max pods becomes 110.") {
			t.Errorf("custom_networking with %d pods = %+v", pods, a)
		}
		if pods == 43 && (a.PodSubnetIPs != 490 || a.NodeSubnetIPs != 10) {
			t.Errorf("custom_networking with 43 pods: %d pod-subnet and %d node-subnet addresses, want 490 and 10", a.PodSubnetIPs, a.NodeSubnetIPs)
		}
	}

	in := article(t, "10.0.0.0/22")
	in.InstanceType, in.Node, in.ExpectedPods = "m4.xlarge", node(t, "m4.xlarge"), 50
	cn := WarmPool(in).Alternatives[RemedyCustomNetworking]
	if cn.Possible || cn.Checked || cn.Fits || cn.NodeSubnetIPs != 0 || cn.Env["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"] != "true" ||
		!strings.Contains(cn.Notes, "Not possible: m4.xlarge runs at most 44 pods (with custom networking the primary ENI carries no pods), and 52 are needed (50 expected, 2 on the host network).") {
		t.Errorf("custom_networking on m4.xlarge with 50 pods = %+v", cn)
	}
	in.ExpectedPods = 10
	alts := WarmPool(in).Alternatives
	if a := alts[RemedyIPv6]; a.Possible || !strings.Contains(a.Notes, "Not possible: IPv6 needs prefix delegation, which ipamd runs on Nitro and bare metal instances only, and m4.xlarge is neither.") {
		t.Errorf("ipv6 on m4.xlarge = %+v", a)
	}
	// m4.xlarge: 4 ENIs x 14. 12 secondaries on 1 ENI: 13 a node either
	// way, because prefix delegation falls back.
	pd, ip := alts[RemedyPrefixDelegation], alts[RemedyIPTargets]
	if !pd.Possible || pd.NodeSubnetIPs != 130 || ip.NodeSubnetIPs != 130 || !strings.Contains(pd.Notes, "secondary-IP fallback") {
		t.Errorf("prefix_delegation on m4.xlarge = %+v, ip_targets %d", pd, ip.NodeSubnetIPs)
	}
}

// articleCluster is the article's node group as a cluster over the three
// zones of threeGroups.
func articleCluster(t *testing.T, cidrs [3]string) ClusterInput {
	in := threeGroups(t, cidrs)
	in.Groups = []ClusterGroup{clusterGroup(t, "apps", "r5.xlarge", 20, 10, 10)}
	return in
}

// TestClusterAlternativesArticle: the article's ten r5.xlarge nodes at
// 20 pods over three zones. A rolling update adds max(2*3, 1) = 6 nodes,
// so max + surge is 16 nodes, 6 in zone a and 5 in b and c. Per node as in
// TestWarmPoolAlternativesArticle (24, 33, 1 + 24, 1; defaults 45):
//
//	ip_targets:        16*24 = 384; zone a 6*24 = 144, a /24 (a /25 has 123)
//	prefix_delegation: 16*33 = 528; zone a 198, a /24 (12 prefixes, 14
//	                   aligned blocks)
//	custom_networking: 16 node addresses, zone a 6, a /28; 384 in ENIConfig
//	                   subnets, zone a 144, a /24
//	subnet_discovery:  16*15 = 240 node addresses, zone a 90, a /25; 16*9 =
//	                   144 in kubernetes.io/role/cni subnets, zone a 54, a /26
//	ipv6:              16, a /28
//
// Defaults take 16*45 = 720, so the savings are 336, 192, 704, 480 and 704.
// Each /24 offers 251: everything fits.
func TestClusterAlternativesArticle(t *testing.T) {
	in := articleCluster(t, [3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"})
	if f := ValidateCluster(in); len(f) > 0 {
		t.Fatalf("validation: %+v", f)
	}
	r := Cluster(in)
	checkAlternatives(t, r.Alternatives, []altNumbers{
		{"ip_targets", 384, 0, 336, true, 24, 0},
		{"prefix_delegation", 528, 0, 192, true, 24, 0},
		{"custom_networking", 16, 384, 704, true, 28, 24},
		{"subnet_discovery", 240, 144, 480, true, 25, 26},
		{"ipv6", 16, 0, 704, true, 28, 0},
	})
	if r.Findings.HasError() {
		t.Errorf("findings: %+v", r.Findings)
	}
}

// TestClusterAlternativesTooSmall: in /25s (123 each) zone a needs 144 at
// max + surge with IP targets and 198 with prefix delegation; custom
// networking (6), subnet discovery (90) and IPv6 (6) fit, and the error
// says so with numbers.
func TestClusterAlternativesTooSmall(t *testing.T) {
	in := articleCluster(t, [3]string{"10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/25"})
	r := Cluster(in)
	checkAlternatives(t, r.Alternatives, []altNumbers{
		{"ip_targets", 384, 0, 336, false, 24, 0},
		{"prefix_delegation", 528, 0, 192, false, 24, 0},
		{"custom_networking", 16, 384, 704, true, 28, 24},
		{"subnet_discovery", 240, 144, 480, true, 25, 26},
		{"ipv6", 16, 0, 704, true, 28, 0},
	})
	f := findingsAt(r.Findings, "subnet[0]")
	if len(f) != 1 || f[0].Severity != Error {
		t.Fatalf("findings: %+v", r.Findings)
	}
	for _, want := range []string{
		"it needs 144 addresses and offers 123, 21 short",
		"Remedies that fit these subnets (see alternatives): custom_networking (16 addresses in the node subnets, 384 in ENIConfig subnets of a /24 or larger per zone, for example in 100.64.0.0/10); subnet_discovery (240 addresses in the node subnets, 144 in kubernetes.io/role/cni subnets of a /26 or larger per zone); ipv6 (16 addresses in the node subnets, in an IPv6 cluster).",
		// ip_targets is what failed: it is not offered as a way out.
		"Too big for them: prefix_delegation (528 addresses in the node subnets).",
	} {
		if !strings.Contains(f[0].Detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, f[0].Detail)
		}
	}
}

// TestClusterAlternativesCustomNetworking: with pod subnets given, the
// custom_networking alternative uses and checks them, and the other
// remedies leave them out. The guide's three groups with 100.64.0.0/19
// pod subnets are in TestClusterCustomNetworking; here one /26 pod subnet
// per zone (59 addresses) is too small for zone a's 144.
func TestClusterAlternativesCustomNetworking(t *testing.T) {
	in := articleCluster(t, [3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"})
	in.CustomNetworking = true
	in.FailOnInsufficientSubnet = false
	for i, z := range []string{"a", "b", "c"} {
		in.Subnets = append(in.Subnets, ClusterSubnet{ID: "pods-" + z, CIDR: []string{"100.64.0.0/26", "100.64.0.64/26", "100.64.0.128/26"}[i], AvailabilityZone: "eu-west-1" + z, Available: -1, Purpose: PurposePods})
	}
	if f := ValidateCluster(in); len(f) > 0 {
		t.Fatalf("validation: %+v", f)
	}
	r := Cluster(in)
	cn := r.Alternatives[RemedyCustomNetworking]
	if cn.Fits || cn.PodSubnetIPs != 384 || cn.NodeSubnetIPs != 16 || strings.Contains(cn.Notes, noPodSubnetsNote(RemedyCustomNetworking)) {
		t.Errorf("custom_networking = %+v", cn)
	}
	// The baseline is the add-on defaults under custom networking: one
	// node address each, 16; IP targets in the node subnets cost 384.
	if ip := r.Alternatives[RemedyIPTargets]; ip.NodeSubnetIPs != 384 || ip.PodSubnetIPs != 0 || ip.NodeSubnetIPsSaved != 16-384 {
		t.Errorf("ip_targets = %+v", ip)
	}
}

// TestClusterAlternativesCustomNetworkingPrefixes: under plain custom
// networking m5.large keeps 2 pod ENIs of 9 addresses, 18 for the
// general group's 20 pods, so the remedy is planned with prefix
// delegation. MIN 20, WARM 2: each node wants 22 (general), 42 (memory)
// and 102 (compute) pod addresses: 2, 3 and 7 prefixes on one pod ENI,
// 33, 49 and 113 pod-subnet addresses a node. At max + surge zone a has
// 6, 4 and 4 nodes: 198 + 196 + 452 = 846 (a /22); zones b and c 6, 4, 3:
// 733. In all 2312 pod-subnet addresses and 18 + 12 + 10 = 40 node
// addresses. With one group of m4.xlarge (Xen: no prefix delegation) at
// 50 pods it is not possible, and the note names that group.
func TestClusterAlternativesCustomNetworkingPrefixes(t *testing.T) {
	r := Cluster(threeGroups(t, [3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"}))
	cn := r.Alternatives[RemedyCustomNetworking]
	want := "Planned with prefix delegation (ENABLE_PREFIX_DELEGATION): without it, for general, m5.large runs at most 20 pods (with custom networking the primary ENI carries no pods), and 22 are needed (20 expected, 2 on the host network)."
	if !cn.Possible || cn.PodSubnetIPs != 2312 || cn.NodeSubnetIPs != 40 || cn.SmallestPodSubnetBits != 22 || cn.Env["ENABLE_PREFIX_DELEGATION"] != "true" || !strings.Contains(cn.Notes, want) {
		t.Errorf("custom_networking = %+v, want notes with %q", cn, want)
	}
	if !r.Alternatives[RemedyIPv6].Possible || r.Alternatives[RemedyIPv6].NodeSubnetIPs != 18+12+10 {
		t.Errorf("ipv6 = %+v, want one address for each of the 40 nodes at max + surge", r.Alternatives[RemedyIPv6])
	}

	in := threeGroups(t, [3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"})
	in.Groups[0] = clusterGroup(t, "general", "m4.xlarge", 50, 6, 12)
	cn = Cluster(in).Alternatives[RemedyCustomNetworking]
	want = "Not possible: for general, m4.xlarge runs at most 44 pods (with custom networking the primary ENI carries no pods), and 52 are needed (50 expected, 2 on the host network)."
	if cn.Possible || cn.Checked || !strings.Contains(cn.Notes, want) {
		t.Errorf("custom_networking = %+v, want notes with %q", cn, want)
	}
}

// TestIPv6MaxPodsAdvice: with prefix delegation r5.xlarge runs 110 pods,
// but in an IPv6 cluster nodeadm (AL2023 AMIs) gives it 4*14+2 = 58 unless the
// kubelet's max pods is raised; 100 pods need that said, 50 do not.
func TestIPv6MaxPodsAdvice(t *testing.T) {
	in := article(t, "10.0.0.0/22")
	in.Mode.PrefixDelegation, in.Node.VCPUs, in.ExpectedPods = true, 4, 100
	in.Launch.Path = ipam.LaunchNodeadm
	want := "nodeadm (EKS AL2023 AMIs) gives r5.xlarge max pods 58, the IPv4 ENI formula, in IPv6 clusters too: raise the kubelet's max pods for 100 pods."
	if a := WarmPool(in).Alternatives[RemedyIPv6]; !a.Possible || !strings.HasSuffix(a.Notes, want) {
		t.Errorf("ipv6 notes = %q, want them to end with %q", a.Notes, want)
	}
	in.ExpectedPods = 50
	if a := WarmPool(in).Alternatives[RemedyIPv6]; strings.Contains(a.Notes, "max pods") {
		t.Errorf("ipv6 notes for 50 pods = %q", a.Notes)
	}
	// An explicit kubelet max pods is what the advice asks for.
	in.ExpectedPods, in.Launch.MaxPods = 100, 110
	if a := WarmPool(in).Alternatives[RemedyIPv6]; strings.Contains(a.Notes, "max pods") {
		t.Errorf("ipv6 notes with max_pods = 110: %q", a.Notes)
	}
}
