// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package figures

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/chart"
	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// The article's cluster (shared/docs/vpc-cni-model.md, "What a node takes
// from its subnet"): ten r5.xlarge nodes running about 20 pods each, fixed
// with MINIMUM_IP_TARGET=20 and WARM_IP_TARGET=2. These are the scenario;
// every number the chart shows comes from the model.
const (
	articleType  = "r5.xlarge"
	articlePods  = 20
	articleSpare = 2 // the fix's WARM_IP_TARGET, also the data sources' default spare_ips
	articleNodes = 10
)

// WarmPool is what one node holds at every pod count from 0 to its max
// pods, with the add-on defaults and with the recommendation.
type WarmPool struct {
	InstanceType string
	Node         ipam.Node
	MaxPods      int
	// ExpectedPods is the recommendation's MINIMUM_IP_TARGET input, and
	// the pod count the chart marks; Nodes multiplies the mark.
	ExpectedPods, Nodes   int
	Defaults, Recommended ipam.Settings
	// AtDefaults[p] and AtRecommended[p] are the subnet addresses (ENI
	// primaries plus pod addresses) the node holds with p pods.
	AtDefaults, AtRecommended []int
}

// warmPool projects the article's node with ipam.Project.
func warmPool() (WarmPool, error) {
	l, err := ec2limits.Find(articleType)
	if err != nil {
		return WarmPool{}, err
	}
	// The vCPU count only matters for the prefix-delegation cap.
	n := ipam.NodeFromLimits(l, 0)
	d := WarmPool{
		InstanceType: articleType,
		Node:         n,
		MaxPods:      ipam.ComputeMaxPods(n, ipam.Mode{}).Pods,
		ExpectedPods: articlePods,
		Nodes:        articleNodes,
		Defaults:     ipam.AddonDefaults(),
		Recommended:  ipam.Recommend(n, ipam.Settings{}, articlePods, articleSpare).Settings,
	}
	for p := 0; p <= d.MaxPods; p++ {
		d.AtDefaults = append(d.AtDefaults, ipam.Project(n, d.Defaults, p).SubnetIPs())
		d.AtRecommended = append(d.AtRecommended, ipam.Project(n, d.Recommended, p).SubnetIPs())
	}
	return d, nil
}

// settingsLabel spells the settings that shape the warm pool as aws-node
// env entries.
func settingsLabel(s ipam.Settings) string {
	var parts []string
	if s.IPTargets() {
		if v, ok := s.MinimumIPTarget.Get(); ok {
			parts = append(parts, "MINIMUM_IP_TARGET="+strconv.Itoa(v))
		}
		if v, ok := s.WarmIPTarget.Get(); ok {
			parts = append(parts, "WARM_IP_TARGET="+strconv.Itoa(v))
		}
	} else {
		parts = append(parts, "WARM_ENI_TARGET="+strconv.Itoa(s.WarmENITarget.Or(1)))
	}
	return strings.Join(parts, ", ")
}

// steps describes a per-pod series in words: runs of one value, runs that
// rise by one address a pod, and single values.
func steps(vals []int) string {
	var out []string
	for i := 0; i < len(vals); {
		j := i
		switch {
		case i+1 < len(vals) && vals[i+1] == vals[i]:
			for j+1 < len(vals) && vals[j+1] == vals[i] {
				j++
			}
			out = append(out, fmt.Sprintf("%d from %d to %d pods", vals[i], i, j))
		case i+1 < len(vals) && vals[i+1] == vals[i]+1:
			for j+1 < len(vals) && vals[j+1] == vals[j]+1 {
				j++
			}
			out = append(out, fmt.Sprintf("%d rising by one a pod to %d from %d to %d pods", vals[i], vals[j], i, j))
		default:
			out = append(out, fmt.Sprintf("%d at %d pods", vals[i], i))
		}
		i = j + 1
	}
	return strings.Join(out, "; ")
}

func (d WarmPool) chart() chart.StepChart {
	defaults := "add-on defaults (" + settingsLabel(d.Defaults) + ")"
	recommended := fmt.Sprintf("recommended for %d pods (%s)", d.ExpectedPods, settingsLabel(d.Recommended))
	series := func(vals []int) []chart.Point {
		pts := make([]chart.Point, len(vals))
		for p, v := range vals {
			pts[p] = chart.Point{X: float64(p), Y: float64(v)}
		}
		return pts
	}
	atDef, atRec := d.AtDefaults[d.ExpectedPods], d.AtRecommended[d.ExpectedPods]
	perENI := d.Node.IPv4PerENI - 1
	return chart.StepChart{
		Frame: chart.Frame{
			ID:    "warm-pool-" + strings.ReplaceAll(d.InstanceType, ".", "-"),
			Title: fmt.Sprintf("Subnet addresses one %s node holds as its pods grow", d.InstanceType),
			Subtitle: fmt.Sprintf("%d ENIs × %d IPv4 addresses: %d for pods on each ENI plus its own primary address",
				d.Node.ENIs, d.Node.IPv4PerENI, perENI),
			Desc: fmt.Sprintf("Step chart of the subnet addresses (ENI primary addresses plus secondary addresses) one %s node holds "+
				"as its pods rise from 0 to %d, its max pods. With the add-on defaults (%s) the node holds %s. "+
				"With the recommendation for %d pods (%s) it holds %s. "+
				"At %d pods the add-on defaults hold %d addresses a node and the recommendation %d: %s against %s for %d nodes.",
				d.InstanceType, d.MaxPods, settingsLabel(d.Defaults), steps(d.AtDefaults),
				d.ExpectedPods, settingsLabel(d.Recommended), steps(d.AtRecommended),
				d.ExpectedPods, atDef, atRec, chart.Thousands(atDef*d.Nodes), chart.Thousands(atRec*d.Nodes), d.Nodes),
			Comment: generated,
			Width:   760,
			Height:  470,
			Notes: []string{
				"Pods rise from 0 and ipamd settles between them, as the provider's model (internal/ipam) projects it.",
				fmt.Sprintf("Max pods %d = %d ENIs × %d + 2: aws-node and kube-proxy run on the host network and take no pod address.",
					d.MaxPods, d.Node.ENIs, perENI),
			},
		},
		XLabel: "pods on the node",
		YLabel: "subnet addresses the node holds",
		XMax:   float64(d.MaxPods),
		XTicks: []chart.Tick{{Value: float64(d.MaxPods), Label: strconv.Itoa(d.MaxPods), Sub: "max pods"}},
		Series: []chart.Series{
			{Name: defaults, Style: 1, Points: series(d.AtDefaults)},
			{Name: recommended, Style: 0, Points: series(d.AtRecommended)},
		},
		Guides: []chart.Guide{{X: float64(d.ExpectedPods), Y: float64(max(atDef, atRec))}},
		Marks: []chart.Mark{
			{X: float64(d.ExpectedPods), Y: float64(atDef), Style: 1, Place: chart.AboveLeft, Lines: []string{
				fmt.Sprintf("%d addresses a node", atDef),
				fmt.Sprintf("%s for %d nodes", chart.Thousands(atDef*d.Nodes), d.Nodes),
			}},
			{X: float64(d.ExpectedPods), Y: float64(atRec), Style: 0, Place: chart.BelowRight, Lines: []string{
				fmt.Sprintf("%d addresses a node", atRec),
				fmt.Sprintf("%s for %d nodes", chart.Thousands(atRec*d.Nodes), d.Nodes),
			}},
		},
	}
}

func renderWarmPool() ([]byte, error) {
	d, err := warmPool()
	if err != nil {
		return nil, err
	}
	return d.chart().Render()
}
