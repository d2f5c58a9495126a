// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The data sources read their configuration and write their state as
// tftypes values, not through the framework's Config.Get and State.Set:
// those convert by reflection and recompile a struct-tag regexp for every
// field on every call, about 1 ms of a vpccni_warm_pool read against some
// 20 µs of arithmetic (bench/RESULTS.md). The codec here keeps that speed
// and stays strict: every name is checked against the value's own type,
// which is the schema's, so a read or a write of a name the schema lacks
// is an internal-error diagnostic (every test fails on it), never a
// silent null or a dropped key; conversion errors are diagnostics too.

// codecBug is the summary of diagnostics that mean the provider itself is
// wrong, not the configuration.
const codecBug = "Provider bug: schema and code disagree"

// reportBug adds an internal-error diagnostic.
func reportBug(diags *diag.Diagnostics, format string, args ...any) {
	diags.AddError(codecBug, fmt.Sprintf(format, args...)+
		" Please report this at https://github.com/vpccni/terraform-provider-vpccni/issues with the configuration that caused it.")
}

// inObject is a decoded object of the configuration: the root, a block or
// a nested object. Its reads are checked against its type.
type inObject struct {
	typ  tftypes.Object
	vals map[string]tftypes.Value
	at   path.Path
	d    *decoder
}

// decoder collects what decoding a configuration finds: diagnostics about
// the values (errors, and warnings Read alone reports), the paths of
// values not known yet, and provider bugs.
type decoder struct {
	errs     diag.Diagnostics
	warnings diag.Diagnostics
	unknown  []path.Path
	// missing is set when a required value is null.
	missing bool
}

// root decodes the configuration's root object.
func (d *decoder) root(v tftypes.Value) inObject {
	return d.object(v, path.Empty())
}

// object decodes a known, non-null object value; an unknown or null one
// gives an object whose reads are all null (an unknown one is recorded).
func (d *decoder) object(v tftypes.Value, at path.Path) inObject {
	o := inObject{at: at, d: d}
	t, ok := v.Type().(tftypes.Object)
	if !ok {
		reportBug(&d.errs, "%s is a %s, not an object.", pathString(at), v.Type())
		return o
	}
	o.typ = t
	if !v.IsKnown() {
		d.unknown = append(d.unknown, at)
		return o
	}
	if v.IsNull() {
		return o
	}
	if err := v.As(&o.vals); err != nil {
		reportBug(&d.errs, "%s: %s.", pathString(at), err)
	}
	return o
}

// attr is the path of attribute name in o.
func (o inObject) attr(name string) path.Path {
	if len(o.at.Steps()) == 0 {
		return path.Root(name)
	}
	return o.at.AtName(name)
}

// value returns attribute name's value, and false when the schema has no
// such attribute (a provider bug, reported).
func (o inObject) value(name string) (tftypes.Value, bool) {
	t, ok := o.typ.AttributeTypes[name]
	if !ok {
		reportBug(&o.d.errs, "the configuration at %s has no attribute %q (it has %s).", pathString(o.at), name, attrNames(o.typ))
		return tftypes.Value{}, false
	}
	if v, ok := o.vals[name]; ok {
		return v, true
	}
	// A null or unknown object: every attribute reads as null.
	return tftypes.NewValue(t, nil), true
}

// present returns attribute name's value when it is known and not null;
// an unknown value is recorded.
func (o inObject) present(name string) (tftypes.Value, bool) {
	v, ok := o.value(name)
	switch {
	case !ok || v.IsNull():
		return v, false
	case !v.IsKnown():
		o.d.unknown = append(o.d.unknown, o.attr(name))
		return v, false
	}
	return v, true
}

// known reports whether attribute name's value is known (null counts as
// known).
func (o inObject) known(name string) bool {
	v, ok := o.value(name)
	return ok && v.IsFullyKnown()
}

// isNull reports whether attribute name is null (not set).
func (o inObject) isNull(name string) bool {
	v, ok := o.value(name)
	return ok && v.IsKnown() && v.IsNull()
}

// str reads a string attribute; ok is false when it is null or unknown.
func (o inObject) str(name string) (string, bool) {
	v, ok := o.present(name)
	if !ok {
		return "", false
	}
	var s string
	if err := v.As(&s); err != nil {
		reportBug(&o.d.errs, "%s: %s.", pathString(o.attr(name)), err)
		return "", false
	}
	return s, true
}

// boolean reads a bool attribute; ok is false when it is null or unknown.
func (o inObject) boolean(name string) (bool, bool) {
	v, ok := o.present(name)
	if !ok {
		return false, false
	}
	var b bool
	if err := v.As(&b); err != nil {
		reportBug(&o.d.errs, "%s: %s.", pathString(o.attr(name)), err)
		return false, false
	}
	return b, true
}

// number reads a number attribute; ok is false when it is null or
// unknown.
func (o inObject) number(name string) (*big.Float, bool) {
	v, ok := o.present(name)
	if !ok {
		return nil, false
	}
	return numberValue(o.d, v, o.attr(name))
}

func numberValue(d *decoder, v tftypes.Value, at path.Path) (*big.Float, bool) {
	f := new(big.Float)
	if err := v.As(&f); err != nil || f == nil {
		reportBug(&d.errs, "%s: %v.", pathString(at), err)
		return nil, false
	}
	return f, true
}

// elements reads a list or set attribute's elements with their paths;
// ok is false when it is null or unknown. Unknown elements are recorded
// and left out.
func (o inObject) elements(name string) ([]element, bool) {
	v, ok := o.present(name)
	if !ok {
		return nil, false
	}
	return elementsOf(o.d, v, o.attr(name))
}

// element is a list element and its path.
type element struct {
	v  tftypes.Value
	at path.Path
}

func elementsOf(d *decoder, v tftypes.Value, at path.Path) ([]element, bool) {
	var vals []tftypes.Value
	if err := v.As(&vals); err != nil {
		reportBug(&d.errs, "%s: %s.", pathString(at), err)
		return nil, false
	}
	out := make([]element, 0, len(vals))
	complete := true
	for i, e := range vals {
		ep := at.AtListIndex(i)
		if !e.IsFullyKnown() {
			d.unknown = append(d.unknown, ep)
			complete = false
		}
		out = append(out, element{e, ep})
	}
	return out, complete
}

// blocks reads a list of nested blocks; a null list is no blocks.
func (o inObject) blocks(name string) []inObject {
	els, _ := o.elements(name)
	out := make([]inObject, len(els))
	for i, e := range els {
		out[i] = o.d.object(e.v, e.at)
	}
	return out
}

// block reads a single nested block or object; ok is false when it is
// absent (null) or unknown.
func (o inObject) block(name string) (inObject, bool) {
	v, ok := o.value(name)
	if !ok {
		return inObject{d: o.d}, false
	}
	b := o.d.object(v, o.attr(name))
	return b, v.IsKnown() && !v.IsNull()
}

// stringMap reads a map of numbers or strings attribute's elements; ok is
// false when it is null or unknown.
func (o inObject) mapElements(name string) (map[string]tftypes.Value, bool) {
	v, ok := o.present(name)
	if !ok {
		return nil, false
	}
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		reportBug(&o.d.errs, "%s: %s.", pathString(o.attr(name)), err)
		return nil, false
	}
	return m, true
}

// outObject builds an object value of the state. Its writes are checked
// against its type; attributes not written are null.
type outObject struct {
	typ  tftypes.Object
	vals map[string]tftypes.Value
	e    *encoder
}

// encoder collects provider bugs found while writing the state.
type encoder struct {
	errs diag.Diagnostics
}

// object starts an object of type t, with the attributes of from (the
// configuration's values, for the root and for blocks) already set.
func (e *encoder) object(t tftypes.Type, from map[string]tftypes.Value) outObject {
	ot, ok := t.(tftypes.Object)
	if !ok {
		reportBug(&e.errs, "state value of type %s written as an object.", t)
	}
	vals := make(map[string]tftypes.Value, len(ot.AttributeTypes))
	for k, v := range from {
		vals[k] = v
	}
	return outObject{typ: ot, vals: vals, e: e}
}

// state starts a data source's state from its configuration raw: every
// input as given, the computed attributes to be set. ok is false (with a
// bug reported) when raw is not an object.
func (e *encoder) state(raw tftypes.Value) (out outObject, config map[string]tftypes.Value, ok bool) {
	if err := raw.As(&config); err != nil {
		reportBug(&e.errs, "configuration: %s.", err)
		return outObject{}, nil, false
	}
	return e.object(raw.Type(), config), config, true
}

// has reports whether the type has attribute name, reporting a bug when
// not.
func (o outObject) has(name string) bool {
	if _, ok := o.typ.AttributeTypes[name]; ok {
		return true
	}
	reportBug(&o.e.errs, "the state has no attribute %q here (it has %s).", name, attrNames(o.typ))
	return false
}

// set writes attribute name.
func (o outObject) set(name string, v tftypes.Value) {
	if o.has(name) {
		o.vals[name] = v
	}
}

// typeOf is the type of attribute name.
func (o outObject) typeOf(name string) tftypes.Type {
	if !o.has(name) {
		return tftypes.DynamicPseudoType
	}
	return o.typ.AttributeTypes[name]
}

// value is the object, every attribute not written null. A value whose
// type does not match its attribute's is a provider bug, reported rather
// than a panic (tftypes.NewValue panics on it, and checks every
// attribute's type already, so checking here too would double the cost).
func (o outObject) value() (v tftypes.Value) {
	for name, t := range o.typ.AttributeTypes {
		if _, ok := o.vals[name]; !ok {
			o.vals[name] = tftypes.NewValue(t, nil)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			reportBug(&o.e.errs, "a state object does not match its schema type: %v.", r)
			v = tftypes.NewValue(o.typ, nil)
		}
	}()
	return tftypes.NewValue(o.typ, o.vals)
}

// list builds a list value of type t from elements built by the caller,
// reporting a mismatch as a provider bug rather than a panic.
func (e *encoder) list(t tftypes.Type, elems []tftypes.Value) (v tftypes.Value) {
	defer func() {
		if r := recover(); r != nil {
			reportBug(&e.errs, "a state list does not match its schema type: %v.", r)
			v = tftypes.NewValue(t, nil)
		}
	}()
	return tftypes.NewValue(t, elems)
}

// mapOf builds a map value of type t, as list does.
func (e *encoder) mapOf(t tftypes.Type, elems map[string]tftypes.Value) (v tftypes.Value) {
	defer func() {
		if r := recover(); r != nil {
			reportBug(&e.errs, "a state map does not match its schema type: %v.", r)
			v = tftypes.NewValue(t, nil)
		}
	}()
	return tftypes.NewValue(t, elems)
}

// elemType is the element type of a list or map type.
func (e *encoder) elemType(t tftypes.Type) tftypes.Type {
	switch c := t.(type) {
	case tftypes.List:
		return c.ElementType
	case tftypes.Map:
		return c.ElementType
	case tftypes.Set:
		return c.ElementType
	}
	reportBug(&e.errs, "%s has no elements.", t)
	return tftypes.DynamicPseudoType
}

// attrNames lists an object type's attribute names, for bug reports.
func attrNames(t tftypes.Object) string {
	names := make([]string, 0, len(t.AttributeTypes))
	for n := range t.AttributeTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	return strings.Join(names, ", ")
}

// pathString prints a path as the configuration spells it.
func pathString(p path.Path) string {
	if len(p.Steps()) == 0 {
		return "the root"
	}
	return p.String()
}
