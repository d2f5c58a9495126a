// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"math"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzNodeIPsSettings: the settings parser accepts exactly the known keys
// with whole numbers from 0 to 100000 (and prefix_delegation as a bool),
// refuses everything else with an error, and never panics.
func FuzzNodeIPsSettings(f *testing.F) {
	f.Add("warm_ip_target", 2.0, "minimum_ip_target", 20.0, false)
	f.Add("warm_eni_target", -1.0, "prefix_delegation", 0.0, true)
	f.Add("WARM_IP_TARGET", 1e20, "", 1.5, false)
	f.Fuzz(func(t *testing.T, k1 string, v1 float64, k2 string, v2 float64, pd bool) {
		if math.IsNaN(v1) || math.IsInf(v1, 0) || math.IsNaN(v2) || math.IsInf(v2, 0) || k1 == k2 {
			return // Terraform numbers are finite; object keys are unique
		}
		fields := map[string]attr.Value{}
		attrTypes := map[string]attr.Type{}
		for _, kv := range []struct {
			k string
			v float64
		}{{k1, v1}, {k2, v2}} {
			if kv.k == "prefix_delegation" {
				fields[kv.k], attrTypes[kv.k] = types.BoolValue(pd), types.BoolType
			} else {
				fields[kv.k], attrTypes[kv.k] = types.NumberValue(big.NewFloat(kv.v)), types.NumberType
			}
		}
		obj, diags := types.ObjectValue(attrTypes, fields)
		if diags.HasError() {
			t.Fatal(diags)
		}
		_, ferr := parseNodeIPsSettings(types.DynamicValue(obj))
		wantOK := true
		for _, kv := range []struct {
			k string
			v float64
		}{{k1, v1}, {k2, v2}} {
			switch {
			case !isSettingKey(kv.k):
				wantOK = false
			case kv.k == "prefix_delegation":
			case kv.v != math.Trunc(kv.v) || kv.v < 0 || kv.v > maxTarget:
				wantOK = false
			}
		}
		if (ferr == nil) != wantOK {
			t.Fatalf("settings {%q = %v, %q = %v}: error %v, want ok %t", k1, v1, k2, v2, ferr, wantOK)
		}
	})
}
