// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package tablegen turns EC2 DescribeInstanceTypes output into the compact
// Go table that package ec2limits embeds. It is shared by the go:generate
// command and by the test that proves the committed table is current.
package tablegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
)

// describeInstanceTypesOutput is the subset of the EC2 DescribeInstanceTypes
// response shape that the table needs. Pointers tell a missing field from a
// zero one, so that a truncated input file is an error rather than a table of
// zeros.
type describeInstanceTypesOutput struct {
	InstanceTypes []struct {
		InstanceType *string `json:"InstanceType"`
		BareMetal    *bool   `json:"BareMetal"`
		Hypervisor   string  `json:"Hypervisor"`
		NetworkInfo  *struct {
			MaximumNetworkInterfaces  *int `json:"MaximumNetworkInterfaces"`
			Ipv4AddressesPerInterface *int `json:"Ipv4AddressesPerInterface"`
			DefaultNetworkCardIndex   *int `json:"DefaultNetworkCardIndex"`
			MaximumNetworkCards       *int `json:"MaximumNetworkCards"`
			NetworkCards              []struct {
				NetworkCardIndex         *int `json:"NetworkCardIndex"`
				MaximumNetworkInterfaces *int `json:"MaximumNetworkInterfaces"`
			} `json:"NetworkCards"`
		} `json:"NetworkInfo"`
		// VCpuInfo and PodEni are optional: the data file leaves them out
		// for the types no source covers.
		VCpuInfo *struct {
			DefaultVCpus *int `json:"DefaultVCpus"`
		} `json:"VCpuInfo"`
		PodEni *struct {
			IsTrunkingCompatible *bool `json:"IsTrunkingCompatible"`
			BranchInterfaces     *int  `json:"BranchInterfaces"`
		} `json:"PodEni"`
	} `json:"InstanceTypes"`
}

// Row is one instance type as the table stores it.
type Row struct {
	Name string
	// ENIs is MaximumNetworkInterfaces of the default network card, the only
	// card whose interfaces the VPC CNI uses for pods. The instance-level
	// MaximumNetworkInterfaces sums every card and overstates multi-card
	// types (p4d.24xlarge: 60 in all, 15 on the default card).
	ENIs         int
	IPv4PerENI   int
	NetworkCards int
	// Hypervisor is "nitro", "xen" or "" (bare metal types report none).
	Hypervisor string
	BareMetal  bool
	// VCPUs is VCpuInfo.DefaultVCpus, 0 when the input has none.
	VCPUs int
	// PodENIKnown is true when the input has a PodEni entry (security
	// groups for pods); TrunkCompatible and BranchENIs are its
	// IsTrunkingCompatible and BranchInterfaces.
	PodENIKnown     bool
	TrunkCompatible bool
	BranchENIs      int
}

// Parse reads DescribeInstanceTypes JSON and returns the rows sorted by name.
func Parse(data []byte) ([]Row, error) {
	var out describeInstanceTypesOutput
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("decoding DescribeInstanceTypes JSON: %w", err)
	}
	if len(out.InstanceTypes) == 0 {
		return nil, fmt.Errorf("no InstanceTypes in input")
	}
	rows := make([]Row, 0, len(out.InstanceTypes))
	seen := make(map[string]bool, len(out.InstanceTypes))
	for i, it := range out.InstanceTypes {
		if it.InstanceType == nil || *it.InstanceType == "" {
			return nil, fmt.Errorf("InstanceTypes[%d]: missing InstanceType", i)
		}
		name := *it.InstanceType
		if seen[name] {
			return nil, fmt.Errorf("%s: listed twice", name)
		}
		seen[name] = true
		ni := it.NetworkInfo
		if ni == nil || ni.MaximumNetworkInterfaces == nil || ni.Ipv4AddressesPerInterface == nil ||
			ni.DefaultNetworkCardIndex == nil || ni.MaximumNetworkCards == nil || it.BareMetal == nil {
			return nil, fmt.Errorf("%s: NetworkInfo or BareMetal incomplete", name)
		}
		defaultCardENIs := -1
		for _, card := range ni.NetworkCards {
			if card.NetworkCardIndex != nil && card.MaximumNetworkInterfaces != nil &&
				*card.NetworkCardIndex == *ni.DefaultNetworkCardIndex {
				defaultCardENIs = *card.MaximumNetworkInterfaces
			}
		}
		if defaultCardENIs < 1 {
			return nil, fmt.Errorf("%s: no NetworkCards entry for default card %d", name, *ni.DefaultNetworkCardIndex)
		}
		switch it.Hypervisor {
		case "", "nitro", "xen":
		default:
			return nil, fmt.Errorf("%s: unexpected Hypervisor %q", name, it.Hypervisor)
		}
		row := Row{
			Name:         name,
			ENIs:         defaultCardENIs,
			IPv4PerENI:   *ni.Ipv4AddressesPerInterface,
			NetworkCards: *ni.MaximumNetworkCards,
			Hypervisor:   it.Hypervisor,
			BareMetal:    *it.BareMetal,
		}
		if it.VCpuInfo != nil {
			if it.VCpuInfo.DefaultVCpus == nil {
				return nil, fmt.Errorf("%s: VCpuInfo without DefaultVCpus", name)
			}
			row.VCPUs = *it.VCpuInfo.DefaultVCpus
			if row.VCPUs < 1 {
				return nil, fmt.Errorf("%s: DefaultVCpus %d", name, row.VCPUs)
			}
		}
		if pe := it.PodEni; pe != nil {
			if pe.IsTrunkingCompatible == nil || pe.BranchInterfaces == nil {
				return nil, fmt.Errorf("%s: PodEni incomplete", name)
			}
			row.PodENIKnown, row.TrunkCompatible, row.BranchENIs = true, *pe.IsTrunkingCompatible, *pe.BranchInterfaces
			// A trunk with no branch ENI, or branch ENIs without a trunk,
			// is not a state the resource controller's table has.
			if row.TrunkCompatible != (row.BranchENIs > 0) {
				return nil, fmt.Errorf("%s: PodEni IsTrunkingCompatible %t with %d BranchInterfaces", name, row.TrunkCompatible, row.BranchENIs)
			}
		}
		// The table stores ENI counts as uint8 and vCPUs as uint16; a value
		// outside that range, or an ENI without a secondary address, means
		// the input is not what we think.
		if row.ENIs > 255 || row.IPv4PerENI < 2 || row.IPv4PerENI > 255 || row.NetworkCards < 1 || row.NetworkCards > 255 ||
			row.VCPUs > 65535 || row.BranchENIs < 0 || row.BranchENIs > 255 {
			return nil, fmt.Errorf("%s: limits out of range: %+v", name, row)
		}
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
	return rows, nil
}

// Render writes the Go source of the table for package ec2limits.
func Render(rows []Row) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Copyright (c) The terraform-provider-vpccni Authors\n// SPDX-License-Identifier: MPL-2.0\n\n")
	b.WriteString("// Code generated by \"go run ./gen\" from EC2 DescribeInstanceTypes data; DO NOT EDIT.\n\n")
	b.WriteString("package ec2limits\n\n")
	fmt.Fprintf(&b, "// table lists %d instance types sorted by name. Columns: name, ENIs on the\n", len(rows))
	b.WriteString("// default network card, IPv4 addresses per ENI, network cards, hypervisor,\n")
	b.WriteString("// bare metal, default vCPUs (0: unknown), trunk ENI compatibility (security\n")
	b.WriteString("// groups for pods), branch ENIs.\n")
	fmt.Fprintf(&b, "var table = [%d]row{\n", len(rows))
	for _, r := range rows {
		hv := "hvNone"
		switch r.Hypervisor {
		case "nitro":
			hv = "hvNitro"
		case "xen":
			hv = "hvXen"
		}
		tk := "tkUnknown"
		if r.PodENIKnown {
			tk = "tkNo"
			if r.TrunkCompatible {
				tk = "tkYes"
			}
		}
		fmt.Fprintf(&b, "\t{%q, %d, %d, %d, %s, %t, %d, %s, %d},\n", r.Name, r.ENIs, r.IPv4PerENI, r.NetworkCards, hv, r.BareMetal, r.VCPUs, tk, r.BranchENIs)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// DataEnv names the environment variable that points at the input JSON.
const DataEnv = "VPCCNI_EC2_DATA"

// FindInput returns the DescribeInstanceTypes JSON to generate from: the file
// named by $VPCCNI_EC2_DATA, else the first shared/data/ec2-instance-types.json
// found beside dir or one of its parents (the project keeps its shared data in
// a "shared" folder next to the repository). It returns "" when there is none.
func FindInput(dir string) string {
	if p := os.Getenv(DataEnv); p != "" {
		return p
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		candidate := filepath.Join(abs, "shared", "data", "ec2-instance-types.json")
		if _, err := os.Stat(candidate); err == nil {
			return candidate
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}
