// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon"
)

// addon_configuration: the user's own vpc-cni add-on settings, merged into
// configuration_values by the data sources that write it. It is read in
// two steps, each with its own errors said once (diagnostics.go):
//
//   - decodeAddonConfiguration, beside the other inputs (ValidateConfig
//     and Read): JSON that is no object of the add-on's keys;
//   - addonConfiguration.merge, in Read after the plan, when the data
//     source's own env is known: keys it writes with another value, and
//     keys that change what its numbers assume.

// addonConfigurationAttr is the attribute's name.
const addonConfigurationAttr = "addon_configuration"

// addonConfigurationAttribute is the addon_configuration input.
func addonConfigurationAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Your own vpc-cni add-on settings as a JSON object: `jsonencode({ ... })`, or an existing `configuration_values` string. " +
			"They are merged deeply into `configuration_values` (objects key by key; the data source's `env` variables join yours), which stays " +
			"byte for byte what `jsonencode` prints for the merged object. For example " +
			"`addon_configuration = jsonencode({ enableNetworkPolicy = \"true\", env = { AWS_VPC_K8S_CNI_LOGLEVEL = \"DEBUG\" } })` " +
			"with the article's node group gives " +
			"`{\"enableNetworkPolicy\":\"true\",\"env\":{\"AWS_VPC_K8S_CNI_LOGLEVEL\":\"DEBUG\",\"MINIMUM_IP_TARGET\":\"20\",\"WARM_IP_TARGET\":\"2\"}}`. " +
			"Errors: invalid JSON or not an object; a top-level key the add-on does not take; an `env` value that is not a string; " +
			"a key the data source writes itself with another value (`env.WARM_IP_TARGET` is set by `spare_ips`, `env.MINIMUM_IP_TARGET` by `expected_pods`, " +
			"`env.ENABLE_PREFIX_DELEGATION` by `prefix_delegation`, `eniConfig` by the pod subnets; the same value is fine); and a key that changes what the " +
			"numbers assume without the input that models it: `WARM_ENI_TARGET`, `WARM_PREFIX_TARGET` (compare them with the `current` block), `MAX_ENI` (`max_eni`), " +
			"`ENABLE_PREFIX_DELEGATION` (`prefix_delegation`), `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG` (`custom_networking`), `ENABLE_POD_ENI`, " +
			"`ENABLE_SUBNET_DISCOVERY`, `ENABLE_IPv6` and `ENABLE_IPv4` turned away from the model.",
		Optional: true,
	}
}

// addonInput names, in messages, the input of a data source behind an
// add-on setting: root is the attribute or block it lives in (messages
// name it only when the schema has it) and phrase the words for it.
type addonInput struct{ root, phrase string }

// warmPoolAddonInputs and clusterAddonInputs are the inputs behind the
// add-on settings of vpccni_warm_pool and vpccni_cluster: the keys are env
// variable names, "eniConfig" and addon.InputCurrent.
var (
	warmPoolAddonInputs = map[string]addonInput{
		addon.EnvWarmIPTarget:     {"spare_ips", "spare_ips"},
		addon.EnvMinimumIPTarget:  {"expected_pods", "expected_pods"},
		addon.EnvPrefixDelegation: {"prefix_delegation", "prefix_delegation"},
		addon.EnvCustomNetwork:    {"custom_networking", "custom_networking"},
		addon.EnvENIConfigLabel:   {"custom_networking", "custom_networking"},
		addon.EnvMaxENI:           {"max_eni", "max_eni"},
		addon.EnvPodENI:           {"security_groups_for_pods", "security_groups_for_pods"},
		addon.InputCurrent:        {"current", "current"},
	}
	clusterAddonInputs = map[string]addonInput{
		addon.EnvWarmIPTarget:     {"spare_ips", "spare_ips"},
		addon.EnvMinimumIPTarget:  {"node_group", "the smallest expected_pods of the node_group and karpenter_node_pool blocks"},
		addon.EnvPrefixDelegation: {"prefix_delegation", "prefix_delegation"},
		addon.EnvCustomNetwork:    {"custom_networking", "custom_networking"},
		addon.EnvENIConfigLabel:   {"custom_networking", "custom_networking"},
		addon.EnvMaxENI:           {"max_eni", "max_eni"},
		addon.EnvPodENI:           {"security_groups_for_pods", "security_groups_for_pods"},
		addon.EnvSubnetDiscovery:  {"subnet_discovery", "subnet_discovery"},
		addon.InputCurrent:        {"current", "current"},
		"eniConfig":               {"subnet", `the subnet blocks with purpose = "pods" (and region)`},
	}
)

// addonConfiguration is a decoded addon_configuration: the parsed JSON
// (nil when null, unknown or refused) and the names of the data source's
// inputs its messages may use.
type addonConfiguration struct {
	cfg    *addon.Config
	at     path.Path
	inputs map[string]string
}

// decodeAddonConfiguration reads addon_configuration from the data
// source's root object o; inputs is the data source's table above. JSON
// that is not an object of the add-on's top-level keys, with string env
// values, is an error on the attribute.
func decodeAddonConfiguration(o inObject, inputs map[string]addonInput) addonConfiguration {
	a := addonConfiguration{at: o.attr(addonConfigurationAttr), inputs: map[string]string{}}
	for key, in := range inputs {
		if _, ok := o.typ.AttributeTypes[in.root]; ok {
			a.inputs[key] = in.phrase
		}
	}
	doc, ok := o.str(addonConfigurationAttr)
	if !ok {
		return a
	}
	cfg, problems := addon.Parse(doc)
	for _, p := range problems {
		o.d.errs.AddAttributeError(a.at, p.Summary, p.Detail)
	}
	a.cfg = cfg
	return a
}

// addonOwn is what a data source writes into configuration_values
// itself, and which of the model's switches its inputs turn on.
type addonOwn struct {
	env       map[string]string
	eniConfig *addon.ENIConfig
	model     addon.Model
}

// merge returns configuration_values: the data source's own env and
// eniConfig merged into the user's settings (or alone without them). A
// key the data source writes with another value, or one that changes the
// model without its input, is an error on addon_configuration; ok is
// false then.
func (a addonConfiguration) merge(diags *diag.Diagnostics, own addonOwn) (string, bool) {
	values, problems := addon.Merge(a.cfg, addon.Base{Env: own.env, ENIConfig: own.eniConfig, Model: own.model, Inputs: a.inputs})
	for _, p := range problems {
		diags.AddAttributeError(a.at, p.Summary, p.Detail)
	}
	return values, len(problems) == 0
}
