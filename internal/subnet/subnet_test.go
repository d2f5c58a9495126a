// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package subnet

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	good := map[string]struct{ usable, blocks int }{
		// AWS VPC guide: a /24 offers 251 addresses, a /28 11.
		"10.0.0.0/24":     {251, 14},
		"10.0.0.0/25":     {123, 6},
		"10.0.0.0/28":     {11, 0},
		"10.0.0.0/27":     {27, 0},
		"10.0.0.0/26":     {59, 2},
		"100.64.0.0/16":   {65531, 4094},
		"192.168.10.0/23": {507, 30},
	}
	for cidr, want := range good {
		s, err := Parse(cidr)
		if err != nil {
			t.Errorf("Parse(%q): %v", cidr, err)
			continue
		}
		if s.Usable() != want.usable || s.PrefixBlocks() != want.blocks {
			t.Errorf("%s: usable %d, blocks %d; want %d, %d", cidr, s.Usable(), s.PrefixBlocks(), want.usable, want.blocks)
		}
		if s.String() != cidr {
			t.Errorf("String() = %q, want %q", s.String(), cidr)
		}
	}
	bad := map[string]string{
		"":               "not a CIDR block",
		"10.0.0.0":       "is an address, not a CIDR block",
		"10.0.0.5/24":    "host bits set: the subnet is 10.0.0.0/24",
		"10.0.0.0/15":    "AWS subnets are /16 to /28",
		"10.0.0.0/29":    "AWS subnets are /16 to /28",
		"2001:db8::/64":  "is not IPv4",
		" 10.0.0.0/24":   "surrounding white space",
		"10.0.0.0/24\n":  "surrounding white space",
		"10.0.0.256/24":  "not a CIDR block",
		"10.0.0.0/24/24": "not a CIDR block",
	}
	for cidr, want := range bad {
		if _, err := Parse(cidr); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", cidr, err, want)
		}
	}
}

func TestSmallestFor(t *testing.T) {
	cases := []struct {
		n, bits int
		ok      bool
	}{
		{0, 28, true}, {11, 28, true}, {12, 27, true}, {240, 24, true}, {251, 24, true},
		{252, 23, true}, {450, 23, true}, {65531, 16, true}, {65532, 0, false},
	}
	for _, c := range cases {
		bits, ok := SmallestFor(c.n)
		if bits != c.bits || ok != c.ok {
			t.Errorf("SmallestFor(%d) = /%d %t, want /%d %t", c.n, bits, ok, c.bits, c.ok)
		}
	}
	for n, want := range map[int]int{1: 26, 2: 26, 3: 25, 6: 25, 7: 24, 14: 24, 15: 23} {
		if bits, ok := SmallestForPrefixBlocks(n); !ok || bits != want {
			t.Errorf("SmallestForPrefixBlocks(%d) = /%d, want /%d", n, bits, want)
		}
	}
	for n, want := range map[int]int{0: 28, 1: 28, 2: 27, 3: 26, 4: 26, 5: 25, 14: 24, 16: 24, 17: 23} {
		if got := ReservationBitsFor(n); got != want {
			t.Errorf("ReservationBitsFor(%d) = /%d, want /%d", n, got, want)
		}
	}
}

func TestSpread(t *testing.T) {
	cases := []struct {
		total, n int
		want     []int
	}{
		{10, 3, []int{4, 3, 3}}, {2, 3, []int{1, 1, 0}}, {0, 2, []int{0, 0}}, {9, 3, []int{3, 3, 3}}, {5, 0, nil},
	}
	for _, c := range cases {
		if got := Spread(c.total, c.n); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spread(%d, %d) = %v, want %v", c.total, c.n, got, c.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	a, _ := Parse("10.0.0.0/24")
	b, _ := Parse("10.0.0.128/25")
	c, _ := Parse("10.0.1.0/24")
	if !a.Overlaps(b) || a.Overlaps(c) {
		t.Fatal("overlap check wrong")
	}
}

func TestBlocksNeeded(t *testing.T) {
	// A /24 has 14 interior blocks and 12 + 15 usable edge addresses.
	cases := []struct{ bits, prefixes, singles, want int }{
		{24, 10, 0, 10},
		{24, 10, 27, 10}, // primaries fit in the edge blocks
		{24, 10, 28, 11}, // one more spoils a block
		{24, 10, 43, 11},
		{24, 10, 44, 12},
		{28, 1, 1, 1},
	}
	for _, c := range cases {
		if got := BlocksNeeded(c.bits, c.prefixes, c.singles); got != c.want {
			t.Errorf("BlocksNeeded(/%d, %d, %d) = %d, want %d", c.bits, c.prefixes, c.singles, got, c.want)
		}
	}
	if EdgeAddressesIn(24) != 27 || EdgeAddressesIn(27) != 27 || EdgeAddressesIn(28) != 11 {
		t.Errorf("EdgeAddressesIn: %d %d %d", EdgeAddressesIn(24), EdgeAddressesIn(27), EdgeAddressesIn(28))
	}
}
