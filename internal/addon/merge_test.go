// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// warmPoolInputs names vpccni_warm_pool's inputs, as the provider passes
// them.
var warmPoolInputs = map[string]string{
	EnvWarmIPTarget:     "spare_ips",
	EnvMinimumIPTarget:  "expected_pods",
	EnvPrefixDelegation: "prefix_delegation",
	EnvCustomNetwork:    "custom_networking",
	EnvENIConfigLabel:   "custom_networking",
	EnvMaxENI:           "max_eni",
	EnvPodENI:           "security_groups_for_pods",
	InputCurrent:        "current",
	sectionENIConfig:    `subnet blocks with purpose = "pods"`,
}

// articleBase is the article's recommendation: MINIMUM_IP_TARGET=20,
// WARM_IP_TARGET=2.
func articleBase() Base {
	return Base{Env: Env(ipam.Settings{WarmIPTarget: ipam.TargetOf(2), MinimumIPTarget: ipam.TargetOf(20)}), Inputs: warmPoolInputs}
}

func prefixBase() Base {
	b := articleBase()
	b.Env = Env(ipam.Settings{WarmIPTarget: ipam.TargetOf(2), MinimumIPTarget: ipam.TargetOf(20), PrefixDelegation: true})
	b.Model.PrefixDelegation = true
	return b
}

func eniBase() Base {
	b := articleBase()
	b.Env = Env(ipam.Settings{WarmIPTarget: ipam.TargetOf(2), MinimumIPTarget: ipam.TargetOf(17), CustomNetworking: true})
	b.Model.CustomNetworking = true
	b.ENIConfig = &ENIConfig{Create: true, Region: "eu-west-1", Subnets: map[string]ENIConfigSubnet{"eu-west-1a": {ID: "subnet-pa"}}}
	return b
}

const articleEnv = `"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}`

// TestMerge: the merged configuration_values, byte for byte. The expected
// strings with numbers, lists and escapes are what Terraform 1.11's
// jsonencode(merge(jsondecode(user), { env = ... })) prints.
func TestMerge(t *testing.T) {
	cases := []struct {
		name string
		base Base
		user string // "" for no addon_configuration
		want string
	}{
		{"no addon_configuration", articleBase(), "", `{` + articleEnv + `}`},
		{"empty object", articleBase(), `{}`, `{` + articleEnv + `}`},
		{"empty env", articleBase(), `{"env":{}}`, `{` + articleEnv + `}`},
		{"the issue's merge", articleBase(), `{"enableNetworkPolicy":"true","env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG"}}`,
			`{"enableNetworkPolicy":"true","env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		{"white space and key order do not matter", articleBase(), "{\n  \"env\" : { \"ENABLE_PREFIX_DELEGATION\": \"false\" },\n\t\"enableNetworkPolicy\": \"true\"\n}\n",
			`{"enableNetworkPolicy":"true","env":{"ENABLE_PREFIX_DELEGATION":"false","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		{"an owned key with the same value", articleBase(), `{"env":{"WARM_IP_TARGET":"2","MINIMUM_IP_TARGET":"20"}}`, `{` + articleEnv + `}`},
		{"its own output again", articleBase(), `{"enableNetworkPolicy":"true",` + articleEnv + `}`, `{"enableNetworkPolicy":"true",` + articleEnv + `}`},
		{"numbers, bools, null, lists", articleBase(),
			`{"affinity":null,"init":{"env":{"DISABLE_TCP_EARLY_DEMUX":"true"}},"livenessProbeTimeoutSeconds":10,"readinessProbeTimeoutSeconds":1e3,` +
				`"resources":{"requests":{"cpu":"25m"},"limits":{"memory":"1.50Gi"}},"tolerations":[{"operator":"Exists","tolerationSeconds":12345678901234567890123},` +
				`{"effect":"NoSchedule","weight":1.50,"x":-0,"y":1E-7,"z":[true,false,null,[],{}]}]}`,
			`{"affinity":null,` + articleEnv + `,"init":{"env":{"DISABLE_TCP_EARLY_DEMUX":"true"}},"livenessProbeTimeoutSeconds":10,"readinessProbeTimeoutSeconds":1000,` +
				`"resources":{"limits":{"memory":"1.50Gi"},"requests":{"cpu":"25m"}},"tolerations":[{"operator":"Exists","tolerationSeconds":12345678901234567890123},` +
				`{"effect":"NoSchedule","weight":1.5,"x":-0,"y":0.0000001,"z":[true,false,null,[],{}]}]}`},
		{"escapes as jsonencode writes them", Base{Env: map[string]string{}},
			`{"podAnnotations":{"a&b":"<x>","\u2028":"tab\there","é":"q\"uote\\"}}`,
			`{"env":{},"podAnnotations":{"a\u0026b":"\u003cx\u003e","é":"q\"uote\\","\u2028":"tab\there"}}`},
		// Without subnets tagged kubernetes.io/role/cni in the model, any
		// value of ENABLE_SUBNET_DISCOVERY leaves the numbers as they are.
		{"subnet discovery either way", func() Base { b := articleBase(); b.Model.DiscoveryIrrelevant = true; return b }(), `{"env":{"ENABLE_SUBNET_DISCOVERY":"true"}}`,
			`{"env":{"ENABLE_SUBNET_DISCOVERY":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		{"switches that agree with the model", articleBase(), `{"env":{"ENABLE_POD_ENI":"false","ENABLE_SUBNET_DISCOVERY":"false","ENABLE_IPv6":"false","ENABLE_IPv4":"true","AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"false"}}`,
			`{"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"false","ENABLE_IPv4":"true","ENABLE_IPv6":"false","ENABLE_POD_ENI":"false","ENABLE_SUBNET_DISCOVERY":"false","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		{"security groups for pods on", func() Base { b := articleBase(); b.Model.SecurityGroupsForPods = true; return b }(), `{"env":{"ENABLE_POD_ENI":"true"}}`,
			`{"env":{"ENABLE_POD_ENI":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		{"prefix delegation on, said again", prefixBase(), `{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}`,
			`{"env":{"ENABLE_PREFIX_DELEGATION":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		{"the user's eniConfig when the data source writes none", articleBase(), `{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-pa"}}}}`,
			`{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-pa"}}},` + articleEnv + `}`},
		{"the data source's eniConfig, said again", eniBase(), `{"eniConfig":{"subnets":{"eu-west-1a":{"id":"subnet-pa"}},"region":"eu-west-1","create":true},"nodeAgent":{"enablePolicyEventLogs":"true"}}`,
			`{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-pa"}}},` +
				`"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone","MINIMUM_IP_TARGET":"17","WARM_IP_TARGET":"2"},"nodeAgent":{"enablePolicyEventLogs":"true"}}`},
	}
	sch := compileSchema(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var cfg *Config
			if c.user != "" {
				var problems []Problem
				cfg, problems = Parse(c.user)
				if len(problems) > 0 {
					t.Fatalf("Parse: %+v", problems)
				}
			}
			got, problems := Merge(cfg, c.base)
			if len(problems) > 0 {
				t.Fatalf("Merge: %+v", problems)
			}
			if got != c.want {
				t.Fatalf("Merge =\n%s\nwant\n%s", got, c.want)
			}
			if err := validateJSON(sch, got); err != nil {
				t.Fatalf("%s\ndoes not match the add-on schema: %v", got, violations(err))
			}
			// Passing configuration_values back as addon_configuration
			// (an existing add-on's settings) changes nothing.
			again, problems := Parse(got)
			if len(problems) > 0 {
				t.Fatalf("Parse(own output): %+v", problems)
			}
			if twice, problems := Merge(again, c.base); len(problems) > 0 || twice != got {
				t.Fatalf("merging the output again gives %s, %+v", twice, problems)
			}
		})
	}
}

// TestMergeWithoutConfigIsConfigurationValues: no addon_configuration
// gives exactly what the data sources wrote before it existed.
func TestMergeWithoutConfigIsConfigurationValues(t *testing.T) {
	for _, b := range []Base{articleBase(), prefixBase(), eniBase()} {
		got, problems := Merge(nil, b)
		if want := ConfigurationValues(b.Env, b.ENIConfig); got != want || problems != nil {
			t.Fatalf("Merge(nil) = %s, %v; want %s", got, problems, want)
		}
	}
}

// problem is what a test pins of a Problem: kind, key, and the detail
// (exact when it does not start with "~", else a substring).
type problem struct {
	kind   Kind
	key    string
	detail string
}

func (p problem) matches(got Problem) bool {
	if p.kind != got.Kind || p.key != got.Key {
		return false
	}
	if sub, ok := strings.CutPrefix(p.detail, "~"); ok {
		return strings.Contains(got.Detail, sub)
	}
	return got.Detail == p.detail
}

func checkProblems(t *testing.T, got []Problem, want []problem) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = want[i].matches(got[i])
	}
	if !ok {
		var b strings.Builder
		for _, p := range got {
			fmt.Fprintf(&b, "  kind %d key %q: %s\n", p.Kind, p.Key, p.Detail)
		}
		t.Fatalf("problems:\n%swant %+v", b.String(), want)
	}
}

// TestParseProblems: what Parse refuses, before anything is merged.
func TestParseProblems(t *testing.T) {
	cases := []struct {
		name, doc string
		want      []problem
	}{
		{"empty", ``, []problem{{Syntax, "", `The add-on configuration is empty. Give a JSON object such as jsonencode({ enableNetworkPolicy = "true" }), or leave it out (null).`}}},
		{"blank", " \n", []problem{{Syntax, "", "~is empty"}}},
		{"cut short", `{"env":`, []problem{{Syntax, "",
			`The add-on configuration is not valid JSON: unexpected end of JSON input, at byte 7 (line 1, column 7), after "{\"env\":". Write it with jsonencode({ ... }).`}}},
		{"trailing comma", "{\n  \"env\": {\"A\": \"1\",}\n}", []problem{{Syntax, "",
			`The add-on configuration is not valid JSON: invalid character '}' looking for beginning of object key string, at byte 22 (line 2, column 20), after "{\n  \"env\": {\"A\": \"1\",}". Write it with jsonencode({ ... }).`}}},
		{"HCL instead of JSON", `{ env = { A = "1" } }`, []problem{{Syntax, "", "~invalid character 'e' looking for beginning of object key string, at byte 3 (line 1, column 3)"}}},
		{"two objects", `{}{}`, []problem{{Syntax, "", "~invalid character '{' after top-level value, at byte 3"}}},
		{"a list", `[{"env":{}}]`, []problem{{Syntax, "", "The add-on configuration is a list, not a JSON object. Give an object such as jsonencode({ env = { AWS_VPC_K8S_CNI_LOGLEVEL = \"DEBUG\" } })."}}},
		{"a string", `"{}"`, []problem{{Syntax, "", `~is the string "{}", not a JSON object`}}},
		{"null", `null`, []problem{{Syntax, "", "~is null, not a JSON object"}}},
		{"duplicate env key", `{"env":{"A":"1","A":"2"}}`, []problem{{Syntax, "env.A", "The add-on configuration has the key env.A twice; give each key once (jsonencode never writes a key twice)."}}},
		{"duplicate nested key", `{"tolerations":[{"key":"a","key":"b"}]}`, []problem{{Syntax, "tolerations[0].key", "~has the key tolerations[0].key twice"}}},
		{"duplicate odd key", `{"podLabels":{"app.kubernetes.io/name":"a","app.kubernetes.io/name":"b"}}`, []problem{{Syntax, `podLabels["app.kubernetes.io/name"]`, "~twice"}}},
		{"huge number", `{"livenessProbeTimeoutSeconds":1e99999}`, []problem{{Syntax, "livenessProbeTimeoutSeconds", "livenessProbeTimeoutSeconds is 1e99999, too large or too small a number to write out in full as Terraform's jsonencode does."}}},
		{"unknown key", `{"image":{"tag":"v1"}}`, []problem{{Shape, "image",
			`The vpc-cni add-on configuration has no top-level key "image", and EKS refuses keys it does not know. It takes affinity, branchENICooldown, enableNetworkPolicy, enableWindowsIpam, enableWindowsPrefixDelegation, eniConfig, env, init, livenessProbeTimeoutSeconds, minimumWindowsIPTarget, nodeAgent, podAnnotations, podLabels, readinessProbeTimeoutSeconds, resources, tolerations, warmWindowsIPTarget, warmWindowsPrefixTarget. If a newer add-on version takes it, set it outside this data source.`}}},
		{"wrong case", `{"Env":{"A":"1"}}`, []problem{{Shape, "Env", "~Did you mean env? Keys are case-sensitive."}}},
		{"the schema's definition name", `{"VpcCni":{"properties":{"enableNetworkPolicy":"true"}}}`, []problem{{Shape, "VpcCni", "~VpcCni is the name of the add-on schema's definition, not a key"}}},
		{"env as a list", `{"env":[{"name":"A","value":"1"}]}`, []problem{{Shape, "env", `env is a list; the add-on takes an object of variable names to string values, such as env = { AWS_VPC_K8S_CNI_LOGLEVEL = "DEBUG" }.`}}},
		{"env null", `{"env":null}`, []problem{{Shape, "env", "~env is null;"}}},
		{"env values not strings", `{"env":{"WARM_IP_TARGET":5,"ENABLE_POD_ENI":true,"X":null,"Y":{},"Z":"ok","W":1.0}}`, []problem{
			{Shape, "env.ENABLE_POD_ENI", `env.ENABLE_POD_ENI is the boolean true; env values are strings in the add-on schema (Kubernetes env values are strings). Write "true".`},
			{Shape, "env.W", `~is the number 1; env values are strings in the add-on schema (Kubernetes env values are strings). Write "1".`},
			{Shape, "env.WARM_IP_TARGET", `env.WARM_IP_TARGET is the number 5; env values are strings in the add-on schema (Kubernetes env values are strings). Write "5".`},
			{Shape, "env.X", "~env.X is null; env values are strings"},
			{Shape, "env.Y", "~env.Y is an object; env values are strings"},
		}},
		{"unknown key and bad env together", `{"foo":1,"env":{"A":2}}`, []problem{{Shape, "foo", "~no top-level key \"foo\""}, {Shape, "env.A", "~is the number 2"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, problems := Parse(c.doc)
			if cfg != nil {
				t.Fatalf("Parse(%q) accepted", c.doc)
			}
			checkProblems(t, problems, c.want)
		})
	}
}

// TestMergeProblems: keys the data source owns with another value, and
// keys that change what its numbers assume.
func TestMergeProblems(t *testing.T) {
	noInputs := articleBase()
	noInputs.Inputs = nil
	noTargets := articleBase()
	noTargets.Env = map[string]string{}
	cases := []struct {
		name string
		base Base
		doc  string
		want []problem
	}{
		{"the issue's conflict", articleBase(), `{"env":{"WARM_IP_TARGET":"5"}}`, []problem{{Owned, "env.WARM_IP_TARGET",
			`env.WARM_IP_TARGET is set by spare_ips: addon_configuration has "5" and the data source writes "2". Remove it from addon_configuration, or change spare_ips so that the data source writes the value you want: the numbers here are for the value the data source writes.`}}},
		{"MINIMUM_IP_TARGET", articleBase(), `{"env":{"MINIMUM_IP_TARGET":"30"}}`, []problem{{Owned, "env.MINIMUM_IP_TARGET", `~env.MINIMUM_IP_TARGET is set by expected_pods: addon_configuration has "30" and the data source writes "20".`}}},
		{"prefix delegation turned off", prefixBase(), `{"env":{"ENABLE_PREFIX_DELEGATION":"false"}}`, []problem{{Owned, "env.ENABLE_PREFIX_DELEGATION",
			`~env.ENABLE_PREFIX_DELEGATION is set by prefix_delegation: addon_configuration has "false" and the data source writes "true".`}}},
		{"an owned key without an input name", noInputs, `{"env":{"WARM_IP_TARGET":"5"}}`, []problem{{Owned, "env.WARM_IP_TARGET",
			`env.WARM_IP_TARGET is set by the data source itself: addon_configuration has "5" and the data source writes "2". Remove it from addon_configuration: the numbers here are for the value the data source writes.`}}},
		{"custom networking label", eniBase(), `{"env":{"ENI_CONFIG_LABEL_DEF":"failure-domain.beta.kubernetes.io/zone"}}`, []problem{{Owned, "env.ENI_CONFIG_LABEL_DEF", "~is set by custom_networking"}}},
		{"another eniConfig", eniBase(), `{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-other"}}}}`, []problem{{Owned, "eniConfig",
			`eniConfig is written by subnet blocks with purpose = "pods": at eniConfig.subnets["eu-west-1a"].id addon_configuration has "subnet-other" ` +
				`and the data source writes "subnet-pa". Remove eniConfig from addon_configuration, ` +
				`or change subnet blocks with purpose = "pods": the numbers here are for the pod subnets the data source writes.`}}},
		{"eniConfig without region", eniBase(), `{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-pa"}}}}`, []problem{{Owned, "eniConfig",
			`~at eniConfig.region addon_configuration has nothing and the data source writes "eu-west-1".`}}},
		{"the issue's model-changing key", articleBase(), `{"env":{"WARM_ENI_TARGET":"1"}}`, []problem{{ModelChanging, "env.WARM_ENI_TARGET",
			`env.WARM_ENI_TARGET = "1" sets how many spare ENIs each node keeps, which the numbers here leave out: they are for the data source's own settings. ` +
				`Remove it from addon_configuration; to see what it would cost, set current { warm_eni_target = 1 } and compare current with recommended.`}}},
		{"WARM_PREFIX_TARGET", prefixBase(), `{"env":{"WARM_PREFIX_TARGET":"x"}}`, []problem{{ModelChanging, "env.WARM_PREFIX_TARGET", "~set current { warm_prefix_target = N }"}}},
		{"IP targets the data source leaves out", noTargets, `{"env":{"WARM_IP_TARGET":"5","MINIMUM_IP_TARGET":"10"}}`, []problem{
			{ModelChanging, "env.MINIMUM_IP_TARGET", `env.MINIMUM_IP_TARGET = "10" sets how many addresses each node holds at least, which the numbers here leave out: ` +
				`they are for the data source's own settings. Remove it from addon_configuration; to see what it would cost, set current { minimum_ip_target = 10 } and compare current with recommended.`},
			{ModelChanging, "env.WARM_IP_TARGET", `~env.WARM_IP_TARGET = "5" sets how many spare addresses each node keeps, which the numbers here leave out: they are for the data source's own settings. Remove it from addon_configuration; to see what it would cost, set current { warm_ip_target = 5 }`},
		}},
		{"MAX_ENI", articleBase(), `{"env":{"MAX_ENI":"3"}}`, []problem{{ModelChanging, "env.MAX_ENI",
			`env.MAX_ENI = "3" caps the ENIs each node attaches, and with them max pods and the addresses each node holds, but max_eni is not set, so the numbers here leave it out. ` +
				`Set max_eni = 3 instead (the data source then writes env.MAX_ENI itself) and remove it from addon_configuration.`}}},
		{"WARM_ENI_TARGET without a current block", noInputs, `{"env":{"WARM_ENI_TARGET":"1"}}`, []problem{{ModelChanging, "env.WARM_ENI_TARGET",
			`env.WARM_ENI_TARGET = "1" sets how many spare ENIs each node keeps, which the numbers here leave out, and no input of this data source models it. Remove it from addon_configuration.`}}},
		{"MAX_ENI without an input name", noInputs, `{"env":{"MAX_ENI":"3"}}`, []problem{{ModelChanging, "env.MAX_ENI", "~and no input of this data source models it. Remove it from addon_configuration."}}},
		{"prefix delegation turned on", articleBase(), `{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}`, []problem{{ModelChanging, "env.ENABLE_PREFIX_DELEGATION",
			`env.ENABLE_PREFIX_DELEGATION = "true" turns prefix delegation on, which changes max pods and makes nodes hold /28 prefixes instead of addresses, ` +
				`but prefix_delegation is false, so the numbers here are for prefix delegation off. Set prefix_delegation = true instead and remove it from addon_configuration.`}}},
		{"ParseBool spellings count", articleBase(), `{"env":{"ENABLE_PREFIX_DELEGATION":"1"}}`, []problem{{ModelChanging, "env.ENABLE_PREFIX_DELEGATION", "~turns prefix delegation on"}}},
		{"not a boolean", articleBase(), `{"env":{"ENABLE_PREFIX_DELEGATION":"yes"}}`, []problem{{ModelChanging, "env.ENABLE_PREFIX_DELEGATION",
			`env.ENABLE_PREFIX_DELEGATION = "yes" is not a boolean: ipamd reads ENABLE_PREFIX_DELEGATION with strconv.ParseBool, so write "true" or "false".`}}},
		{"custom networking turned on", articleBase(), `{"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true"}}`, []problem{{ModelChanging, "env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "~but custom_networking is false, so the numbers here are for custom networking off. Set custom_networking = true instead"}}},
		{"security groups for pods turned on", articleBase(), `{"env":{"ENABLE_POD_ENI":"true"}}`, []problem{{ModelChanging, "env.ENABLE_POD_ENI",
			`env.ENABLE_POD_ENI = "true" turns security groups for pods on, which gives trunk-capable nodes a trunk ENI (an ENI slot and an address), but security_groups_for_pods is false, ` +
				`so the numbers here are for security groups for pods off. Set security_groups_for_pods = true instead and remove it from addon_configuration.`}}},
		{"security groups for pods turned off", func() Base { b := articleBase(); b.Model.SecurityGroupsForPods = true; return b }(), `{"env":{"ENABLE_POD_ENI":"false"}}`,
			[]problem{{ModelChanging, "env.ENABLE_POD_ENI", "~turns security groups for pods off, which gives trunk-capable nodes a trunk ENI (an ENI slot and an address), but security_groups_for_pods is true, so the numbers here are for security groups for pods on. Set security_groups_for_pods = false instead"}}},
		{"security groups for pods without the input", noInputs, `{"env":{"ENABLE_POD_ENI":"true"}}`, []problem{{ModelChanging, "env.ENABLE_POD_ENI", "~and no input of this data source models it, so the numbers here are for security groups for pods off. Remove it from addon_configuration."}}},
		{"subnet discovery", articleBase(), `{"env":{"ENABLE_SUBNET_DISCOVERY":"true"}}`, []problem{{ModelChanging, "env.ENABLE_SUBNET_DISCOVERY",
			`env.ENABLE_SUBNET_DISCOVERY = "true" turns subnet discovery on, which lets ipamd create secondary ENIs in other subnets of the node's zone tagged kubernetes.io/role/cni, ` +
				`and no input of this data source models it, so the numbers here are for subnet discovery off. Remove it from addon_configuration.`}}},
		{"subnet discovery, input off", func() Base {
			b := articleBase()
			b.Inputs = map[string]string{EnvSubnetDiscovery: "subnet_discovery"}
			return b
		}(), `{"env":{"ENABLE_SUBNET_DISCOVERY":"true"}}`, []problem{{ModelChanging, "env.ENABLE_SUBNET_DISCOVERY",
			"~but subnet_discovery is false, so the numbers here are for subnet discovery off. Set subnet_discovery = true instead"}}},
		{"IPv6", articleBase(), `{"env":{"ENABLE_IPv6":"true"}}`, []problem{{ModelChanging, "env.ENABLE_IPv6", `~turns IPv6 on, which makes pods IPv6 (a cluster's IP family is chosen when it is created). Remove it from addon_configuration: vpccni_cluster's ip_family = "ipv6" plans an IPv6 cluster`}}},
		{"IPv4 off", articleBase(), `{"env":{"ENABLE_IPv4":"false"}}`, []problem{{ModelChanging, "env.ENABLE_IPv4", "~turns IPv4 off"}}},
		{"every problem, sorted by key", articleBase(), `{"env":{"WARM_IP_TARGET":"5","WARM_ENI_TARGET":"1","MAX_ENI":"2","AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG"}}`, []problem{
			{ModelChanging, "env.MAX_ENI", "~max_eni = 2"},
			{ModelChanging, "env.WARM_ENI_TARGET", "~warm_eni_target = 1"},
			{Owned, "env.WARM_IP_TARGET", "~is set by spare_ips"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, problems := Parse(c.doc)
			if len(problems) > 0 {
				t.Fatalf("Parse: %+v", problems)
			}
			got, problems := Merge(cfg, c.base)
			if got != "" {
				t.Fatalf("Merge = %s with problems %+v, want no output", got, problems)
			}
			checkProblems(t, problems, c.want)
		})
	}
}

// TestConflictFields: an Owned conflict carries both values and the input
// in parts, not only in its sentence.
func TestConflictFields(t *testing.T) {
	cfg, _ := Parse(`{"env":{"WARM_IP_TARGET":"5"}}`)
	_, problems := Merge(cfg, articleBase())
	want := Problem{Kind: Owned, Key: "env.WARM_IP_TARGET", User: `"5"`, Provider: `"2"`, Input: "spare_ips"}
	if len(problems) != 1 {
		t.Fatalf("problems %+v", problems)
	}
	got := problems[0]
	got.Summary, got.Detail = "", ""
	if got != want {
		t.Fatalf("conflict %+v, want %+v", got, want)
	}
	cfg, _ = Parse(`{"env":`)
	if cfg != nil {
		t.Fatal("accepted")
	}
	_, problems = Parse(`{"env":`)
	if problems[0].Offset != 7 {
		t.Fatalf("offset %d, want 7", problems[0].Offset)
	}
}

// TestTopLevelKeysSorted keeps the list in the order messages print it.
func TestTopLevelKeysSorted(t *testing.T) {
	if !slices.IsSorted(TopLevelKeys) {
		t.Fatalf("TopLevelKeys not sorted: %v", TopLevelKeys)
	}
	for _, k := range []string{"env", "eniConfig"} {
		if !slices.Contains(TopLevelKeys, k) {
			t.Fatalf("TopLevelKeys lacks %s, which the provider writes", k)
		}
	}
}
