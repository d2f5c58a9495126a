// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

// The user's own add-on settings (a data source's addon_configuration),
// merged into the configuration the provider writes. The user's JSON is
// parsed once (Parse), where its shape is checked; Merge then lays the
// provider's env and eniConfig over it and refuses what contradicts them
// or changes what the numbers assume.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Parse reads a user's add-on configuration: a JSON object with the
// add-on's top-level keys and, when it has env, an object of strings. It
// returns nil and the problems when there are any.
func Parse(doc string) (*Config, []Problem) {
	if strings.TrimSpace(doc) == "" {
		return nil, []Problem{{Kind: Syntax, Summary: "Empty add-on configuration",
			Detail: `The add-on configuration is empty. Give a JSON object such as jsonencode({ enableNetworkPolicy = "true" }), or leave it out (null).`}}
	}
	// Unmarshal first: its syntax errors carry the offset into the whole
	// document (the token reader's are relative to the value it reads).
	// A RawMessage only checks the syntax (numbers are not converted).
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, []Problem{syntaxProblem(doc, err)}
	}
	p := parser{dec: json.NewDecoder(strings.NewReader(doc))}
	p.dec.UseNumber()
	v := p.value(jsonPath{})
	if len(p.problems) > 0 {
		return nil, p.problems
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, []Problem{{Kind: Syntax, Summary: "Add-on configuration is not a JSON object",
			Detail: fmt.Sprintf("The add-on configuration is %s, not a JSON object. Give an object such as jsonencode({ env = { AWS_VPC_K8S_CNI_LOGLEVEL = \"DEBUG\" } }).", describeJSON(v))}}
	}
	problems := checkShape(top)
	if len(problems) > 0 {
		return nil, problems
	}
	return &Config{top: top}, nil
}

// parser walks a document json.Unmarshal accepted, token by token, to see
// duplicate keys (Unmarshal keeps the last silently) and keep numbers
// exact.
type parser struct {
	dec      *json.Decoder
	problems []Problem
}

func (p *parser) value(at jsonPath) any {
	t, err := p.dec.Token()
	if err != nil {
		// Unmarshal accepted the document, so the reader cannot fail.
		p.problems = append(p.problems, Problem{Kind: Syntax, Summary: "Invalid add-on configuration JSON", Key: at.String(), Detail: "The add-on configuration could not be read: " + err.Error() + "."})
		return nil
	}
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			list := []any{}
			for p.dec.More() {
				list = append(list, p.value(at.index(len(list))))
			}
			_, _ = p.dec.Token() // ]
			return list
		}
		obj := map[string]any{}
		for p.dec.More() {
			kt, _ := p.dec.Token()
			k, _ := kt.(string)
			kat := at.key(k)
			if _, dup := obj[k]; dup {
				p.problems = append(p.problems, Problem{Kind: Syntax, Summary: "Duplicate key in add-on configuration", Key: kat.String(),
					Detail: fmt.Sprintf("The add-on configuration has the key %s twice; give each key once (jsonencode never writes a key twice).", kat)})
			}
			obj[k] = p.value(kat)
		}
		_, _ = p.dec.Token() // }
		return obj
	case json.Number:
		n, ok := terraformNumber(t)
		if !ok {
			p.problems = append(p.problems, Problem{Kind: Syntax, Summary: "Number out of range in add-on configuration", Key: at.String(),
				Detail: fmt.Sprintf("%s is %s, too large or too small a number to write out in full as Terraform's jsonencode does.", at, echo.Cut(string(t)))})
		}
		return n
	}
	return t // string, bool or nil
}

// terraformNumber writes a JSON number as Terraform's jsonencode does:
// Terraform holds numbers as 512-bit big.Floats and prints them with
// Text('f', -1), so 1e3 becomes 1000 and 1.50 becomes 1.5, while 10 and
// 12345678901234567890123 stay as they are (float64 would round the
// latter). ok is false for exponents so large that the number would print
// as thousands of digits.
func terraformNumber(n json.Number) (json.Number, bool) {
	f, _, err := big.ParseFloat(string(n), 10, 512, big.ToNearestEven)
	if err != nil || f.IsInf() {
		return n, false
	}
	if e := f.MantExp(nil); e > maxNumberBinaryExponent || e < -maxNumberBinaryExponent {
		return n, false
	}
	return json.Number(f.Text('f', -1)), true
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

// generic turns a value the provider writes into the parsed form.
func generic(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, bools and maps of them
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out any
	if err := d.Decode(&out); err != nil {
		panic(err)
	}
	return out
}

// compact writes a parsed value as jsonencode would: keys sorted, no
// white space, <, > and & escaped.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Parsed values are strings, valid json.Numbers, bools, nils and
		// lists and maps of them.
		panic(err)
	}
	return string(b)
}

// describeJSON names a parsed value's JSON type, with the value when short.
func describeJSON(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case json.Number:
		return "the number " + echo.Cut(string(v))
	case string:
		return "the string " + echo.Quote(v)
	case []any:
		return "a list"
	}
	return "an object"
}

// syntaxProblem says where a document stops being JSON.
func syntaxProblem(doc string, err error) Problem {
	var se *json.SyntaxError
	offset := int64(len(doc))
	msg := err.Error()
	if errors.As(err, &se) {
		offset = se.Offset
	} else if errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of JSON input"
	}
	line, col := lineColumn(doc, offset)
	near := doc[:min(int(offset), len(doc))]
	if len(near) > 24 {
		near = near[len(near)-24:]
		for len(near) > 0 && !utf8.RuneStart(near[0]) {
			near = near[1:]
		}
		near = "…" + near
	}
	return Problem{Kind: Syntax, Summary: "Invalid add-on configuration JSON", Offset: offset,
		Detail: fmt.Sprintf("The add-on configuration is not valid JSON: %s, at byte %d (line %d, column %d), after %s. Write it with jsonencode({ ... }).",
			msg, offset, line, col, echo.Quote(near))}
}

// lineColumn gives the 1-based line and column (in bytes) of the byte at
// 1-based position offset.
func lineColumn(doc string, offset int64) (int, int) {
	before := doc[:max(0, min(int(offset)-1, len(doc)))]
	line := strings.Count(before, "\n") + 1
	col := len(before) - strings.LastIndex(before, "\n")
	return line, col
}

// jsonPath is a place in a JSON document, written as
// env.WARM_IP_TARGET, tolerations[0].key or podLabels["app.kubernetes.io/name"].
type jsonPath struct{ s string }

func (p jsonPath) key(k string) jsonPath {
	switch {
	case !plainKey(k):
		return jsonPath{p.s + "[" + echo.Quote(k) + "]"}
	case p.s == "":
		return jsonPath{k}
	}
	return jsonPath{p.s + "." + k}
}

func (p jsonPath) index(i int) jsonPath { return jsonPath{p.s + "[" + strconv.Itoa(i) + "]"} }

func (p jsonPath) String() string { return p.s }

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i, r := range k {
		letter := r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		digit := i > 0 && '0' <= r && r <= '9'
		if !letter && !digit {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
