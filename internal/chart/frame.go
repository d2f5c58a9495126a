// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package chart

import (
	"fmt"
	"strings"
)

// Frame is what every chart has around its plot.
type Frame struct {
	// ID prefixes every id in the SVG, so that two charts inlined in one
	// page do not clash. Letters, digits and '-' only.
	ID string
	// Title is the visible heading and the SVG <title>.
	Title string
	// Subtitle is a muted line under the title.
	Subtitle string
	// Desc is the SVG <desc>: what the chart shows, in words, for screen
	// readers and for anyone who cannot see the picture.
	Desc string
	// Comment, when set, is written as an XML comment after the <desc>
	// (for example a "Code generated ... DO NOT EDIT." line).
	Comment string
	// Width and Height in pixels.
	Width, Height float64
	// Notes are muted lines under the plot: sources, caveats.
	Notes []string
}

func (f Frame) validate() []error {
	var errs []error
	if f.ID == "" || strings.Trim(f.ID, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		errs = append(errs, fmt.Errorf("chart id %q: want letters, digits and '-'", f.ID))
	}
	if f.Title == "" || f.Desc == "" {
		errs = append(errs, fmt.Errorf("chart %s: a title and a desc are required", f.ID))
	}
	if f.Width <= 0 || f.Height <= 0 {
		errs = append(errs, fmt.Errorf("chart %s: size %vx%v, want a positive width and height", f.ID, f.Width, f.Height))
	}
	return errs
}

const (
	margin        = 20
	titleSize     = 17
	subtitleSize  = 13
	fontSize      = 13
	smallFontSize = 12
	lineGap       = 17
	legendRow     = 22
)

// legendEntry is one legend item: a swatch drawn at (x, y), y being the
// middle of the row, then the label.
type legendEntry struct {
	label  string
	swatch float64
	draw   func(w *writer, x, y float64)
}

// begin writes the root element, title, desc, style, background, heading
// and legend, and returns the y below them, where the plot may start.
// defs, when given, writes into <defs>.
func (f Frame) begin(w *writer, legend []legendEntry, defs func(w *writer)) float64 {
	w.open("svg",
		at("xmlns", "http://www.w3.org/2000/svg"),
		atf("width", f.Width), atf("height", f.Height),
		at("viewBox", "0 0 "+num(f.Width)+" "+num(f.Height)),
		at("role", "img"),
		at("aria-labelledby", f.ID+"-title "+f.ID+"-desc"),
		at("font-family", fontFamily),
		atf("font-size", fontSize))
	w.elem("title", f.Title, at("id", f.ID+"-title"))
	w.elem("desc", f.Desc, at("id", f.ID+"-desc"))
	if f.Comment != "" {
		w.comment(f.Comment)
	}
	w.open("style")
	for _, l := range styleSheet() {
		w.rawLine(l)
	}
	w.close("style")
	if defs != nil {
		w.open("defs")
		defs(w)
		w.close("defs")
	}
	w.leaf("rect", append([]attr{at("width", "100%"), at("height", "100%")}, paint(background, noPaint)...)...)

	y := float64(margin + titleSize)
	w.elem("text", f.Title, append([]attr{atf("x", margin), atf("y", y), atf("font-size", titleSize), at("font-weight", "600")}, paint(ink, noPaint)...)...)
	if f.Subtitle != "" {
		y += lineGap + 3
		w.elem("text", f.Subtitle, append([]attr{atf("x", margin), atf("y", y), atf("font-size", subtitleSize)}, paint(muted, noPaint)...)...)
	}

	// The legend flows left to right and wraps.
	if len(legend) > 0 {
		y += legendRow
		x := float64(margin)
		for _, e := range legend {
			width := e.swatch + 8 + textWidth(e.label, fontSize)
			if x > margin && x+width > f.Width-margin {
				x = margin
				y += legendRow
			}
			e.draw(w, x, y-4)
			w.elem("text", e.label, append([]attr{atf("x", x+e.swatch+8), atf("y", y)}, paint(ink, noPaint)...)...)
			x += width + 24
		}
	}
	return y
}

// noteLines are the notes wrapped to the chart's width.
func (f Frame) noteLines() []string {
	var lines []string
	for _, n := range f.Notes {
		lines = append(lines, wrap(n, f.Width-2*margin, smallFontSize)...)
	}
	return lines
}

// notesHeight is the room the notes take at the bottom.
func (f Frame) notesHeight() float64 { return float64(len(f.noteLines())) * lineGap }

// end writes the notes and closes the root element.
func (f Frame) end(w *writer) {
	lines := f.noteLines()
	for i, n := range lines {
		y := f.Height - margin + 4 - float64(len(lines)-1-i)*lineGap
		w.elem("text", n, append([]attr{atf("x", margin), atf("y", y), atf("font-size", smallFontSize)}, paint(muted, noPaint)...)...)
	}
	w.close("svg")
}

// wrap breaks s at spaces into lines no wider than width (a word wider
// than that gets a line of its own).
func wrap(s string, width, size float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && textWidth(line+" "+word, size) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// haloText writes text with a background-coloured outline under it, so that
// it stays readable where it crosses grid lines or series.
func haloText(w *writer, s string, x, y float64, anchor string, color role, extra ...attr) {
	as := []attr{atf("x", x), atf("y", y), at("text-anchor", anchor)}
	as = append(as, paint(color, background)...)
	as = append(as, at("stroke-width", "4"), at("stroke-linejoin", "round"), at("paint-order", "stroke"))
	w.elem("text", s, append(as, extra...)...)
}
