// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// otherProviders matches configuration that needs a provider or module
// this offline test cannot fetch (the aws provider, terraform-aws-eks).
var otherProviders = regexp.MustCompile(`(?m)^\s*(resource|data) "aws_|^\s*module "|source\s*=\s*"hashicorp/aws"`)

// TestAccExamples plans every example of the docs that needs only this
// provider, each file on its own as the docs show it, so an example cannot
// go stale against the schema. Those that need the aws provider are left
// to the reader.
func TestAccExamples(t *testing.T) {
	var files []string
	for _, dir := range []string{"data-sources", "functions"} {
		found, err := filepath.Glob(filepath.Join("../../examples", dir, "*", "*.tf"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	planned := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if otherProviders.Match(src) {
			continue
		}
		name := strings.TrimPrefix(file, "../../examples/")
		planned++
		t.Run(name, func(t *testing.T) {
			tc := resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps:                    []resource.TestStep{{Config: withoutTerraformBlock(string(src))}},
			}
			// make test-tf-min runs these on Terraform 1.3: skip what
			// it cannot parse (check blocks came in 1.5, provider
			// functions in 1.8).
			switch {
			case strings.HasPrefix(name, "functions/") || strings.Contains(string(src), "provider::"):
				tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}
			case regexp.MustCompile(`(?m)^check "`).Match(src):
				tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)}
			}
			resource.Test(t, tc)
		})
	}
	if planned < 10 {
		t.Fatalf("only %d examples planned; the glob or the filter is wrong", planned)
	}
}

// withoutTerraformBlock drops the example's top-level terraform block: its
// required_providers name the registry address, and the test serves the
// provider under the test harness's own.
func withoutTerraformBlock(src string) string {
	start := strings.Index(src, "terraform {")
	if start < 0 || (start > 0 && src[start-1] != '\n') {
		return src
	}
	depth := 0
	for i := start; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return src[:start] + src[i+1:]
			}
		}
	}
	return src
}
