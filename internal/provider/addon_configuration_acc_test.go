// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The three cases for addon_configuration on vpccni_warm_pool, and
// one for vpccni_cluster's eniConfig. They run once the data sources have
// the attribute (addon_configuration.go says how it is wired in) and skip
// until then.

// skipUntilWired skips a test while the data source's schema lacks
// addon_configuration.
func skipUntilWired(t *testing.T, ds datasource.DataSource, name string) {
	t.Helper()
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if _, ok := resp.Schema.Attributes[addonConfigurationAttr]; !ok {
		t.Skipf("%s has no %s yet: it is wired in with the data-source rewrite (see internal/provider/addon_configuration.go)", name, addonConfigurationAttr)
	}
}

// addonWarmPoolConfig is the article's node group with addon_configuration
// set to the HCL expression %s, and an output that compares
// configuration_values with Terraform's own deep merge of the two.
const addonWarmPoolConfig = `
locals {
  user = %s
}

data "vpccni_warm_pool" "this" {
  instance_type       = "r5.xlarge"
  expected_pods       = 20
  node_count          = 10
  subnet_cidrs        = ["10.0.0.0/24"]
  addon_configuration = jsonencode(local.user)
}

output "equals_jsonencode_of_the_merge" {
  value = data.vpccni_warm_pool.this.configuration_values == jsonencode(merge(local.user, {
    env = merge(local.user.env, data.vpccni_warm_pool.this.env)
  }))
}
`

// TestAccWarmPoolAddonConfigurationMerge: a key that changes nothing the
// model assumes (the log level) and a top-level setting join the
// recommendation, byte for byte as jsonencode prints the merged object;
// env stays the recommendation's own.
func TestAccWarmPoolAddonConfigurationMerge(t *testing.T) {
	skipUntilWired(t, NewWarmPoolDataSource(), "vpccni_warm_pool")
	const ds = "data.vpccni_warm_pool.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(addonWarmPoolConfig, `{
    enableNetworkPolicy = "true"
    env                 = { AWS_VPC_K8S_CNI_LOGLEVEL = "DEBUG" }
  }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("configuration_values"), knownvalue.StringExact(
					`{"enableNetworkPolicy":"true","env":{"AWS_VPC_K8S_CNI_LOGLEVEL":"DEBUG","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("configuration_values"), matchesAddonSchema{compileAddonSchema(t), nil}),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
					"MINIMUM_IP_TARGET": knownvalue.StringExact("20"),
					"WARM_IP_TARGET":    knownvalue.StringExact("2"),
				})),
				statecheck.ExpectKnownOutputValue("equals_jsonencode_of_the_merge", knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("recommended").AtMapKey("total_ips"), knownvalue.Int64Exact(240)),
			},
		}},
	})
}

// TestAccWarmPoolAddonConfigurationConflict: the user's WARM_IP_TARGET
// against the recommendation's 2 fails the plan, naming the input that
// sets it.
func TestAccWarmPoolAddonConfigurationConflict(t *testing.T) {
	skipUntilWired(t, NewWarmPoolDataSource(), "vpccni_warm_pool")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(addonWarmPoolConfig, `{ env = { WARM_IP_TARGET = "5" } }`),
			ExpectError: expectError(`env.WARM_IP_TARGET is set by spare_ips: addon_configuration has "5" and the data source writes "2". ` +
				`Remove it from addon_configuration, or change spare_ips so that the data source writes the value you want`),
		}},
	})
}

// TestAccWarmPoolAddonConfigurationModelChanging: WARM_ENI_TARGET changes
// what each node holds, which the numbers leave out: the plan fails and
// points at the current block.
func TestAccWarmPoolAddonConfigurationModelChanging(t *testing.T) {
	skipUntilWired(t, NewWarmPoolDataSource(), "vpccni_warm_pool")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(addonWarmPoolConfig, `{ env = { WARM_ENI_TARGET = "1" } }`),
			ExpectError: expectError(`env.WARM_ENI_TARGET = "1" sets how many spare ENIs each node keeps, which the numbers here leave out: ` +
				`they are for the data source's own settings. Remove it from addon_configuration; ` +
				`to see what it would cost, set current { warm_eni_target = 1 } and compare current with recommended.`),
		}},
	})
}

// TestAccWarmPoolAddonConfigurationInvalidJSON: a string that is not JSON
// is refused before the plan, with where it goes wrong.
func TestAccWarmPoolAddonConfigurationInvalidJSON(t *testing.T) {
	skipUntilWired(t, NewWarmPoolDataSource(), "vpccni_warm_pool")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_warm_pool" "this" {
  instance_type       = "r5.xlarge"
  expected_pods       = 20
  node_count          = 10
  addon_configuration = "{ env = {} }"
}
`,
			ExpectError: expectError(`The add-on configuration is not valid JSON: ` +
				`invalid character 'e' looking for beginning of object key string, at byte 3 (line 1, column 3)`),
		}},
	})
}

// TestAccClusterAddonConfigurationENIConfig: vpccni_cluster writes the
// eniConfig of its pod subnets; the user's own eniConfig for other
// subnets is refused, at the first place they differ.
func TestAccClusterAddonConfigurationENIConfig(t *testing.T) {
	skipUntilWired(t, NewClusterDataSource(), "vpccni_cluster")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: threeGroupCluster("cn", true, false, `addon_configuration = jsonencode({
    eniConfig = { create = true, subnets = { "eu-west-1a" = { id = "subnet-other" } } }
  })`),
			ExpectError: expectError(`eniConfig is written by the subnet blocks with purpose = "pods" (and region): ` +
				`at eniConfig.subnets["eu-west-1a"].id addon_configuration has "subnet-other" and the data source writes "subnet-pa".`),
		}},
	})
}
