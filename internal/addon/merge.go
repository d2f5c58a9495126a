// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

// The user's own add-on settings (a data source's addon_configuration),
// merged into the configuration the provider writes. The user's JSON is
// parsed once (Parse), where its shape is checked; Merge then lays the
// provider's env and eniConfig over it and refuses what contradicts them
// or changes what the numbers assume.

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// TopLevelKeys are the top-level keys of the vpc-cni add-on configuration
// that EKS takes (its VpcCni definition has additionalProperties false, so
// any other key fails aws_eks_addon at apply). The list is the
// `aws eks describe-addon-configuration --addon-name vpc-cni` schema's
// properties (v1.15.1-eksbuild.1, quoted in the AWS CLI reference:
// affinity, enableNetworkPolicy, enableWindowsIpam, eniConfig, env, init,
// livenessProbeTimeoutSeconds, nodeAgent, readinessProbeTimeoutSeconds,
// resources, tolerations), plus keys of the aws-vpc-cni chart's values
// (aws/amazon-vpc-cni-k8s b5218838, chart 1.23.1) that later add-on
// versions take: podAnnotations, podLabels, and the Windows settings the
// chart renders into the amazon-vpc-cni ConfigMap (templates/configmap.yaml:
// enableWindowsPrefixDelegation, warmWindowsPrefixTarget,
// warmWindowsIPTarget, minimumWindowsIPTarget, branchENICooldown); these
// were not checked against a later add-on schema. The chart's other values
// (image, nodeSelector, updateStrategy, ...) are install options, not
// add-on settings. Sorted.
var TopLevelKeys = []string{
	"affinity", "branchENICooldown", "enableNetworkPolicy", "enableWindowsIpam", "enableWindowsPrefixDelegation",
	"eniConfig", "env", "init", "livenessProbeTimeoutSeconds", "minimumWindowsIPTarget", "nodeAgent",
	"podAnnotations", "podLabels", "readinessProbeTimeoutSeconds", "resources", "tolerations",
	"warmWindowsIPTarget", "warmWindowsPrefixTarget",
}

// Further aws-node environment variable names the merge knows.
const (
	EnvWarmENITarget        = "WARM_ENI_TARGET"
	EnvWarmPrefixTarget     = "WARM_PREFIX_TARGET"
	EnvPodENI               = "ENABLE_POD_ENI"
	EnvSubnetDiscovery      = "ENABLE_SUBNET_DISCOVERY"
	sectionEnv              = "env"
	sectionENIConfig        = "eniConfig"
	maxNumberBinaryExponent = 4096 // about 1,233 decimal digits
)

// Kind classifies a Problem.
type Kind int

const (
	// Syntax: not JSON, not an object, a duplicate key or a number
	// Terraform could not hold.
	Syntax Kind = iota
	// Shape: a top-level key the add-on does not take, or an env that is
	// not an object of strings.
	Shape
	// Owned: a key the data source writes itself, with another value.
	Owned
	// ModelChanging: a key that changes what the numbers assume, without
	// the input that models it.
	ModelChanging
)

// Problem is one thing wrong with a user's add-on configuration. Detail
// is complete sentences ready for a diagnostic; the other fields say the
// same in parts for tests and callers.
type Problem struct {
	Kind    Kind
	Summary string
	Detail  string
	// Key is the place in the JSON, dotted: "env.WARM_IP_TARGET",
	// "eniConfig"; empty for the whole document.
	Key string
	// User and Provider are the two values of an Owned conflict (and User
	// the value of a ModelChanging key), as compact JSON.
	User, Provider string
	// Input is the data-source input that sets the key (Owned) or to set
	// instead (ModelChanging); empty when none does.
	Input string
	// Offset is where invalid JSON goes wrong: the byte count read when
	// the error showed (1-based position of the offending byte).
	Offset int64
}

// Config is a user's add-on configuration, parsed: a JSON object of
// strings, json.Numbers (written as Terraform's jsonencode writes them),
// bools, nils, []any and map[string]any.
type Config struct {
	top map[string]any
}

// checkShape checks the top-level keys and env.
func checkShape(top map[string]any) []Problem {
	var problems []Problem
	for _, k := range sortedKeys(top) {
		if !slices.Contains(TopLevelKeys, k) {
			problems = append(problems, unknownKey(k))
		}
	}
	env, present := top[sectionEnv]
	if !present {
		return problems
	}
	m, ok := env.(map[string]any)
	if !ok {
		return append(problems, Problem{Kind: Shape, Summary: "Add-on env is not an object", Key: sectionEnv, User: compact(env),
			Detail: fmt.Sprintf("env is %s; the add-on takes an object of variable names to string values, such as env = { AWS_VPC_K8S_CNI_LOGLEVEL = \"DEBUG\" }.", describeJSON(env))})
	}
	for _, k := range sortedKeys(m) {
		if _, ok := m[k].(string); ok {
			continue
		}
		key := jsonPath{}.key(sectionEnv).key(k).String()
		detail := fmt.Sprintf("%s is %s; env values are strings in the add-on schema (Kubernetes env values are strings).", key, describeJSON(m[k]))
		switch v := m[k].(type) {
		case json.Number, bool:
			detail += fmt.Sprintf(" Write %s.", strconv.Quote(compact(v)))
		}
		problems = append(problems, Problem{Kind: Shape, Summary: "Add-on env value is not a string", Key: key, User: compact(m[k]), Detail: detail})
	}
	return problems
}

func unknownKey(k string) Problem {
	detail := fmt.Sprintf("The vpc-cni add-on configuration has no top-level key %s, and EKS refuses keys it does not know. It takes %s.", echo.Quote(k), strings.Join(TopLevelKeys, ", "))
	if k == "VpcCni" {
		detail += " VpcCni is the name of the add-on schema's definition, not a key: put its properties (env, enableNetworkPolicy, ...) at the top level."
	}
	for _, known := range TopLevelKeys {
		if strings.EqualFold(k, known) {
			detail += fmt.Sprintf(" Did you mean %s? Keys are case-sensitive.", known)
		}
	}
	detail += " If a newer add-on version takes it, set it outside this data source."
	return Problem{Kind: Shape, Summary: "Unknown add-on configuration key", Key: jsonPath{}.key(k).String(), Detail: detail}
}

// Model is what the data source's inputs model: the switches a user's env
// key must agree with.
type Model struct {
	PrefixDelegation      bool
	CustomNetworking      bool
	SecurityGroupsForPods bool
	IPv6                  bool
	SubnetDiscovery       bool
	// DiscoveryIrrelevant: the numbers hold either way (no subnets
	// tagged kubernetes.io/role/cni are modelled), so any value of
	// ENABLE_SUBNET_DISCOVERY is accepted.
	DiscoveryIrrelevant bool
}

// Base is what a data source writes into configuration_values itself.
type Base struct {
	Env       map[string]string
	ENIConfig *ENIConfig
	Model     Model
	// Inputs names, for messages, the data-source input behind each env
	// variable (and "eniConfig"): the one that sets it, or the one to set
	// instead of it; and under InputCurrent the block that projects
	// today's settings (WARM_ENI_TARGET and the other counts). A name
	// missing here makes the message say that no input models it.
	Inputs map[string]string
}

// InputCurrent is the key of Base.Inputs that names the block projecting
// today's aws-node settings.
const InputCurrent = "current"

// Merge lays the data source's own configuration (base) over the user's
// and returns configuration_values: the user's object with base's env
// variables added to its env and base's eniConfig as its eniConfig, every
// key sorted at every level, byte for byte what Terraform's jsonencode
// writes for the merged object. A nil c gives base alone.
//
// A key base writes may be repeated with the same value; another value is
// an Owned problem. A key that changes what the numbers assume without
// the input that models it is a ModelChanging problem. With problems the
// string is empty.
func Merge(c *Config, base Base) (string, []Problem) {
	if c == nil {
		return ConfigurationValues(base.Env, base.ENIConfig), nil
	}
	var problems []Problem
	out := maps.Clone(c.top)

	userEnv, _ := c.top[sectionEnv].(map[string]any)
	env := make(map[string]any, len(userEnv)+len(base.Env))
	for _, k := range sortedKeys(userEnv) {
		v, _ := userEnv[k].(string) // checkShape made them strings
		if own, ok := base.Env[k]; ok {
			if v != own {
				problems = append(problems, ownedEnv(k, v, own, base.Inputs[k]))
			}
			continue
		}
		if p, bad := modelCheck(k, v, base); bad {
			problems = append(problems, p)
		}
		env[k] = v
	}
	for k, v := range base.Env {
		env[k] = v
	}
	out[sectionEnv] = env

	if base.ENIConfig != nil {
		own := generic(base.ENIConfig)
		if user, ok := c.top[sectionENIConfig]; ok && compact(user) != compact(own) {
			problems = append(problems, ownedENIConfig(user, own, base.Inputs[sectionENIConfig]))
		}
		out[sectionENIConfig] = own
	}
	if len(problems) > 0 {
		return "", problems
	}
	return compact(out), nil
}

func ownedEnv(k, user, own, input string) Problem {
	key := jsonPath{}.key(sectionEnv).key(k).String()
	by := "the data source itself"
	if input != "" {
		by = input
	}
	detail := fmt.Sprintf("%s is set by %s: addon_configuration has %s and the data source writes %s. Remove it from addon_configuration", key, by, echo.Quote(user), echo.Quote(own))
	if input != "" {
		detail += fmt.Sprintf(", or change %s so that the data source writes the value you want", input)
	}
	detail += ": the numbers here are for the value the data source writes."
	return Problem{Kind: Owned, Summary: "Add-on setting conflicts with the data source", Key: key,
		User: compact(user), Provider: compact(own), Input: input, Detail: detail}
}

func ownedENIConfig(user, own any, input string) Problem {
	by, change := "the data source itself", ""
	if input != "" {
		by, change = input, ", or change "+input
	}
	at, u, o := firstDifference(user, own, jsonPath{}.key(sectionENIConfig))
	return Problem{Kind: Owned, Summary: "Add-on setting conflicts with the data source", Key: sectionENIConfig,
		User: compact(user), Provider: compact(own), Input: input,
		Detail: fmt.Sprintf("eniConfig is written by %s: at %s addon_configuration has %s and the data source writes %s. Remove eniConfig from addon_configuration%s: "+
			"the numbers here are for the pod subnets the data source writes.", by, at, u, o, change)}
}

// firstDifference finds the first place, in key order, where two parsed
// values differ, and both values there (compact JSON, cut short, or
// "nothing" where a key is missing).
func firstDifference(a, b any, at jsonPath) (jsonPath, string, string) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		keys := maps.Clone(am)
		maps.Copy(keys, bm)
		for _, k := range sortedKeys(keys) {
			av, ain := am[k]
			bv, bin := bm[k]
			switch {
			case !ain:
				return at.key(k), "nothing", echo.Cut(compact(bv))
			case !bin:
				return at.key(k), echo.Cut(compact(av)), "nothing"
			case compact(av) != compact(bv):
				return firstDifference(av, bv, at.key(k))
			}
		}
	}
	return at, echo.Cut(compact(a)), echo.Cut(compact(b))
}
