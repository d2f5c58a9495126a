// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

func TestEnvAndConfigurationValues(t *testing.T) {
	s := ipam.Settings{WarmIPTarget: ipam.TargetOf(2), MinimumIPTarget: ipam.TargetOf(20)}
	// The article's fix, as jsonencode({ env = { ... } }) prints it.
	want := `{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`
	if got := ConfigurationValues(Env(s), nil); got != want {
		t.Fatalf("ConfigurationValues = %s, want %s", got, want)
	}

	s.PrefixDelegation, s.CustomNetworking, s.MaxENI = true, true, 3
	eni := &ENIConfig{Create: true, Region: "eu-west-1", Subnets: map[string]ENIConfigSubnet{
		"eu-west-1b": {ID: "subnet-b", SecurityGroups: []string{"sg-1"}},
		"eu-west-1a": {ID: "subnet-a"},
	}}
	// jsonencode sorts keys at every level: "eniConfig" before "env".
	want = `{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{"eu-west-1a":{"id":"subnet-a"},"eu-west-1b":{"id":"subnet-b","securityGroups":["sg-1"]}}},` +
		`"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true","ENABLE_PREFIX_DELEGATION":"true","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone","MAX_ENI":"3","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`
	if got := ConfigurationValues(Env(s), eni); got != want {
		t.Fatalf("ConfigurationValues =\n%s\nwant\n%s", got, want)
	}
	// Same input, same bytes.
	for range 100 {
		if got := ConfigurationValues(Env(s), eni); got != want {
			t.Fatal("output is not deterministic")
		}
	}
}

func TestEnvLeavesOutZeroTargets(t *testing.T) {
	env := Env(ipam.Settings{WarmIPTarget: ipam.TargetOf(0), MinimumIPTarget: ipam.TargetOf(0)})
	if len(env) != 0 {
		t.Fatalf("Env = %v, want empty: ipamd reads 0 as unset", env)
	}
}
