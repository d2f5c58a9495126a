// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// addonTestType is a data source configuration with addon_configuration
// and the inputs the messages name, less those left out by omit.
func addonTestType(omit ...string) tftypes.Object {
	attrs := map[string]tftypes.Type{
		addonConfigurationAttr:     tftypes.String,
		"spare_ips":                tftypes.Number,
		"expected_pods":            tftypes.Number,
		"prefix_delegation":        tftypes.Bool,
		"custom_networking":        tftypes.Bool,
		"max_eni":                  tftypes.Number,
		"security_groups_for_pods": tftypes.Bool,
		"current":                  tftypes.Object{AttributeTypes: map[string]tftypes.Type{"warm_eni_target": tftypes.Number}},
		"node_group":               tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"expected_pods": tftypes.Number}}},
		"subnet":                   tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"purpose": tftypes.String}}},
	}
	for _, name := range omit {
		delete(attrs, name)
	}
	return tftypes.Object{AttributeTypes: attrs}
}

// addonTestConfig is a configuration of type typ whose addon_configuration
// is doc (a string, nil for null or tftypes.UnknownValue).
func addonTestConfig(typ tftypes.Object, doc any) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	vals[addonConfigurationAttr] = tftypes.NewValue(tftypes.String, doc)
	return tftypes.NewValue(typ, vals)
}

// articleOwn is what vpccni_warm_pool writes for the article's node group.
func articleOwn() addonOwn {
	return addonOwn{env: addon.Env(ipam.Settings{WarmIPTarget: ipam.TargetOf(2), MinimumIPTarget: ipam.TargetOf(20)})}
}

// decodeAndMerge runs both steps as the data sources do: decode, and when
// decoding found no error, merge.
func decodeAndMerge(typ tftypes.Object, doc any, inputs map[string]addonInput, own addonOwn) (string, *decoder, diag.Diagnostics) {
	dec := &decoder{}
	a := decodeAddonConfiguration(dec.root(addonTestConfig(typ, doc)), inputs)
	var diags diag.Diagnostics
	if !dec.complete() {
		return "", dec, diags
	}
	values, ok := a.merge(&diags, own)
	if ok == diags.HasError() {
		panic("merge's ok disagrees with its diagnostics")
	}
	return values, dec, diags
}

// oneError checks that diags holds exactly one error, on
// addon_configuration, with summary and a detail containing detail.
func oneError(t *testing.T, diags diag.Diagnostics, summary, detail string) {
	t.Helper()
	if len(diags) != 1 || diags.ErrorsCount() != 1 {
		t.Fatalf("want one error, got %v", diags)
	}
	d := diags[0]
	p, ok := d.(diag.DiagnosticWithPath)
	if !ok || !p.Path().Equal(path.Root(addonConfigurationAttr)) {
		t.Fatalf("error not on addon_configuration: %v", d)
	}
	if d.Summary() != summary || !strings.Contains(d.Detail(), detail) {
		t.Fatalf("error %q: %q\nwant %q with %q", d.Summary(), d.Detail(), summary, detail)
	}
}

func TestAddonConfigurationMerges(t *testing.T) {
	cases := map[string]struct {
		doc  any
		own  addonOwn
		want string
	}{
		"null: the data source's own": {nil, articleOwn(), `{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		"the issue's merge": {`{"enableNetworkPolicy":"true","env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG"}}`, articleOwn(),
			`{"enableNetworkPolicy":"true","env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
		"an existing configuration_values": {`{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"},"resources":{"requests":{"cpu":"25m"}}}`, articleOwn(),
			`{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"},"resources":{"requests":{"cpu":"25m"}}}`},
		"security groups for pods on": {`{"env":{"ENABLE_POD_ENI":"true"}}`, func() addonOwn { o := articleOwn(); o.model.SecurityGroupsForPods = true; return o }(),
			`{"env":{"ENABLE_POD_ENI":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, dec, diags := decodeAndMerge(addonTestType(), c.doc, warmPoolAddonInputs, c.own)
			if dec.errs.HasError() || diags.HasError() {
				t.Fatalf("errors: %v %v", dec.errs, diags)
			}
			if got != c.want {
				t.Fatalf("configuration_values =\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestAddonConfigurationDecodeErrors: JSON that is no object of the
// add-on's keys is refused where it is decoded, so ValidateConfig says it.
func TestAddonConfigurationDecodeErrors(t *testing.T) {
	cases := map[string]struct{ doc, summary, detail string }{
		"not JSON": {`{ env = {} }`, "Invalid add-on configuration JSON",
			`The add-on configuration is not valid JSON: invalid character 'e' looking for beginning of object key string, at byte 3 (line 1, column 3), after "{ e".`},
		"not an object":   {`["env"]`, "Add-on configuration is not a JSON object", "is a list, not a JSON object"},
		"unknown key":     {`{"nodeSelector":{}}`, "Unknown add-on configuration key", `no top-level key "nodeSelector"`},
		"env number":      {`{"env":{"WARM_IP_TARGET":2}}`, "Add-on env value is not a string", `env.WARM_IP_TARGET is the number 2; env values are strings in the add-on schema (Kubernetes env values are strings). Write "2".`},
		"a long key cut":  {`{"` + strings.Repeat("x", 200) + `":1}`, "Unknown add-on configuration key", `"` + strings.Repeat("x", 64) + `…" (200 characters)`},
		"empty":           {``, "Empty add-on configuration", "leave it out (null)"},
		"duplicate":       {`{"env":{"A":"1","A":"1"}}`, "Duplicate key in add-on configuration", "env.A twice"},
		"number too long": {`{"livenessProbeTimeoutSeconds":1e5000}`, "Number out of range in add-on configuration", "livenessProbeTimeoutSeconds is 1e5000"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, dec, _ := decodeAndMerge(addonTestType(), c.doc, warmPoolAddonInputs, articleOwn())
			oneError(t, dec.errs, c.summary, c.detail)
		})
	}
}

// TestAddonConfigurationUnknown: a value known only later is recorded,
// not refused, and merges to the data source's own configuration.
func TestAddonConfigurationUnknown(t *testing.T) {
	dec := &decoder{}
	a := decodeAddonConfiguration(dec.root(addonTestConfig(addonTestType(), tftypes.UnknownValue)), warmPoolAddonInputs)
	if dec.errs.HasError() || len(dec.unknown) != 1 || !dec.unknown[0].Equal(path.Root(addonConfigurationAttr)) {
		t.Fatalf("errs %v, unknown %v", dec.errs, dec.unknown)
	}
	var diags diag.Diagnostics
	if got, ok := a.merge(&diags, articleOwn()); !ok || got != `{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}` {
		t.Fatalf("merge = %s, %v", got, diags)
	}
}

// TestAddonConfigurationMergeErrors: keys the data source writes, and
// keys that change its model, are refused once its env is known, on
// addon_configuration, naming the input to use.
func TestAddonConfigurationMergeErrors(t *testing.T) {
	pd := articleOwn()
	pd.env[addon.EnvPrefixDelegation] = "true"
	pd.model.PrefixDelegation = true
	cluster := articleOwn()
	cluster.env[addon.EnvCustomNetwork], cluster.env[addon.EnvENIConfigLabel] = "true", "topology.kubernetes.io/zone"
	cluster.model.CustomNetworking = true
	cluster.eniConfig = &addon.ENIConfig{Create: true, Subnets: map[string]addon.ENIConfigSubnet{"eu-west-1a": {ID: "subnet-pa"}}}
	cases := map[string]struct {
		typ             tftypes.Object
		inputs          map[string]addonInput
		own             addonOwn
		doc             string
		summary, detail string
	}{
		"the issue's conflict": {addonTestType(), warmPoolAddonInputs, articleOwn(), `{"env":{"WARM_IP_TARGET":"5"}}`, "Add-on setting conflicts with the data source",
			`env.WARM_IP_TARGET is set by spare_ips: addon_configuration has "5" and the data source writes "2". Remove it from addon_configuration, or change spare_ips so that the data source writes the value you want: the numbers here are for the value the data source writes.`},
		"prefix delegation off": {addonTestType(), warmPoolAddonInputs, pd, `{"env":{"ENABLE_PREFIX_DELEGATION":"false"}}`, "Add-on setting conflicts with the data source",
			`env.ENABLE_PREFIX_DELEGATION is set by prefix_delegation: addon_configuration has "false" and the data source writes "true".`},
		"the issue's model-changing key": {addonTestType(), warmPoolAddonInputs, articleOwn(), `{"env":{"WARM_ENI_TARGET":"1"}}`, "Add-on setting changes the model",
			`env.WARM_ENI_TARGET = "1" sets how many spare ENIs each node keeps, which the numbers here leave out: they are for the data source's own settings. Remove it from addon_configuration; to see what it would cost, set current { warm_eni_target = 1 } and compare current with recommended.`},
		"MAX_ENI": {addonTestType(), warmPoolAddonInputs, articleOwn(), `{"env":{"MAX_ENI":"3"}}`, "Add-on setting changes the model", "Set max_eni = 3 instead"},
		"security groups for pods": {addonTestType(), warmPoolAddonInputs, articleOwn(), `{"env":{"ENABLE_POD_ENI":"true"}}`, "Add-on setting changes the model",
			"but security_groups_for_pods is false, so the numbers here are for security groups for pods off. Set security_groups_for_pods = true instead"},
		// Until the data source has security_groups_for_pods, the message
		// names no input it lacks.
		"security groups for pods without the input": {addonTestType("security_groups_for_pods"), warmPoolAddonInputs, articleOwn(), `{"env":{"ENABLE_POD_ENI":"true"}}`, "Add-on setting changes the model",
			"and no input of this data source models it, so the numbers here are for security groups for pods off. Remove it from addon_configuration."},
		"cluster MINIMUM_IP_TARGET": {addonTestType(), clusterAddonInputs, articleOwn(), `{"env":{"MINIMUM_IP_TARGET":"5"}}`, "Add-on setting conflicts with the data source",
			"env.MINIMUM_IP_TARGET is set by the smallest expected_pods of the node_group and karpenter_node_pool blocks: addon_configuration has \"5\""},
		"cluster eniConfig": {addonTestType(), clusterAddonInputs, cluster, `{"eniConfig":{"create":false}}`, "Add-on setting conflicts with the data source",
			`eniConfig is written by the subnet blocks with purpose = "pods" (and region): at eniConfig.create addon_configuration has false and the data source writes true.`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, dec, diags := decodeAndMerge(c.typ, c.doc, c.inputs, c.own)
			if dec.errs.HasError() {
				t.Fatalf("decode errors: %v", dec.errs)
			}
			if got != "" {
				t.Fatalf("configuration_values %s despite the error", got)
			}
			oneError(t, diags, c.summary, c.detail)
		})
	}
}

// TestAddonInputsNameSchemaAttributes: every input the messages name is
// an attribute or block of its data source, so a typo in the tables
// cannot make a message point at nothing. security_groups_for_pods is
// named ahead of the data sources having it; the messages leave it out
// until they do (decodeAddonConfiguration checks the schema).
func TestAddonInputsNameSchemaAttributes(t *testing.T) {
	pending := map[string]bool{"security_groups_for_pods": true}
	for name, c := range map[string]struct {
		ds     datasource.DataSource
		inputs map[string]addonInput
	}{
		"vpccni_warm_pool": {NewWarmPoolDataSource(), warmPoolAddonInputs},
		"vpccni_cluster":   {NewClusterDataSource(), clusterAddonInputs},
	} {
		var resp datasource.SchemaResponse
		c.ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
		for key, in := range c.inputs {
			_, attr := resp.Schema.Attributes[in.root]
			_, block := resp.Schema.Blocks[in.root]
			switch {
			case attr || block:
			case pending[in.root]:
				t.Logf("%s: %s (for %s) is not in the schema yet", name, in.root, key)
			default:
				t.Errorf("%s: %s names %s, which the schema lacks", name, key, in.root)
			}
		}
	}
}

// TestAddonConfigurationAttribute: an optional string, documented with
// the example its description promises.
func TestAddonConfigurationAttribute(t *testing.T) {
	a := addonConfigurationAttribute()
	if !a.Optional || a.Required || a.Computed {
		t.Fatalf("addon_configuration must be optional only: %+v", a)
	}
	for _, want := range []string{"jsonencode(", `{\"enableNetworkPolicy\":\"true\",\"env\":{\"AWS_VPC_K8S_CNI_LOGLEVEL\":\"DEBUG\",\"MINIMUM_IP_TARGET\":\"20\",\"WARM_IP_TARGET\":\"2\"}}`} {
		if !strings.Contains(a.MarkdownDescription, strings.ReplaceAll(want, `\"`, `"`)) {
			t.Fatalf("description lacks %s", want)
		}
	}
	// The promised example is what merge gives.
	got, _, _ := decodeAndMerge(addonTestType(), `{"enableNetworkPolicy":"true","env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG"}}`, warmPoolAddonInputs, articleOwn())
	if !strings.Contains(a.MarkdownDescription, "`"+got+"`") {
		t.Fatalf("the description's example is not what merge gives: %s", got)
	}
}
