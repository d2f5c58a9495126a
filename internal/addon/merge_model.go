// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// The keys that change what the numbers assume, and how each is refused.

// modelRule is an env variable that changes what the numbers assume.
type modelRule struct {
	// what it does, completing "env.X = "v" ...".
	what string
	// switchOf is the model's value of a boolean switch; nil for counts.
	switchOf func(Model) bool
	// feature names a switch's feature ("prefix delegation").
	feature string
	// compare: a count the current block projects, rather than an input
	// that replaces it.
	compare bool
	// noInput is the advice when no input models the switch.
	noInput string
	// ignore says when the numbers hold whatever the switch says.
	ignore func(Model) bool
}

var modelRules = map[string]modelRule{
	EnvWarmENITarget:    {what: "sets how many spare ENIs each node keeps", compare: true},
	EnvWarmPrefixTarget: {what: "sets how many spare /28 prefixes each node keeps", compare: true},
	EnvWarmIPTarget:     {what: "sets how many spare addresses each node keeps", compare: true},
	EnvMinimumIPTarget:  {what: "sets how many addresses each node holds at least", compare: true},
	EnvMaxENI:           {what: "caps the ENIs each node attaches, and with them max pods and the addresses each node holds"},
	EnvPrefixDelegation: {feature: "prefix delegation", what: "which changes max pods and makes nodes hold /28 prefixes instead of addresses",
		switchOf: func(m Model) bool { return m.PrefixDelegation }},
	EnvCustomNetwork: {feature: "custom networking", what: "which puts pod addresses in ENIConfig subnets and lowers max pods",
		switchOf: func(m Model) bool { return m.CustomNetworking }},
	EnvPodENI: {feature: "security groups for pods", what: "which gives trunk-capable nodes a trunk ENI (an ENI slot and an address)",
		switchOf: func(m Model) bool { return m.SecurityGroupsForPods }},
	EnvSubnetDiscovery: {feature: "subnet discovery", what: "which lets ipamd create secondary ENIs in other subnets of the node's zone tagged kubernetes.io/role/cni",
		switchOf: func(m Model) bool { return m.SubnetDiscovery },
		ignore:   func(m Model) bool { return m.DiscoveryIrrelevant }},
	EnvIPv6: {feature: "IPv6", what: "which makes pods IPv6 (a cluster's IP family is chosen when it is created)",
		switchOf: func(m Model) bool { return m.IPv6 },
		noInput:  `Remove it from addon_configuration: vpccni_cluster's ip_family = "ipv6" plans an IPv6 cluster and writes it, and the ipv6 entry of alternatives shows what one needs.`},
	EnvIPv4: {feature: "IPv4", what: "which an IPv4 cluster needs and an IPv6 cluster turns off",
		switchOf: func(m Model) bool { return !m.IPv6 },
		noInput:  `Remove it from addon_configuration: vpccni_cluster's ip_family = "ipv6" plans an IPv6 cluster and writes it, and the ipv6 entry of alternatives shows what one needs.`},
}

// modelCheck refuses a user env variable, not written by the data source,
// that changes what its numbers assume.
func modelCheck(k, v string, base Base) (Problem, bool) {
	rule, ok := modelRules[k]
	if !ok {
		return Problem{}, false
	}
	key := jsonPath{}.key(sectionEnv).key(k).String()
	input := base.Inputs[k]
	if rule.compare {
		input = base.Inputs[InputCurrent]
	}
	p := Problem{Kind: ModelChanging, Summary: "Add-on setting changes the model", Key: key, User: compact(v), Input: input}
	setting := fmt.Sprintf("%s = %s", key, echo.Quote(v))

	if rule.switchOf == nil {
		value := v
		if !digits(v) {
			value = "N"
		}
		switch {
		case rule.compare && input != "":
			field := strings.ToLower(k)
			p.Detail = fmt.Sprintf("%s %s, which the numbers here leave out: they are for the data source's own settings. "+
				"Remove it from addon_configuration; to see what it would cost, set %s { %s = %s } and compare %s with recommended.",
				setting, rule.what, input, field, value, input)
		case input != "":
			p.Detail = fmt.Sprintf("%s %s, but %s is not set, so the numbers here leave it out. Set %s = %s instead (the data source then writes %s itself) and remove it from addon_configuration.",
				setting, rule.what, input, input, value, key)
		default:
			p.Detail = fmt.Sprintf("%s %s, which the numbers here leave out, and no input of this data source models it. Remove it from addon_configuration.", setting, rule.what)
		}
		return p, true
	}

	if rule.ignore != nil && rule.ignore(base.Model) {
		return Problem{}, false
	}
	want := rule.switchOf(base.Model)
	on, err := strconv.ParseBool(v)
	if err != nil {
		p.Summary = "Invalid add-on setting"
		p.Detail = fmt.Sprintf("%s is not a boolean: ipamd reads %s with strconv.ParseBool, so write \"true\" or \"false\".", setting, k)
		return p, true
	}
	if on == want {
		return Problem{}, false
	}
	turns := "off"
	if on {
		turns = "on"
	}
	switch {
	case input != "":
		p.Detail = fmt.Sprintf("%s turns %s %s, %s, but %s is %t, so the numbers here are for %s %s. Set %s = %t instead and remove it from addon_configuration.",
			setting, rule.feature, turns, rule.what, input, want, rule.feature, onOff(want), input, on)
	case rule.noInput != "":
		p.Detail = fmt.Sprintf("%s turns %s %s, %s. %s", setting, rule.feature, turns, rule.what, rule.noInput)
	default:
		p.Detail = fmt.Sprintf("%s turns %s %s, %s, and no input of this data source models it, so the numbers here are for %s %s. Remove it from addon_configuration.",
			setting, rule.feature, turns, rule.what, rule.feature, onOff(want))
	}
	return p, true
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func digits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
