// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package figures

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/chart"
)

// phaseNames are the moments whose addresses subnetNeed.Needed holds.
var phaseNames = [3]string{"desired size", "max size", "max size + rolling-update surge"}

func (c clusterPlan) chart() chart.BarChart {
	var groups []string
	sameSurge := true
	for _, g := range c.Groups {
		groups = append(groups, fmt.Sprintf("%d–%d %s", g.DesiredNodes, g.MaxNodes, g.InstanceType))
		sameSurge = sameSurge && g.SurgeNodes == c.Groups[0].SurgeNodes
	}
	surgeNote := "a rolling update adds nodes to each group at its max size (EKS managed node groups)"
	if sameSurge {
		surgeNote = fmt.Sprintf("a rolling update adds %d nodes to each group at its max size (EKS managed node groups)", c.Groups[0].SurgeNodes)
	}
	var zones []string
	sameSize := true
	var bars []chart.BarGroup
	var desc []string
	for _, s := range c.Subnets {
		if !slices.Contains(zones, s.Zone) {
			zones = append(zones, s.Zone)
		}
		sameSize = sameSize && prefixOf(s.CIDR) != "" && prefixOf(s.CIDR) == prefixOf(c.Subnets[0].CIDR)
		g := chart.BarGroup{Label: s.ID, Sub: strings.TrimSuffix(s.Zone+" · "+s.CIDR, " · "), Limit: float64(s.Capacity)}
		var parts []string
		for i, v := range s.Needed {
			g.Values = append(g.Values, float64(v))
			parts = append(parts, fmt.Sprintf("%s at %s", chart.Thousands(v), phaseNames[i]))
		}
		bars = append(bars, g)
		desc = append(desc, fmt.Sprintf("%s (%s, %s) must hold %s, of %s usable addresses", s.ID, s.Zone, s.CIDR, strings.Join(parts, ", "), chart.Thousands(s.Capacity)))
	}
	where := fmt.Sprintf("%d zones, one subnet each", len(zones))
	if sameSize && len(zones) == len(c.Subnets) {
		where = fmt.Sprintf("%d zones, one %s subnet each", len(zones), prefixOf(c.Subnets[0].CIDR))
	}
	return chart.BarChart{
		Frame: chart.Frame{
			ID:       "sizing-subnets",
			Title:    fmt.Sprintf("Addresses each subnet must hold: %d node groups over %d zones", len(c.Groups), len(zones)),
			Subtitle: joinAnd(groups) + " nodes over " + where,
			Desc: fmt.Sprintf("Grouped bar chart of the subnet addresses each of %d subnets must hold with the recommended settings (%s) "+
				"at the node groups' desired size, at their max size, and at max size while %s: %s.",
				len(c.Subnets), settingsLabel(c.Recommended), surgeNote, strings.Join(desc, "; ")),
			Comment: generated,
			Width:   760,
			Height:  470,
			Notes: []string{
				fmt.Sprintf("Recommended settings (%s); %s.", settingsLabel(c.Recommended), surgeNote),
				"Planned by the provider's model (internal/plan), as vpccni_cluster plans it; AWS reserves 5 addresses a subnet.",
			},
		},
		YLabel:     "subnet addresses",
		Categories: []string{"at " + phaseNames[0], "at " + phaseNames[1], "at " + phaseNames[2]},
		LimitLabel: "usable addresses in the subnet",
		Groups:     bars,
	}
}

// prefixOf returns the "/22" of a CIDR, "" without one.
func prefixOf(cidr string) string {
	if i := strings.LastIndexByte(cidr, '/'); i >= 0 {
		return cidr[i:]
	}
	return ""
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func renderSizing() ([]byte, error) {
	in, err := sizingCluster()
	if err != nil {
		return nil, err
	}
	c, err := planCluster(in)
	if err != nil {
		return nil, err
	}
	return c.chart().Render()
}
