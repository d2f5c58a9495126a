// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ec2limits

import (
	"errors"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestParseSizeOrder(t *testing.T) {
	// Smallest first, as EC2 names them; metal-Nxl sits with Nxlarge and
	// plain metal above everything.
	ordered := []string{"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "3xlarge", "4xlarge",
		"8xlarge", "9xlarge", "10xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge", "96xlarge", "224xlarge", "metal"}
	prev := Size(0)
	for _, s := range ordered {
		r, err := ParseSize(s)
		if err != nil {
			t.Fatalf("ParseSize(%q): %v", s, err)
		}
		if r <= prev {
			t.Errorf("ParseSize(%q) = %d, not above the previous size (%d)", s, r, prev)
		}
		prev = r
	}
	for metal, same := range map[string]string{"metal-12xl": "12xlarge", "metal-16xl": "16xlarge", "metal-24xl": "24xlarge", "metal-48xl": "48xlarge", "metal-96xl": "96xlarge"} {
		a, errA := ParseSize(metal)
		b, errB := ParseSize(same)
		if errA != nil || errB != nil || a != b {
			t.Errorf("ParseSize(%q) = %d, %v; ParseSize(%q) = %d, %v; want equal ranks", metal, a, errA, same, b, errB)
		}
	}
}

func TestParseSizeRejects(t *testing.T) {
	cases := map[string]string{
		"Large":     `"Large" is not an EC2 instance size; did you mean "large"?`,
		" xlarge":   `did you mean "xlarge"?`,
		"m5.large":  `did you mean "large"?`,
		"1xlarge":   `"1xlarge" is not an EC2 instance size. Sizes are, smallest first: nano, micro`,
		"04xlarge":  `is not an EC2 instance size.`,
		"4xl":       `is not an EC2 instance size.`,
		"huge":      `is not an EC2 instance size.`,
		"":          `"" is not an EC2 instance size.`,
		"metal-xl":  `is not an EC2 instance size.`,
		"-2xlarge":  `is not an EC2 instance size.`,
		"2xlarge ":  `did you mean "2xlarge"?`,
		"9999999xl": `is not an EC2 instance size.`,
	}
	for in, want := range cases {
		_, err := ParseSize(in)
		var se *SizeError
		if !errors.As(err, &se) {
			t.Errorf("ParseSize(%q) = %v, want a *SizeError", in, err)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSize(%q) error %q, want it to contain %q", in, err, want)
		}
	}
}

// Every size in the table parses, so the ranking can order every type.
func TestEveryTableSizeParses(t *testing.T) {
	for i := range Len() {
		if _, ok := SizeOf(Name(i)); !ok {
			t.Errorf("SizeOf(%q) failed", Name(i))
		}
	}
}

func TestFamilies(t *testing.T) {
	fs := Families()
	// 200 distinct name prefixes before the dot in the shipped table: 196
	// in the VPC CNI's 1,391 types plus c7g-flex, c8g-flex, m7g-flex and
	// m8g-flex from Karpenter's table.
	if len(fs) != 200 {
		t.Errorf("len(Families()) = %d, want 200", len(fs))
	}
	if !sort.StringsAreSorted(fs) {
		t.Error("Families() is not sorted")
	}
	for _, f := range []string{"m5", "m5d", "u7i-12tb", "bmn-sf1", "c7i-flex"} {
		if !HasFamily(f) {
			t.Errorf("HasFamily(%q) = false", f)
		}
	}
	for _, f := range []string{"m5.", "m", "", "M5", "m5.large"} {
		if HasFamily(f) {
			t.Errorf("HasFamily(%q) = true", f)
		}
	}
	fs[0] = "changed"
	if Families()[0] == "changed" {
		t.Error("Families returns the package's own slice")
	}
}

func TestFindFamily(t *testing.T) {
	if err := FindFamily("r5"); err != nil {
		t.Fatalf("FindFamily(r5): %v", err)
	}
	cases := map[string][]string{
		"M5":         {"m5"},
		"m5.large":   {"m5"},
		"m6":         {"m6a", "m6g", "m6i"}, // one edit; families it begins first
		"r5x":        {"r5", "r5a", "r5b"},
		"c7i-flx":    {"c7i-flex"},
		"zzzzzz":     nil,
		"   ":        nil,
		"graviton42": nil,
	}
	for in, want := range cases {
		err := FindFamily(in)
		var fe *UnknownFamilyError
		if !errors.As(err, &fe) {
			t.Errorf("FindFamily(%q) = %v, want *UnknownFamilyError", in, err)
			continue
		}
		if len(want)+len(fe.Suggestions) > 0 && !reflect.DeepEqual(fe.Suggestions, want) {
			t.Errorf("FindFamily(%q) suggests %q, want %q", in, fe.Suggestions, want)
		}
	}
	msg := FindFamily("r5x").Error()
	if want := `no instance type of family "r5x" is in the embedded table of 1420 EC2 instance types; did you mean r5, r5a or r5b?`; msg != want {
		t.Errorf("error %q, want %q", msg, want)
	}
	msg = FindFamily("zzzzzz").Error()
	if !strings.Contains(msg, `a family is the part of the name before the dot, such as "m5" of m5.large.`) {
		t.Errorf("error without suggestions does not explain families: %q", msg)
	}
}

func TestSelect(t *testing.T) {
	mustSize := func(s string) Size {
		r, err := ParseSize(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	cases := []struct {
		name string
		sel  Selection
		want []string
	}{
		{
			// Exactly the family: no m5d, m5n, m5a, m5zn.
			name: "one family",
			sel:  Selection{Families: []string{"m5"}},
			want: []string{"m5.12xlarge", "m5.16xlarge", "m5.24xlarge", "m5.2xlarge", "m5.4xlarge", "m5.8xlarge", "m5.large", "m5.metal", "m5.xlarge"},
		},
		{
			name: "families and bounds",
			sel:  Selection{Families: []string{"r5", "c5"}, Smallest: mustSize("xlarge"), Largest: mustSize("4xlarge")},
			want: []string{"c5.2xlarge", "c5.4xlarge", "c5.xlarge", "r5.2xlarge", "r5.4xlarge", "r5.xlarge"},
		},
		{
			// metal-24xl ranks as 24xlarge, metal above it.
			name: "metal-Nxl within Nxlarge bounds",
			sel:  Selection{Families: []string{"m7i"}, Smallest: mustSize("24xlarge"), Largest: mustSize("24xlarge")},
			want: []string{"m7i.24xlarge", "m7i.metal-24xl"},
		},
		{
			name: "only metal",
			sel:  Selection{Families: []string{"m5", "c5"}, Smallest: mustSize("metal")},
			want: []string{"c5.metal", "m5.metal"},
		},
		{
			name: "no family of that size",
			sel:  Selection{Families: []string{"t3"}, Smallest: mustSize("4xlarge")},
			want: nil,
		},
		{
			name: "unknown family selects nothing",
			sel:  Selection{Families: []string{"zz9"}},
			want: nil,
		},
	}
	for _, c := range cases {
		if got := Select(c.sel); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Select = %q, want %q", c.name, got, c.want)
		}
	}
	if got := len(Select(Selection{})); got != 1420 {
		t.Errorf("Select with no filter returns %d types, want all 1420", got)
	}
	// nano: t3.nano, t3a.nano, t4g.nano and t2.nano.
	if got := Select(Selection{Largest: mustSize("nano")}); len(got) != 4 {
		t.Errorf("Select up to nano = %q, want the 4 nano types", got)
	}
}

// TestSelectEveryFamily: Select finds a family's types by searching the
// sorted table for its prefix; scanning every name for its family must
// give the same types, for each family alone and for all of them at once.
func TestSelectEveryFamily(t *testing.T) {
	var all []string
	for _, f := range Families() {
		var want []string
		for i := range Len() {
			if family(Name(i)) == f {
				want = append(want, Name(i))
			}
		}
		if got := Select(Selection{Families: []string{f}}); !slices.Equal(got, want) {
			t.Fatalf("Select(%s) = %v, want %v", f, got, want)
		}
		all = append(all, f)
	}
	slices.Reverse(all)
	if got := Select(Selection{Families: all}); len(got) != Len() || !slices.IsSorted(got) {
		t.Fatalf("every family selects %d types (sorted %t), want all %d in name order", len(got), slices.IsSorted(got), Len())
	}
}
