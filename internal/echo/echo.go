// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package echo keeps diagnostics short: user input is quoted at most
// MaxRunes long, and long lists are cut after a few items with a count of
// the rest. A 1 MB instance type name or 500 node group names belong in
// the configuration, not in an error message.
package echo

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxRunes is how much of a user's string a message repeats.
const MaxRunes = 64

// ListItems is how many items a message lists before "and N more".
const ListItems = 5

// Quote returns s as a Go-quoted string, cut to MaxRunes runes with the
// full length said after it: "abc…" (1048576 characters).
func Quote(s string) string {
	if utf8.RuneCountInString(s) <= MaxRunes {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == MaxRunes {
			return fmt.Sprintf("%s (%d characters)", strconv.Quote(s[:i]+"…"), utf8.RuneCountInString(s))
		}
		n++
	}
	return strconv.Quote(s)
}

// Cut returns s cut to MaxRunes runes (with "…"), unquoted, for text that
// is already safe to print such as a parsed CIDR or an instance type that
// matched a pattern.
func Cut(s string) string {
	if utf8.RuneCountInString(s) <= MaxRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// List joins items with ", " and " and ", naming at most ListItems of
// them: "a, b, c, d, e and 495 more".
func List(items []string) string {
	return ListN(items, ListItems)
}

// ListN is List with at most n items named.
func ListN(items []string, n int) string {
	n = max(n, 1)
	switch {
	case len(items) == 0:
		return ""
	case len(items) == 1:
		return items[0]
	case len(items) <= n:
		return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}
