// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzMerge: any addon_configuration is refused with problems or merged
// into canonical JSON (what jsonencode writes: re-encoding it changes no
// byte) that merges again to itself, so configuration_values can be fed
// back as addon_configuration.
func FuzzMerge(f *testing.F) {
	for _, doc := range []string{
		`{}`, `{"env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG"},"enableNetworkPolicy":"true"}`,
		`{"env":{"WARM_IP_TARGET":"5"}}`, `{"env":{"WARM_ENI_TARGET":"1"}}`, `{"env":{"A":1}}`,
		`{"tolerations":[{"a":1e3,"b":-0,"c":[null,true,{}]}],"podLabels":{"<&>":"\u2028"}}`,
		`{"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-pa"}}}}`, `{"a":1,"a":2}`, `[`, ``,
	} {
		f.Add(doc, false)
		f.Add(doc, true)
	}
	f.Fuzz(func(t *testing.T, doc string, withENIConfig bool) {
		base := articleBase()
		if withENIConfig {
			base = eniBase()
		}
		cfg, problems := Parse(doc)
		if (cfg == nil) == (len(problems) == 0) {
			t.Fatalf("Parse(%q) = %v, %v: want a config or problems", doc, cfg, problems)
		}
		if cfg == nil {
			return
		}
		out, problems := Merge(cfg, base)
		if (out == "") == (len(problems) == 0) {
			t.Fatalf("Merge(%q) = %q, %v: want output or problems", doc, out, problems)
		}
		if out == "" {
			return
		}
		d := json.NewDecoder(bytes.NewReader([]byte(out)))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("Merge(%q) = %s: %v", doc, out, err)
		}
		if again := compact(v); again != out {
			t.Fatalf("Merge(%q) = %s, not canonical: %s", doc, out, again)
		}
		cfg2, problems := Parse(out)
		if problems != nil {
			t.Fatalf("Parse(own output %s): %v", out, problems)
		}
		if twice, problems := Merge(cfg2, base); twice != out {
			t.Fatalf("merging %s again gives %s, %v", out, twice, problems)
		}
	})
}
