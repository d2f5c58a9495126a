// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package chart renders the small SVG charts of the provider's docs: step
// lines (StepChart) and grouped bars (BarChart), with axes, ticks, a legend,
// annotations and notes. It uses the standard library only and knows
// nothing of the model; package figures feeds it the model's numbers.
//
// The output is the same bytes for the same input on every platform: numbers
// are printed with at most two decimals, nothing is read from a map, no
// clock or randomness is involved, and every float product that reaches the
// output is rounded explicitly, so no compiler may fuse it into an FMA. That
// lets the charts be committed and checked like generated code.
//
// Every chart carries a <title> and a <desc> (aria-labelledby both), names
// its series in a legend and tells them apart by dash pattern, marker or
// fill pattern as well as by colour (Okabe-Ito colours, which survive the
// common colour-vision deficiencies). It paints its own background: light
// colours by presentation attributes, dark ones by a prefers-color-scheme
// style, so text never sits on a background it was not chosen for, whether
// GitHub shows the page in its light or dark theme.
package chart

import (
	"bytes"
	"strconv"
	"strings"
)

type attr struct{ key, val string }

func at(key, val string) attr { return attr{key, val} }

func atf(key string, v float64) attr { return attr{key, num(v)} }

// writer writes indented SVG, one element a line, so that a changed chart
// shows as a readable diff in docs-check.
type writer struct {
	buf   bytes.Buffer
	depth int
}

func (w *writer) indent() {
	for range w.depth {
		w.buf.WriteString("  ")
	}
}

func (w *writer) tag(name string, attrs []attr) {
	w.buf.WriteByte('<')
	w.buf.WriteString(name)
	for _, a := range attrs {
		// An empty value means "leave the attribute out", which keeps
		// optional attributes (a dash pattern, a class) easy to pass.
		if a.val == "" {
			continue
		}
		w.buf.WriteByte(' ')
		w.buf.WriteString(a.key)
		w.buf.WriteString(`="`)
		w.buf.WriteString(escape(a.val))
		w.buf.WriteByte('"')
	}
}

// open starts an element that close ends.
func (w *writer) open(name string, attrs ...attr) {
	w.indent()
	w.tag(name, attrs)
	w.buf.WriteString(">\n")
	w.depth++
}

func (w *writer) close(name string) {
	w.depth--
	w.indent()
	w.buf.WriteString("</" + name + ">\n")
}

// leaf writes an element without content.
func (w *writer) leaf(name string, attrs ...attr) {
	w.indent()
	w.tag(name, attrs)
	w.buf.WriteString("/>\n")
}

// elem writes an element with text content.
func (w *writer) elem(name, content string, attrs ...attr) {
	w.indent()
	w.tag(name, attrs)
	w.buf.WriteByte('>')
	w.buf.WriteString(escape(content))
	w.buf.WriteString("</" + name + ">\n")
}

// comment writes an XML comment; "--" is not allowed in one, so it is
// spelled "- -".
func (w *writer) comment(s string) {
	w.indent()
	w.buf.WriteString("<!-- " + strings.ReplaceAll(s, "--", "- -") + " -->\n")
}

// rawLine writes s as it is (for the style sheet).
func (w *writer) rawLine(s string) {
	w.indent()
	w.buf.WriteString(s)
	w.buf.WriteByte('\n')
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escape(s string) string { return escaper.Replace(s) }

// num prints a coordinate with at most two decimals and no trailing zeros:
// 12, 12.5, 12.35. Two decimals are a hundredth of a pixel, finer than any
// screen shows.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// Thousands prints n with a comma between groups of three digits, as the
// docs write numbers: 1,019.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// textWidth estimates the width of s in a sans-serif face at size pixels,
// from rough per-letter advances of Helvetica and Arial. It errs wide: the
// legend and labels are laid out with it, and too much room is harmless.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("il.,:;|!'`Ijf1()[] ", r):
			w += 0.32
		case strings.ContainsRune("rt-/", r):
			w += 0.42
		case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '%':
			w += 0.9
		case r >= 'A' && r <= 'Z', r == '_', r == '=', r == '+', r == '×':
			w += 0.7
		default:
			w += 0.58
		}
	}
	return float64(w * size)
}
