// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccClusterKarpenterPool is plan.TestClusterKarpenterPool through
// Terraform: a NodePool of m5 large to 2xlarge (m5.large, m5.xlarge,
// m5.2xlarge) at 20 pods under limits.cpu = 32. MIN 20 / WARM 2 want 22
// secondaries: m5.large holds them on 3 ENIs (25 addresses a node) and
// reaches 32/2 = 16 nodes, 400 addresses; m5.xlarge 24 x 8 = 192;
// m5.2xlarge 24 x 4 = 96. The worst case is 16 m5.large, Karpenter's max
// pods for it 3 x 9 + 2 = 29 (karpenter-provider-aws types.go pods()).
// The default budget replaces ceil(16 x 10%) = 2 at once: 18 nodes, 9 per
// zone. In zone a each node goes to the freer of a-1 (100 free) and a-2
// (251): a-2 takes 8 (200), a-1 one (25); zone b's /24 takes 9 x 25 = 225.
// EC2NodeClass maxPods: the smallest any type should get, m5.large's 29.
func TestAccClusterKarpenterPool(t *testing.T) {
	pool := tfjsonpath.New("karpenter_node_pools").AtMapKey("default")
	usage := func(id string, surge int64) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("subnets_usage").AtMapKey(id).AtMapKey("ips_needed_surge"), knownvalue.Int64Exact(surge))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_cluster" "this" {
  karpenter_node_pool {
    name          = "default"
    families      = ["m5"]
    smallest_size = "large"
    largest_size  = "2xlarge"
    expected_pods = 20
    max_vcpus     = 32
  }
  subnet {
    id                = "a-1"
    cidr              = "10.0.0.0/24"
    available_ips     = 100
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "a-2"
    cidr              = "10.0.1.0/24"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "b"
    cidr              = "10.0.2.0/24"
    availability_zone = "eu-west-1b"
  }
}

output "max_pods" {
  value = yamldecode(data.vpccni_cluster.this.karpenter_node_pools["default"].ec2_node_class_kubelet).kubelet.maxPods
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("worst_instance_type"), knownvalue.StringExact("m5.large")),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("nodes_max"), knownvalue.Int64Exact(16)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("surge_nodes"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("max_pods"), knownvalue.Int64Exact(29)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("recommended").AtMapKey("ips_per_node"), knownvalue.Int64Exact(25)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("recommended").AtMapKey("total_ips_surge"), knownvalue.Int64Exact(450)),
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("karpenter_reserved_enis"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("fits"), knownvalue.Bool(true)),
				usage("a-1", 25), usage("a-2", 200), usage("b", 225),
				statecheck.ExpectKnownOutputValue("max_pods", knownvalue.Int64Exact(29)),
			},
		}},
	})
}

// TestAccClusterKarpenterPodENI: with security groups for pods the
// reserved ENIs default to 1, so Karpenter gives m5.large (3 - 1) x 9 + 2
// = 20 pods, and ENABLE_POD_ENI goes into env. 10 pods want 12
// secondaries on the 2 ENIs ipamd may use (9 each): 12 + 2 ENI addresses
// + 1 trunk = 15 a node, and each pod with its own security groups one
// more: 16.
func TestAccClusterKarpenterPodENI(t *testing.T) {
	pool := tfjsonpath.New("karpenter_node_pools").AtMapKey("sg")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
data "vpccni_cluster" "this" {
  security_groups_for_pods = true
  karpenter_node_pool {
    name                      = "sg"
    instance_types            = ["m5.large"]
    expected_pods             = 10
    pods_with_security_groups = 1
    max_nodes                 = 10
  }
  subnet {
    id                = "a"
    cidr              = "10.0.0.0/24"
    availability_zone = "eu-west-1a"
  }
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("karpenter_reserved_enis"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("max_pods"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("recommended").AtMapKey("ips_per_node"), knownvalue.Int64Exact(15)),
				statecheck.ExpectKnownValue(clusterDS, pool.AtMapKey("branch_ips_per_node"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("env").AtMapKey("ENABLE_POD_ENI"), knownvalue.StringExact("true")),
				// 10 nodes + 1 replacement, 16 each.
				statecheck.ExpectKnownValue(clusterDS, tfjsonpath.New("subnets_usage").AtMapKey("a").AtMapKey("ips_needed_surge"), knownvalue.Int64Exact(176)),
			},
		}},
	})
}
