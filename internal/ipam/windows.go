// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

// Windows nodes get their addresses from the VPC resource controller, not
// ipamd. Sources, restated in research note nodekinds.md §2:
// aws/amazon-vpc-resource-controller-k8s b8d425119bdb pkg/config/loader.go
// (ParseWinIPTargetConfigs), pkg/pool/pool.go (ReconcilePool,
// calculateSecondaryIPDeviation, getPDDeviation, assignResourceFromMinGroup),
// pkg/provider/ip/provider.go and pkg/provider/prefix/provider.go
// (getCapacity), docs/windows/*_config_options.md; EKS User Guide
// windows-support.adoc and eks-networking-add-ons.adoc.

// Windows defaults of the resource controller (pkg/config/loader.go).
const (
	windowsDefaultWarmIP   = 3
	windowsDefaultMinimum  = 3
	windowsPDDefaultWarmIP = 1
	windowsPDDefaultMinIP  = 3
	// windowsPDKubeletMaxPods is the kubelet max pods of a Windows node with
	// prefix delegation unless -KubeletExtraArgs '--max-pods=N' changes it
	// (EKS User Guide eks-networking-add-ons.adoc l.2605-2609).
	windowsPDKubeletMaxPods = 110
)

// WindowsSettings are the Windows IPAM keys of the kube-system/amazon-vpc-cni
// ConfigMap. A Target is set when its key is present with an integer value;
// an unparsable value counts as unset. The controller reads the unprefixed
// keys (warm-ip-target, ...) first and the documented windows-* keys when
// those are absent.
//
// A negative value in the ConfigMap is not a Target: the controller reads it
// as 3 for the IP targets in secondary-IP mode (pass TargetOf(3)) and as
// unset under prefix delegation.
type WindowsSettings struct {
	// WarmIPTarget is windows-warm-ip-target: free addresses to keep.
	// An explicit 0 becomes 1 in secondary-IP mode.
	WarmIPTarget Target
	// MinimumIPTarget is windows-minimum-ip-target: the floor on the
	// addresses held.
	MinimumIPTarget Target
	// WarmPrefixTarget is windows-warm-prefix-target: free /28 prefixes
	// to keep, read only under prefix delegation and only when neither IP
	// target is above 0.
	WarmPrefixTarget Target
	// PrefixDelegation is enable-windows-prefix-delegation (which also needs
	// the controller's --enable-windows-prefix-delegation flag).
	PrefixDelegation bool
}

// WindowsTargets are the targets the controller works with once its
// defaults are applied.
type WindowsTargets struct {
	WarmIP, MinimumIP int
	// WarmPrefix is the warm prefix target, in force only when
	// PrefixTargetOnly is true.
	WarmPrefix       int
	PrefixTargetOnly bool
}

// Targets returns the targets the controller applies: in secondary-IP mode
// warm 3 and minimum 3 when neither is above 0, minimum 0 when only the
// warm target is set, and warm 0 (a frozen pool) when only the minimum is;
// under prefix delegation warm 1 and minimum 3 unless set, or the warm
// prefix target alone when it is the only target above 0.
func (s WindowsSettings) Targets() WindowsTargets {
	warm, warmSet := s.WarmIPTarget.Get()
	minimum := s.MinimumIPTarget.Or(0)
	if !s.PrefixDelegation {
		if warmSet && warm == 0 {
			warm = 1 // "on demand IP allocation ... is not supported"
		}
		if warm == 0 && minimum == 0 {
			return WindowsTargets{WarmIP: windowsDefaultWarmIP, MinimumIP: windowsDefaultMinimum}
		}
		return WindowsTargets{WarmIP: warm, MinimumIP: minimum}
	}
	warmPrefix := s.WarmPrefixTarget.Or(0)
	if warm <= 0 && minimum <= 0 && warmPrefix > 0 {
		return WindowsTargets{WarmPrefix: warmPrefix, PrefixTargetOnly: true}
	}
	t := WindowsTargets{WarmIP: warm, MinimumIP: minimum}
	if t.WarmIP <= 0 {
		t.WarmIP = windowsPDDefaultWarmIP
	}
	if t.MinimumIP <= 0 {
		t.MinimumIP = windowsPDDefaultMinIP
	}
	return t
}

// WindowsTraps returns TrapMinimumWithoutWarm when the settings freeze a
// Windows node's pool: in secondary-IP mode a minimum target without a warm
// target leaves the warm target at 0, so nothing asks for addresses beyond
// the minimum and later pods get none.
func WindowsTraps(s WindowsSettings) Trap {
	if t := s.Targets(); !s.PrefixDelegation && t.WarmIP == 0 {
		return TrapMinimumWithoutWarm
	}
	return 0
}

// ProjectWindows returns the steady state of a Windows node's pool after its
// pods rose from 0 to pods. The controller uses the primary ENI only, so
// ENIs is 1 and SubnetIPs is 1 + the pod addresses:
//
//   - secondary IPs, capacity IPv4-1: min(max(minimum, pods+warm), capacity),
//     or min(minimum, capacity) for a frozen pool;
//   - prefix delegation, capacity IPv4-1 prefixes: max(ceil((pods+warm)/16),
//     ceil(minimum/16)) prefixes, or ceil(pods/16) + warm prefix target
//     when only that is set (pods fill the fullest prefix first), at most
//     the capacity.
//
// Freed addresses wait 30 s in a cool-down queue and count meanwhile;
// like Project, this is for pods rising. The controller has no hypervisor
// check for prefix delegation.
func ProjectWindows(n Node, s WindowsSettings, pods int) Projection {
	pods = max(pods, 0)
	t := s.Targets()
	slots := n.secondariesPerENI()
	p := Projection{ENIs: 1, PrefixDelegation: s.PrefixDelegation}
	var podIPs int
	if s.PrefixDelegation {
		var prefixes int
		if t.PrefixTargetOnly {
			prefixes = ceilDiv(pods, IPsPerPrefix) + t.WarmPrefix
		} else {
			prefixes = max(ceilDiv(pods+t.WarmIP, IPsPerPrefix), ceilDiv(t.MinimumIP, IPsPerPrefix))
		}
		p.Prefixes = min(prefixes, slots)
		podIPs = p.Prefixes * IPsPerPrefix
	} else {
		want := max(t.MinimumIP, pods+t.WarmIP)
		if t.WarmIP == 0 {
			want = t.MinimumIP
		}
		p.SecondaryIPs = min(want, slots)
		podIPs = p.SecondaryIPs
	}
	p.FreeIPs = max(podIPs-pods, 0)
	p.PodsWithoutIP = max(pods-podIPs, 0)
	return p
}

// WindowsMaxPods is how many pods a Windows node takes.
type WindowsMaxPods struct {
	// AddressCapacity is the pod addresses the controller can hand out:
	// IPv4-1 secondary addresses on the primary ENI, or as many /28
	// prefixes (16 addresses each) under prefix delegation.
	AddressCapacity int
	// Kubelet is the kubelet max pods the EKS Windows AMI sets: IPv4-1
	// (no "+2": Windows runs no aws-node or kube-proxy pods), or 110 under
	// prefix delegation unless the user passes --max-pods.
	Kubelet int
	// Pods is the smaller of the two: what the node can run.
	Pods int
}

// ComputeWindowsMaxPods returns a Windows node's pod limits with or without
// Windows prefix delegation.
func ComputeWindowsMaxPods(n Node, prefixDelegation bool) WindowsMaxPods {
	slots := n.secondariesPerENI()
	m := WindowsMaxPods{AddressCapacity: slots, Kubelet: slots}
	if prefixDelegation {
		m.AddressCapacity = slots * IPsPerPrefix
		m.Kubelet = windowsPDKubeletMaxPods
	}
	m.Pods = min(m.AddressCapacity, m.Kubelet)
	return m
}
