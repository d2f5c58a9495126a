// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ec2limits

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits/internal/tablegen"
)

// TestTableIsCurrent fails when table_gen.go differs from what the generator
// writes from the shared DescribeInstanceTypes data. Run "go generate ./..."
// (or "make generate") to fix it.
func TestTableIsCurrent(t *testing.T) {
	in := tablegen.FindInput(".")
	if in == "" {
		t.Skipf("shared/data/ec2-instance-types.json not found beside the repository and $%s unset: cannot compare the generated table with its source", tablegen.DataEnv)
	}
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tablegen.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := tablegen.Render(rows)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("table_gen.go is stale against %s: run `make generate` and commit the result", in)
	}
}

func TestTableSize(t *testing.T) {
	// 1,420 types in shared/data/ec2-instance-types.json: the 1,391 of
	// aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go (b52188387f2e)
	// plus 29 from Karpenter's zz_generated.vpclimits.go (1d927085dd81): the
	// 28 Graviton *-flex types and i3.metal (shared/data/README.md).
	if got := Len(); got != 1420 {
		t.Fatalf("Len() = %d, want 1420", got)
	}
	for i := 1; i < Len(); i++ {
		if Name(i-1) >= Name(i) {
			t.Fatalf("table not sorted at %d: %q >= %q", i, Name(i-1), Name(i))
		}
	}
}

func TestLookupFacts(t *testing.T) {
	// ENIs, IPv4PerENI, NetworkCards, Hypervisor and BareMetal as
	// DescribeInstanceTypes reports them; ENIs are the default network
	// card's, which for multi-card types is far below the instance-level
	// MaximumNetworkInterfaces (given in the comments). VCPUs is
	// VCpuInfo.DefaultVCpus and Trunking/BranchENIs the PodEni entry of
	// shared/data/ec2-instance-types.json (sources in shared/data/README.md).
	cases := map[string]Limits{
		"r5.xlarge":      {ENIs: 4, IPv4PerENI: 15, NetworkCards: 1, Hypervisor: HypervisorNitro, VCPUs: 4, Trunking: TrunkingCompatible, BranchENIs: 18},
		"t3.nano":        {ENIs: 2, IPv4PerENI: 2, NetworkCards: 1, Hypervisor: HypervisorNitro, VCPUs: 2, Trunking: TrunkingIncompatible},
		"m4.large":       {ENIs: 2, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: HypervisorXen, VCPUs: 2, Trunking: TrunkingIncompatible},
		"m5.metal":       {ENIs: 15, IPv4PerENI: 50, NetworkCards: 1, BareMetal: true, VCPUs: 96, Trunking: TrunkingCompatible, BranchENIs: 120},
		"p4d.24xlarge":   {ENIs: 15, IPv4PerENI: 50, NetworkCards: 4, Hypervisor: HypervisorNitro, VCPUs: 96, Trunking: TrunkingCompatible, BranchENIs: 62},   // 60 in all
		"p5.48xlarge":    {ENIs: 2, IPv4PerENI: 50, NetworkCards: 32, Hypervisor: HypervisorNitro, VCPUs: 192, Trunking: TrunkingCompatible, BranchENIs: 120}, // 64 in all
		"c6in.32xlarge":  {ENIs: 8, IPv4PerENI: 50, NetworkCards: 2, Hypervisor: HypervisorNitro, VCPUs: 128, Trunking: TrunkingCompatible, BranchENIs: 106},  // 16 in all
		"trn1.32xlarge":  {ENIs: 5, IPv4PerENI: 50, NetworkCards: 8, Hypervisor: HypervisorNitro, VCPUs: 128, Trunking: TrunkingCompatible, BranchENIs: 82},   // 40 in all
		"hpc7a.96xlarge": {ENIs: 2, IPv4PerENI: 50, NetworkCards: 2, Hypervisor: HypervisorNitro, VCPUs: 192},                                                 // 4 in all; no PodEni
		"cr1.8xlarge":    {ENIs: 8, IPv4PerENI: 30, NetworkCards: 1, VCPUs: 32},                                                                               // no hypervisor reported, no PodEni

		// Security groups for pods: m5.large trunk compatible with 9 branch
		// ENIs and t3.large not, as in the resource controller's
		// pkg/aws/vpc/limits.go (b8d425119bdb l.7249-7263, l.16509-16523).
		"m5.large":   {ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: HypervisorNitro, VCPUs: 2, Trunking: TrunkingCompatible, BranchENIs: 9},
		"t3.large":   {ENIs: 3, IPv4PerENI: 12, NetworkCards: 1, Hypervisor: HypervisorNitro, VCPUs: 2, Trunking: TrunkingIncompatible},
		"m5.8xlarge": {ENIs: 8, IPv4PerENI: 30, NetworkCards: 1, Hypervisor: HypervisorNitro, VCPUs: 32, Trunking: TrunkingCompatible, BranchENIs: 54},
		// No source has the vCPUs of c7i.32xlarge or of the Graviton flex
		// types (shared/data/README.md): 0, unknown.
		"c7i.32xlarge":   {ENIs: 15, IPv4PerENI: 50, NetworkCards: 1, Hypervisor: HypervisorNitro, Trunking: TrunkingCompatible, BranchENIs: 107},
		"m7g-flex.large": {ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: HypervisorNitro, Trunking: TrunkingCompatible, BranchENIs: 3},
		// Neither vCPUs nor PodEni in the data.
		"bmn-sf1.metal": {ENIs: 15, IPv4PerENI: 50, NetworkCards: 1, BareMetal: true},
		// i3.metal came from Karpenter's table; the rest of i3 is not
		// trunk compatible (nodekinds.md: i3.metal is the one exception).
		"i3.metal": {ENIs: 15, IPv4PerENI: 50, NetworkCards: 1, BareMetal: true, VCPUs: 64, Trunking: TrunkingCompatible, BranchENIs: 120},
		"i3.large": {ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: HypervisorXen, VCPUs: 2, Trunking: TrunkingIncompatible},
		// The shared data (Karpenter's table, 1d927085dd81) says compatible
		// with 9; the resource controller's own limits.go (b8d425119bdb
		// l.5899-5904) says incompatible, 0. The table follows the data.
		"i4i.large": {ENIs: 3, IPv4PerENI: 10, NetworkCards: 1, Hypervisor: HypervisorNitro, VCPUs: 2, Trunking: TrunkingCompatible, BranchENIs: 9},
	}
	for name, want := range cases {
		got, ok := Lookup(name)
		if !ok {
			t.Errorf("Lookup(%q) not found", name)
			continue
		}
		if got != want {
			t.Errorf("Lookup(%q) = %+v, want %+v", name, got, want)
		}
	}
	for _, name := range []string{"", "m5", "M5.LARGE", " m5.large", "m5.large ", "x9.huge"} {
		if _, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) found, want not found", name)
		}
	}
}

// TestTableCoverage counts the gaps shared/data/README.md announces: 35
// types without vCPUs and 19 without a PodEni entry. Compatible types have
// branch ENIs and the others none.
func TestTableCoverage(t *testing.T) {
	noVCPUs, noPodENI := 0, 0
	for i := range Len() {
		l, _ := Lookup(Name(i))
		if l.VCPUs == 0 {
			noVCPUs++
		}
		if l.Trunking == TrunkingUnknown {
			noPodENI++
		}
		if (l.Trunking == TrunkingCompatible) != (l.BranchENIs > 0) {
			t.Errorf("%s: %s with %d branch ENIs", Name(i), l.Trunking, l.BranchENIs)
		}
	}
	if noVCPUs != 35 || noPodENI != 19 {
		t.Errorf("%d types without vCPUs, %d without PodEni; the data README says 35 and 19", noVCPUs, noPodENI)
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, ok := Lookup("p4d.24xlarge"); !ok {
			t.Fatal("not found")
		}
		_, _ = Lookup("no.such-type")
	})
	if allocs != 0 {
		t.Fatalf("Lookup allocates %.1f times per call, want 0", allocs)
	}
}

func TestSuggest(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"m5.lrage", []string{"m5.large"}},
		{"M5.LARGE", []string{"m5.large"}},
		{"r5.xlarg", []string{"r5.xlarge"}},
		{"m5.xlarg", []string{"m5.xlarge"}},
		{"c6g.larg", []string{"c6g.large"}},
		{"r5.larje", []string{"r5.large"}},
		{"p4d.24xl", []string{"p4d.24xlarge"}},
		{"t3.mediun", []string{"t3.medium"}},
		{"m5.2xlarge ", []string{"m5.2xlarge"}},
		// Nothing within edit distance: other sizes of the family.
		{"hpc7a.huge", []string{"hpc7a.12xlarge", "hpc7a.24xlarge", "hpc7a.48xlarge"}},
		{"", nil},
		{"zzzzzzzzzzzz", nil},
	}
	for _, c := range cases {
		got := Suggest(c.in, 3)
		if len(got) == 0 && len(c.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFindError(t *testing.T) {
	_, err := Find("m5.lrage")
	if err == nil {
		t.Fatal("Find(m5.lrage) succeeded")
	}
	want := `instance type "m5.lrage" is not in the embedded table of 1420 EC2 instance types; did you mean m5.large?`
	if err.Error() != want {
		t.Fatalf("error = %q\nwant    %q", err.Error(), want)
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"ab", "ba", 1},
		{"large", "lrage", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
	}
	for _, c := range cases {
		if got := editDistance(c.a, c.b, 100); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if got := editDistance("kitten", "sitting", 1); got != 2 {
		t.Errorf("editDistance with limit 1 = %d, want 2 (limit+1)", got)
	}
}

func BenchmarkLookup(b *testing.B) {
	names := []string{"r5.xlarge", "p4d.24xlarge", "t3.nano", "m7i.48xlarge"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := Lookup(names[i%len(names)]); !ok {
			b.Fatal("not found")
		}
	}
}

// FuzzSuggest: any input gives at most n suggestions, all of them known
// instance types, and Find agrees with Lookup.
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"m5.lrage", "M5.LARGE", "", " ", "p4d", "zzzz", "r5.xlarge"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := Suggest(name, 3)
		if len(got) > 3 {
			t.Fatalf("%d suggestions", len(got))
		}
		for _, s := range got {
			if _, ok := Lookup(s); !ok {
				t.Fatalf("suggested %q, which is not in the table", s)
			}
		}
		_, lookupOK := Lookup(name)
		if _, err := Find(name); (err == nil) != lookupOK {
			t.Fatalf("Find and Lookup disagree on %q", name)
		}
	})
}
