// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

func entriesOf(t testing.TB, cidrs ...string) []cidrEntry {
	t.Helper()
	out := make([]cidrEntry, len(cidrs))
	for i, c := range cidrs {
		p, err := subnet.Parse(c)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = cidrEntry{cidr: p, where: AtIndex(attrSubnetCIDRs, i)}
	}
	return out
}

func TestOverlapGroups(t *testing.T) {
	cases := []struct {
		cidrs []string
		want  [][]int
	}{
		{[]string{"10.0.0.0/24", "10.0.1.0/24"}, nil},
		// Adjacent is not overlapping; inside is.
		{[]string{"10.0.1.0/24", "10.0.0.0/23", "10.0.2.0/24"}, [][]int{{0, 1}}},
		// Two separate groups, reported in input order of their first.
		{[]string{"10.0.8.0/24", "10.0.0.0/24", "10.0.0.0/24", "10.0.8.0/25"}, [][]int{{0, 3}, {1, 2}}},
		// A large block holds several small ones: one group.
		{[]string{"10.0.0.0/28", "10.0.0.64/28", "10.0.0.0/16", "10.1.0.0/16"}, [][]int{{0, 1, 2}}},
	}
	for _, c := range cases {
		if got := overlapGroups(entriesOf(t, c.cidrs...)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("overlapGroups(%v) = %v, want %v", c.cidrs, got, c.want)
		}
	}
}

// Two hundred copies of one CIDR are one overlap, one error (comparing
// every pair once gave 19,900), which names the first two and counts the
// rest.
func TestOverlapDuplicatesOneError(t *testing.T) {
	cidrs := make([]string, 200)
	for i := range cidrs {
		cidrs[i] = "10.0.0.0/24"
	}
	var f Findings
	addOverlaps(&f, entriesOf(t, cidrs...))
	if len(f) != 1 || f[0].Where.String() != "subnet_cidrs[1]" ||
		!strings.HasPrefix(f[0].Detail, "subnet_cidrs[1] = 10.0.0.0/24 overlaps subnet_cidrs[0] = 10.0.0.0/24, and so do subnet_cidrs[2], subnet_cidrs[3], subnet_cidrs[4], subnet_cidrs[5], subnet_cidrs[6] and 193 more.") {
		t.Fatalf("findings: %+v", f)
	}
}

// tenThousandSubnets are 10,000 distinct /28s in 10.0.0.0/16 and the next
// /16, none overlapping.
func tenThousandSubnets() []string {
	out := make([]string, 10000)
	for i := range out {
		out[i] = fmt.Sprintf("10.%d.%d.%d/28", i/4096, (i%4096)/16, (i%16)*16)
	}
	return out
}

func TestOverlapTenThousand(t *testing.T) {
	var f Findings
	addOverlaps(&f, entriesOf(t, tenThousandSubnets()...))
	if len(f) != 0 {
		t.Fatalf("%d findings, first %+v", len(f), f[0])
	}
}

func BenchmarkOverlapTenThousand(b *testing.B) {
	entries := entriesOf(b, tenThousandSubnets()...)
	b.ReportAllocs()
	for b.Loop() {
		var f Findings
		addOverlaps(&f, entries)
	}
}

// Ten thousand subnets too small are ten findings of their own and one
// that counts the rest, not ten thousand messages.
func TestTooSmallSummarised(t *testing.T) {
	in := article(t)
	in.NodeCount = 10000
	for _, c := range tenThousandSubnets() {
		in.Subnets = append(in.Subnets, SubnetInput{CIDR: c, Available: -1})
	}
	r := WarmPool(in)
	if len(r.Findings) != maxSubnetErrors+1 {
		t.Fatalf("%d findings", len(r.Findings))
	}
	last := r.Findings[maxSubnetErrors]
	if last.Where.String() != "subnet_cidrs[10]" || !strings.HasPrefix(last.Detail, "9990 more subnets are too small as well: subnet_cidrs[10], subnet_cidrs[11], subnet_cidrs[12], subnet_cidrs[13], subnet_cidrs[14] and 9985 more.") {
		t.Fatalf("summary %+v", last)
	}
}
