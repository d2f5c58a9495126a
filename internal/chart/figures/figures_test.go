// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package figures

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/chart"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// TestWarmPoolArticlePoints pins the warm-pool chart's series against the
// numbers of shared/docs/vpc-cni-model.md ("The warm pool", item 2, and
// "What a node takes from its subnet"): an r5.xlarge has 4 ENIs of 15
// addresses, 14 secondaries each. With WARM_ENI_TARGET=1, 0 pods hold 1
// ENI / 14 secondaries = 15 addresses; 1..14 pods 2 ENIs / 28 = 30;
// 15..28 pods 3 ENIs / 42 = 45. MIN 20 / WARM 2 at 20 pods: 22 secondaries
// on 2 ENIs = 24. Ten nodes: 450 against 240.
func TestWarmPoolArticlePoints(t *testing.T) {
	d, err := warmPool()
	if err != nil {
		t.Fatal(err)
	}
	if d.Node.ENIs != 4 || d.Node.IPv4PerENI != 15 || d.MaxPods != 58 {
		t.Fatalf("r5.xlarge: %d ENIs x %d, max pods %d; want 4 x 15, 58", d.Node.ENIs, d.Node.IPv4PerENI, d.MaxPods)
	}
	if len(d.AtDefaults) != 59 || len(d.AtRecommended) != 59 {
		t.Fatalf("%d and %d points, want 59 (0 to 58 pods)", len(d.AtDefaults), len(d.AtRecommended))
	}
	if got := settingsLabel(d.Defaults); got != "WARM_ENI_TARGET=1" {
		t.Errorf("defaults %q", got)
	}
	if got := settingsLabel(d.Recommended); got != "MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2" {
		t.Errorf("recommendation %q", got)
	}
	if p := ipam.Project(d.Node, d.Defaults, 0); p.ENIs != 1 || p.SecondaryIPs != 14 || d.AtDefaults[0] != 15 {
		t.Errorf("defaults at 0 pods: %d ENIs, %d secondaries, %d addresses; want 1, 14, 15", p.ENIs, p.SecondaryIPs, d.AtDefaults[0])
	}
	for pods := 1; pods <= 14; pods++ {
		if d.AtDefaults[pods] != 30 {
			t.Errorf("defaults at %d pods: %d addresses, want 30 (2 ENIs, 28 secondaries)", pods, d.AtDefaults[pods])
		}
	}
	for pods := 15; pods <= 28; pods++ {
		if d.AtDefaults[pods] != 45 {
			t.Errorf("defaults at %d pods: %d addresses, want 45 (3 ENIs, 42 secondaries)", pods, d.AtDefaults[pods])
		}
	}
	if p := ipam.Project(d.Node, d.Recommended, 20); p.ENIs != 2 || p.SecondaryIPs != 22 || d.AtRecommended[20] != 24 {
		t.Errorf("recommendation at 20 pods: %d ENIs, %d secondaries, %d addresses; want 2, 22, 24", p.ENIs, p.SecondaryIPs, d.AtRecommended[20])
	}
	if def, rec := d.AtDefaults[20]*d.Nodes, d.AtRecommended[20]*d.Nodes; def != 450 || rec != 240 {
		t.Errorf("10 nodes at 20 pods: %d and %d, want 450 and 240", def, rec)
	}
	// Every pod address is used at 56 pods, the last of 58 max pods being
	// aws-node and kube-proxy: 56 secondaries on 4 ENIs either way.
	if d.AtDefaults[58] != 60 || d.AtRecommended[58] != 60 {
		t.Errorf("at 58 pods: %d and %d, want 60 and 60", d.AtDefaults[58], d.AtRecommended[58])
	}
}

func TestWarmPoolChartShowsTheMark(t *testing.T) {
	svg, err := renderWarmPool()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"45 addresses a node", "450 for 10 nodes", "24 addresses a node", "240 for 10 nodes",
		"add-on defaults (WARM_ENI_TARGET=1)", "recommended for 20 pods (MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2)",
		// The desc spells out the series for screen readers.
		"15 at 0 pods; 30 from 1 to 14 pods; 45 from 15 to 28 pods; 60 from 29 to 58 pods",
		"22 from 0 to 18 pods; 23 rising by one a pod to 30 from 19 to 26 pods",
	} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("the chart does not say %q", want)
		}
	}
}

// TestSizingSubnets pins the cluster chart to the guide's worked example
// (templates/guides/sizing-subnets.md.tmpl, section 3) and the provider's
// TestAccClusterThreeGroups: needed at desired / max / max + surge,
// subnet-a 201 / 402 / 754, subnet-b 201 / 296 / 648, subnet-c
// 95 / 296 / 648, each /22 offering 1,019 usable addresses.
func TestSizingSubnets(t *testing.T) {
	in, err := sizingCluster()
	if err != nil {
		t.Fatal(err)
	}
	c, err := planCluster(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []subnetNeed{
		{ID: "subnet-a", CIDR: "10.0.0.0/22", Zone: "eu-west-1a", Needed: [3]int{201, 402, 754}, Capacity: 1019},
		{ID: "subnet-b", CIDR: "10.0.4.0/22", Zone: "eu-west-1b", Needed: [3]int{201, 296, 648}, Capacity: 1019},
		{ID: "subnet-c", CIDR: "10.0.8.0/22", Zone: "eu-west-1c", Needed: [3]int{95, 296, 648}, Capacity: 1019},
	}
	if len(c.Subnets) != len(want) {
		t.Fatalf("%d subnets, want %d", len(c.Subnets), len(want))
	}
	for i := range want {
		if c.Subnets[i] != want[i] {
			t.Errorf("subnet %d: %+v, want %+v", i, c.Subnets[i], want[i])
		}
	}
	if got := settingsLabel(c.Recommended); got != "MINIMUM_IP_TARGET=20, WARM_IP_TARGET=2" {
		t.Errorf("recommendation %q", got)
	}
	for _, g := range c.Groups {
		if g.SurgeNodes != 6 {
			t.Errorf("%s: surge %d nodes, want 6 (2 x 3 zones)", g.InstanceType, g.SurgeNodes)
		}
	}
	svg, err := c.chart().Render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">754<", ">1,019<", "6–12 m5.large, 3–6 r5.xlarge and 2–4 c5.4xlarge nodes over 3 zones, one /22 subnet each",
		"subnet-c (eu-west-1c, 10.0.8.0/22) must hold 95 at desired size, 296 at max size, 648 at max size + rolling-update surge, of 1,019 usable addresses"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("the chart does not say %q", want)
		}
	}
}

func TestSteps(t *testing.T) {
	for _, c := range []struct {
		vals []int
		want string
	}{
		{[]int{15, 30, 30, 45}, "15 at 0 pods; 30 from 1 to 2 pods; 45 at 3 pods"},
		{[]int{22, 22, 23, 24, 26}, "22 from 0 to 1 pods; 23 rising by one a pod to 24 from 2 to 3 pods; 26 at 4 pods"},
		{nil, ""},
	} {
		if got := steps(c.vals); got != c.want {
			t.Errorf("steps(%v) = %q, want %q", c.vals, got, c.want)
		}
	}
}

// TestImagesAreCurrent fails when docs/images differs from what the
// figures render now, as make docs-check does: run `make docs` and commit
// docs/images.
func TestImagesAreCurrent(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "docs", "images")
	for _, f := range All() {
		want, err := f.Render()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Errorf("%s: %v: run `make docs`", f.Name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("docs/images/%s is stale against the model: run `make docs` and commit it", f.Name)
		}
	}
}

func TestWriteReplacesOnlyGeneratedFiles(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "renamed-chart.svg")
	own := filepath.Join(dir, "hand-drawn.svg")
	if err := os.WriteFile(stale, []byte("<svg><!-- "+generated+" --></svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("%s: %v, want it removed", stale, err)
	}
	if _, err := os.Stat(own); err != nil {
		t.Errorf("%s: %v, want it kept", own, err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "hand-drawn.svg sizing-subnets.svg warm-pool-r5-xlarge.svg" {
		t.Errorf("dir holds %s", got)
	}
}

// TestDocsShowTheFigures checks that README.md and the doc templates show
// every figure, that each image has alt text, and that the alt text, typed
// in the docs, still tells the numbers the model gives: the warm-pool mark
// and every subnet's needs.
func TestDocsShowTheFigures(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	wp, err := warmPool()
	if err != nil {
		t.Fatal(err)
	}
	in, err := sizingCluster()
	if err != nil {
		t.Fatal(err)
	}
	c, err := planCluster(in)
	if err != nil {
		t.Fatal(err)
	}
	p := wp.ExpectedPods
	facts := map[string][]string{
		"warm-pool-r5-xlarge.svg": {fmt.Sprintf("At %d pods: %d against %d addresses a node, %d against %d for %d nodes",
			p, wp.AtDefaults[p], wp.AtRecommended[p], wp.AtDefaults[p]*wp.Nodes, wp.AtRecommended[p]*wp.Nodes, wp.Nodes)},
	}
	for _, s := range c.Subnets {
		facts["sizing-subnets.svg"] = append(facts["sizing-subnets.svg"], fmt.Sprintf("%s %d, %d and %d", s.ID, s.Needed[0], s.Needed[1], s.Needed[2]))
	}
	facts["sizing-subnets.svg"] = append(facts["sizing-subnets.svg"], "offers "+chart.Thousands(c.Subnets[0].Capacity)+" usable addresses")

	files := []string{filepath.Join(root, "README.md")}
	err = filepath.WalkDir(filepath.Join(root, "templates"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md.tmpl") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	image := regexp.MustCompile(`!\[([^\]]*)\]\(([^)\s]+)\)`)
	shown := map[string][]string{}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range image.FindAllStringSubmatch(string(text), -1) {
			alt, ref := m[1], m[2]
			name := filepath.Base(ref)
			if _, ok := facts[name]; !ok {
				continue
			}
			rel, _ := filepath.Rel(root, f)
			shown[name] = append(shown[name], rel)
			// Relative to the rendered page: README.md at the root,
			// templates/x/y.md.tmpl as docs/x/y.md.
			page := filepath.Join(root, "docs", strings.TrimSuffix(strings.TrimPrefix(rel, "templates"+string(filepath.Separator)), ".tmpl"))
			if rel == "README.md" {
				page = filepath.Join(root, rel)
			}
			if want := filepath.Join(root, "docs", "images", name); filepath.Join(filepath.Dir(page), ref) != want {
				t.Errorf("%s: %s does not lead to docs/images/%s from the rendered page", rel, ref, name)
			}
			for _, fact := range facts[name] {
				if !strings.Contains(alt, fact) {
					t.Errorf("%s: the alt text of %s does not say %q (the model's numbers): %q", rel, name, fact, alt)
				}
			}
		}
	}
	for _, f := range All() {
		if len(shown[f.Name]) == 0 {
			t.Errorf("no page shows %s", f.Name)
		}
	}
	if len(shown["warm-pool-r5-xlarge.svg"]) == 0 || shown["warm-pool-r5-xlarge.svg"][0] != "README.md" {
		t.Errorf("README.md does not show the warm-pool chart: shown in %v", shown["warm-pool-r5-xlarge.svg"])
	}
}
