// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// How the rows of the bad-input tests run: one Terraform configuration per
// phase, and the errors split by the block that names them.

// badUnknownInputs is a terraform_data whose output, known only after apply,
// feeds the rows' unknown inputs as local.u.<name>.
const badUnknownInputs = `
resource "terraform_data" "u" {
  input = {
    r5        = "r5.xlarge"
    m5        = "m5.large"
    general   = "general"
    n2        = 2
    n3        = 3
    n4        = 4
    n10       = 10
    n20       = 20
    n32       = 32
    n100      = 100
    n200      = 200
    yes       = true
    no        = false
    cidr      = "10.0.0.0/24"
    cidrs     = ["10.0.0.0/24"]
    pod_cidr  = "100.64.0.0/24"
    zone      = "eu-west-1a"
    region    = "eu-west-1"
    subnet_id = "subnet-a"
    nodes     = "nodes"
    sgs       = ["sg-0a1b2c3d4e5f60718"]
    current   = { minimum_ip_target = 20, warm_ip_target = 2 }
    surge     = { extra_nodes = 0 }
    groups    = [{ name = "general", instance_type = "m5.large", expected_pods = 20, desired_nodes = 2, max_nodes = 4 }]
    pools     = [{ name = "default", instance_types = ["m5.large", "m5.xlarge"], expected_pods = 20, max_nodes = 4 }]
    pool_types = ["m5.large", "m5.xlarge"]
    subnets   = [{ id = "subnet-a", cidr = "10.0.0.0/24", availability_zone = "eu-west-1a" }]
    windows   = "windows"
    nodeadm   = "nodeadm"
    karpenter = "karpenter"
    ipv6      = "ipv6"
    cni       = "cni"
    types     = ["m5.large", "t3.medium"]
    reserved  = [10]
  }
}
locals {
  u = terraform_data.u.output
}
`

var badLabelChars = regexp.MustCompile(`[^a-z0-9]+`)

// badLabels returns unique block labels made from row names.
func badLabels(names []string) []string {
	out := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		l := strings.Trim(badLabelChars.ReplaceAllString(strings.ToLower(n), "_"), "_")
		if l == "" || l[0] >= '0' && l[0] <= '9' {
			l = "r_" + l
		}
		for base, k := l, 2; seen[l]; k++ {
			l = fmt.Sprintf("%s_%d", base, k)
		}
		seen[l] = true
		out[i] = l
	}
	return out
}

// badBlock renders a row as a data source or output block.
func badBlock(kind, label string, body []string) (string, string) {
	if kind == "output" {
		return fmt.Sprintf("output %q {\n  %s\n}\n", label, strings.Join(body, "\n  ")), "output." + label
	}
	return fmt.Sprintf("data %q %q {\n  %s\n}\n", kind, label, strings.Join(body, "\n  ")), "data." + kind + "." + label
}

func badVersionChecks(kind string) []tfversion.TerraformVersionCheck {
	if kind == "output" {
		return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}
	}
	return nil
}

var (
	badDiagStart = regexp.MustCompile(`(?m)^Error: `)
	badDiagBlock = regexp.MustCompile(`in (?:data "([^"]+)" "([^"]+)"|output "([^"]+)"):`)
)

// badErrorsByBlock splits Terraform's error output into diagnostics and
// groups them by the block they are in; diagnostics in no block are under
// "".
func badErrorsByBlock(out string) map[string][]string {
	byBlock := map[string][]string{}
	parts := badDiagStart.Split(out, -1)
	for _, p := range parts[1:] {
		d := "Error: " + p
		key := ""
		if m := badDiagBlock.FindStringSubmatch(d); m != nil {
			if m[3] != "" {
				key = "output." + m[3]
			} else {
				key = "data." + m[1] + "." + m[2]
			}
		}
		byBlock[key] = append(byBlock[key], d)
	}
	return byBlock
}

// badMessage is a diagnostic without its location: "Error: <summary>" and
// the detail, the paragraphs after the one that starts "  with" or "  on".
func badMessage(diag string) string {
	paras := strings.Split(diag, "\n\n")
	if len(paras) < 2 {
		return diag
	}
	loc := strings.TrimLeft(paras[1], " ")
	if !strings.HasPrefix(loc, "with ") && !strings.HasPrefix(loc, "on ") {
		return diag
	}
	return paras[0] + "\n" + strings.Join(paras[2:], "\n")
}

// runBadInputRows plans the rows' blocks (validation-time rows together,
// read-time rows together) and checks each row's errors in a subtest.
func runBadInputRows(t *testing.T, kind string, rows []badInputRow) {
	t.Helper()
	var onValidate, onRead []badInputRow
	for _, r := range rows {
		if r.read {
			onRead = append(onRead, r)
		} else {
			onValidate = append(onValidate, r)
		}
	}
	t.Run("rejected", func(t *testing.T) { runBadInputPhase(t, kind, onValidate) })
	if len(onRead) > 0 {
		t.Run("rejected on read", func(t *testing.T) { runBadInputPhase(t, kind, onRead) })
	}
}

// runBadInputPhase plans one configuration of the rows' blocks and checks
// each row's errors in a subtest.
func runBadInputPhase(t *testing.T, kind string, phase []badInputRow) {
	names := make([]string, len(phase))
	for i, r := range phase {
		names[i] = r.name
	}
	var config strings.Builder
	keys := make([]string, len(phase))
	for i, l := range badLabels(names) {
		block, key := badBlock(kind, l, phase[i].body)
		config.WriteString(block)
		keys[i] = key
	}
	var out string
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   badVersionChecks(kind),
		ProtoV6ProviderFactories: testAccProviders,
		// Capture the errors instead of failing the step: the
		// subtests below check them row by row.
		ErrorCheck: func(err error) error { out = err.Error(); return nil },
		Steps:      []resource.TestStep{{Config: config.String()}},
	})
	if t.Skipped() {
		return
	}
	if out == "" {
		t.Fatalf("the plan of %d bad %s inputs succeeded", len(phase), kind)
	}
	byBlock := badErrorsByBlock(out)
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	for k, ds := range byBlock {
		if !known[k] {
			t.Errorf("errors outside the rows' blocks (%q):\n%s", k, strings.Join(ds, "\n"))
		}
	}
	for i, r := range phase {
		t.Run(r.name, func(t *testing.T) {
			checkBadInputErrors(t, r, byBlock[keys[i]])
		})
	}
}

// checkBadInputErrors: every error of the row matches one of its expected
// texts, and every expected text matches one error.
func checkBadInputErrors(t *testing.T, r badInputRow, diags []string) {
	t.Helper()
	if len(diags) == 0 {
		t.Fatalf("no error for %s:\n  %s", r.name, strings.Join(r.body, "\n  "))
	}
	dump := func() string { return strings.Join(diags, "\n") }
	if len(diags) != len(r.want) {
		t.Errorf("%d errors, want %d:\n%s", len(diags), len(r.want), dump())
	}
	for _, w := range r.want {
		re := expectError(w)
		found := false
		for _, d := range diags {
			found = found || re.MatchString(badMessage(d))
		}
		if !found {
			t.Errorf("no error matches %q; the errors are:\n%s", w, dump())
		}
	}
	for _, d := range diags {
		matched := false
		for _, w := range r.want {
			matched = matched || expectError(w).MatchString(badMessage(d))
		}
		if !matched {
			t.Errorf("unexpected error:\n%s", d)
		}
		if r.at != "" && !expectError(r.at).MatchString(d) {
			t.Errorf("error does not point at %q:\n%s", r.at, d)
		}
	}
}

// capturedState and capturedPlan keep what terraform reported, for the
// per-row subtests.
type capturedState struct{ state **tfjson.State }

func (c capturedState) CheckState(_ context.Context, req statecheck.CheckStateRequest, _ *statecheck.CheckStateResponse) {
	*c.state = req.State
}

type capturedPlan struct{ plan **tfjson.Plan }

func (c capturedPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, _ *plancheck.CheckPlanResponse) {
	*c.plan = req.Plan
}

// runGoodInputRows plans and applies the rows' blocks in one configuration and
// checks each row in a subtest: unknown inputs defer the read (or leave
// the function's result unknown) at plan time, known ones do not, and the
// state after apply holds the expected values.
func runGoodInputRows(t *testing.T, kind string, rows []goodInputRow) {
	t.Helper()
	t.Run("accepted", func(t *testing.T) { runGoodInputPhase(t, kind, rows) })
}

func runGoodInputPhase(t *testing.T, kind string, rows []goodInputRow) {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.name
	}
	var config strings.Builder
	config.WriteString(badUnknownInputs)
	keys := make([]string, len(rows))
	for i, l := range badLabels(names) {
		block, key := badBlock(kind, l, rows[i].body)
		config.WriteString(block)
		keys[i] = key
	}
	var state *tfjson.State
	var plan *tfjson.Plan
	resource.Test(t, resource.TestCase{
		// The unknown inputs come from terraform_data, new in Terraform 1.4.
		TerraformVersionChecks:   append(badVersionChecks(kind), tfversion.SkipBelow(tfversion.Version1_4_0)),
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:            config.String(),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capturedPlan{&plan}}},
			ConfigStateChecks: []statecheck.StateCheck{capturedState{&state}},
		}},
	})
	if t.Skipped() || t.Failed() {
		return
	}
	for i, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			key := keys[i]
			deferred := false
			if kind == "output" {
				name := strings.TrimPrefix(key, "output.")
				oc := plan.OutputChanges[name]
				if oc == nil {
					t.Fatalf("output %s not in the plan", name)
				}
				deferred = oc.AfterUnknown == true
			} else {
				for _, rc := range plan.ResourceChanges {
					deferred = deferred || rc.Address == key && rc.Change.Actions.Read()
				}
			}
			if deferred != r.unknown {
				t.Errorf("%s: deferred to apply = %v, want %v", key, deferred, r.unknown)
			}
			var values map[string]any
			var output any
			if kind == "output" {
				o := state.Values.Outputs[strings.TrimPrefix(key, "output.")]
				if o == nil {
					t.Fatalf("%s not in the state", key)
				}
				output = o.Value
			} else {
				for _, res := range state.Values.RootModule.Resources {
					if res.Address == key {
						values = res.AttributeValues
					}
				}
				if values == nil {
					t.Fatalf("%s not in the state", key)
				}
			}
			for _, c := range r.checks {
				v := output
				if kind != "output" {
					var err error
					if v, err = tfjsonpath.Traverse(values, c.path); err != nil {
						t.Errorf("%s: %v", c.path, err)
						continue
					}
				}
				if err := c.check.CheckValue(v); err != nil {
					t.Errorf("%s %s: %v", key, c.path, err)
				}
			}
		})
	}
}
