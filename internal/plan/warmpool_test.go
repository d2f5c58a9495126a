// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

func node(t testing.TB, name string) ipam.Node {
	t.Helper()
	l, ok := ec2limits.Lookup(name)
	if !ok {
		t.Fatalf("%s not in table", name)
	}
	return ipam.NodeFromLimits(l, 0)
}

// article is the field report's node group: 10 r5.xlarge nodes, 20 pods.
func article(t *testing.T, cidrs ...string) WarmPoolInput {
	in := WarmPoolInput{
		InstanceType: "r5.xlarge", Node: node(t, "r5.xlarge"),
		ExpectedPods: 20, NodeCount: 10, SpareIPs: 2, FailOnInsufficientSubnet: true, HostNetworkPods: DefaultHostNetworkPods,
	}
	for _, c := range cidrs {
		in.Subnets = append(in.Subnets, SubnetInput{CIDR: c, Available: -1})
	}
	return in
}

func findingsAt(f Findings, where string) []Finding {
	var out []Finding
	for _, x := range f {
		if x.Where.String() == where {
			out = append(out, x)
		}
	}
	return out
}

func TestWarmPoolArticle(t *testing.T) {
	in := article(t, "10.0.0.0/24")
	if f := ValidateWarmPool(in); len(f) != 0 {
		t.Fatalf("validation findings: %+v", f)
	}
	r := WarmPool(in)
	// Article: 240 with the fix, 450 with defaults, both including the
	// ENI primaries; the /24 offers 251.
	if got := r.RecommendedNode.SubnetIPs() * in.NodeCount; got != 240 {
		t.Errorf("recommended total %d, want 240", got)
	}
	if got := r.BaselineNode.SubnetIPs() * in.NodeCount; got != 450 {
		t.Errorf("baseline total %d, want 450", got)
	}
	if r.SavedIPs != 210 || r.SubnetCapacity != 251 || !r.SubnetFits {
		t.Errorf("saved %d, capacity %d, fits %t; want 210, 251, true", r.SavedIPs, r.SubnetCapacity, r.SubnetFits)
	}
	// The defaults would not fit: a warning says to apply the fix first.
	w := findingsAt(r.Findings, "subnet_cidrs[0]")
	if len(w) != 1 || w[0].Severity != Warning || !strings.Contains(w[0].Detail, "would take 450 addresses of 251") {
		t.Errorf("findings at subnet_cidrs[0] = %+v", w)
	}
}

func TestWarmPoolTooSmall(t *testing.T) {
	r := WarmPool(article(t, "10.0.0.0/25"))
	f := findingsAt(r.Findings, "subnet_cidrs[0]")
	if len(f) != 1 || f[0].Severity != Error {
		t.Fatalf("findings = %+v", r.Findings)
	}
	for _, want := range []string{"needs 240 addresses", "offers 123: 117 short", "a /24 (251 usable", "each one less saves 10",
		// The remedies that fit, with their numbers (worked in
		// TestWarmPoolAlternativesArticle), and the one that does not.
		"Remedies that fit these subnets (see alternatives): custom_networking (10 addresses in the node subnets, 240 in ENIConfig subnets of a /24 or larger per zone, for example in 100.64.0.0/10); ipv6 (10 addresses in the node subnets, in an IPv6 cluster).",
		// ip_targets is the configuration that is too big: it is not
		// offered as a way out.
		"Too big for them: prefix_delegation (330 addresses in the node subnets); subnet_discovery (150 addresses in the node subnets, 90 in kubernetes.io/role/cni subnets of a /25 or larger per zone)."} {
		if !strings.Contains(f[0].Detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, f[0].Detail)
		}
	}
	in := article(t, "10.0.0.0/25")
	in.FailOnInsufficientSubnet = false
	r = WarmPool(in)
	if r.Findings.HasError() || r.SubnetFits {
		t.Errorf("warning mode: HasError %t, fits %t", r.Findings.HasError(), r.SubnetFits)
	}
}

func TestWarmPoolWarnings(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*WarmPoolInput)
		where string
		want  string
	}{
		{"spare 0", func(in *WarmPoolInput) { in.SpareIPs = 0 }, "spare_ips", "uses WARM_IP_TARGET=1"},
		{"MIN without WARM", func(in *WarmPoolInput) {
			s := ipam.Settings{MinimumIPTarget: ipam.TargetOf(15)}
			in.Current = &s
		}, "current.minimum_ip_target", "With 20 expected pods, 5 would stay without an IP"},
		{"WARM_ENI 0", func(in *WarmPoolInput) {
			s := ipam.Settings{WarmENITarget: ipam.TargetOf(0)}
			in.Current = &s
		}, "current.warm_eni_target", "at every multiple of 14 pods"},
		{"WARM_PREFIX 0", func(in *WarmPoolInput) {
			s := ipam.Settings{WarmPrefixTarget: ipam.TargetOf(0)}
			in.Current, in.Mode.PrefixDelegation = &s, true
		}, "current.warm_prefix_target", "not support"},
		// c7i.32xlarge is one of the types the instance data has no vCPU
		// count for; its formula gives 15*49*16+2.
		{"vCPUs unknown under PD", func(in *WarmPoolInput) {
			in.InstanceType, in.Node = "c7i.32xlarge", node(t, "c7i.32xlarge")
			in.Mode.PrefixDelegation = true
		}, "vcpus", "no vCPU count for c7i.32xlarge: the plan assumes 110"},
		{"PD on Xen", func(in *WarmPoolInput) {
			in.InstanceType, in.Node, in.ExpectedPods = "m4.xlarge", node(t, "m4.xlarge"), 10
			in.Mode.PrefixDelegation = true
		}, "prefix_delegation", "falls back to secondary IPs"},
		// nodeadm gives r5.xlarge 4 x 14 + 2 = 58 whatever the mode; under
		// custom networking the VPC CNI serves 3 x 14 + 2 = 44.
		{"nodeadm under custom networking", func(in *WarmPoolInput) {
			in.Mode.CustomNetworking = true
			in.Launch.Path = ipam.LaunchNodeadm
		}, "max_pods_from", "get kubelet max pods 58 (ENIs x (IPs per ENI - 1) + 2, whatever the VPC CNI mode), but in this mode the VPC CNI serves 44"},
		// MAX_ENI with pod ENIs: the trunk already has its slot.
		{"MAX_ENI with pod ENIs", func(in *WarmPoolInput) {
			in.Mode.PodENI, in.Mode.MaxENI = true, 4
		}, "max_eni", "MAX_ENI = 4 leaves 3 for pod addresses, not 4"},
		// m5.large with pod ENIs: ipamd has 2 ENIs of 9 for 10 pods. The
		// add-on defaults fill both (18 secondaries + 2 + 1 trunk = 21), the
		// recommendation holds 12 on 2 ENIs (15); each of the 8 pods with
		// security groups takes a branch address either way. 10 nodes:
		// 290 with the defaults, 230 recommended, in 260 free.
		{"defaults outgrow with branch ENIs", func(in *WarmPoolInput) {
			in.InstanceType, in.Node, in.ExpectedPods = "m5.large", node(t, "m5.large"), 10
			in.Mode.PodENI, in.SecurityGroupPods = true, 8
			in.Subnets = []SubnetInput{{Available: 260}}
		}, "subnet_available_ips[0]", "would take 290 addresses of 260; the recommended configuration_values bring it to 230"},
		{"PD with counts only", func(in *WarmPoolInput) {
			in.Mode.PrefixDelegation = true
			in.Node.VCPUs = 4
			in.Subnets = []SubnetInput{{Available: 4000}}
		}, "subnet_available_ips[0]", "aws_ec2_subnet_cidr_reservation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := article(t)
			c.edit(&in)
			if f := ValidateWarmPool(in); f.HasError() {
				t.Fatalf("validation: %+v", f)
			}
			f := findingsAt(WarmPool(in).Findings, c.where)
			if len(f) != 1 || f[0].Severity != Warning || !strings.Contains(f[0].Detail, c.want) {
				t.Errorf("findings at %s = %+v, want one warning containing %q", c.where, f, c.want)
			}
		})
	}
}

func TestWarmPoolSpread(t *testing.T) {
	in := article(t, "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24")
	r := WarmPool(in)
	var nodes []int
	for _, s := range r.Subnets {
		nodes = append(nodes, s.Nodes)
	}
	if len(nodes) != 3 || nodes[0] != 4 || nodes[1] != 3 || nodes[2] != 3 {
		t.Fatalf("nodes per subnet = %v, want [4 3 3]", nodes)
	}
}
