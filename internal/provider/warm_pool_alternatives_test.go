// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// alternative is the expected object of one alternatives entry; a zero
// smallest pod prefix means null.
func alternative(remedy string, env map[string]string, nodeIPs, podIPs, saved int64, fits bool, nodeBits, podBits int64, notes string) knownvalue.Check {
	envChecks := map[string]knownvalue.Check{}
	for k, v := range env {
		envChecks[k] = knownvalue.StringExact(v)
	}
	var podPrefix knownvalue.Check = knownvalue.Null()
	if podBits > 0 {
		podPrefix = knownvalue.Int64Exact(podBits)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"remedy":                      knownvalue.StringExact(remedy),
		"env":                         knownvalue.MapExact(envChecks),
		"possible":                    knownvalue.Bool(true),
		"node_subnet_ips":             knownvalue.Int64Exact(nodeIPs),
		"pod_subnet_ips":              knownvalue.Int64Exact(podIPs),
		"node_subnet_ips_saved":       knownvalue.Int64Exact(saved),
		"fits":                        knownvalue.Bool(fits),
		"smallest_node_subnet_prefix": knownvalue.Int64Exact(nodeBits),
		"smallest_pod_subnet_prefix":  podPrefix,
		"notes":                       knownvalue.StringRegexp(regexp.MustCompile(notes)),
	})
}

var (
	articleTargets = map[string]string{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2"}
	articlePD      = map[string]string{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2", "ENABLE_PREFIX_DELEGATION": "true"}
	articleCustom  = map[string]string{"MINIMUM_IP_TARGET": "20", "WARM_IP_TARGET": "2",
		"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": "true", "ENI_CONFIG_LABEL_DEF": "topology.kubernetes.io/zone"}
	ipv6Env = map[string]string{"ENABLE_IPv6": "true", "ENABLE_IPv4": "false", "ENABLE_PREFIX_DELEGATION": "true"}
)

// TestAccWarmPoolAlternatives walks the article's cluster (ten r5.xlarge
// nodes at 20 pods in a /24; r5.xlarge has 4 ENIs of 14 secondaries)
// through the four remedies. Every node wants max(20, 20 + 2) = 22 pod
// addresses; the defaults hold 45 a node, 450 in all.
//
//	ip_targets:        22 secondaries on 2 ENIs = 24 a node: 240, saves
//	                   210; a /24 (251) is the smallest that holds it.
//	prefix_delegation: ceil(22/16) = 2 prefixes on 1 ENI = 33 a node: 330,
//	                   saves 120, too big for the /24, needs a /23 (507).
//	custom_networking: 1 node address a node (10, a /28 of 11 holds it,
//	                   saves 440); 22 pod addresses on 2 pod ENIs = 24 a
//	                   node, 240 in ENIConfig subnets, a /24. Max pods
//	                   drops to (4 - 1) * 14 + 2 = 44.
//	subnet_discovery:  the primary ENI keeps its 14 secondaries in the node
//	                   subnet (15 a node: 150, saves 300, a /24); the
//	                   second ENI's 8 and its own address go to the
//	                   kubernetes.io/role/cni subnet (9 a node: 90, a /25).
//	ipv6:              1 IPv4 address a node: 10, saves 440, a /28.
func TestAccWarmPoolAlternatives(t *testing.T) {
	const ds = "data.vpccni_warm_pool.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(articleConfig, "10.0.0.0/24") + `
output "fitting" {
  value = [for a in data.vpccni_warm_pool.this.alternatives : a.remedy if a.fits]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("alternatives"), knownvalue.ListExact([]knownvalue.Check{
					alternative("ip_targets", articleTargets, 240, 0, 210, true, 24, 0, `^Secondary IPs in the node subnets`),
					alternative("prefix_delegation", articlePD, 330, 0, 120, false, 23, 0, `Needs Nitro or bare metal instance types .* /28-aligned blocks`),
					alternative("custom_networking", articleCustom, 10, 240, 440, true, 28, 24,
						`100\.64\.0\.0/10\. Max pods becomes 44\. Each zone's ENIConfig subnet must be a /24 or larger\. No pod subnets were given, so fits covers the node subnets and whether a /16 or smaller ENIConfig subnet per zone could hold the pods\.$`),
					alternative("subnet_discovery", articleTargets, 150, 90, 300, true, 24, 25,
						`^Needs VPC CNI 1\.18 or later .* Each zone's kubernetes\.io/role/cni subnet must be a /25 or larger\.`),
					alternative("ipv6", ipv6Env, 10, 0, 440, true, 28, 0, `Needs an IPv6 cluster .* each node keeps one IPv4 address\.$`),
				})),
				statecheck.ExpectKnownOutputValue("fitting", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("ip_targets"), knownvalue.StringExact("custom_networking"), knownvalue.StringExact("subnet_discovery"), knownvalue.StringExact("ipv6"),
				})),
			},
		}},
	})
}

// TestAccWarmPoolAlternativesInError: in a /25 (123) the error names the
// remedies that fit, with the numbers of TestAccWarmPoolAlternatives.
func TestAccWarmPoolAlternativesInError(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(articleConfig, "10.0.0.0/25"),
			ExpectError: expectError(`Remedies that fit these subnets (see alternatives): custom_networking (10 addresses in the node subnets, 240 in ENIConfig subnets of a /24 or larger per zone, for example in 100.64.0.0/10); ipv6 (10 addresses in the node subnets, in an IPv6 cluster). ` +
				`Too big for them: prefix_delegation (330 addresses in the node subnets); subnet_discovery (150 addresses in the node subnets, 90 in kubernetes.io/role/cni subnets of a /25 or larger per zone).`),
		}},
	})
}
