// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"strconv"
	"strings"
)

// hclBlock renders a nested block from "key = value" lines:
//
//	name {
//	  key = value
//	}
func hclBlock(name string, kvs ...string) string {
	var b strings.Builder
	b.WriteString("\n  " + name + " {\n")
	for _, kv := range kvs {
		b.WriteString("    " + kv + "\n")
	}
	b.WriteString("  }")
	return b.String()
}

// groupBlock is a node_group block; subnetBlock a subnet block.
func groupBlock(kvs ...string) string  { return hclBlock("node_group", kvs...) }
func subnetBlock(kvs ...string) string { return hclBlock("subnet", kvs...) }

// group is a node_group block of the common shape.
func group(name, instanceType string, pods, desired, maxNodes int) string {
	return groupBlock(`name = "`+name+`"`, `instance_type = "`+instanceType+`"`,
		"expected_pods = "+itoa(pods), "desired_nodes = "+itoa(desired), "max_nodes = "+itoa(maxNodes))
}

// nodeSubnet is a subnet block with an id, a CIDR and a zone.
func nodeSubnet(id, cidr, zone string) string {
	return subnetBlock(`id = "`+id+`"`, `cidr = "`+cidr+`"`, `availability_zone = "`+zone+`"`)
}

// podSubnetsFromLocal writes one subnet block per element of
// local.pod_subnets (objects with id, cidr, availability_zone, purpose and
// optionally security_group_ids).
const podSubnetsFromLocal = `
  dynamic "subnet" {
    for_each = local.pod_subnets
    content {
      id                 = subnet.value.id
      cidr               = subnet.value.cidr
      availability_zone  = subnet.value.availability_zone
      purpose            = subnet.value.purpose
      security_group_ids = lookup(subnet.value, "security_group_ids", null)
    }
  }`

func itoa(n int) string { return strconv.Itoa(n) }
