// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package plan

// The names of the inputs findings point at and messages mention: the
// data sources' attribute and block names. The provider maps a Where to an
// attribute path and fails loudly (in its tests) on a name its schema
// lacks, so these cannot drift from the schema unnoticed.
const (
	attrExpectedPods    = "expected_pods"
	attrSpareIPs        = "spare_ips"
	attrVCPUs           = "vcpus"
	attrPrefixDeleg     = "prefix_delegation"
	attrCustomNet       = "custom_networking"
	attrCurrent         = "current"
	attrSubnetCIDRs     = "subnet_cidrs"
	attrSubnetAvailable = "subnet_available_ips"
	attrPodSubnetCIDRs  = "pod_subnet_cidrs"
	attrRunningNodes    = "running_nodes"
	attrSubnetReserved  = "subnet_reserved_ips"

	// vpccni_cluster's blocks and their fields.
	blockNodeGroup   = "node_group"
	blockSubnet      = "subnet"
	fieldName        = "name"
	fieldID          = "id"
	fieldCIDR        = "cidr"
	fieldZone        = "availability_zone"
	fieldAvailable   = "available_ips"
	fieldPurpose     = "purpose"
	fieldSGs         = "security_group_ids"
	fieldSubnetIDs   = "subnet_ids"
	fieldMaxNodes    = "max_nodes"
	fieldExpectedPod = "expected_pods"
	fieldReserved    = "reserved_ips"

	// vpccni_cluster's karpenter_node_pool blocks.
	blockKarpenterPool = "karpenter_node_pool"
	fieldMaxVCPUs      = "max_vcpus"
	attrReservedENIs   = "karpenter_reserved_enis"
	fieldReservedENIs  = "reserved_enis"
)
