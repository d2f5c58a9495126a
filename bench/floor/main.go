// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Command floor serves a floor provider for bench/plan.sh: the vpccni
// provider's exact schemas and function signatures under the same address,
// registry.terraform.io/vpccni/vpccni, with data sources and functions that
// compute and validate nothing. Planning a configuration against it costs
// what Terraform core and the plugin framework cost for that schema, so
// the real provider's plan time divided by the floor's isolates the
// provider's own work.
//
// It is a benchmark tool, not a provider to use: its values are zeros.
//
// main must serve exactly as the provider's main.go does (the same
// ServeOpts and any logging setup done before Serve), so that both pay the
// same plugin SDK overhead.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	vpccni "github.com/vpccni/terraform-provider-vpccni/internal/provider"
)

func main() {
	vpccni.QuietSDKLogsByDefault()
	err := providerserver.Serve(context.Background(), newFloorProvider, providerserver.ServeOpts{
		Address: "registry.terraform.io/vpccni/vpccni",
	})
	if err != nil {
		log.Fatal(err)
	}
}
