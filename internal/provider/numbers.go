// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework-validators/helpers/validatordiag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Count inputs are number attributes with a whole-number validator rather
// than Int64 attributes: the framework converts a config value to int64
// before any validator runs, so 1.5 or 1e20 in an Int64 attribute ends in a
// "Value Conversion Error ... always an error in the provider". As numbers
// they reach wholeBetween, which says what is wrong and what is allowed.

// wholeNumberValidator accepts whole numbers from lo to hi.
type wholeNumberValidator struct{ lo, hi int64 }

// wholeBetween returns a validator for whole numbers from lo to hi.
func wholeBetween(lo, hi int64) validator.Number { return wholeNumberValidator{lo, hi} }

func (v wholeNumberValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be between %d and %d", v.lo, v.hi)
}

func (v wholeNumberValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v wholeNumberValidator) ValidateNumber(ctx context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	f := req.ConfigValue.ValueBigFloat()
	if !f.IsInt() {
		resp.Diagnostics.Append(validatordiag.InvalidAttributeValueDiagnostic(req.Path,
			fmt.Sprintf("value must be a whole number between %d and %d", v.lo, v.hi), formatNumber(f)))
		return
	}
	if f.Cmp(big.NewFloat(float64(v.lo))) < 0 || f.Cmp(big.NewFloat(float64(v.hi))) > 0 {
		resp.Diagnostics.Append(validatordiag.InvalidAttributeValueDiagnostic(req.Path, v.Description(ctx), formatNumber(f)))
	}
}

// formatNumber prints whole numbers in full (3000000000, not 3e+09) up to
// 20 digits and everything else in the shortest exact form (1.5, 1e+20).
func formatNumber(f *big.Float) string {
	if f.IsInt() && f.MinPrec() <= 64 {
		return f.Text('f', 0)
	}
	return f.Text('g', -1)
}

// intOf returns a validated whole number as an int, 0 when null; values a
// validator would have refused saturate rather than wrap.
func intOf(n types.Number) int {
	if n.IsNull() || n.IsUnknown() {
		return 0
	}
	i, _ := n.ValueBigFloat().Int64()
	// math.MaxInt32, not more: int is 32 bits on linux/386 and arm.
	const limit = 1<<31 - 1
	return int(max(min(i, limit), -limit))
}

// intOr returns the number, or def when null.
func intOr(n types.Number, def int) int {
	if n.IsNull() {
		return def
	}
	return intOf(n)
}

// inRange reports whether a number is null or a whole number from lo to
// hi: cross-attribute checks skip values the attribute's own validator
// refuses, so that one bad input gives one error.
func inRange(n types.Number, lo, hi int64) bool {
	if n.IsNull() || n.IsUnknown() {
		return true
	}
	f := n.ValueBigFloat()
	return f.IsInt() && f.Cmp(big.NewFloat(float64(lo))) >= 0 && f.Cmp(big.NewFloat(float64(hi))) <= 0
}
