// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon/addontest"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// compileSchema compiles the add-on schema (internal/addon/addontest).
func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	sch, err := addontest.Compile()
	if err != nil {
		t.Fatalf("compile %s: %v", addontest.SchemaName, err)
	}
	return sch
}

// validateJSON validates a JSON document against the schema.
func validateJSON(sch *jsonschema.Schema, doc string) error { return addontest.Validate(sch, doc) }

// violations lists the leaf errors of a validation error as "instance
// location [schema rule]", the rule being the keyword's place in the
// schema (for example "/env/WARM_IP_TARGET [$defs/nonNegativeIntegerString/format]"),
// so a test can say why a document fails and not only that it does. The
// validator reports the first failing keyword of each schema object.
func violations(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{"not a validation error: " + err.Error()}
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			_, rule, _ := strings.Cut(e.SchemaURL, "#/")
			rule = strings.Join(append([]string{rule}, e.ErrorKind.KeywordPath()...), "/")
			out = append(out, "/"+strings.Join(e.InstanceLocation, "/")+" ["+rule+"]")
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.Sort(out)
	return out
}

// TestConfigurationValuesMatchSchema: every shape ConfigurationValues
// writes is a valid add-on configuration.
func TestConfigurationValuesMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	threeZones := func(sgs ...string) *ENIConfig {
		eni := &ENIConfig{Create: true, Region: "eu-west-1", Subnets: map[string]ENIConfigSubnet{}}
		for i, az := range []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"} {
			eni.Subnets[az] = ENIConfigSubnet{ID: "subnet-0p" + strconv.Itoa(i), SecurityGroups: sgs}
		}
		return eni
	}
	article := ipam.Settings{WarmIPTarget: ipam.TargetOf(2), MinimumIPTarget: ipam.TargetOf(20)}
	withPD := article
	withPD.PrefixDelegation = true
	withCN := article
	withCN.CustomNetworking = true
	withMaxENI := article
	withMaxENI.MaxENI = 3
	everything := withCN
	everything.PrefixDelegation, everything.MaxENI = true, 2
	noRegion := threeZones("sg-1")
	noRegion.Region = ""

	cases := map[string]struct {
		settings ipam.Settings
		eni      *ENIConfig
		wantEnv  []string
	}{
		"article fix":                           {article, nil, []string{EnvMinimumIPTarget, EnvWarmIPTarget}},
		"prefix delegation":                     {withPD, nil, []string{EnvPrefixDelegation, EnvMinimumIPTarget, EnvWarmIPTarget}},
		"custom networking, security groups":    {withCN, threeZones("sg-0pods", "sg-0extra"), []string{EnvCustomNetwork, EnvENIConfigLabel, EnvMinimumIPTarget, EnvWarmIPTarget}},
		"custom networking, no security groups": {withCN, threeZones(), []string{EnvCustomNetwork, EnvENIConfigLabel, EnvMinimumIPTarget, EnvWarmIPTarget}},
		"custom networking, no region":          {withCN, noRegion, []string{EnvCustomNetwork, EnvENIConfigLabel, EnvMinimumIPTarget, EnvWarmIPTarget}},
		"MAX_ENI":                               {withMaxENI, nil, []string{EnvMaxENI, EnvMinimumIPTarget, EnvWarmIPTarget}},
		"everything":                            {everything, threeZones("sg-1"), []string{EnvCustomNetwork, EnvPrefixDelegation, EnvENIConfigLabel, EnvMaxENI, EnvMinimumIPTarget, EnvWarmIPTarget}},
		"defaults only (empty env)":             {ipam.Settings{}, nil, nil},
		"large targets":                         {ipam.Settings{WarmIPTarget: ipam.TargetOf(100000), MinimumIPTarget: ipam.TargetOf(100000), MaxENI: 1024}, nil, []string{EnvMaxENI, EnvMinimumIPTarget, EnvWarmIPTarget}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			env := Env(c.settings)
			keys := make([]string, 0, len(env))
			for k := range env {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			want := slices.Clone(c.wantEnv)
			slices.Sort(want)
			if !slices.Equal(keys, want) {
				t.Fatalf("env keys = %v, want %v", keys, want)
			}
			doc := ConfigurationValues(env, c.eni)
			if err := validateJSON(sch, doc); err != nil {
				t.Fatalf("%s\ndoes not match the schema: %v", doc, violations(err))
			}
		})
	}
}

// TestSchemaAcceptsChartShapes: documents in the chart's own shapes (its
// default env, an eniConfig as its values.yaml comment shows one, other
// top-level sections) are valid, so the schema is not stricter than the
// add-on where it does not know better.
func TestSchemaAcceptsChartShapes(t *testing.T) {
	sch := compileSchema(t)
	for name, doc := range map[string]string{
		"empty":         `{}`,
		"chart env":     `{"env":{"WARM_ENI_TARGET":"1","WARM_PREFIX_TARGET":"1","ENABLE_PREFIX_DELEGATION":"false","AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"false","AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG","ADDITIONAL_ENI_TAGS":"{}"}}`,
		"zero targets":  `{"env":{"WARM_IP_TARGET":"0","MINIMUM_IP_TARGET":"0","WARM_ENI_TARGET":"0","WARM_PREFIX_TARGET":"0"}}`,
		"chart eni":     `{"eniConfig":{"create":true,"region":"us-west-2","subnets":{"us-west-2a":{"id":"subnet-123","securityGroups":["sg-123"]},"us-west-2b":{"id":"subnet-456"}}}}`,
		"not created":   `{"eniConfig":{"create":false,"region":"us-west-2"}}`,
		"empty sg list": `{"eniConfig":{"create":true,"subnets":{"us-west-2a":{"id":"subnet-123","securityGroups":[]}}}}`,
		"other keys":    `{"env":{"WARM_IP_TARGET":"2"},"enableNetworkPolicy":"true","resources":{"requests":{"cpu":"25m"}},"tolerations":[]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := validateJSON(sch, doc); err != nil {
				t.Fatalf("%s rejected: %v", doc, violations(err))
			}
		})
	}
}

// TestSchemaRejectsInvalidDocuments proves the schema bites: each
// hand-written mistake is rejected, at the right place, by the right rule.
func TestSchemaRejectsInvalidDocuments(t *testing.T) {
	sch := compileSchema(t)
	// want is a substring of one violation: "instance location [rule]".
	cases := map[string]struct{ doc, want string }{
		"env value as a JSON number":     {`{"env":{"WARM_IP_TARGET":2}}`, "/env/WARM_IP_TARGET [$defs/nonNegativeIntegerString/type]"},
		"unmodelled env value as a bool": {`{"env":{"AWS_VPC_K8S_CNI_EXTERNALSNAT":true}}`, "/env/AWS_VPC_K8S_CNI_EXTERNALSNAT [$defs/env/additionalProperties/type]"},
		"env as a list":                  {`{"env":[{"name":"WARM_IP_TARGET","value":"2"}]}`, "/env [$defs/env/type]"},
		"WARM_IP_TARGET two":             {`{"env":{"WARM_IP_TARGET":"two"}}`, "/env/WARM_IP_TARGET [$defs/nonNegativeIntegerString/"},
		"MINIMUM_IP_TARGET negative":     {`{"env":{"MINIMUM_IP_TARGET":"-1"}}`, "/env/MINIMUM_IP_TARGET [$defs/nonNegativeIntegerString/pattern]"},
		"MAX_ENI with a space":           {`{"env":{"MAX_ENI":" 3"}}`, "/env/MAX_ENI [$defs/nonNegativeIntegerString/"},
		"WARM_ENI_TARGET fraction":       {`{"env":{"WARM_ENI_TARGET":"1.5"}}`, "/env/WARM_ENI_TARGET [$defs/nonNegativeIntegerString/"},
		// Digits only, so the pattern passes and only the format can
		// catch it (strconv.Atoi overflows): proves format assertions
		// are on.
		"WARM_PREFIX_TARGET beyond int64": {`{"env":{"WARM_PREFIX_TARGET":"99999999999999999999"}}`, "/env/WARM_PREFIX_TARGET [$defs/nonNegativeIntegerString/format]"},
		"prefix delegation yes":           {`{"env":{"ENABLE_PREFIX_DELEGATION":"yes"}}`, "/env/ENABLE_PREFIX_DELEGATION [$defs/booleanString/"},
		// strconv.ParseBool reads "1", but the enum keeps to "true" and
		// "false", the spellings the chart and the provider use.
		"custom networking 1":         {`{"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"1"}}`, "/env/AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG [$defs/booleanString/enum]"},
		"prefix delegation JSON bool": {`{"env":{"ENABLE_PREFIX_DELEGATION":true}}`, "/env/ENABLE_PREFIX_DELEGATION [$defs/booleanString/type]"},
		"empty label key":             {`{"env":{"ENI_CONFIG_LABEL_DEF":""}}`, "/env/ENI_CONFIG_LABEL_DEF [$defs/env/properties/ENI_CONFIG_LABEL_DEF/minLength]"},
		"subnets entry without id":    {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"securityGroups":["sg-1"]}}}}`, "/eniConfig/subnets/eu-west-1a [$defs/eniConfigSubnet/required]"},
		"subnets entry with empty id": {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":""}}}}`, "/eniConfig/subnets/eu-west-1a/id [$defs/eniConfigSubnet/properties/id/minLength]"},
		"create as a string":          {`{"eniConfig":{"create":"true","subnets":{"eu-west-1a":{"id":"subnet-a"}}}}`, "/eniConfig/create [$defs/eniConfig/properties/create/type]"},
		"create without subnets":      {`{"eniConfig":{"create":true,"region":"eu-west-1"}}`, "/eniConfig [$defs/eniConfig/then/required]"},
		"subnets entry as a string":   {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":"subnet-a"}}}`, "/eniConfig/subnets/eu-west-1a [$defs/eniConfigSubnet/type]"},
		// The ENIConfig object's own field is "subnet"; the chart's is "id".
		"ENIConfig spec field name":   {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"subnet":"subnet-a"}}}}`, "/eniConfig/subnets/eu-west-1a [$defs/eniConfigSubnet/"},
		"security groups as a string": {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a","securityGroups":"sg-1"}}}}`, "/eniConfig/subnets/eu-west-1a/securityGroups [$defs/eniConfigSubnet/properties/securityGroups/type]"},
		"empty security group":        {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a","securityGroups":[""]}}}}`, "/eniConfig/subnets/eu-west-1a/securityGroups/0 [$defs/eniConfigSubnet/properties/securityGroups/items/minLength]"},
		// The validator misreports a property name's instance location, so
		// only the rule is pinned.
		"upper-case zone":       {`{"eniConfig":{"create":true,"subnets":{"EU-WEST-1A":{"id":"subnet-a"}}}}`, "[$defs/objectName/pattern]"},
		"zone with a space":     {`{"eniConfig":{"create":true,"subnets":{" eu-west-1a":{"id":"subnet-a"}}}}`, "[$defs/objectName/pattern]"},
		"unknown eniConfig key": {`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a"}},"labelKey":"x"}}`, "/eniConfig [$defs/eniConfig/additionalProperties]"},
		"region as a number":    {`{"eniConfig":{"create":false,"region":1}}`, "/eniConfig/region [$defs/eniConfig/properties/region/type]"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := validateJSON(sch, c.doc)
			if err == nil {
				t.Fatalf("%s was accepted", c.doc)
			}
			got := violations(err)
			if !slices.ContainsFunc(got, func(v string) bool { return strings.Contains(v, c.want) }) {
				t.Fatalf("%s rejected for %v, want %q among them", c.doc, got, c.want)
			}
		})
	}
}
