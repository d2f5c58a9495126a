// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// decodeSettings reads a `current` block of aws-node settings: nil when
// the block is absent. Null fields mean the vpc-cni add-on defaults; what
// is unknown or refused the decoder records.
func decodeSettings(parent inObject, name string) *ipam.Settings {
	o, present := parent.block(name)
	if !present {
		return nil
	}
	s := ipam.AddonDefaults()
	for _, field := range settingsNames {
		n, good := o.whole(field, 0, maxTarget)
		if !good {
			continue
		}
		t := ipam.TargetOf(n)
		switch field {
		case "warm_eni_target":
			s.WarmENITarget = t
		case "warm_ip_target":
			s.WarmIPTarget = t
		case "minimum_ip_target":
			s.MinimumIPTarget = t
		case "warm_prefix_target":
			s.WarmPrefixTarget = t
		}
	}
	return &s
}
