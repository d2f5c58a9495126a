// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package chart

import (
	"errors"
	"fmt"
)

// BarGroup is one cluster of bars, one bar per category.
type BarGroup struct {
	// Label goes under the group; Sub is a muted second line.
	Label, Sub string
	Values     []float64
	// Limit, when > 0, is drawn as a dashed line across the group: what
	// the bars must stay under.
	Limit float64
}

// BarChart is grouped bars over a linear y axis from 0. The categories are
// told apart by fill: a light tint, hatching, solid (in that order), all
// in one colour, so that they read as one quantity at several moments.
type BarChart struct {
	Frame
	YLabel string
	// YMax is the end of the y axis, rounded up to a tick; 0 means the
	// largest value or limit.
	YMax float64
	// Categories name the bars of every group, in order (at most 3).
	Categories []string
	// LimitLabel is the legend label of the groups' limits.
	LimitLabel string
	Groups     []BarGroup
}

// barFills are the category fills: tint, hatching, solid.
const barFills = 3

// limitStyle is the style of the limit line: vermillion, dashed.
const limitStyle = 1

// Render writes the chart as SVG.
func (c BarChart) Render() ([]byte, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	hatch := c.ID + "-hatch"
	color := accents[0]
	limit := styleOf(limitStyle)
	bar := func(w *writer, i int, x, y, width, height float64) {
		as := []attr{atf("x", x), atf("y", y), atf("width", width), atf("height", height), at("stroke-width", "1.5")}
		switch i {
		case 0:
			as = append(as, paint(color, color)...)
			as = append(as, at("fill-opacity", "0.22"))
		case 1:
			as = append(as, at("fill", "url(#"+hatch+")"), at("stroke", color.light), at("class", "s-"+color.name))
		default:
			as = append(as, paint(color, color)...)
		}
		w.leaf("rect", as...)
	}
	var legend []legendEntry
	for i, name := range c.Categories {
		legend = append(legend, legendEntry{label: name, swatch: 16, draw: func(w *writer, x, y float64) {
			bar(w, i, x, y-8, 16, 16)
		}})
	}
	if c.LimitLabel != "" {
		legend = append(legend, legendEntry{label: c.LimitLabel, swatch: 34, draw: func(w *writer, x, y float64) {
			w.leaf("path", append([]attr{at("d", "M"+num(x)+" "+num(y)+"H"+num(x+34)), at("stroke-width", "2.5"), at("stroke-dasharray", limit.dash)}, paint(noPaint, limit.color)...)...)
		}})
	}

	var w writer
	top := c.begin(&w, legend, func(w *writer) {
		// Hatching: stripes of the bar colour on the background, at 45
		// degrees.
		w.open("pattern", at("id", hatch), at("width", "6"), at("height", "6"), at("patternUnits", "userSpaceOnUse"), at("patternTransform", "rotate(45)"))
		w.leaf("rect", append([]attr{at("width", "6"), at("height", "6")}, paint(background, noPaint)...)...)
		w.leaf("rect", append([]attr{at("width", "2.5"), at("height", "6")}, paint(color, noPaint)...)...)
		w.close("pattern")
	}) + 30

	yMax := c.YMax
	if yMax <= 0 {
		for _, g := range c.Groups {
			yMax = max(yMax, g.Limit)
			for _, v := range g.Values {
				yMax = max(yMax, v)
			}
		}
	}
	yTicks := ticks(yMax, 8)
	yMax = yTicks[len(yTicks)-1]

	left := float64(margin + 62)
	right := c.Width - margin - 10
	bottom := c.Height - margin - c.notesHeight() - 52
	ys := scale{0, yMax, bottom, top}

	for _, v := range yTicks {
		y := ys.at(v)
		w.leaf("path", append([]attr{at("d", "M"+num(left)+" "+num(y)+"H"+num(right))}, paint(noPaint, grid)...)...)
		w.elem("text", Thousands(int(v)), append([]attr{atf("x", left-8), atf("y", y+4), at("text-anchor", "end")}, paint(muted, noPaint)...)...)
	}
	yLabelX, yLabelY := float64(margin+12), (top+bottom)/2
	w.elem("text", c.YLabel, append([]attr{atf("x", yLabelX), atf("y", yLabelY), at("text-anchor", "middle"),
		at("transform", "rotate(-90 "+num(yLabelX)+" "+num(yLabelY)+")")}, paint(ink, noPaint)...)...)

	groupWidth := float64((right - left) / float64(len(c.Groups)))
	n := float64(len(c.Categories))
	const gap = 6
	barWidth := min(60, float64((groupWidth*0.7-gap*(n-1))/n))
	content := float64(barWidth*n) + float64(gap*(n-1))
	for gi, g := range c.Groups {
		x0 := left + float64(groupWidth*float64(gi)) + (groupWidth-content)/2
		for i, v := range g.Values {
			x := x0 + float64(float64(i)*(barWidth+gap))
			y := ys.at(v)
			bar(&w, i, x, y, barWidth, bottom-y)
			haloText(&w, Thousands(int(v)), x+barWidth/2, y-6, "middle", ink, atf("font-size", smallFontSize))
		}
		mid := x0 + content/2
		w.elem("text", g.Label, append([]attr{atf("x", mid), atf("y", bottom+20), at("text-anchor", "middle"), at("font-weight", "600")}, paint(ink, noPaint)...)...)
		if g.Sub != "" {
			w.elem("text", g.Sub, append([]attr{atf("x", mid), atf("y", bottom+36), at("text-anchor", "middle"), atf("font-size", smallFontSize)}, paint(muted, noPaint)...)...)
		}
	}
	// The limits go over the bars, and the axis over everything.
	for gi, g := range c.Groups {
		if g.Limit <= 0 {
			continue
		}
		x0 := left + float64(groupWidth*float64(gi)) + (groupWidth-content)/2 - 12
		x1 := x0 + content + 24
		y := ys.at(g.Limit)
		w.leaf("path", append([]attr{at("d", "M"+num(x0)+" "+num(y)+"H"+num(x1)), at("stroke-width", "2.5"), at("stroke-dasharray", limit.dash)}, paint(noPaint, limit.color)...)...)
		haloText(&w, Thousands(int(g.Limit)), (x0+x1)/2, y-7, "middle", ink, atf("font-size", smallFontSize), at("font-weight", "600"))
	}
	w.leaf("path", append([]attr{at("d", "M"+num(left)+" "+num(bottom)+"H"+num(right))}, paint(noPaint, axis)...)...)
	c.end(&w)
	return w.buf.Bytes(), nil
}

func (c BarChart) validate() error {
	errs := c.Frame.validate()
	if len(c.Categories) == 0 || len(c.Categories) > barFills {
		errs = append(errs, fmt.Errorf("chart %s: %d categories, want 1 to %d", c.ID, len(c.Categories), barFills))
	}
	if len(c.Groups) == 0 {
		errs = append(errs, fmt.Errorf("chart %s: no groups", c.ID))
	}
	for _, g := range c.Groups {
		if len(g.Values) != len(c.Categories) {
			errs = append(errs, fmt.Errorf("chart %s: group %q has %d values for %d categories", c.ID, g.Label, len(g.Values), len(c.Categories)))
		}
		for _, v := range g.Values {
			if v < 0 {
				errs = append(errs, fmt.Errorf("chart %s: group %q has a negative value %v", c.ID, g.Label, v))
			}
		}
	}
	return errors.Join(errs...)
}
