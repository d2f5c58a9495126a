// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

// Target is an optional aws-node setting such as WARM_IP_TARGET. The zero
// value is "not set".
type Target struct {
	n   int
	set bool
}

// TargetOf returns a set Target. A negative n is "not set", which is what
// ipamd makes of negative values.
func TargetOf(n int) Target {
	if n < 0 {
		return Target{}
	}
	return Target{n: n, set: true}
}

// Get returns the value and whether it is set.
func (t Target) Get() (int, bool) { return t.n, t.set }

// Or returns the value, or def when it is not set.
func (t Target) Or(def int) int {
	if t.set {
		return t.n
	}
	return def
}

// Settings are the aws-node environment variables that shape the warm pool.
// The zero value is ipamd with none of them set.
type Settings struct {
	// WarmENITarget is WARM_ENI_TARGET (ipamd default 1). It is ignored when
	// WarmIPTarget or MinimumIPTarget is above 0.
	WarmENITarget Target
	// WarmIPTarget is WARM_IP_TARGET. ipamd treats 0 as not set.
	WarmIPTarget Target
	// MinimumIPTarget is MINIMUM_IP_TARGET. ipamd treats 0 as not set.
	MinimumIPTarget Target
	// WarmPrefixTarget is WARM_PREFIX_TARGET (ipamd default 0; the vpc-cni
	// add-on and Helm chart set 1).
	WarmPrefixTarget Target
	// PrefixDelegation is ENABLE_PREFIX_DELEGATION. ipamd honours it on
	// Nitro and bare metal instances only.
	PrefixDelegation bool
	// CustomNetworking is AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG.
	CustomNetworking bool
	// MaxENI is MAX_ENI; values below 1 mean not set.
	MaxENI int
	// MaxPods is the kubelet's max pods; values below 1 mean the EKS value
	// from ComputeMaxPods.
	MaxPods int
	// PodENI is ENABLE_POD_ENI, security groups for pods: on a trunk
	// compatible node the trunk ENI takes one of ipamd's ENI slots.
	PodENI bool
}

// AddonDefaults are the settings the vpc-cni EKS add-on and the aws-vpc-cni
// Helm chart ship: WARM_ENI_TARGET=1 and WARM_PREFIX_TARGET=1.
func AddonDefaults() Settings {
	return Settings{WarmENITarget: TargetOf(1), WarmPrefixTarget: TargetOf(1)}
}

// IPTargets reports whether WARM_IP_TARGET or MINIMUM_IP_TARGET is in force,
// which makes ipamd ignore WARM_ENI_TARGET and WARM_PREFIX_TARGET.
func (s Settings) IPTargets() bool {
	return s.WarmIPTarget.Or(0) > 0 || s.MinimumIPTarget.Or(0) > 0
}

// Projection is one node's steady state after its pods rose from 0.
type Projection struct {
	// ENIs attached by ipamd, the primary ENI included and the trunk ENI
	// not.
	ENIs int
	// TrunkENIs is 1 when the node has a trunk ENI for security groups for
	// pods (ENABLE_POD_ENI): one subnet address, never a pod address. It
	// lives where pod ENIs do: the node subnet, or the ENIConfig subnet
	// under custom networking. Branch ENIs are not counted here (see
	// PlaceBranchPods).
	TrunkENIs int
	// SecondaryIPs is the number of secondary addresses held (0 under
	// prefix delegation).
	SecondaryIPs int
	// Prefixes is the number of /28 prefixes held (0 without prefix
	// delegation).
	Prefixes int
	// FreeIPs are pod addresses held but not in use.
	FreeIPs int
	// PodsWithoutIP are pods the settings leave without an address.
	PodsWithoutIP int
	// Flapping is true when ipamd attaches and releases an ENI or a prefix
	// about once a minute at this pod count; the projection then shows the
	// higher of the two states, which is what the subnet must hold.
	Flapping bool
	// PrefixDelegation is true when ipamd assigns prefixes on this node
	// (asked for, and the instance is Nitro or bare metal).
	PrefixDelegation bool
	// CustomNetworking is true when pod ENIs live in ENIConfig subnets.
	CustomNetworking bool
}

// PodIPs is the number of pod addresses held.
func (p Projection) PodIPs() int { return p.SecondaryIPs + IPsPerPrefix*p.Prefixes }

// SubnetIPs is every subnet address the node takes: pod addresses plus one
// primary address per ENI, the trunk ENI included.
func (p Projection) SubnetIPs() int { return p.ENIs + p.TrunkENIs + p.PodIPs() }

// NodeSubnetIPs is what the node takes from its own subnet: everything,
// or under custom networking only the primary ENI's address.
func (p Projection) NodeSubnetIPs() int {
	if p.CustomNetworking {
		return 1
	}
	return p.SubnetIPs()
}

// PodSubnetIPs is what the node takes from its ENIConfig (pod) subnet under
// custom networking: the pod ENIs' and the trunk ENI's primaries and every
// pod address.
func (p Projection) PodSubnetIPs() int {
	if p.CustomNetworking {
		return p.SubnetIPs() - 1
	}
	return 0
}

// Project returns the steady state of one node's warm pool after its pods
// rose one by one from 0 to pods, with ipamd's reconcile loop settling in
// between. It is the closed form of ipamd's rules (pkg/ipamd/ipamd.go:
// isDatastorePoolTooLow, datastoreTargetState, tryAssignIPs,
// tryAssignPrefixes, getPrefixesNeeded, shouldRemoveExtraENIs), checked
// against a step simulator of those rules for every instance type.
//
// Where ipamd places a pod on one of several ENIs with free addresses it
// iterates a Go map, so the choice is random; the projection fills ENIs in
// the order they were attached. The totals do not depend on that choice:
// the simulator with random placement gives the same subnet addresses
// (TestProjectIndependentOfPlacement).
//
// With ENABLE_POD_ENI on a trunk-compatible (or unknown) type, the trunk ENI
// takes one of ipamd's ENI slots and one address (Projection.TrunkENIs);
// branch pods are outside the warm pool, see PlaceBranchPods.
//
// Project is O(1) and does not allocate.
func Project(n Node, s Settings, pods int) Projection {
	pods = max(pods, 0)
	pd := s.PrefixDelegation && n.runsPrefixDelegation()
	proj := Projection{PrefixDelegation: pd, CustomNetworking: s.CustomNetworking}

	// A slot is what one ENI address position holds: a secondary address,
	// or a /28 prefix under prefix delegation.
	slotsPerENI := n.secondariesPerENI()
	ipsPerSlot := 1
	if pd {
		ipsPerSlot = IPsPerPrefix
	}
	enis, trunk := ipamdENIs(n, s)
	proj.TrunkENIs = trunk
	podENIs := enis
	if s.CustomNetworking {
		podENIs = max(enis-1, 0)
	}
	capacity := podENIs * slotsPerENI
	if capacity == 0 {
		proj.ENIs = max(enis, 1)
		proj.PodsWithoutIP = pods
		return proj
	}

	maxPods := s.MaxPods
	if maxPods < 1 {
		maxPods = ComputeMaxPods(n, Mode{CustomNetworking: s.CustomNetworking, PrefixDelegation: s.PrefixDelegation, MaxENI: s.MaxENI}).Pods
	}
	// ipamd stops growing the pool once it holds max pods addresses, so
	// growth continues only while slots < gate.
	gate := ceilDiv(maxPods, ipsPerSlot)

	// target is the slot count ipamd settles on with pods in place, first
	// the one it fills a fresh node to; growthUnit is the step it grows by
	// as pods arrive.
	var target, initial, growthUnit int
	switch {
	case s.IPTargets():
		warmIP, minIP := s.WarmIPTarget.Or(0), s.MinimumIPTarget.Or(0)
		// Without WARM_IP_TARGET nothing reacts to pods: the pool stays
		// at MINIMUM_IP_TARGET and later pods get no address.
		want := minIP
		if warmIP > 0 {
			want = max(minIP, pods+warmIP)
		}
		target = ceilDiv(want, ipsPerSlot)
		initial = ceilDiv(max(minIP, warmIP), ipsPerSlot)
		growthUnit = 1
	case pd:
		// WARM_PREFIX_TARGET keeps that many whole /28s free; at 0 a
		// prefix is added only when no address is left.
		if w := s.WarmPrefixTarget.Or(0); w > 0 {
			target = w + ceilDiv(pods, IPsPerPrefix)
			initial = w
		} else {
			target = pods/IPsPerPrefix + 1
			initial = 1
		}
		growthUnit = 1
	default:
		// WARM_ENI_TARGET keeps that many ENIs' worth of addresses free
		// and always fills whole ENIs; at 0 an ENI is added only when no
		// address is left.
		if w := s.WarmENITarget.Or(1); w > 0 {
			target = slotsPerENI * (ceilDiv(pods, slotsPerENI) + w)
			initial = slotsPerENI * w
		} else {
			target = slotsPerENI * (pods/slotsPerENI + 1)
			initial = slotsPerENI
		}
		growthUnit = slotsPerENI
	}

	// A fresh node fills ENI after ENI, one per reconcile pass, checking the
	// max-pods gate between passes; rising pods then grow the pool one unit
	// at a time while it is below the gate.
	filled := min(initial, roundUp(gate, slotsPerENI), capacity)
	slots := max(filled, min(target, roundUp(gate, growthUnit), capacity))

	if pd {
		proj.Prefixes = slots
	} else {
		proj.SecondaryIPs = slots
	}
	proj.ENIs = ceilDiv(slots, slotsPerENI)
	if s.CustomNetworking {
		proj.ENIs++
	} else {
		proj.ENIs = max(proj.ENIs, 1)
	}
	podIPs := slots * ipsPerSlot
	proj.FreeIPs = max(podIPs-pods, 0)
	proj.PodsWithoutIP = max(pods-podIPs, 0)

	// Flapping: with nothing to keep warm, a whole unit of free addresses
	// (an ENI's worth, or one /28) is released soon after it is added, and
	// added again when the last address is taken.
	if !s.IPTargets() {
		switch {
		case pd && s.WarmPrefixTarget.Or(0) == 0:
			proj.Flapping = podIPs-pods >= IPsPerPrefix
		case !pd && s.WarmENITarget.Or(1) == 0:
			// The primary ENI is never released.
			proj.Flapping = slots-pods >= slotsPerENI && (s.CustomNetworking || slots > slotsPerENI)
		}
	}
	return proj
}

func ceilDiv(a, b int) int {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// roundUp returns the smallest multiple of unit that is >= a.
func roundUp(a, unit int) int { return ceilDiv(a, unit) * unit }
