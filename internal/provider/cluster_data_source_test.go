// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const clusterDS = "data.vpccni_cluster.this"

// clusterConfig is the docs guide's cluster: three node groups over three
// zones. extra is spliced into the data source block.
func clusterConfig(cidrs [3]string, generalPods int, extra string) string {
	return `
data "vpccni_cluster" "this" {` +
		group("general", "m5.large", generalPods, 6, 12) +
		group("memory", "r5.xlarge", 40, 3, 6) +
		group("compute", "c5.4xlarge", 100, 2, 4) +
		nodeSubnet("subnet-a", cidrs[0], "eu-west-1a") +
		nodeSubnet("subnet-b", cidrs[1], "eu-west-1b") +
		nodeSubnet("subnet-c", cidrs[2], "eu-west-1c") +
		podSubnetsFromLocal + `
  ` + extra + `
}
output "json_matches_jsonencode" {
  value = data.vpccni_cluster.this.configuration_values == jsonencode(merge(
    { env = data.vpccni_cluster.this.env },
    data.vpccni_cluster.this.custom_networking ? { eniConfig = local.eni_config } : {}
  ))
}
`
}

const noPodSubnets = `
locals {
  pod_subnets = []
  eni_config  = null
}`

func usage(id string, desired, maxNodes, surge, capacity int64) []statecheck.StateCheck {
	// A fresh path per check: tfjsonpath paths share their backing array.
	p := func(attr string) tfjsonpath.Path { return tfjsonpath.New("subnets_usage").AtMapKey(id).AtMapKey(attr) }
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(clusterDS, p("ips_needed_desired"), knownvalue.Int64Exact(desired)),
		statecheck.ExpectKnownValue(clusterDS, p("ips_needed_max"), knownvalue.Int64Exact(maxNodes)),
		statecheck.ExpectKnownValue(clusterDS, p("ips_needed_surge"), knownvalue.Int64Exact(surge)),
		statecheck.ExpectKnownValue(clusterDS, p("capacity"), knownvalue.Int64Exact(capacity)),
		statecheck.ExpectKnownValue(clusterDS, p("headroom"), knownvalue.Int64Exact(capacity-surge)),
	}
}

func groupPerNode(name, projection string, enis, secondaries, perNode int64) []statecheck.StateCheck {
	p := func(attr string) tfjsonpath.Path {
		return tfjsonpath.New("groups").AtMapKey(name).AtMapKey(projection).AtMapKey(attr)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(clusterDS, p("enis_per_node"), knownvalue.Int64Exact(enis)),
		statecheck.ExpectKnownValue(clusterDS, p("secondary_ips_per_node"), knownvalue.Int64Exact(secondaries)),
		statecheck.ExpectKnownValue(clusterDS, p("ips_per_node"), knownvalue.Int64Exact(perNode)),
	}
}

// TestAccClusterThreeGroups: the guide's example, worked by hand.
//
// MINIMUM_IP_TARGET = min(20, 40, 100) = 20, WARM_IP_TARGET = 2. Per node
// the recommendation holds max(20, pods + 2) secondaries:
//
//	m5.large   (3 ENIs x 9 secondaries):  22 on 3 ENIs  -> 25 addresses
//	r5.xlarge  (4 x 14):                  42 on 3 ENIs  -> 45
//	c5.4xlarge (8 x 29):                 102 on 4 ENIs  -> 106
//
// and the add-on defaults whole ENIs with one spare: m5.large 27 on 3
// (capped by its 3 ENIs) -> 30, r5.xlarge 56 on 4 -> 60. c5.4xlarge (16
// vCPUs) gets max pods 110 from a managed node group (the calculator's
// 8*29+2 = 234 capped at 110), and ipamd adds no ENI once its addresses
// reach max pods (model notes, "No ENI is added once total >= max pods"):
// 116 secondaries on 4 ENIs -> 120, the spare fifth never comes. Every group spans 3 zones, so a rolling update adds
// max(2*3, 1) = 6 nodes (EKS managed node group rule). Spread over zones
// a, b, c (remainder first) at desired / max / max + surge:
//
//	m5.large    6 = 2+2+2   12 = 4+4+4   18 = 6+6+6
//	r5.xlarge   3 = 1+1+1    6 = 2+2+2   12 = 4+4+4
//	c5.4xlarge  2 = 1+1+0    4 = 2+1+1   10 = 4+3+3
//
// subnet-a: desired 2*25 + 45 + 106 = 201, max 100 + 90 + 212 = 402,
// surge 150 + 180 + 424 = 754; subnet-b: 201, 296, 648; subnet-c: 95, 296,
// 648; a /22 offers 1019. saved_ips at desired: 6*5 + 3*15 + 2*14 = 103.
func TestAccClusterThreeGroups(t *testing.T) {
	checks := []statecheck.StateCheck{
		stateInt64(clusterDS, "minimum_ip_target", 20),
		stateInt64(clusterDS, "warm_ip_target", 2),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("configuration_values"), knownvalue.StringExact(`{"env":{"MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)),
		statecheck.ExpectKnownOutputValue("json_matches_jsonencode", knownvalue.Bool(true)),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("fits"), knownvalue.Bool(true)),
		stateInt64(clusterDS, "saved_ips", 103),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("worst_subnet"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact("subnet-a"), "phase": knownvalue.StringExact("none"), "shortfall": knownvalue.Int64Exact(-265),
		})),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("groups").AtMapKey("compute").AtMapKey("surge_nodes"), knownvalue.Int64Exact(6)),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("groups").AtMapKey("compute").AtMapKey("recommended").AtMapKey("total_ips_surge"), knownvalue.Int64Exact(1060)),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("subnets_usage").AtMapKey("subnet-c").AtMapKey("groups"),
			knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("general"), knownvalue.StringExact("memory"), knownvalue.StringExact("compute")})),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("zones_usage").AtMapKey("eu-west-1b").AtMapKey("ips_needed_max"), knownvalue.Int64Exact(296)),
	}
	checks = append(checks, groupPerNode("general", "recommended", 3, 22, 25)...)
	checks = append(checks, groupPerNode("memory", "recommended", 3, 42, 45)...)
	checks = append(checks, groupPerNode("compute", "recommended", 4, 102, 106)...)
	checks = append(checks, groupPerNode("general", "baseline", 3, 27, 30)...)
	checks = append(checks, groupPerNode("memory", "baseline", 4, 56, 60)...)
	checks = append(checks, groupPerNode("compute", "baseline", 4, 116, 120)...)
	checks = append(checks, usage("subnet-a", 201, 402, 754, 1019)...)
	checks = append(checks, usage("subnet-b", 201, 296, 648, 1019)...)
	checks = append(checks, usage("subnet-c", 95, 296, 648, 1019)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:            clusterConfig([3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"}, 20, "") + noPodSubnets,
			ConfigStateChecks: checks,
		}},
	})
}

// The same cluster in /24s: subnet-a holds the desired 201 of 251 but not
// the 402 at max.
func TestAccClusterSubnetTooSmall(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: clusterConfig([3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}, 20, "") + noPodSubnets,
			ExpectError: expectError(`Subnet subnet-a (10.0.0.0/24, eu-west-1a) is too small at max: it needs 402 addresses and offers 251, 151 short. ` +
				`Needed at desired / max / max + surge: 201 / 402 / 754. Groups with nodes here: general, memory and compute. ` +
				`The smallest subnet that holds max + surge is a /22 (1019 usable addresses).`),
		}},
	})
}

// Custom networking with pod subnets in 100.64.0.0/16. m5.large drops to
// (3-1)*9 = 18 pod addresses, so that group runs 15 pods: MIN = 15. Per
// node the pod subnet takes m5.large 17 on 2 pod ENIs -> 19, r5.xlarge 42
// on 3 -> 45, c5.4xlarge 102 on 4 -> 106, and the node subnet 1. Pod subnet
// a at max + surge: 6*19 + 4*45 + 4*106 = 718 of a /19's 8187; node subnet a:
// 6 + 4 + 4 = 14.
func TestAccClusterCustomNetworking(t *testing.T) {
	pods := `
locals {
  pod_subnets = [
    { id = "subnet-pa", cidr = "100.64.0.0/19",  availability_zone = "eu-west-1a", purpose = "pods", security_group_ids = ["sg-0a1b2c3d4e5f60718"] },
    { id = "subnet-pb", cidr = "100.64.32.0/19", availability_zone = "eu-west-1b", purpose = "pods", security_group_ids = ["sg-0a1b2c3d4e5f60718"] },
    { id = "subnet-pc", cidr = "100.64.64.0/19", availability_zone = "eu-west-1c", purpose = "pods", security_group_ids = ["sg-0a1b2c3d4e5f60718"] },
  ]
  eni_config = {
    create  = true
    region  = "eu-west-1"
    subnets = { for s in local.pod_subnets : s.availability_zone => { id = s.id, securityGroups = s.security_group_ids } }
  }
}`
	checks := []statecheck.StateCheck{
		stateInt64(clusterDS, "minimum_ip_target", 15),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("custom_networking"), knownvalue.Bool(true)),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
			"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": knownvalue.StringExact("true"),
			"ENI_CONFIG_LABEL_DEF":               knownvalue.StringExact("topology.kubernetes.io/zone"),
			"MINIMUM_IP_TARGET":                  knownvalue.StringExact("15"),
			"WARM_IP_TARGET":                     knownvalue.StringExact("2"),
		})),
		statecheck.ExpectKnownOutputValue("json_matches_jsonencode", knownvalue.Bool(true)),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("groups").AtMapKey("general").AtMapKey("max_pods"), knownvalue.Int64Exact(20)),
		statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("subnets_usage").AtMapKey("subnet-pa").AtMapKey("purpose"), knownvalue.StringExact("pods")),
	}
	checks = append(checks, groupPerNode("general", "recommended", 3, 17, 20)...)
	checks = append(checks, usage("subnet-pa", 2*19+45+106, 4*19+2*45+2*106, 718, 8187)...)
	checks = append(checks, usage("subnet-a", 2+1+1, 4+2+2, 14, 251)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:            clusterConfig([3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}, 15, `region = "eu-west-1"`) + pods,
				ConfigStateChecks: checks,
			},
		},
	})
}

// A zone without a pod subnet under custom networking names the zone.
func TestAccClusterCustomNetworkingMissingZone(t *testing.T) {
	pods := `
locals {
  pod_subnets = [
    { id = "subnet-pa", cidr = "100.64.0.0/19",  availability_zone = "eu-west-1a", purpose = "pods" },
    { id = "subnet-pb", cidr = "100.64.32.0/19", availability_zone = "eu-west-1b", purpose = "pods" },
  ]
  eni_config = null
}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      clusterConfig([3]string{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}, 15, "") + pods,
			ExpectError: expectError(`general, memory and compute have nodes in eu-west-1c, and custom networking needs an ENIConfig (pod) subnet there: add a subnet with purpose = "pods" and availability_zone = "eu-west-1c".`),
		}},
	})
}

// Prefix delegation (Nitro types, vCPUs unknown: cap 110): m5.large holds
// ceil(22/16) = 2 prefixes -> 33 addresses, r5.xlarge 3 -> 49, c5.4xlarge
// 7 -> 113. subnet-a at max + surge: 6*2 + 4*3 + 4*7 = 52 prefixes and 14
// ENI primaries (which fit in the /22's edge blocks): 52 of 62 aligned
// blocks; a prefix reservation for 52 blocks is a /22.
func TestAccClusterPrefixDelegation(t *testing.T) {
	p := func(attr string) tfjsonpath.Path {
		return tfjsonpath.New("subnets_usage").AtMapKey("subnet-a").AtMapKey(attr)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: clusterConfig([3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"}, 20, "prefix_delegation = true") + noPodSubnets,
			ConfigStateChecks: append([]statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterDS, p("prefix_blocks"), knownvalue.Int64Exact(62)),
				statecheck.ExpectKnownValue(clusterDS, p("prefix_blocks_needed"), knownvalue.Int64Exact(52)),
				statecheck.ExpectKnownValue(clusterDS, p("prefix_reservation_cidr_size"), knownvalue.Int64Exact(22)),
				statecheck.ExpectKnownValue(clusterDS, p("ips_needed_surge"), knownvalue.Int64Exact(6*33+4*49+4*113)),
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("groups").AtMapKey("compute").AtMapKey("recommended").AtMapKey("prefixes_per_node"), knownvalue.Int64Exact(7)),
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("configuration_values"),
					knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"true","MINIMUM_IP_TARGET":"20","WARM_IP_TARGET":"2"}}`)),
			}, groupPerNode("memory", "recommended", 1, 0, 49)...),
		}},
	})
}

func TestAccClusterErrors(t *testing.T) {
	general := []string{`name = "general"`, `instance_type = "m5.large"`, `expected_pods = 20`, `desired_nodes = 6`, `max_nodes = 12`}
	subnetA := []string{`id = "subnet-a"`, `cidr = "10.0.0.0/22"`, `availability_zone = "eu-west-1a"`}
	g := func(over ...string) string { return groupBlock(badMerge(general, over...)...) }
	sn := func(over ...string) string { return subnetBlock(badMerge(subnetA, over...)...) }
	cases := map[string]struct{ groups, subnets, extra, want string }{
		"no groups":          {"", sn(), "", "At least one node_group or karpenter_node_pool block is required"},
		"no subnets":         {g(), "", "", "At least one subnet block is required"},
		"duplicate names":    {g() + g(), sn(), "", `"general" appears 2 times (node_group[0] and node_group[1]); names key the groups output`},
		"duplicate subnets":  {g(), sn() + sn(), "", `"subnet-a" appears 2 times (subnet[0] and subnet[1]); list each subnet once.`},
		"unknown subnet id":  {g(`subnet_ids = ["subnet-z"]`), sn(), "", `general lists "subnet-z", which no subnet block has.`},
		"max below desired":  {g(`max_nodes = 2`), sn(), "", "general: max_nodes = 2 is below desired_nodes = 6"},
		"pods over max pods": {g(`expected_pods = 30`), sn(), "", "general: expected_pods = 30 and 2 host-network pods (host_network_pods) need room for 32 pods, but m5.large runs at most 29"},
		"bad cidr":           {g(), sn(`cidr = "10.0.1.0/22"`), "", `"10.0.1.0/22" has host bits set: the subnet is 10.0.0.0/22`},
		"no size":            {g(), sn(`-cidr`), "", "has neither cidr nor available_ips"},
		"bad purpose":        {g(), sn(`purpose = "pod"`), "", `"pod" is not one of "nodes", "pods", "cni".`},
		"pods without CN": {g(), sn() + subnetBlock(`id = "subnet-p"`, `cidr = "100.64.0.0/16"`, `availability_zone = "eu-west-1a"`, `purpose = "pods"`),
			"custom_networking = false", `subnet-p has purpose "pods"`},
		"CN without pods":    {g(), sn(), "custom_networking = true", "add one subnet with purpose = \"pods\" per Availability Zone"},
		"surge conflict":     {g(), sn(), hclBlock("update_surge", "extra_nodes = 1", "max_unavailable = 2"), "update_surge sets both extra_nodes and max_unavailable; give one"},
		"unknown type":       {g(`instance_type = "m5.lrage"`), sn(), "", "did you mean m5.large?"},
		"SGs on node subnet": {g(), sn(`security_group_ids = ["sg-0a1b2c3d4e5f60718"]`), "", "security_group_ids are the ENIConfig security groups of a pod subnet"},
		// Blocks are checked by Terraform itself: a misspelt argument is
		// an error that names it, and suggests the right one.
		"misspelt group argument":   {g(`max_node = 40`), sn(), "", `An argument named "max_node" is not expected here.`},
		"misspelt subnet argument":  {g(), sn(`purpse = "pods"`), "", `An argument named "purpse" is not expected here. Did you mean "purpose"?`},
		"misspelt current argument": {g(), sn(), hclBlock("current", "warm_ip_targt = 3"), `An argument named "warm_ip_targt" is not expected here. Did you mean "warm_ip_target"?`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("data \"vpccni_cluster\" \"this\" {%s%s\n  %s\n}", c.groups, c.subnets, c.extra),
					ExpectError: expectError(c.want),
				}},
			})
		})
	}
}

// Subnet facts from resources not yet created leave the read for apply.
func TestAccClusterUnknownInputs(t *testing.T) {
	resource.Test(t, resource.TestCase{
		// terraform_data is new in Terraform 1.4.
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "subnet" {
  input = { id = "subnet-a", cidr = "10.0.0.0/22" }
}
data "vpccni_cluster" "this" {
  node_group {
    name          = "general"
    instance_type = "m5.large"
    expected_pods = 20
    desired_nodes = 6
    max_nodes     = 12
  }
  subnet {
    id                = terraform_data.subnet.output.id
    cidr              = terraform_data.subnet.output.cidr
    availability_zone = "eu-west-1a"
  }
}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(clusterDS, tfjsonpath.New("fits"))},
			},
			// One zone: surge max(2, 1) = 2 nodes; 14 nodes x 25 = 350.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("subnets_usage").AtMapKey("subnet-a").AtMapKey("ips_needed_surge"), knownvalue.Int64Exact(350)),
			},
		}},
	})
}

// TestAccClusterAlternatives: the article's ten r5.xlarge nodes at 20 pods
// as one group over three zones, in a /25 each. A rolling update adds
// max(2*3, 1) = 6 nodes: 16 at max + surge, 6 in zone a. Per node (see
// TestAccWarmPoolAlternatives): 24 with IP targets, 33 with prefix
// delegation, 1 + 24 with custom networking, 1 with IPv6; 45 with the
// add-on defaults (720 for 16 nodes).
//
//	ip_targets:        16*24 = 384, saves 336; zone a 6*24 = 144 > 123, a /24
//	prefix_delegation: 16*33 = 528, saves 192; zone a 198, a /24
//	custom_networking: 16 node addresses, saves 704; zone a 6, a /28;
//	                   16*24 = 384 in ENIConfig subnets, 144 in zone a, a /24
//	subnet_discovery:  16*15 = 240 node addresses, saves 480; zone a 90, a
//	                   /25; 16*9 = 144 in kubernetes.io/role/cni subnets,
//	                   54 in zone a, a /26
//	ipv6:              16, saves 704, a /28
//
// With fail_on_insufficient_subnet = false the plan goes through and
// alternatives show which remedies fit the /25s.
func TestAccClusterAlternatives(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_cluster" "this" {` + groupBlock(`name = "apps"`, `instance_type = "r5.xlarge"`, `expected_pods = 20`, `desired_nodes = 10`) +
				nodeSubnet("subnet-a", "10.0.0.0/25", "eu-west-1a") + nodeSubnet("subnet-b", "10.0.0.128/25", "eu-west-1b") + nodeSubnet("subnet-c", "10.0.1.0/25", "eu-west-1c") + `
  fail_on_insufficient_subnet = false
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("alternatives"), knownvalue.ListExact([]knownvalue.Check{
					alternative("ip_targets", articleTargets, 384, 0, 336, false, 24, 0, `^Secondary IPs`),
					alternative("prefix_delegation", articlePD, 528, 0, 192, false, 24, 0, `^Needs Nitro`),
					alternative("custom_networking", articleCustom, 16, 384, 704, true, 28, 24, `Max pods becomes 44\. Each zone's ENIConfig subnet must be a /24 or larger\.`),
					alternative("subnet_discovery", articleTargets, 240, 144, 480, true, 25, 26, `kubernetes\.io/role/cni subnet must be a /26 or larger\.`),
					alternative("ipv6", ipv6Env, 16, 0, 704, true, 28, 0, `^Needs an IPv6 cluster`),
				})),
			},
		}},
	})
}

// TestAccClusterAlternativeCustomNetworkingPrefixes: under plain custom
// networking m5.large runs (3-1)*9+2 = 20 pods, and the general group's
// 20 and the 2 host-network pods need 22, so custom networking is planned with prefix
// delegation, as plan.TestClusterAlternativesCustomNetworkingPrefixes
// works out: 2312 ENIConfig addresses, a /22 per zone, 40 node addresses.
func TestAccClusterAlternativeCustomNetworkingPrefixes(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: clusterConfig([3]string{"10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"}, 20, "") + noPodSubnets,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("alternatives").AtSliceIndex(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"remedy":                     knownvalue.StringExact("custom_networking"),
					"possible":                   knownvalue.Bool(true),
					"fits":                       knownvalue.Bool(true),
					"node_subnet_ips":            knownvalue.Int64Exact(40),
					"pod_subnet_ips":             knownvalue.Int64Exact(2312),
					"smallest_pod_subnet_prefix": knownvalue.Int64Exact(22),
					"notes": knownvalue.StringRegexp(regexp.MustCompile(`Planned with prefix delegation \(ENABLE_PREFIX_DELEGATION\): without it, for general, m5\.large runs at most 20 pods ` +
						`\(with custom networking the primary ENI carries no pods\), and 22 are needed \(20 expected, 2 on the host network\)\.`)),
				})),
			},
		}},
	})
}
