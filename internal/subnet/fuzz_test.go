// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package subnet

import (
	"strings"
	"testing"
)

// FuzzParse: Parse never panics, accepts only canonical IPv4 subnets of
// the sizes AWS allows, and what it accepts prints back to the input with
// self-consistent counts.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"10.0.0.0/24", "10.0.0.5/24", "::/0", "100.64.0.0/16", "1.2.3.4", "", "10.0.0.0/28", "0.0.0.0/0", "10.0.0.0/024"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, cidr string) {
		s, err := Parse(cidr)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("empty error for %q", cidr)
			}
			return
		}
		if s.String() != cidr {
			t.Fatalf("Parse(%q) accepted a non-canonical form %q", cidr, s.String())
		}
		if s.Bits() < MinPrefixLen || s.Bits() > MaxPrefixLen {
			t.Fatalf("accepted /%d", s.Bits())
		}
		if s.Usable() != s.Size()-Reserved || s.PrefixBlocks() > s.Size()/16 || s.PrefixBlocks() < 0 {
			t.Fatalf("%s: size %d usable %d blocks %d", cidr, s.Size(), s.Usable(), s.PrefixBlocks())
		}
		if bits, ok := SmallestFor(s.Usable()); !ok || bits < s.Bits() {
			t.Fatalf("SmallestFor(%d) = /%d, but %s holds it", s.Usable(), bits, cidr)
		}
		if !s.Overlaps(s) {
			t.Fatalf("%s does not overlap itself", cidr)
		}
	})
}
