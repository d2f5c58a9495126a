// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package chart

import "strings"

// role is a colour with a light and a dark variant. Elements get the light
// one as a presentation attribute and a class (f-<name> for fill, s-<name>
// for stroke) that the dark style sheet recolours; CSS outranks
// presentation attributes, and a renderer without CSS still gets the light
// chart.
type role struct{ name, light, dark string }

var (
	// noPaint is fill="none".
	noPaint = role{}

	// GitHub's Primer canvas and foreground colours.
	background = role{"bg", "#ffffff", "#0d1117"}
	ink        = role{"tx", "#1f2328", "#e6edf3"}
	muted      = role{"mu", "#59636e", "#9198a1"}
	grid       = role{"gr", "#d8dee4", "#262c36"}
	axis       = role{"ax", "#818b98", "#656c76"}
)

// accents are the series colours, from the Okabe-Ito palette (blue,
// vermillion, bluish green), lightened for the dark background.
var accents = []role{
	{"a0", "#0072b2", "#56b4e9"},
	{"a1", "#d55e00", "#f0a050"},
	{"a2", "#009e73", "#33c49a"},
}

var roles = append([]role{background, ink, muted, grid, axis}, accents...)

// markerShape is a point symbol.
type markerShape int

// The markers of styles 0, 1 and 2.
const (
	circle markerShape = iota
	square
	diamond
)

// lineStyle tells a series apart without its colour: a dash pattern and a
// marker.
type lineStyle struct {
	color  role
	dash   string
	marker markerShape
}

var lineStyles = []lineStyle{
	{accents[0], "", circle},
	{accents[1], "9 5", square},
	{accents[2], "2 4", diamond},
}

// styleOf returns style i, counting round the styles.
func styleOf(i int) lineStyle {
	return lineStyles[((i%len(lineStyles))+len(lineStyles))%len(lineStyles)]
}

// paint returns the fill and stroke attributes of an element, with the
// classes that recolour it for the dark theme.
func paint(fill, stroke role) []attr {
	var as []attr
	var classes []string
	if fill.name == "" {
		as = append(as, at("fill", "none"))
	} else {
		as = append(as, at("fill", fill.light))
		classes = append(classes, "f-"+fill.name)
	}
	if stroke.name != "" {
		as = append(as, at("stroke", stroke.light))
		classes = append(classes, "s-"+stroke.name)
	}
	return append(as, at("class", strings.Join(classes, " ")))
}

// styleSheet is the dark theme: every role's fill and stroke class.
func styleSheet() []string {
	lines := []string{"@media (prefers-color-scheme: dark) {"}
	for _, r := range roles {
		lines = append(lines, "  .f-"+r.name+" { fill: "+r.dark+"; }", "  .s-"+r.name+" { stroke: "+r.dark+"; }")
	}
	return append(lines, "}")
}

// fontFamily is GitHub's own stack, ending in any sans-serif face.
const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif"

// marker draws m centred on (x, y), ringed with the background so that it
// stands out where lines cross it.
func marker(w *writer, m markerShape, color role, x, y float64) {
	p := append(paint(color, background), at("stroke-width", "1.5"))
	switch m {
	case square:
		const h = 4.5
		w.leaf("rect", append([]attr{atf("x", x-h), atf("y", y-h), atf("width", 2*h), atf("height", 2*h)}, p...)...)
	case diamond:
		const h = 6
		w.leaf("path", append([]attr{at("d", "M"+num(x)+" "+num(y-h)+"L"+num(x+h)+" "+num(y)+"L"+num(x)+" "+num(y+h)+"L"+num(x-h)+" "+num(y)+"Z")}, p...)...)
	default:
		w.leaf("circle", append([]attr{atf("cx", x), atf("cy", y), at("r", "5")}, p...)...)
	}
}
