// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package addontest validates vpc-cni add-on configuration JSON in tests
// against the schema beside it (vpc-cni-configuration.schema.json, written
// for this project; README.md says where each rule comes from). It is
// imported by tests only, so the JSON Schema library stays out of the
// provider binary.
package addontest

import (
	"bytes"
	_ "embed"
	"errors"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaName names the schema in messages.
const SchemaName = "vpc-cni-configuration.schema.json"

//go:embed vpc-cni-configuration.schema.json
var schemaJSON []byte

// Compile compiles the schema with format assertions on. The formats
// "integer" and "boolean" are the EKS add-on schema's names for strings
// that ipamd reads with strconv.Atoi and strconv.ParseBool.
func Compile() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "integer", Validate: func(v any) error {
		if s, ok := v.(string); ok {
			if _, err := strconv.Atoi(s); err != nil {
				return errors.New("ipamd cannot read it as an integer (strconv.Atoi)")
			}
		}
		return nil // a non-string is the type keyword's to refuse
	}})
	c.RegisterFormat(&jsonschema.Format{Name: "boolean", Validate: func(v any) error {
		if s, ok := v.(string); ok {
			if _, err := strconv.ParseBool(s); err != nil {
				return errors.New("ipamd cannot read it as a boolean (strconv.ParseBool)")
			}
		}
		return nil
	}})
	if err := c.AddResource(SchemaName, doc); err != nil {
		return nil, err
	}
	return c.Compile(SchemaName)
}

// Validate validates a JSON document against a compiled schema.
func Validate(sch *jsonschema.Schema, doc string) error {
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(v)
}
