// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// Every input is read once, by the readers here, with its bounds and
// shape written once, at the read. The schemas carry no validators: a
// value's check lives where the value is decoded, so the check that says
// "1 to 100000" and the code that relies on it cannot disagree, and the
// checks that combine values know which ones were refused.

// Bounds shared by several inputs.
const (
	// maxTarget bounds counts of pods, nodes and warm-pool targets.
	maxTarget = 100000
	// maxAvailableIPs bounds a subnet's free addresses: a /8 holds 2^24.
	maxAvailableIPs = 1 << 24
	// maxNameLen bounds names and ids that messages and outputs repeat:
	// EKS node group names are at most 63 characters, subnet ids 24.
	maxNameLen = 64
)

// invalid adds the framework's wording for a bad attribute value.
func (d *decoder) invalid(at path.Path, what, got string) {
	d.errs.AddAttributeError(at, "Invalid Attribute Value", fmt.Sprintf("Attribute %s %s, got: %s", pathString(at), what, got))
}

// whole reads a whole-number attribute from lo to hi. ok is false when it
// is null, unknown or refused (with an error). Counts are number
// attributes rather than Int64 ones: the framework converts an Int64
// before any check runs, so 1.5 or 1e20 would end in its "Value
// Conversion Error"; as numbers they get this message.
func (o inObject) whole(name string, lo, hi int64) (int, bool) {
	f, ok := o.number(name)
	if !ok {
		return 0, false
	}
	return wholeIn(o.d, f, o.attr(name), lo, hi)
}

// wholeOr reads an optional whole number, def when null (or unknown or
// refused, which the decoder records).
func (o inObject) wholeOr(name string, lo, hi int64, def int) int {
	if n, ok := o.whole(name, lo, hi); ok {
		return n
	}
	return def
}

func wholeIn(d *decoder, f *big.Float, at path.Path, lo, hi int64) (int, bool) {
	if !f.IsInt() {
		d.invalid(at, fmt.Sprintf("value must be a whole number between %d and %d", lo, hi), formatNumber(f))
		return 0, false
	}
	if f.Cmp(big.NewFloat(float64(lo))) < 0 || f.Cmp(big.NewFloat(float64(hi))) > 0 {
		d.invalid(at, fmt.Sprintf("value must be between %d and %d", lo, hi), formatNumber(f))
		return 0, false
	}
	i, _ := f.Int64()
	return int(i), true
}

// formatNumber prints whole numbers in full (3000000000, not 3e+09) up to
// 20 digits and everything else in the shortest exact form (1.5, 1e+20).
func formatNumber(f *big.Float) string {
	if f.IsInt() && f.MinPrec() <= 64 {
		return f.Text('f', 0)
	}
	return f.Text('g', -1)
}

// boolOr reads an optional bool, def when null (or unknown, which the
// decoder records).
func (o inObject) boolOr(name string, def bool) bool {
	if b, ok := o.boolean(name); ok {
		return b
	}
	return def
}

// text reads a string attribute that must pass check (which returns ""
// for a good value and the detail of the error otherwise). ok is false
// when it is null, unknown or refused.
func (o inObject) text(name string, check stringCheck) (string, bool) {
	s, ok := o.str(name)
	if !ok {
		return "", false
	}
	return s, check.apply(o.d, o.attr(name), s)
}

// stringCheck is the check of one kind of string: summary names the error
// and detail returns "" for a good value or says what is wrong and what
// would be right.
type stringCheck struct {
	summary string
	detail  func(string) string
}

func (c stringCheck) apply(d *decoder, at path.Path, s string) bool {
	if msg := c.detail(s); msg != "" {
		d.errs.AddAttributeError(at, c.summary, msg)
		return false
	}
	return true
}

// texts reads a list of strings that must each pass check, at least
// minLen of them, none null; unique says whether duplicates are refused.
// ok is false when the list is null, unknown (in part) or refused.
func (o inObject) texts(name string, minLen int, unique bool, check stringCheck) ([]string, bool) {
	els, ok := o.elements(name)
	if !ok {
		return nil, false
	}
	at := o.attr(name)
	if len(els) < minLen {
		o.d.invalid(at, fmt.Sprintf("list must contain at least %d elements", minLen), fmt.Sprint(len(els)))
		return nil, false
	}
	out := make([]string, 0, len(els))
	seen := map[string]int{}
	good := true
	for i, e := range els {
		if e.v.IsNull() {
			o.d.errs.AddAttributeError(e.at, "Null List Value", fmt.Sprintf("Element %d of %s is null; remove it or give a value.", i, pathString(at)))
			good = false
			continue
		}
		var s string
		if err := e.v.As(&s); err != nil {
			reportBug(&o.d.errs, "%s: %s.", pathString(e.at), err)
			return nil, false
		}
		if first, dup := seen[s]; unique && dup {
			o.d.errs.AddAttributeError(e.at, "Duplicate List Value", fmt.Sprintf("%s is also element %d of %s; list each value once.", echo.Quote(s), first, pathString(at)))
			good = false
			continue
		}
		seen[s] = i
		good = check.apply(o.d, e.at, s) && good
		out = append(out, s)
	}
	return out, good
}

// wholes reads a list of whole numbers from lo to hi, none null.
func (o inObject) wholes(name string, minLen int, lo, hi int64) ([]int, bool) {
	els, ok := o.elements(name)
	if !ok {
		return nil, false
	}
	at := o.attr(name)
	if len(els) < minLen {
		o.d.invalid(at, fmt.Sprintf("list must contain at least %d elements", minLen), fmt.Sprint(len(els)))
		return nil, false
	}
	out := make([]int, 0, len(els))
	good := true
	for i, e := range els {
		if e.v.IsNull() {
			o.d.errs.AddAttributeError(e.at, "Null List Value", fmt.Sprintf("Element %d of %s is null; remove it or give a value.", i, pathString(at)))
			good = false
			continue
		}
		f, ok := numberValue(o.d, e.v, e.at)
		if !ok {
			return nil, false
		}
		n, ok := wholeIn(o.d, f, e.at, lo, hi)
		good = good && ok
		out = append(out, n)
	}
	return out, good
}

// oneOf is a check that a string is one of values.
func oneOf(summary string, values ...string) stringCheck {
	return stringCheck{summary: summary, detail: func(s string) string {
		for _, v := range values {
			if s == v {
				return ""
			}
		}
		return fmt.Sprintf("%s is not one of %s.", echo.Quote(s), quoteAll(values))
	}}
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// complete reports whether every value was known and accepted: the
// checks that combine values run only then, so that one bad value gives
// one error and an unknown one none yet.
func (d *decoder) complete() bool { return !d.errs.HasError() && len(d.unknown) == 0 && !d.missing }

// need marks the configuration incomplete when a required attribute is
// null; Terraform itself reports that ("Missing Configuration for
// Required Attribute"), so the provider adds no error of its own.
func (o inObject) need(name string) {
	if o.isNull(name) {
		o.d.missing = true
	}
}
