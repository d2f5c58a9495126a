// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package chart

import (
	"errors"
	"fmt"
	"strings"
)

// Point is one value of a series.
type Point struct{ X, Y float64 }

// Series is one step line. It holds its value from each point's X up to the
// next point's X ("step after"), which is how a count that changes at whole
// numbers reads: the value at 15 pods holds from 15 pods on.
type Series struct {
	// Name is the legend label.
	Name string
	// Style picks the colour, dash pattern and marker (0, 1, 2).
	Style int
	// Points in increasing X.
	Points []Point
}

// Placement says where a Mark's label goes relative to its point.
type Placement int

const (
	// AboveLeft ends the label left of the point, above it.
	AboveLeft Placement = iota
	// AboveRight starts the label right of the point, above it.
	AboveRight
	// BelowRight starts the label right of the point, below it.
	BelowRight
	// BelowLeft ends the label left of the point, below it.
	BelowLeft
)

// Mark is an annotated point: a marker in a series' style and a label of
// one or more lines, the first in bold.
type Mark struct {
	X, Y  float64
	Style int
	Lines []string
	Place Placement
}

// Guide is a dotted vertical line from the x axis up to Y, to tie marks to
// their x value.
type Guide struct{ X, Y float64 }

// StepChart is a chart of step lines over a linear x axis from 0.
type StepChart struct {
	Frame
	XLabel, YLabel string
	// XMax and YMax are the ends of the axes; YMax is rounded up to a tick,
	// 0 means the series' largest value.
	XMax, YMax float64
	// XTicks are labelled ticks in addition to the regular ones, which
	// make room for them.
	XTicks []Tick
	Series []Series
	Guides []Guide
	Marks  []Mark
}

// Render writes the chart as SVG.
func (c StepChart) Render() ([]byte, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	var legend []legendEntry
	for _, s := range c.Series {
		st := styleOf(s.Style)
		legend = append(legend, legendEntry{label: s.Name, swatch: 34, draw: func(w *writer, x, y float64) {
			w.leaf("path", append([]attr{at("d", "M"+num(x)+" "+num(y)+"H"+num(x+34)), at("stroke-width", "2.5"), at("stroke-dasharray", st.dash)}, paint(noPaint, st.color)...)...)
			marker(w, st.marker, st.color, x+17, y)
		}})
	}

	var w writer
	top := c.begin(&w, legend, nil) + 26

	yMax := c.YMax
	if yMax <= 0 {
		for _, s := range c.Series {
			for _, p := range s.Points {
				yMax = max(yMax, p.Y)
			}
		}
	}
	yTicks := ticks(yMax, 8)
	yMax = yTicks[len(yTicks)-1]

	left := float64(margin + 62)
	// Room on the right for a label centred on the last tick.
	right := c.Width - margin - 32
	bottom := c.Height - margin - c.notesHeight() - 58
	xs := scale{0, c.XMax, left, right}
	ys := scale{0, yMax, bottom, top}

	// Horizontal grid and y tick labels.
	for _, v := range yTicks {
		y := ys.at(v)
		w.leaf("path", append([]attr{at("d", "M"+num(left)+" "+num(y)+"H"+num(right))}, paint(noPaint, grid)...)...)
		w.elem("text", Thousands(int(v)), append([]attr{atf("x", left-8), atf("y", y+4), at("text-anchor", "end")}, paint(muted, noPaint)...)...)
	}
	// The x axis, its ticks and labels; regular ticks give way to the
	// extra ones within 30 pixels.
	w.leaf("path", append([]attr{at("d", "M"+num(left)+" "+num(bottom)+"H"+num(right))}, paint(noPaint, axis)...)...)
	xTicks := make([]Tick, 0, len(c.XTicks)+10)
	for _, v := range ticks(c.XMax, 10) {
		if v > c.XMax {
			break
		}
		near := false
		for _, t := range c.XTicks {
			near = near || absf(xs.at(t.Value)-xs.at(v)) < 30
		}
		if !near {
			xTicks = append(xTicks, Tick{Value: v, Label: Thousands(int(v))})
		}
	}
	xTicks = append(xTicks, c.XTicks...)
	for _, t := range xTicks {
		x := xs.at(t.Value)
		w.leaf("path", append([]attr{at("d", "M"+num(x)+" "+num(bottom)+"V"+num(bottom+5))}, paint(noPaint, axis)...)...)
		w.elem("text", t.Label, append([]attr{atf("x", x), atf("y", bottom+19), at("text-anchor", "middle")}, paint(muted, noPaint)...)...)
		if t.Sub != "" {
			w.elem("text", t.Sub, append([]attr{atf("x", x), atf("y", bottom+33), at("text-anchor", "middle"), atf("font-size", smallFontSize)}, paint(muted, noPaint)...)...)
		}
	}
	w.elem("text", c.XLabel, append([]attr{atf("x", (left+right)/2), atf("y", bottom+48), at("text-anchor", "middle")}, paint(ink, noPaint)...)...)
	yLabelX, yLabelY := float64(margin+12), (top+bottom)/2
	w.elem("text", c.YLabel, append([]attr{atf("x", yLabelX), atf("y", yLabelY), at("text-anchor", "middle"),
		at("transform", "rotate(-90 "+num(yLabelX)+" "+num(yLabelY)+")")}, paint(ink, noPaint)...)...)

	for _, g := range c.Guides {
		x := xs.at(g.X)
		w.leaf("path", append([]attr{at("d", "M"+num(x)+" "+num(bottom)+"V"+num(ys.at(g.Y))), at("stroke-width", "1.5"), at("stroke-dasharray", "2 3")}, paint(noPaint, muted)...)...)
	}
	for _, s := range c.Series {
		st := styleOf(s.Style)
		w.leaf("path", append([]attr{at("d", stepPath(s.Points, xs, ys)), at("stroke-width", "2.5"), at("stroke-dasharray", st.dash),
			at("stroke-linejoin", "miter")}, paint(noPaint, st.color)...)...)
	}
	for _, m := range c.Marks {
		st := styleOf(m.Style)
		marker(&w, st.marker, st.color, xs.at(m.X), ys.at(m.Y))
	}
	for _, m := range c.Marks {
		markLabel(&w, m, xs.at(m.X), ys.at(m.Y))
	}
	c.end(&w)
	return w.buf.Bytes(), nil
}

func (c StepChart) validate() error {
	errs := c.Frame.validate()
	if c.XMax <= 0 {
		errs = append(errs, fmt.Errorf("chart %s: XMax %v, want > 0", c.ID, c.XMax))
	}
	if len(c.Series) == 0 {
		errs = append(errs, fmt.Errorf("chart %s: no series", c.ID))
	}
	for _, s := range c.Series {
		if len(s.Points) == 0 {
			errs = append(errs, fmt.Errorf("chart %s: series %q has no points", c.ID, s.Name))
		}
		for i, p := range s.Points {
			if p.X < 0 || p.X > c.XMax || p.Y < 0 || (i > 0 && p.X <= s.Points[i-1].X) {
				errs = append(errs, fmt.Errorf("chart %s: series %q point %d (%v, %v) is off the axes or out of order", c.ID, s.Name, i, p.X, p.Y))
				break
			}
		}
	}
	return errors.Join(errs...)
}

// stepPath is the "step after" path of points: across at each value, then
// up or down to the next; a run of one value is one line.
func stepPath(points []Point, xs, ys scale) string {
	var b strings.Builder
	b.WriteString("M" + num(xs.at(points[0].X)) + " " + num(ys.at(points[0].Y)))
	at := points[0].X
	for i := 1; i < len(points); i++ {
		if points[i].Y != points[i-1].Y {
			b.WriteString("H" + num(xs.at(points[i].X)) + "V" + num(ys.at(points[i].Y)))
			at = points[i].X
		}
	}
	if last := points[len(points)-1].X; last != at {
		b.WriteString("H" + num(xs.at(last)))
	}
	return b.String()
}

func markLabel(w *writer, m Mark, x, y float64) {
	anchor, dx := "end", -10.0
	if m.Place == AboveRight || m.Place == BelowRight {
		anchor, dx = "start", 10
	}
	// Above: the last line sits just over the point; below: the first
	// just under it.
	first := y + 22
	if m.Place == AboveLeft || m.Place == AboveRight {
		first = y - 12 - float64(len(m.Lines)-1)*lineGap
	}
	for i, l := range m.Lines {
		weight := ""
		color := muted
		if i == 0 {
			weight, color = "600", ink
		}
		haloText(w, l, x+dx, first+float64(i)*lineGap, anchor, color, at("font-weight", weight))
	}
}

func absf(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
