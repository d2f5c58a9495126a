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
	for _, f := range settingsFields {
		if n, ok := o.whole(f.name, 0, maxTarget); ok {
			f.set(&s, ipam.TargetOf(n))
		}
	}
	return &s
}
