// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ipam

// PodIPCapacity is the number of pod addresses the node can hold with the
// settings' networking mode: its pod ENIs' slots, 16 addresses a slot under
// prefix delegation. The trunk ENI of security groups for pods holds none.
func PodIPCapacity(n Node, s Settings) int {
	enis, _ := ipamdENIs(n, s)
	if s.CustomNetworking {
		enis = max(enis-1, 0)
	}
	slots := enis * n.secondariesPerENI()
	if s.PrefixDelegation && n.runsPrefixDelegation() {
		return slots * IPsPerPrefix
	}
	return slots
}

// Recommendation is the warm-pool setting pair for a node group.
type Recommendation struct {
	// Settings are the mode fields of the input with WARM_IP_TARGET and
	// MINIMUM_IP_TARGET set and WARM_ENI_TARGET left alone (IP targets
	// override it).
	Settings Settings
	// WarmIPRaised is true when spare IPs of 0 were raised to 1: ipamd
	// reads WARM_IP_TARGET=0 as unset, and MINIMUM_IP_TARGET alone freezes
	// the pool.
	WarmIPRaised bool
}

// Recommend returns MINIMUM_IP_TARGET = the expected pods, so that a new
// node holds its pods' addresses before they are scheduled, and
// WARM_IP_TARGET = spareIPs, so that the node keeps that many free; both
// clamped to what the node can hold. mode supplies the networking mode,
// MAX_ENI and max pods; its targets are ignored.
func Recommend(n Node, mode Settings, expectedPods, spareIPs int) Recommendation {
	capacity := PodIPCapacity(n, mode)
	rec := Recommendation{Settings: Settings{
		PrefixDelegation: mode.PrefixDelegation,
		CustomNetworking: mode.CustomNetworking,
		MaxENI:           mode.MaxENI,
		MaxPods:          mode.MaxPods,
		PodENI:           mode.PodENI,
	}}
	warm := spareIPs
	if warm < 1 {
		warm = 1
		rec.WarmIPRaised = true
	}
	rec.Settings.WarmIPTarget = TargetOf(min(warm, max(capacity, 1)))
	rec.Settings.MinimumIPTarget = TargetOf(min(max(expectedPods, 0), capacity))
	return rec
}

// Trap is a settings combination that upstream ipamd handles badly.
type Trap uint8

const (
	// TrapMinimumWithoutWarm: MINIMUM_IP_TARGET without WARM_IP_TARGET
	// freezes the pool at the minimum; later pods get no address.
	TrapMinimumWithoutWarm Trap = 1 << iota
	// TrapWarmENIZero: WARM_ENI_TARGET=0 without IP targets attaches and
	// releases an ENI about once a minute at ENI boundaries.
	TrapWarmENIZero
	// TrapWarmPrefixZero: prefix delegation with WARM_PREFIX_TARGET=0 and
	// no IP targets, which upstream does not support: a /28 is added and
	// released about once a minute at prefix boundaries.
	TrapWarmPrefixZero
)

// Has reports whether t includes every trap of u.
func (t Trap) Has(u Trap) bool { return t&u == u }

// Traps returns the traps the settings fall into on node n.
func Traps(n Node, s Settings) Trap {
	var t Trap
	if s.MinimumIPTarget.Or(0) > 0 && s.WarmIPTarget.Or(0) == 0 {
		t |= TrapMinimumWithoutWarm
	}
	if !s.IPTargets() {
		pd := s.PrefixDelegation && n.runsPrefixDelegation()
		if pd && s.WarmPrefixTarget.Or(0) == 0 {
			t |= TrapWarmPrefixZero
		}
		if !pd && s.WarmENITarget.Or(1) == 0 {
			t |= TrapWarmENIZero
		}
	}
	return t
}
