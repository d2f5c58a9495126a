// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ec2limits

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// This file answers questions about the table as a whole: which families
// it holds, how instance sizes order, and which types a family and size
// range select. vpccni_instance_types ranks what Select returns.

// Size is the rank of an instance size such as "large" or "4xlarge":
// larger sizes rank higher. The zero Size is no size (and no bound in a
// Selection).
type Size int

// Ranks of the named sizes. "xlarge" is 1xlarge, so Nxlarge ranks at
// sizeLarge+N; "metal-Nxl" ranks as Nxlarge, and plain "metal" (whole
// host, no size in its name) above every size.
const (
	sizeNano Size = 1 + iota
	sizeMicro
	sizeSmall
	sizeMedium
	sizeLarge
	sizeMetal = sizeLarge + maxSizeMultiplier + 1
)

// maxSizeMultiplier bounds N in Nxlarge and metal-Nxl. The largest type
// today is 224xlarge; the bound keeps ranks below sizeMetal.
const maxSizeMultiplier = 100000

// MaxSize is the largest rank, plain "metal". Ranks stay this small (below
// 2^17) so that callers can pack them into sort keys.
const MaxSize = sizeMetal

// namedSize returns the rank of a size spelt as a word. A switch, not a
// map: ranking the whole table looks up every type's size.
func namedSize(s string) (Size, bool) {
	switch s {
	case "nano":
		return sizeNano, true
	case "micro":
		return sizeMicro, true
	case "small":
		return sizeSmall, true
	case "medium":
		return sizeMedium, true
	case "large":
		return sizeLarge, true
	case "xlarge":
		return sizeLarge + 1, true
	case "metal":
		return sizeMetal, true
	}
	return 0, false
}

// sizeFormat says which size strings ParseSize accepts, in order.
const sizeFormat = `nano, micro, small, medium, large, xlarge, then Nxlarge by N (2xlarge, 3xlarge, 4xlarge, ...), ` +
	`with "metal-Nxl" ranking as Nxlarge and plain "metal" above every size`

// SizeError says that a string is not an instance size.
type SizeError struct {
	Size string
	// Suggestion is the size the input most likely meant, "" when none.
	Suggestion string
}

func (e *SizeError) Error() string {
	msg := fmt.Sprintf("%q is not an EC2 instance size", e.Size)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	} else {
		msg += "."
	}
	return msg + " Sizes are, smallest first: " + sizeFormat + "."
}

// ParseSize returns the rank of a size: the part of an instance type name
// after the dot. It accepts any well-formed size, not only those in the
// table, because a bound such as "5xlarge" is meaningful even when no type
// has that size.
func ParseSize(s string) (Size, error) {
	if r, ok := sizeRank(s); ok {
		return r, nil
	}
	e := &SizeError{Size: s}
	// Case, white space and a whole instance type name are the usual
	// slips; offer the size they spell when it is one.
	clean := strings.ToLower(strings.TrimSpace(s))
	if _, after, ok := strings.Cut(clean, "."); ok {
		clean = after
	}
	if _, ok := sizeRank(clean); ok && clean != s {
		e.Suggestion = clean
	}
	return 0, e
}

// sizeRank parses a size without allocating.
func sizeRank(s string) (Size, bool) {
	if r, ok := namedSize(s); ok {
		return r, true
	}
	if n, ok := strings.CutSuffix(s, "xlarge"); ok {
		// "1xlarge" is spelled "xlarge", so N starts at 2.
		if m, ok := multiplier(n); ok && m >= 2 {
			return sizeLarge + Size(m), true
		}
		return 0, false
	}
	if n, ok := strings.CutPrefix(s, "metal-"); ok {
		if n, ok := strings.CutSuffix(n, "xl"); ok {
			if m, ok := multiplier(n); ok {
				return sizeLarge + Size(m), true
			}
		}
	}
	return 0, false
}

// multiplier parses the N of Nxlarge: digits without a leading zero.
func multiplier(s string) (int, bool) {
	if s == "" || s[0] == '0' || len(s) > 6 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	m := 0
	for i := 0; i < len(s); i++ {
		m = m*10 + int(s[i]-'0')
	}
	return m, m <= maxSizeMultiplier
}

// SizeOf returns the rank of an instance type's size, false when its name
// has no size part that ParseSize accepts.
func SizeOf(instanceType string) (Size, bool) {
	_, size, ok := strings.Cut(instanceType, ".")
	if !ok {
		return 0, false
	}
	return sizeRank(size)
}

// families is every family of the table, sorted; built once.
var families = func() []string {
	var out []string
	for i := range table {
		f := family(table[i].name)
		if len(out) == 0 || out[len(out)-1] != f {
			out = append(out, f)
		}
	}
	// The table is sorted by name, so each family's rows are contiguous
	// ("m5." sorts before "m5a", "m5d"), but "m5-x." would sort before
	// "m5.", so sort the families themselves.
	sort.Strings(out)
	return out
}()

// Families returns every instance family in the table, sorted. A family
// is the part of a name before the dot: "m5" for m5.large, "u7i-12tb" for
// u7i-12tb.224xlarge.
func Families() []string { return append([]string(nil), families...) }

// HasFamily reports whether the table holds a type of family f.
func HasFamily(f string) bool {
	i := sort.SearchStrings(families, f)
	return i < len(families) && families[i] == f
}

// UnknownFamilyError says that no type in the table belongs to a family,
// and which families are closest to it.
type UnknownFamilyError struct {
	Family      string
	Suggestions []string
}

func (e *UnknownFamilyError) Error() string {
	msg := fmt.Sprintf("no instance type of family %q is in the embedded table of %d EC2 instance types", e.Family, len(table))
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + joinOr(e.Suggestions) + "?"
	} else {
		msg += `; a family is the part of the name before the dot, such as "m5" of m5.large.`
	}
	return msg
}

// FindFamily returns nil when the table holds the family and an
// *UnknownFamilyError with suggestions otherwise.
func FindFamily(f string) error {
	if HasFamily(f) {
		return nil
	}
	return &UnknownFamilyError{Family: f, Suggestions: SuggestFamilies(f, 3)}
}

// SuggestFamilies returns up to n families closest to f by edit distance
// (ties in sorted order). Case and surrounding spaces are ignored, and a
// whole instance type name ("m5.large") suggests its family.
func SuggestFamilies(f string, n int) []string {
	query := strings.ToLower(strings.TrimSpace(f))
	if query == "" || n <= 0 {
		return nil
	}
	if HasFamily(family(query)) {
		return []string{family(query)}
	}
	// Family names are short, so one edit already covers most slips
	// ("m6" for m6i, "r5x" for r5); allow two for longer names.
	limit := 1
	if len(query) > 4 {
		limit = 2
	}
	type candidate struct {
		name   string
		dist   int
		prefix bool
	}
	var found []candidate
	for _, name := range families {
		if d := editDistance(query, name, limit); d <= limit {
			found = append(found, candidate{name, d, strings.HasPrefix(name, query)})
		}
	}
	// Among equally close families, those the query begins ("m6" for
	// m6a, m6g, m6i) are likelier than those it merely resembles (g6, m1).
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		return a.prefix && !b.prefix
	})
	out := make([]string, 0, min(n, len(found)))
	for _, c := range found {
		// Past the closest matches, further names are noise, as in Suggest.
		if len(out) == n || c.dist > found[0].dist {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// Selection picks instance types from the table.
type Selection struct {
	// Families, when not empty, keeps the types of these families only.
	// A family matches the part of the name before the dot exactly: "m5"
	// selects m5.large but not m5d.large.
	Families []string
	// Smallest and Largest bound the size, inclusive; 0 is no bound.
	Smallest, Largest Size
}

// Select returns the names of the selected types in table (name) order.
// Unknown families select nothing; callers check them with FindFamily.
func Select(sel Selection) []string {
	var out []string
	keep := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			name := table[i].name
			if sel.Smallest != 0 || sel.Largest != 0 {
				s, ok := SizeOf(name)
				if !ok || (sel.Smallest != 0 && s < sel.Smallest) || (sel.Largest != 0 && s > sel.Largest) {
					continue
				}
			}
			out = append(out, name)
		}
	}
	if len(sel.Families) == 0 {
		keep(0, len(table))
		return out
	}
	// The table is sorted by name, so a family's types ("m5." and
	// whatever follows) are one run of it, and the runs of families
	// sorted by that prefix come in table order: the dot sorts before
	// every letter and digit, so "c5." runs end before "c5d." runs start.
	prefixes := make([]string, len(sel.Families))
	for i, f := range sel.Families {
		prefixes[i] = f + "."
	}
	slices.Sort(prefixes)
	prefixes = slices.Compact(prefixes)
	for _, p := range prefixes {
		lo := sort.Search(len(table), func(i int) bool { return table[i].name >= p })
		hi := lo
		for hi < len(table) && strings.HasPrefix(table[hi].name, p) {
			hi++
		}
		keep(lo, hi)
	}
	return out
}
