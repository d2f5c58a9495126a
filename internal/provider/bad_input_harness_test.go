// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The harness of the bad-input tests (bad_input_test.go and
// bad_input_nodes_test.go) and the pinned cases (pinned_cases_test.go).
//
// The tests feed every attribute of every data source, and every
// function argument, the inputs users get wrong: zero, negative, beyond
// int32 (3000000000), empty and white-space strings, upper-case instance
// types, IPv6 CIDRs, host bits, duplicates, null where required, and
// values unknown until apply.
//
// Speed: a terraform run costs ~0.3 s, so rows are not one run each.
// Every failing row is its own data source (or output) block, and all the
// rows of a data source share one configuration: Terraform reports every
// block's errors in one plan. The test then splits the errors by the block
// they name ("with data.vpccni_warm_pool.expected_pods_zero," or `in output
// "name":`) and checks each row in its own subtest: each of the row's
// errors must match one of its expected texts (expectError), and each
// expected text must match one error. Rows that fail only when the data
// source is read (after validation) run in a second configuration, because
// Terraform stops at validation errors. Rows that are accepted, and rows
// with unknown inputs, share a third configuration that is planned and
// applied; their subtests check the plan (unknown inputs defer the read)
// and the state.
//
// Where the diagnostic sits: Terraform shows the line of the attribute,
// top-level or inside a block (node_group, subnet, current, update_surge
// are blocks), so rows check that the quoted source line is the bad one
// (badInputRow.at; badNested rows derive it from their override). Each
// row also checks that it gets exactly its errors: every input is decoded
// once, with its bounds, and the checks that combine inputs skip values
// already refused, so one bad value gives one error.
//
// Rows that once showed provider faults and now pin their fixes: numbers
// beyond int64 or fractional (number attributes with a whole-number
// check, not the framework's "Value Conversion Error"), null list
// elements, out-of-range overrides and max_nodes, names that would reach
// the add-on's eniConfig malformed (zone, subnet id, security group id and
// region patterns), and misspelt arguments inside blocks (dropped silently
// when the groups and subnets were lists of objects).

// badInputRow is an input the provider must reject.
type badInputRow struct {
	// name is "attribute/input"; the block label is made from it.
	name string
	// body holds the block's attributes, one "key = value" per line; for
	// an output, the single line "value = ...".
	body []string
	// at is text the quoted source line of every diagnostic must contain:
	// the bad attribute as written, for top-level attributes.
	at string
	// want is each error the block must get, as expectError text.
	want []string
	// read marks rows rejected only when the data source is read.
	read bool
}

// goodInputRow is an input the provider accepts on purpose, or a value unknown at
// plan time.
type goodInputRow struct {
	name string
	body []string
	// unknown: some input is unknown at plan time, so the read (or the
	// function call) must wait for apply.
	unknown bool
	// checks on the state after apply (for an output, path is nil and the
	// check is on the output's value).
	checks []badValueCheck
}

type badValueCheck struct {
	path  tfjsonpath.Path
	check knownvalue.Check
}

func badAt(path tfjsonpath.Path, c knownvalue.Check) badValueCheck { return badValueCheck{path, c} }

func badAttr(name string, c knownvalue.Check) badValueCheck { return badAt(tfjsonpath.New(name), c) }

func badOutput(c knownvalue.Check) badValueCheck { return badValueCheck{check: c} }

// badMerge returns base with each override replacing the pair with the same
// key, or appended; "-key" removes the key.
func badMerge(base []string, over ...string) []string {
	out := append([]string{}, base...)
	for _, o := range over {
		if k, ok := strings.CutPrefix(o, "-"); ok {
			out = badDeleteKey(out, k)
			continue
		}
		replaced := false
		for i, b := range out {
			if badKey(b) == badKey(o) {
				out[i], replaced = o, true
			}
		}
		if !replaced {
			out = append(out, o)
		}
	}
	return out
}

func badDeleteKey(kvs []string, key string) []string {
	var out []string
	for _, kv := range kvs {
		if badKey(kv) != key {
			out = append(out, kv)
		}
	}
	return out
}

// badKey is the key of a "key = value" line, or the name of a block
// ("node_group { ... }").
func badKey(kv string) string {
	kv = strings.TrimSpace(kv)
	if i := strings.IndexAny(kv, "={"); i >= 0 {
		kv = strings.TrimSpace(kv[:i])
	}
	// A dynamic block stands for the blocks it writes.
	if name, ok := strings.CutPrefix(kv, "dynamic "); ok {
		return strings.Trim(name, `"`)
	}
	return kv
}

// dynamicBlock writes one block per element of a list known only after
// apply.
func dynamicBlock(name, list string, attrs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "dynamic %q {\n    for_each = %s\n    content {\n", name, list)
	for _, a := range attrs {
		fmt.Fprintf(&b, "      %s = %s.value.%s\n", a, name, a)
	}
	b.WriteString("    }\n  }")
	return b.String()
}

// badBlockOf renders a nested block from "key = value" lines, indented to
// sit in a data block's body.
func badBlockOf(name string, kvs []string) string {
	return name + " {\n    " + strings.Join(kvs, "\n    ") + "\n  }"
}

// Base configurations the rows change one attribute of.
var (
	badInstanceTypeBase = []string{`instance_type = "m5.large"`}
	badWarmPoolBase     = []string{`instance_type = "r5.xlarge"`, `expected_pods = 20`, `node_count = 3`}
	badGroupBase        = []string{`name = "general"`, `instance_type = "m5.large"`, `expected_pods = 20`, `desired_nodes = 2`, `max_nodes = 4`}
	badNodeSubnetBase   = []string{`id = "subnet-a"`, `cidr = "10.0.0.0/24"`, `availability_zone = "eu-west-1a"`}
	badPodSubnetBase    = []string{`id = "subnet-pa"`, `cidr = "100.64.0.0/24"`, `availability_zone = "eu-west-1a"`, `purpose = "pods"`}
)

// badGroup is a node_group block of the base group with overrides.
func badGroup(over ...string) string {
	return badBlockOf("node_group", badMerge(badGroupBase, over...))
}

// badNodeSubnet is a subnet block of the base node subnet with overrides.
func badNodeSubnet(over ...string) string {
	return badBlockOf("subnet", badMerge(badNodeSubnetBase, over...))
}

// badPodSubnet is the base node subnet's block and a pod subnet's with
// overrides (custom networking); both are "subnet" for badMerge.
func badPodSubnet(over ...string) string {
	return badNodeSubnet() + "\n  " + badBlockOf("subnet", badMerge(badPodSubnetBase, over...))
}

func badCluster(over ...string) []string {
	return badMerge([]string{badGroup(), badNodeSubnet()}, over...)
}

// badTop is a row changing one top-level attribute of base: diagnostics must
// quote that line.
func badTop(name string, base []string, attr string, want ...string) badInputRow {
	return badInputRow{name: name, body: badMerge(base, attr), at: attr, want: want}
}

// badNested is a row whose diagnostics sit inside a block (or on the
// block): the message names the attribute, and at (when not "") is the
// line Terraform must quote.
func badNested(name string, body []string, want ...string) badInputRow {
	return badInputRow{name: name, body: body, want: want}
}

// badNestedAt is badNested with the quoted line.
func badNestedAt(name string, body []string, at string, want ...string) badInputRow {
	return badInputRow{name: name, body: body, at: at, want: want}
}

// badCall is a row for a function call; diagnostics quote the output line.
func badCall(name, expr string, want ...string) badInputRow {
	return badInputRow{name: name, body: []string{"value = " + expr}, at: expr, want: want}
}

func badBetween(attr string, lo, hi int64, got string) string {
	return fmt.Sprintf("Attribute %s value must be between %d and %d, got: %s", attr, lo, hi, got)
}

// badNumberRows are zero (when below lo), negative and beyond-int32 rows of a
// top-level number attribute with a Between(lo, hi) validator.
func badNumberRows(base []string, attr string, lo, hi int64) []badInputRow {
	var rows []badInputRow
	for _, in := range badNumbers {
		if in.value == "0" && lo <= 0 {
			continue
		}
		rows = append(rows, badTop(attr+"/"+in.name, base, attr+" = "+in.value, in.want(attr, lo, hi)))
	}
	return rows
}

// badNumbers are the bad values of a whole-number attribute: zero (when
// below the minimum), negative, beyond int32 and int64, and a fraction.
var badNumbers = []struct {
	name, value string
	want        func(attr string, lo, hi int64) string
}{
	{"zero", "0", func(a string, lo, hi int64) string { return badBetween(a, lo, hi, "0") }},
	{"negative", "-1", func(a string, lo, hi int64) string { return badBetween(a, lo, hi, "-1") }},
	{"beyond int32", "3000000000", func(a string, lo, hi int64) string { return badBetween(a, lo, hi, "3000000000") }},
	{"beyond int64", "1e20", func(a string, lo, hi int64) string { return badBetween(a, lo, hi, "100000000000000000000") }},
	{"fraction", "1.5", func(a string, lo, hi int64) string {
		return fmt.Sprintf("Attribute %s value must be a whole number between %d and %d, got: 1.5", a, lo, hi)
	}},
}

// badNestedNumberRows is badNumberRows for an attribute in a block; path
// ends in the attribute's name, and object(v) renders the configuration
// with the attribute set to v.
func badNestedNumberRows(path string, lo, hi int64, object func(v string) []string) []badInputRow {
	var rows []badInputRow
	attr := path[strings.LastIndex(path, ".")+1:]
	for _, in := range badNumbers {
		if in.value == "0" && lo <= 0 {
			continue
		}
		rows = append(rows, badNestedAt(path+"/"+in.name, object(in.value), attr+" = "+in.value, in.want(path, lo, hi)))
	}
	return rows
}
