// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package echo

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"m5.large", `"m5.large"`},
		{"", `""`},
		{strings.Repeat("a", 64), `"` + strings.Repeat("a", 64) + `"`},
		{strings.Repeat("a", 65), `"` + strings.Repeat("a", 64) + `…" (65 characters)`},
		{strings.Repeat("é", 1<<20), `"` + strings.Repeat("é", 64) + `…" (1048576 characters)`},
		{"tab\there", `"tab\there"`},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%.20q…) = %s, want %s", c.in, got, c.want)
		}
	}
	if got := Cut(strings.Repeat("b", 70)); got != strings.Repeat("b", 64)+"…" {
		t.Errorf("Cut = %q", got)
	}
}

func TestList(t *testing.T) {
	many := make([]string, 500)
	for i := range many {
		many[i] = "g"
	}
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b, c, d and e"},
		{[]string{"a", "b", "c", "d", "e", "f"}, "a, b, c, d, e and 1 more"},
		{many, "g, g, g, g, g and 495 more"},
	} {
		if got := List(c.in); got != c.want {
			t.Errorf("List(%d items) = %q, want %q", len(c.in), got, c.want)
		}
	}
}
