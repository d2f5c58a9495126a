// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package ec2limits holds the networking limits of every EC2 instance type
// that the VPC CNI arithmetic needs, generated from DescribeInstanceTypes
// (see generate.go), with an allocation-free lookup and spelling suggestions
// for names it does not know.
package ec2limits

import (
	"fmt"
	"sort"
	"strings"
)

// Hypervisor is the instance's virtualisation platform as EC2 reports it.
type Hypervisor uint8

const (
	// HypervisorNone is what EC2 reports for bare metal types (and two old
	// Xen-era types whose records carry no hypervisor).
	HypervisorNone Hypervisor = iota
	HypervisorNitro
	HypervisorXen
)

// Short names keep the generated table compact.
const (
	hvNone  = HypervisorNone
	hvNitro = HypervisorNitro
	hvXen   = HypervisorXen
)

// String returns the name EC2 uses ("nitro", "xen") or "" for none.
func (h Hypervisor) String() string {
	switch h {
	case HypervisorNitro:
		return "nitro"
	case HypervisorXen:
		return "xen"
	}
	return ""
}

// Trunking says whether security groups for pods (ENABLE_POD_ENI) can run
// on an instance type: whether the VPC resource controller attaches a trunk
// ENI to it. It is not an EC2 fact: the data comes from the controller's
// limits table (pkg/aws/vpc/limits.go in aws/amazon-vpc-resource-controller-k8s,
// by way of Karpenter's copy).
type Trunking uint8

const (
	// TrunkingUnknown: the table has no security-groups-for-pods entry for
	// the type. ipamd treats a type missing from its copy of the table as
	// compatible; callers should say that the fact is not known.
	TrunkingUnknown Trunking = iota
	// TrunkingCompatible: a trunk ENI can be attached, and the node holds
	// Limits.BranchENIs branch ENIs.
	TrunkingCompatible
	// TrunkingIncompatible: no trunk ENI; pods that ask for their own
	// security groups stay Pending.
	TrunkingIncompatible
)

// Short names keep the generated table compact.
const (
	tkUnknown = TrunkingUnknown
	tkYes     = TrunkingCompatible
	tkNo      = TrunkingIncompatible
)

// String returns "unknown", "compatible" or "incompatible".
func (t Trunking) String() string {
	switch t {
	case TrunkingCompatible:
		return "compatible"
	case TrunkingIncompatible:
		return "incompatible"
	}
	return "unknown"
}

// Limits are the facts about one instance type.
type Limits struct {
	// ENIs is the maximum number of network interfaces on the default
	// network card, the only card the VPC CNI attaches pod ENIs to.
	ENIs int
	// IPv4PerENI is the number of IPv4 addresses one ENI can hold, its
	// primary address included.
	IPv4PerENI   int
	NetworkCards int
	Hypervisor   Hypervisor
	BareMetal    bool
	// VCPUs is the default vCPU count (VCpuInfo.DefaultVCpus), 0 when the
	// data has none for the type.
	VCPUs int
	// Trunking says whether the type takes a trunk ENI for security groups
	// for pods; BranchENIs is how many branch ENIs (pods with their own
	// security groups) it then holds, 0 unless TrunkingCompatible.
	Trunking   Trunking
	BranchENIs int
}

type row struct {
	name         string
	enis         uint8
	ipv4PerENI   uint8
	networkCards uint8
	hypervisor   Hypervisor
	bareMetal    bool
	vcpus        uint16
	trunking     Trunking
	branchENIs   uint8
}

// index maps a name to its position in table. Building it costs about the
// same as a map literal would at start-up (tens of microseconds) and keeps
// the generated file a plain sorted array.
var index = func() map[string]uint16 {
	m := make(map[string]uint16, len(table))
	for i := range table {
		m[table[i].name] = uint16(i)
	}
	return m
}()

// Len is the number of instance types in the table.
func Len() int { return len(table) }

// Name returns the i-th instance type name in sorted order.
func Name(i int) string { return table[i].name }

// Lookup returns the limits of an instance type. It does not allocate.
func Lookup(instanceType string) (Limits, bool) {
	i, ok := index[instanceType]
	if !ok {
		return Limits{}, false
	}
	r := &table[i]
	return Limits{
		ENIs:         int(r.enis),
		IPv4PerENI:   int(r.ipv4PerENI),
		NetworkCards: int(r.networkCards),
		Hypervisor:   r.hypervisor,
		BareMetal:    r.bareMetal,
		VCPUs:        int(r.vcpus),
		Trunking:     r.trunking,
		BranchENIs:   int(r.branchENIs),
	}, true
}

// UnknownTypeError says that an instance type is not in the table and which
// known names are closest to it.
type UnknownTypeError struct {
	InstanceType string
	Suggestions  []string
}

func (e *UnknownTypeError) Error() string {
	msg := fmt.Sprintf("instance type %q is not in the embedded table of %d EC2 instance types", e.InstanceType, len(table))
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + joinOr(e.Suggestions) + "?"
	}
	return msg
}

// Find is Lookup with an error that carries suggestions.
func Find(instanceType string) (Limits, error) {
	if l, ok := Lookup(instanceType); ok {
		return l, nil
	}
	return Limits{}, &UnknownTypeError{InstanceType: instanceType, Suggestions: Suggest(instanceType, 3)}
}

// Suggest returns up to n known instance types closest to name: those at the
// smallest edit distance (with adjacent transpositions, so "m5.lrage" finds
// "m5.large"), same family first; when nothing is close, other sizes of the
// same family. Case and surrounding spaces are ignored, so "M5.LARGE" finds
// "m5.large".
func Suggest(name string, n int) []string {
	query := strings.ToLower(strings.TrimSpace(name))
	if query == "" || n <= 0 {
		return nil
	}
	queryFamily := family(query)
	type candidate struct {
		name       string
		dist       int
		sameFamily bool
	}
	// Allow roughly one edit per four characters, at least two.
	limit := max(2, len(query)/4)
	var found []candidate
	for i := range table {
		if d := editDistance(query, table[i].name, limit); d <= limit {
			found = append(found, candidate{table[i].name, d, family(table[i].name) == queryFamily})
		}
	}
	if len(found) == 0 {
		for i := range table {
			if family(table[i].name) == queryFamily {
				found = append(found, candidate{table[i].name, editDistance(query, table[i].name, 1<<30), true})
			}
		}
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.sameFamily != b.sameFamily {
			return a.sameFamily
		}
		return a.name < b.name
	})
	var out []string
	for _, c := range found {
		// Past the closest matches, further names are noise ("m5.lrage"
		// should not also offer c5.large), except in the family fallback
		// where every size is equally a guess.
		if len(out) == n || (c.dist > found[0].dist && found[0].dist <= limit) {
			break
		}
		out = append(out, c.name)
	}
	return out
}

func family(name string) string {
	f, _, _ := strings.Cut(name, ".")
	return f
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions). It
// stops early and returns limit+1 once every alignment costs more than limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func joinOr(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
