// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 12: "12", 12.5: "12.5", 12.345: "12.35", -0.001: "0", -3.25: "-3.25", 1e6: "1000000", 0.1 + 0.2: "0.3",
	} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 95: "95", 754: "754", 1019: "1,019", 1234567: "1,234,567", -1019: "-1,019"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		top  float64
		n    int
		want []float64
	}{
		{60, 8, []float64{0, 10, 20, 30, 40, 50, 60}},
		{58, 10, []float64{0, 10, 20, 30, 40, 50, 60}},
		{1019, 8, []float64{0, 200, 400, 600, 800, 1000, 1200}},
		{3, 8, []float64{0, 1, 2, 3}},
		{0, 8, []float64{0}},
	} {
		if got := ticks(c.top, c.n); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ticks(%v, %d) = %v, want %v", c.top, c.n, got, c.want)
		}
	}
}

func TestScale(t *testing.T) {
	s := scale{0, 60, 400, 100}
	for v, want := range map[float64]float64{0: 400, 60: 100, 30: 250, 45: 175} {
		if got := s.at(v); got != want {
			t.Errorf("at(%v) = %v, want %v", v, got, want)
		}
	}
}

func TestStepPath(t *testing.T) {
	xs, ys := scale{0, 4, 0, 40}, scale{0, 10, 100, 0}
	for _, c := range []struct {
		points []Point
		want   string
	}{
		// Across, up, across the run of three 3s in one line, up.
		{[]Point{{0, 1}, {1, 3}, {2, 3}, {3, 3}, {4, 5}}, "M0 90H10V70H40V50"},
		// A flat end runs to the last point.
		{[]Point{{0, 1}, {1, 3}, {2, 3}, {4, 3}}, "M0 90H10V70H40"},
		{[]Point{{0, 2}}, "M0 80"},
	} {
		if got := stepPath(c.points, xs, ys); got != c.want {
			t.Errorf("stepPath(%v) = %q, want %q", c.points, got, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four five six", textWidth("one two three", 12), 12)
	if want := []string{"one two three", "four five six"}; !reflect.DeepEqual(got, want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}

func sampleStep() StepChart {
	return StepChart{
		Frame: Frame{
			ID: "t", Title: `Pods & "addresses" <step>`, Subtitle: "sub", Desc: "what it shows", Comment: "generated -- by a test",
			Width: 600, Height: 400, Notes: []string{"a note"},
		},
		XLabel: "pods", YLabel: "addresses", XMax: 4,
		XTicks: []Tick{{Value: 4, Label: "4", Sub: "max"}},
		Series: []Series{
			{Name: "a", Style: 1, Points: []Point{{0, 15}, {1, 30}, {2, 30}, {3, 45}, {4, 45}}},
			{Name: "b", Style: 0, Points: []Point{{0, 22}, {1, 22}, {2, 23}, {3, 24}, {4, 25}}},
		},
		Guides: []Guide{{X: 2, Y: 30}},
		Marks:  []Mark{{X: 2, Y: 30, Style: 1, Lines: []string{"30", "300 for 10"}}, {X: 2, Y: 23, Place: BelowRight, Lines: []string{"23"}}},
	}
}

func sampleBars() BarChart {
	return BarChart{
		Frame:      Frame{ID: "b", Title: "bars", Desc: "what it shows", Width: 600, Height: 400},
		YLabel:     "addresses",
		Categories: []string{"desired", "max", "surge"},
		LimitLabel: "capacity",
		Groups: []BarGroup{
			{Label: "subnet-a", Sub: "zone a", Values: []float64{201, 402, 754}, Limit: 1019},
			{Label: "subnet-b", Values: []float64{95, 296, 648}},
		},
	}
}

// checkSVG parses svg as XML and returns the text of its elements by name.
func checkSVG(t *testing.T, svg []byte) map[string][]string {
	t.Helper()
	texts := map[string][]string{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	var stack []string
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root {
				attrs := map[string]string{}
				for _, a := range tok.Attr {
					attrs[a.Name.Local] = a.Value
				}
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" || attrs["role"] != "img" || attrs["aria-labelledby"] == "" {
					t.Errorf("root element %v %v: want an svg with role=img and aria-labelledby", tok.Name, attrs)
				}
				root = false
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && strings.TrimSpace(string(tok)) != "" {
				name := stack[len(stack)-1]
				texts[name] = append(texts[name], string(tok))
			}
		}
	}
	return texts
}

func TestStepChartRenders(t *testing.T) {
	c := sampleStep()
	svg, err := c.Render()
	if err != nil {
		t.Fatal(err)
	}
	texts := checkSVG(t, svg)
	if got := texts["title"]; len(got) != 1 || got[0] != c.Title {
		t.Errorf("title %q, want %q (escaped and read back)", got, c.Title)
	}
	if got := texts["desc"]; len(got) != 1 || got[0] != c.Desc {
		t.Errorf("desc %q, want %q", got, c.Desc)
	}
	for _, want := range []string{"a", "b", "pods", "addresses", "max", "300 for 10", "23", "a note", "50"} {
		if !contains(texts["text"], want) {
			t.Errorf("no text %q in %q", want, texts["text"])
		}
	}
	// Series differ by dash pattern, not by colour alone.
	if !bytes.Contains(svg, []byte(`stroke-dasharray="9 5"`)) {
		t.Error("the second style has no dash pattern")
	}
	if !bytes.Contains(svg, []byte("prefers-color-scheme: dark")) || !bytes.Contains(svg, []byte(`class="f-bg"`)) {
		t.Error("no dark theme or no painted background")
	}
	again, _ := c.Render()
	if !bytes.Equal(svg, again) {
		t.Error("two renders differ")
	}
}

func TestBarChartRenders(t *testing.T) {
	c := sampleBars()
	svg, err := c.Render()
	if err != nil {
		t.Fatal(err)
	}
	texts := checkSVG(t, svg)
	for _, want := range []string{"desired", "max", "surge", "capacity", "subnet-a", "zone a", "201", "754", "1,019", "1,200"} {
		if !contains(texts["text"], want) {
			t.Errorf("no text %q in %q", want, texts["text"])
		}
	}
	if !bytes.Contains(svg, []byte(`fill="url(#b-hatch)"`)) || !bytes.Contains(svg, []byte(`<pattern id="b-hatch"`)) {
		t.Error("the second category is not hatched")
	}
	again, _ := c.Render()
	if !bytes.Equal(svg, again) {
		t.Error("two renders differ")
	}
}

func TestRenderRejects(t *testing.T) {
	s := sampleStep()
	s.ID = "no spaces"
	s.Series[0].Points[2].X = 0.5
	s.Series[0].Points[3].X = 0.5
	_, err := s.Render()
	if err == nil || !strings.Contains(err.Error(), "chart id") || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("Render() error %v, want the id and the order named", err)
	}
	b := sampleBars()
	b.Desc = ""
	b.Groups[1].Values = b.Groups[1].Values[:2]
	_, err = b.Render()
	if err == nil || !strings.Contains(err.Error(), "desc") || !strings.Contains(err.Error(), "2 values for 3 categories") {
		t.Errorf("Render() error %v, want the desc and the values named", err)
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
