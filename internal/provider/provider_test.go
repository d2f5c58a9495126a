// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// testAccProviders serves this provider to the terraform binary under test.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"vpccni": providerserver.NewProtocol6WithError(New("test")()),
}

// stateInt64 checks a number attribute of a data source in state.
func stateInt64(address, attr string, want int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(attr), knownvalue.Int64Exact(want))
}

// expectError matches text in a Terraform error however Terraform wraps
// its lines: words may be separated by any white space.
func expectError(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// TestAccProviderBlockOptional proves the provider needs no configuration:
// an empty provider block and no block at all both plan.
func TestAccProviderBlockOptional(t *testing.T) {
	for name, config := range map[string]string{
		"empty block": `provider "vpccni" {}
data "vpccni_instance_type" "x" { instance_type = "m5.large" }`,
		"no block": `data "vpccni_instance_type" "x" { instance_type = "m5.large" }`,
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:            config,
					ConfigStateChecks: []statecheck.StateCheck{stateInt64("data.vpccni_instance_type.x", "max_pods", 29)},
				}},
			})
		})
	}
}

// TestAccProviderRejectsConfiguration: the provider has no attributes, so a
// stray one is an error rather than silently ignored.
func TestAccProviderRejectsConfiguration(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      `provider "vpccni" { region = "us-east-1" }` + "\n" + `data "vpccni_instance_type" "x" { instance_type = "m5.large" }`,
			ExpectError: expectError(`An argument named "region" is not expected here`),
		}},
	})
}
