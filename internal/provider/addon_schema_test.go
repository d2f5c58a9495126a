// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vpccni/terraform-provider-vpccni/internal/addon/addontest"
)

// compileAddonSchema compiles the add-on schema internal/addon's tests use
// too (internal/addon/addontest).
func compileAddonSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	sch, err := addontest.Compile()
	if err != nil {
		t.Fatalf("compile %s: %v", addontest.SchemaName, err)
	}
	return sch
}

// matchesAddonSchema is a knownvalue.Check for a configuration_values
// string: it must be valid against the add-on schema, and its eniConfig
// must name exactly zones (no eniConfig when zones is nil).
type matchesAddonSchema struct {
	schema *jsonschema.Schema
	zones  []string
}

func (m matchesAddonSchema) String() string {
	return fmt.Sprintf("vpc-cni configuration valid against %s, eniConfig zones %v", addontest.SchemaName, m.zones)
}

func (m matchesAddonSchema) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("configuration_values is %T, not a string", v)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(s))
	if err != nil {
		return fmt.Errorf("configuration_values is not JSON: %w\n%s", err, s)
	}
	if err := m.schema.Validate(doc); err != nil {
		return fmt.Errorf("%s\ndoes not match the add-on schema: %w", s, err)
	}
	var parsed struct {
		Env       map[string]string `json:"env"`
		ENIConfig *struct {
			Subnets map[string]json.RawMessage `json:"subnets"`
		} `json:"eniConfig"`
	}
	if err := json.Unmarshal([]byte(s), &parsed); err != nil {
		return err
	}
	if parsed.Env == nil {
		return fmt.Errorf("%s has no env", s)
	}
	var zones []string
	if parsed.ENIConfig != nil {
		zones = []string{}
		for z := range parsed.ENIConfig.Subnets {
			zones = append(zones, z)
		}
		slices.Sort(zones)
	}
	if (zones == nil) != (m.zones == nil) || !slices.Equal(zones, m.zones) {
		return fmt.Errorf("%s: eniConfig zones %v, want %v", s, zones, m.zones)
	}
	return nil
}

var addonZones = []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}

// threeGroupCluster is a vpccni_cluster of three node groups over three
// zones. With customNetworking it adds a pod subnet per zone (with
// security groups when securityGroups) and the groups expect pods that fit
// the custom networking max pods: m5.large (3-1) x 9 = 18 pod addresses,
// r5.xlarge 3 x 14, c5.4xlarge 7 x 29. extra is spliced into the block.
func threeGroupCluster(label string, customNetworking, securityGroups bool, extra string) string {
	pods := ""
	if customNetworking {
		for i, z := range addonZones {
			kvs := []string{fmt.Sprintf(`id = "subnet-p%c"`, 'a'+i), fmt.Sprintf(`cidr = "100.64.%d.0/19"`, 32*i), fmt.Sprintf("availability_zone = %q", z), `purpose = "pods"`}
			if securityGroups {
				kvs = append(kvs, `security_group_ids = ["sg-0a1b2c3d4e5f60718", "sg-0fedcba9876543210"]`)
			}
			pods += subnetBlock(kvs...)
		}
	}
	return fmt.Sprintf(`
data "vpccni_cluster" %q {`, label) +
		group("general", "m5.large", 17, 6, 12) +
		group("memory", "r5.xlarge", 40, 3, 6) +
		group("compute", "c5.4xlarge", 100, 2, 4) +
		nodeSubnet("subnet-a", "10.0.0.0/22", "eu-west-1a") +
		nodeSubnet("subnet-b", "10.0.4.0/22", "eu-west-1b") +
		nodeSubnet("subnet-c", "10.0.8.0/22", "eu-west-1c") +
		pods + `
  ` + extra + `
}
`
}

// TestAccConfigurationValuesMatchAddonSchema: configuration_values, as the
// data sources write it into state, is a valid vpc-cni add-on
// configuration in every mode.
func TestAccConfigurationValuesMatchAddonSchema(t *testing.T) {
	sch := compileAddonSchema(t)
	valid := func(address string, zones []string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(address, tfjsonpath.New("configuration_values"), matchesAddonSchema{sch, zones})
	}
	config := `
data "vpccni_warm_pool" "article" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
}
data "vpccni_warm_pool" "prefix" {
  instance_type     = "t3.small"
  vcpus             = 2
  expected_pods     = 17
  node_count        = 2
  prefix_delegation = true
}
data "vpccni_warm_pool" "custom" {
  instance_type     = "r5.xlarge"
  expected_pods     = 20
  node_count        = 10
  custom_networking = true
  subnet_cidrs      = ["10.0.0.0/27"]
  pod_subnet_cidrs  = ["100.64.0.0/24", "100.64.1.0/24"]
}
data "vpccni_warm_pool" "max_eni" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 1
  max_eni       = 3
  spare_ips     = 0
}
` + threeGroupCluster("cn_sgs", true, true, `region = "eu-west-1"`) +
		threeGroupCluster("cn_no_sgs", true, false, "") +
		threeGroupCluster("pd_max_eni", false, false, "prefix_delegation = true\n  max_eni = 3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				valid("data.vpccni_warm_pool.article", nil),
				valid("data.vpccni_warm_pool.prefix", nil),
				// vpccni_warm_pool writes no eniConfig under custom
				// networking (it has no subnet ids): only the env.
				valid("data.vpccni_warm_pool.custom", nil),
				valid("data.vpccni_warm_pool.max_eni", nil),
				valid("data.vpccni_cluster.cn_sgs", addonZones),
				valid("data.vpccni_cluster.cn_no_sgs", addonZones),
				valid("data.vpccni_cluster.pd_max_eni", nil),
				// The values the schema checks the shape of.
				statecheck.ExpectKnownValue("data.vpccni_warm_pool.max_eni", tfjsonpath.New("configuration_values"),
					knownvalue.StringExact(`{"env":{"MAX_ENI":"3","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"1"}}`)),
				statecheck.ExpectKnownValue("data.vpccni_cluster.cn_sgs", tfjsonpath.New("configuration_values"), knownvalue.StringExact(
					`{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{`+
						`"eu-west-1a":{"id":"subnet-pa","securityGroups":["sg-0a1b2c3d4e5f60718","sg-0fedcba9876543210"]},`+
						`"eu-west-1b":{"id":"subnet-pb","securityGroups":["sg-0a1b2c3d4e5f60718","sg-0fedcba9876543210"]},`+
						`"eu-west-1c":{"id":"subnet-pc","securityGroups":["sg-0a1b2c3d4e5f60718","sg-0fedcba9876543210"]}}},`+
						`"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone","MINIMUM_IP_TARGET":"17","WARM_IP_TARGET":"2"}}`)),
			},
		}},
	})
}

// TestAddonSchemaCheckBites: the check above rejects what the schema
// forbids and a wrong eniConfig, so its passing means something.
func TestAddonSchemaCheckBites(t *testing.T) {
	sch := compileAddonSchema(t)
	for name, c := range map[string]struct {
		value any
		zones []string
	}{
		"not a string":          {map[string]any{"env": map[string]any{}}, nil},
		"not JSON":              {`{"env":`, nil},
		"number in env":         {`{"env":{"WARM_IP_TARGET":2}}`, nil},
		"no env":                {`{}`, nil},
		"eniConfig missing":     {`{"env":{}}`, addonZones},
		"eniConfig unexpected":  {`{"env":{},"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a"}}}}`, nil},
		"zones differ":          {`{"env":{},"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a"}}}}`, addonZones},
		"subnet without id":     {`{"env":{},"eniConfig":{"create":true,"subnets":{"eu-west-1a":{}}}}`, []string{"eu-west-1a"}},
		"upper-case zone":       {`{"env":{},"eniConfig":{"create":true,"subnets":{"EU-WEST-1A":{"id":"subnet-a"}}}}`, []string{"EU-WEST-1A"}},
		"empty security group":  {`{"env":{},"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a","securityGroups":[""]}}}}`, []string{"eu-west-1a"}},
		"prefix delegation yes": {`{"env":{"ENABLE_PREFIX_DELEGATION":"yes"}}`, nil},
	} {
		t.Run(name, func(t *testing.T) {
			if err := (matchesAddonSchema{sch, c.zones}).CheckValue(c.value); err == nil {
				t.Fatalf("%v accepted", c.value)
			}
		})
	}
	if err := (matchesAddonSchema{sch, []string{"eu-west-1a"}}).CheckValue(`{"env":{"WARM_IP_TARGET":"2"},"eniConfig":{"create":true,"subnets":{"eu-west-1a":{"id":"subnet-a"}}}}`); err != nil {
		t.Fatalf("a valid configuration rejected: %v", err)
	}
}
