// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"encoding/json"
	"testing"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// FuzzConfigurationValues: any settings and ENIConfig strings give valid,
// deterministic JSON whose env round-trips.
func FuzzConfigurationValues(f *testing.F) {
	f.Add(2, 20, true, false, 0, "eu-west-1a", "subnet-1", "sg-1", "eu-west-1")
	f.Add(0, 0, false, true, 3, "<az>", "a&b", "\"q\"", "")
	f.Fuzz(func(t *testing.T, warm, minimum int, pd, cn bool, maxENI int, az, subnetID, sg, region string) {
		s := ipam.Settings{WarmIPTarget: ipam.TargetOf(warm), MinimumIPTarget: ipam.TargetOf(minimum), PrefixDelegation: pd, CustomNetworking: cn, MaxENI: maxENI}
		env := Env(s)
		var eni *ENIConfig
		if cn {
			eni = &ENIConfig{Create: true, Region: region, Subnets: map[string]ENIConfigSubnet{az: {ID: subnetID, SecurityGroups: []string{sg}}}}
		}
		out := ConfigurationValues(env, eni)
		if again := ConfigurationValues(Env(s), eni); again != out {
			t.Fatalf("not deterministic:\n%s\n%s", out, again)
		}
		var back struct {
			Env map[string]string `json:"env"`
		}
		if err := json.Unmarshal([]byte(out), &back); err != nil {
			t.Fatalf("invalid JSON %s: %v", out, err)
		}
		if len(back.Env) != len(env) {
			t.Fatalf("env %v came back as %v", env, back.Env)
		}
		for k, v := range env {
			if back.Env[k] != v {
				t.Fatalf("env %v came back as %v", env, back.Env)
			}
		}
	})
}
