// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package addon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// Reading the user's JSON: Terraform's number rules, syntax errors with
// their line and column, and the paths messages name keys by.

// Parse reads a user's add-on configuration: a JSON object with the
// add-on's top-level keys and, when it has env, an object of strings. It
// returns nil and the problems when there are any.
func Parse(doc string) (*Config, []Problem) {
	if strings.TrimSpace(doc) == "" {
		return nil, []Problem{{Kind: Syntax, Summary: "Empty add-on configuration",
			Detail: `The add-on configuration is empty. Give a JSON object such as jsonencode({ enableNetworkPolicy = "true" }), or leave it out (null).`}}
	}
	// Unmarshal first: its syntax errors carry the offset into the whole
	// document (the token reader's are relative to the value it reads).
	// A RawMessage only checks the syntax (numbers are not converted).
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, []Problem{syntaxProblem(doc, err)}
	}
	p := parser{dec: json.NewDecoder(strings.NewReader(doc))}
	p.dec.UseNumber()
	v := p.value(jsonPath{})
	if len(p.problems) > 0 {
		return nil, p.problems
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, []Problem{{Kind: Syntax, Summary: "Add-on configuration is not a JSON object",
			Detail: fmt.Sprintf("The add-on configuration is %s, not a JSON object. Give an object such as jsonencode({ env = { AWS_VPC_K8S_CNI_LOGLEVEL = \"DEBUG\" } }).", describeJSON(v))}}
	}
	problems := checkShape(top)
	if len(problems) > 0 {
		return nil, problems
	}
	return &Config{top: top}, nil
}

// parser walks a document json.Unmarshal accepted, token by token, to see
// duplicate keys (Unmarshal keeps the last silently) and keep numbers
// exact.
type parser struct {
	dec      *json.Decoder
	problems []Problem
}

func (p *parser) value(at jsonPath) any {
	t, err := p.dec.Token()
	if err != nil {
		// Unmarshal accepted the document, so the reader cannot fail.
		p.problems = append(p.problems, Problem{Kind: Syntax, Summary: "Invalid add-on configuration JSON", Key: at.String(), Detail: "The add-on configuration could not be read: " + err.Error() + "."})
		return nil
	}
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			list := []any{}
			for p.dec.More() {
				list = append(list, p.value(at.index(len(list))))
			}
			_, _ = p.dec.Token() // ]
			return list
		}
		obj := map[string]any{}
		for p.dec.More() {
			kt, _ := p.dec.Token()
			k, _ := kt.(string)
			kat := at.key(k)
			if _, dup := obj[k]; dup {
				p.problems = append(p.problems, Problem{Kind: Syntax, Summary: "Duplicate key in add-on configuration", Key: kat.String(),
					Detail: fmt.Sprintf("The add-on configuration has the key %s twice; give each key once (jsonencode never writes a key twice).", kat)})
			}
			obj[k] = p.value(kat)
		}
		_, _ = p.dec.Token() // }
		return obj
	case json.Number:
		n, ok := terraformNumber(t)
		if !ok {
			p.problems = append(p.problems, Problem{Kind: Syntax, Summary: "Number out of range in add-on configuration", Key: at.String(),
				Detail: fmt.Sprintf("%s is %s, too large or too small a number to write out in full as Terraform's jsonencode does.", at, echo.Cut(string(t)))})
		}
		return n
	}
	return t // string, bool or nil
}

// terraformNumber writes a JSON number as Terraform's jsonencode does:
// Terraform holds numbers as 512-bit big.Floats and prints them with
// Text('f', -1), so 1e3 becomes 1000 and 1.50 becomes 1.5, while 10 and
// 12345678901234567890123 stay as they are (float64 would round the
// latter). ok is false for exponents so large that the number would print
// as thousands of digits.
func terraformNumber(n json.Number) (json.Number, bool) {
	f, _, err := big.ParseFloat(string(n), 10, 512, big.ToNearestEven)
	if err != nil || f.IsInf() {
		return n, false
	}
	if e := f.MantExp(nil); e > maxNumberBinaryExponent || e < -maxNumberBinaryExponent {
		return n, false
	}
	return json.Number(f.Text('f', -1)), true
}

// generic turns a value the provider writes into the parsed form.
func generic(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, bools and maps of them
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out any
	if err := d.Decode(&out); err != nil {
		panic(err)
	}
	return out
}

// compact writes a parsed value as jsonencode would: keys sorted, no
// white space, <, > and & escaped.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Parsed values are strings, valid json.Numbers, bools, nils and
		// lists and maps of them.
		panic(err)
	}
	return string(b)
}

// describeJSON names a parsed value's JSON type, with the value when short.
func describeJSON(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case json.Number:
		return "the number " + echo.Cut(string(v))
	case string:
		return "the string " + echo.Quote(v)
	case []any:
		return "a list"
	}
	return "an object"
}

// syntaxProblem says where a document stops being JSON.
func syntaxProblem(doc string, err error) Problem {
	var se *json.SyntaxError
	offset := int64(len(doc))
	msg := err.Error()
	if errors.As(err, &se) {
		offset = se.Offset
	} else if errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of JSON input"
	}
	line, col := lineColumn(doc, offset)
	near := doc[:min(int(offset), len(doc))]
	if len(near) > 24 {
		near = near[len(near)-24:]
		for len(near) > 0 && !utf8.RuneStart(near[0]) {
			near = near[1:]
		}
		near = "…" + near
	}
	return Problem{Kind: Syntax, Summary: "Invalid add-on configuration JSON", Offset: offset,
		Detail: fmt.Sprintf("The add-on configuration is not valid JSON: %s, at byte %d (line %d, column %d), after %s. Write it with jsonencode({ ... }).",
			msg, offset, line, col, echo.Quote(near))}
}

// lineColumn gives the 1-based line and column (in bytes) of the byte at
// 1-based position offset.
func lineColumn(doc string, offset int64) (int, int) {
	before := doc[:max(0, min(int(offset)-1, len(doc)))]
	line := strings.Count(before, "\n") + 1
	col := len(before) - strings.LastIndex(before, "\n")
	return line, col
}

// jsonPath is a place in a JSON document, written as
// env.WARM_IP_TARGET, tolerations[0].key or podLabels["app.kubernetes.io/name"].
type jsonPath struct{ s string }

func (p jsonPath) key(k string) jsonPath {
	switch {
	case !plainKey(k):
		return jsonPath{p.s + "[" + echo.Quote(k) + "]"}
	case p.s == "":
		return jsonPath{k}
	}
	return jsonPath{p.s + "." + k}
}

func (p jsonPath) index(i int) jsonPath { return jsonPath{p.s + "[" + strconv.Itoa(i) + "]"} }

func (p jsonPath) String() string { return p.s }

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i, r := range k {
		letter := r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		digit := i > 0 && '0' <= r && r <= '9'
		if !letter && !digit {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
