// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// TestLaunchPathLimits: EKS's 110/250 cap binds a managed node group,
// which sets max pods itself, but not nodeadm or Karpenter, which apply
// none. c5a.24xlarge (96 vCPUs, 15 ENIs of 50 addresses on its default
// card) serves 15 x 49 = 735 pod addresses, max pods 737 by the ENI
// formula. 400 pods and the 2 host-network pods need room for 402:
//
//   - managed node group: the calculator's 737 capped at 250: an error;
//   - nodeadm: 737, no error, and the nodes should get 737 (the value the
//     group needs exceeds the cap, and nodeadm can give more);
//   - nodeadm with max_pods = 300: the user's own limit, an error naming
//     it.
func TestLaunchPathLimits(t *testing.T) {
	in := article(t)
	in.InstanceType, in.Node, in.ExpectedPods, in.NodeCount = "c5a.24xlarge", node(t, "c5a.24xlarge"), 400, 2
	if n := in.Node; n.ENIs != 15 || n.IPv4PerENI != 50 || n.VCPUs != 96 {
		t.Fatalf("c5a.24xlarge: %+v", n)
	}
	f := ValidateWarmPool(in)
	if !f.HasError() || !strings.Contains(f[0].Detail, "need room for 402 pods, but c5a.24xlarge runs at most 250 (EKS caps max pods at 250 for its vCPUs)") {
		t.Errorf("managed node group: %+v", f)
	}
	in.Launch.Path = ipam.LaunchNodeadm
	r := WarmPool(in)
	if r.Findings.HasError() || r.MaxPods.Pods != 737 || r.TargetMaxPods != 737 {
		t.Errorf("nodeadm: max pods %d, target %d, findings %+v", r.MaxPods.Pods, r.TargetMaxPods, r.Findings)
	}
	if f := findingsAt(r.Findings, "max_pods_from"); len(f) != 0 {
		t.Errorf("nodeadm: warnings at max_pods_from %+v", f)
	}
	in.Launch.MaxPods = 300
	if f := ValidateWarmPool(in); !f.HasError() || !strings.Contains(f[0].Detail, "runs at most 300 (max_pods)") {
		t.Errorf("nodeadm with max_pods = 300: %+v", f)
	}
}
