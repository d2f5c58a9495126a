// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpccni/terraform-provider-vpccni/internal/plan"
)

// Determinism: the same configuration must give byte-identical
// configuration_values and identical results every time, or every plan
// would show a diff on the add-on. Go randomises map iteration on every
// range, so code that ranges over a map to build a list or a string
// (zones, subnets per zone, groups per subnet, env keys, eniConfig subnets)
// would show up as differences between repeated runs.
//
// The split: 100 repetitions run in-process through the data sources'
// Read handlers (and plan.Cluster underneath), where one costs well under a
// millisecond; through terraform one plan costs ~0.3 s, so 100 would take
// ~30 s. Terraform adds no logic of its own to the value (it stores the
// string the provider returns), so five steps through terraform, nine
// plans in all, prove the same path end to end: the provider server, the
// protocol and state, and that a re-plan shows no change.

// wantClusterValues is the configuration of threeGroupCluster with custom
// networking, security groups and a region.
const wantClusterValues = `{"eniConfig":{"create":true,"region":"eu-west-1","subnets":{` +
	`"eu-west-1a":{"id":"subnet-pa","securityGroups":["sg-0a1b2c3d4e5f60718","sg-0fedcba9876543210"]},` +
	`"eu-west-1b":{"id":"subnet-pb","securityGroups":["sg-0a1b2c3d4e5f60718","sg-0fedcba9876543210"]},` +
	`"eu-west-1c":{"id":"subnet-pc","securityGroups":["sg-0a1b2c3d4e5f60718","sg-0fedcba9876543210"]}}},` +
	`"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone","MINIMUM_IP_TARGET":"17","WARM_IP_TARGET":"2"}}`

// readInProcess runs a data source's Read handler on a configuration given
// as benchValue's plain Go values, as the framework would for Terraform,
// and returns the state it sets.
func readInProcess(t *testing.T, ds datasource.DataSource, values map[string]any) tfsdk.State {
	t.Helper()
	ctx := t.Context()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	raw := benchValue(sr.Schema.Type().TerraformType(ctx), values)
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: raw}}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Read: %v", resp.Diagnostics)
	}
	return resp.State
}

func stateConfigurationValues(t *testing.T, s tfsdk.State) string {
	t.Helper()
	var v types.String
	if d := s.GetAttribute(t.Context(), path.Root("configuration_values"), &v); d.HasError() {
		t.Fatalf("configuration_values: %v", d)
	}
	return v.ValueString()
}

// threeGroupClusterValues is threeGroupCluster("...", true, true,
// `region = "eu-west-1"`) as vpccni_cluster's configuration, with a
// current setting too so that every projection runs.
func threeGroupClusterValues() map[string]any {
	group := func(name, instanceType string, pods, desired, maxNodes int) map[string]any {
		return map[string]any{"name": name, "instance_type": instanceType, "expected_pods": pods, "desired_nodes": desired, "max_nodes": maxNodes}
	}
	subnet := func(id, cidr, zone string, pods bool) map[string]any {
		s := map[string]any{"id": id, "cidr": cidr, "availability_zone": zone}
		if pods {
			s["purpose"] = plan.PurposePods
			s["security_group_ids"] = []any{"sg-0a1b2c3d4e5f60718", "sg-0fedcba9876543210"}
		}
		return s
	}
	return map[string]any{
		"node_group": []any{
			group("general", "m5.large", 17, 6, 12),
			group("memory", "r5.xlarge", 40, 3, 6),
			group("compute", "c5.4xlarge", 100, 2, 4),
		},
		"subnet": []any{
			subnet("subnet-a", "10.0.0.0/22", "eu-west-1a", false),
			subnet("subnet-b", "10.0.4.0/22", "eu-west-1b", false),
			subnet("subnet-c", "10.0.8.0/22", "eu-west-1c", false),
			subnet("subnet-pa", "100.64.0.0/19", "eu-west-1a", true),
			subnet("subnet-pb", "100.64.32.0/19", "eu-west-1b", true),
			subnet("subnet-pc", "100.64.64.0/19", "eu-west-1c", true),
		},
		"region":  "eu-west-1",
		"current": map[string]any{"warm_ip_target": 5, "minimum_ip_target": 10},
	}
}

// TestClusterDeterministic (model level): 100 Reads of the same cluster
// give byte-identical configuration_values and identical state, and 100
// plan.Cluster runs identical results.
func TestClusterDeterministic(t *testing.T) {
	values := threeGroupClusterValues()
	first := readInProcess(t, NewClusterDataSource(), values)
	if got := stateConfigurationValues(t, first); got != wantClusterValues {
		t.Fatalf("configuration_values =\n%s\nwant\n%s", got, wantClusterValues)
	}
	for i := range 100 {
		s := readInProcess(t, NewClusterDataSource(), values)
		if got := stateConfigurationValues(t, s); got != wantClusterValues {
			t.Fatalf("read %d: configuration_values =\n%s\nwant\n%s", i, got, wantClusterValues)
		}
		if diff, err := first.Raw.Diff(s.Raw); err != nil || len(diff) > 0 {
			t.Fatalf("read %d: state differs from the first read: %v %v", i, diff, err)
		}
	}

	var sr datasource.SchemaResponse
	NewClusterDataSource().Schema(t.Context(), datasource.SchemaRequest{}, &sr)
	in, _, dec := decodeCluster(benchValue(sr.Schema.Type().TerraformType(t.Context()), values))
	if !dec.complete() {
		t.Fatal(dec.errs)
	}
	want := plan.Cluster(in)
	for i := range 100 {
		if got := plan.Cluster(in); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: plan.Cluster differs:\n%+v\nwant\n%+v", i, got, want)
		}
	}
}

// TestWarmPoolDeterministic (model level): the same for vpccni_warm_pool,
// with custom networking, subnets and current settings.
func TestWarmPoolDeterministic(t *testing.T) {
	values := map[string]any{
		"instance_type": "r5.xlarge", "max_eni": 4, "expected_pods": 20, "node_count": 10, "custom_networking": true,
		"subnet_cidrs":     []any{"10.0.0.0/27", "10.0.0.32/27"},
		"pod_subnet_cidrs": []any{"100.64.0.0/24", "100.64.1.0/24", "100.64.2.0/24"},
		"current":          map[string]any{"minimum_ip_target": 20},
	}
	const want = `{"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone","MAX_ENI":"4","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`
	first := readInProcess(t, NewWarmPoolDataSource(), values)
	if got := stateConfigurationValues(t, first); got != want {
		t.Fatalf("configuration_values =\n%s\nwant\n%s", got, want)
	}
	for i := range 100 {
		s := readInProcess(t, NewWarmPoolDataSource(), values)
		if got := stateConfigurationValues(t, s); got != want {
			t.Fatalf("read %d: configuration_values = %s, want %s", i, got, want)
		}
		if diff, err := first.Raw.Diff(s.Raw); err != nil || len(diff) > 0 {
			t.Fatalf("read %d: state differs from the first read: %v %v", i, diff, err)
		}
	}
}

// captureOutput records an output's value from each plan it checks.
type captureOutput struct {
	name   string
	values *[]string
}

func (c captureOutput) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	o := req.Plan.PlannedValues.Outputs[c.name]
	if o == nil {
		resp.Error = fmt.Errorf("output %s not in the plan", c.name)
		return
	}
	s, ok := o.Value.(string)
	if !ok {
		resp.Error = fmt.Errorf("output %s is %T", c.name, o.Value)
		return
	}
	*c.values = append(*c.values, s)
}

// countingServer counts the data source reads terraform asks for.
type countingServer struct {
	tfprotov6.ProviderServer
	reads *atomic.Int64
}

func (s countingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	s.reads.Add(1)
	return s.ProviderServer.ReadDataSource(ctx, req)
}

// TestAccClusterDeterministic (through terraform): the three-group custom
// networking cluster, planned and applied once, then re-planned in four
// plan-only steps (each a plan without and one with refresh). Every plan
// re-reads the data source; an output carries configuration_values, so a
// different value would also make a plan-only step fail on its non-empty
// plan. All nine plans and the state carry the same bytes.
func TestAccClusterDeterministic(t *testing.T) {
	config := threeGroupCluster("this", true, true, `region = "eu-west-1"`) + `
output "configuration_values" {
  value = data.vpccni_cluster.this.configuration_values
}
`
	var values []string
	capture := captureOutput{"configuration_values", &values}
	var state *tfjson.State
	steps := []resource.TestStep{{
		Config:           config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capture}},
		ConfigStateChecks: []statecheck.StateCheck{
			capturedState{&state},
			statecheck.ExpectKnownValue("data.vpccni_cluster.this", tfjsonpath.New("configuration_values"), knownvalue.StringExact(wantClusterValues)),
		},
	}}
	for range 4 {
		steps = append(steps, resource.TestStep{
			Config:   config,
			PlanOnly: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPreRefresh:  []plancheck.PlanCheck{capture},
				PostApplyPostRefresh: []plancheck.PlanCheck{capture},
			},
		})
	}
	var reads atomic.Int64
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"vpccni": func() (tfprotov6.ProviderServer, error) {
				s, err := testAccProviders["vpccni"]()
				return countingServer{s, &reads}, err
			},
		},
		Steps: steps,
	})
	if t.Failed() {
		return
	}
	if len(values) != 9 {
		t.Fatalf("captured %d plans, want 9", len(values))
	}
	// Each plan read the data source afresh (the apply and the
	// framework's own post-apply plans read it too).
	if n := reads.Load(); n < 9 {
		t.Fatalf("terraform read the data source %d times, want at least one per plan (9)", n)
	}
	t.Logf("%d plans captured, %d data source reads", len(values), reads.Load())
	for i, v := range values {
		if v != wantClusterValues {
			t.Errorf("plan %d: configuration_values =\n%s\nwant\n%s", i+1, v, wantClusterValues)
		}
	}
	if v := state.Values.Outputs["configuration_values"].Value; v != wantClusterValues {
		t.Errorf("state output = %v", v)
	}
	if t.Failed() {
		t.Logf("values:\n%s", strings.Join(values, "\n"))
	}
}
