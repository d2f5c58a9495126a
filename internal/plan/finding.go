// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package plan sizes EKS node groups against their subnets with the VPC
// CNI model of internal/ipam: the recommendation, the projections before
// and after, and the findings (errors and warnings) a plan should show.
// It has no Terraform imports; the provider maps findings to attribute
// paths.
package plan

import (
	"fmt"
	"slices"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// Severity of a finding.
type Severity uint8

const (
	Warning Severity = iota
	Error
)

// Where names the input a finding is about: an attribute, optionally an
// element of it (Index >= 0) and a field of that element or object.
type Where struct {
	Attr  string
	Index int
	Field string
	// FieldIndex, when >= 0, is an element of the list Field.
	FieldIndex int
}

// At names a top-level attribute or block.
func At(attr string) Where { return Where{Attr: attr, Index: -1, FieldIndex: -1} }

// AtIndex names an element of a list attribute or of a block list.
func AtIndex(attr string, i int) Where { return Where{Attr: attr, Index: i, FieldIndex: -1} }

// Dot names a field of the attribute or element.
func (w Where) Dot(field string) Where { w.Field = field; return w }

// Elem names an element of the list field.
func (w Where) Elem(i int) Where { w.FieldIndex = i; return w }

func (w Where) String() string {
	s := w.Attr
	if w.Index >= 0 {
		s += fmt.Sprintf("[%d]", w.Index)
	}
	if w.Field != "" {
		s += "." + w.Field
	}
	if w.FieldIndex >= 0 {
		s += fmt.Sprintf("[%d]", w.FieldIndex)
	}
	return s
}

// Finding is an error or warning about the inputs or what they lead to.
type Finding struct {
	Severity Severity
	Where    Where
	Summary  string
	Detail   string
	// Short, when set, is the detail in a few words without the way out,
	// for the notes of alternatives that cannot run the group.
	Short string
}

// Findings collects findings.
type Findings []Finding

func (f *Findings) add(sev Severity, where Where, summary, format string, args ...any) {
	*f = append(*f, Finding{Severity: sev, Where: where, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// last is the finding added last.
func (f Findings) last() *Finding { return &f[len(f)-1] }

// HasError reports whether any finding is an error.
func (f Findings) HasError() bool {
	for _, x := range f {
		if x.Severity == Error {
			return true
		}
	}
	return false
}

// sortedKeys returns a map's keys in order, for findings that must not
// depend on map iteration.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// maxSubnetErrors is how many subnets too small are each described in a
// finding of their own; the rest share one, which names a few: 10,000
// subnets too small are one message with a count, not 10,000 messages.
const maxSubnetErrors = 10

// tooSmall collects the subnets too small beyond the first
// maxSubnetErrors, to report them in one finding.
type tooSmall struct {
	n    int
	more []Where
}

// take reports whether the next subnet too small gets a finding of its
// own; if not, it is counted for the summary.
func (t *tooSmall) take(w Where) bool {
	t.n++
	if t.n <= maxSubnetErrors {
		return true
	}
	t.more = append(t.more, w)
	return false
}

// summarise adds the finding for the subnets counted but not described.
func (t *tooSmall) summarise(f *Findings, sev Severity, summary string) {
	if len(t.more) == 0 {
		return
	}
	names := make([]string, len(t.more))
	for i, w := range t.more {
		names[i] = w.String()
	}
	f.add(sev, t.more[0], summary, "%d more subnets are too small as well: %s. Each fails as those described above do; its fits attribute says which.",
		len(t.more), echo.List(names))
}
