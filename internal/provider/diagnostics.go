// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// Each diagnostic is said once per plan. Terraform validates a data
// block twice (once with variables unknown, once in the plan with their
// values) and then reads it, so:
//
//   - ValidateConfig reports errors only: a value refused there stops the
//     plan, and Read never runs to say it again;
//   - Read reports the errors that could not be found before (values
//     known only now) and every warning.
//
// A data block with a value unknown at plan time is read during apply, and
// Terraform makes no call to the provider for it during the plan (its only
// validation runs with variables unknown too, so the provider cannot tell
// such a value from a variable's). The docs show the check block that makes
// Terraform itself warn then ("Check block assertion known after apply").

// findingPath maps a plan finding's Where to an attribute path. A name
// the schema (the configuration's type t) lacks is a provider bug.
func findingPath(diags *diag.Diagnostics, t tftypes.Type, w plan.Where) path.Path {
	p := path.Root(w.Attr)
	at := attrTypeOf(t, w.Attr)
	if w.Index >= 0 {
		p = p.AtListIndex(w.Index)
		at = elemTypeOf(at)
	}
	if w.Field != "" {
		p = p.AtName(w.Field)
		at = attrTypeOf(at, w.Field)
	}
	if w.FieldIndex >= 0 {
		p = p.AtListIndex(w.FieldIndex)
		at = elemTypeOf(at)
	}
	if at == nil {
		reportBug(diags, "a finding points at %s, which the schema lacks.", w)
		return path.Empty()
	}
	return p
}

func attrTypeOf(t tftypes.Type, name string) tftypes.Type {
	if o, ok := t.(tftypes.Object); ok {
		return o.AttributeTypes[name]
	}
	return nil
}

func elemTypeOf(t tftypes.Type) tftypes.Type {
	switch c := t.(type) {
	case tftypes.List:
		return c.ElementType
	case tftypes.Set:
		return c.ElementType
	}
	return nil
}

// appendFindings adds plan findings as diagnostics on their paths;
// errorsOnly drops the warnings (ValidateConfig's rule above).
func appendFindings(diags *diag.Diagnostics, t tftypes.Type, findings plan.Findings, errorsOnly bool) {
	for _, f := range findings {
		switch {
		case f.Severity == plan.Error:
			diags.AddAttributeError(findingPath(diags, t, f.Where), f.Summary, f.Detail)
		case !errorsOnly:
			diags.AddAttributeWarning(findingPath(diags, t, f.Where), f.Summary, f.Detail)
		}
	}
}
