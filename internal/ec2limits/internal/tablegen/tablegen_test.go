// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package tablegen

import (
	"strings"
	"testing"
)

// entry is one DescribeInstanceTypes record with the given optional tail
// (VCpuInfo, PodEni) spliced in.
func entry(name, extra string) string {
	return `{"InstanceType": "` + name + `", "BareMetal": false, "Hypervisor": "nitro",
		"NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10,
		"DefaultNetworkCardIndex": 0, "MaximumNetworkCards": 1,
		"NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 3}]}` + extra + `}`
}

func TestParseOptionalFields(t *testing.T) {
	in := `{"InstanceTypes": [` +
		entry("m5.large", `, "VCpuInfo": {"DefaultVCpus": 2}, "PodEni": {"IsTrunkingCompatible": true, "BranchInterfaces": 9}`) + `,` +
		entry("t3.large", `, "VCpuInfo": {"DefaultVCpus": 2}, "PodEni": {"IsTrunkingCompatible": false, "BranchInterfaces": 0}`) + `,` +
		entry("x9.flex", ``) + `]}`
	rows, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Name: "m5.large", ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: "nitro", VCPUs: 2, PodENIKnown: true, TrunkCompatible: true, BranchENIs: 9},
		{Name: "t3.large", ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: "nitro", VCPUs: 2, PodENIKnown: true},
		{Name: "x9.flex", ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: "nitro"},
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	src, err := Render(rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`{"m5.large", 3, 10, 1, hvNitro, false, 2, tkYes, 9},`,
		`{"t3.large", 3, 10, 1, hvNitro, false, 2, tkNo, 0},`,
		`{"x9.flex", 3, 10, 1, hvNitro, false, 0, tkUnknown, 0},`,
		"// SPDX-License-Identifier: MPL-2.0\n",
	} {
		if !strings.Contains(string(src), line) {
			t.Errorf("rendered table lacks %q", line)
		}
	}
}

func TestParseRejectsInconsistentPodENI(t *testing.T) {
	cases := map[string]string{
		"trunk without branches": `, "PodEni": {"IsTrunkingCompatible": true, "BranchInterfaces": 0}`,
		"branches without trunk": `, "PodEni": {"IsTrunkingCompatible": false, "BranchInterfaces": 4}`,
		"PodEni incomplete":      `, "PodEni": {"IsTrunkingCompatible": true}`,
		"VCpuInfo empty":         `, "VCpuInfo": {}`,
		"zero vCPUs":             `, "VCpuInfo": {"DefaultVCpus": 0}`,
		"vCPUs beyond uint16":    `, "VCpuInfo": {"DefaultVCpus": 70000}`,
		"branches beyond uint8":  `, "PodEni": {"IsTrunkingCompatible": true, "BranchInterfaces": 300}`,
	}
	for name, extra := range cases {
		if _, err := Parse([]byte(`{"InstanceTypes": [` + entry("m5.large", extra) + `]}`)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
}
