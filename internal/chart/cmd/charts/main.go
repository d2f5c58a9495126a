// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Command charts writes the docs' SVG charts, computed from the provider's
// model, into a directory:
//
//	go run ./internal/chart/cmd/charts -out docs/images
//
// scripts/docs.sh runs it: `make docs` into docs/images, `make docs-check`
// into its fresh render, which it then compares with docs/.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/vpccni/terraform-provider-vpccni/internal/chart/figures"
)

func main() {
	out := flag.String("out", "docs/images", "directory to write the SVG files into")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "charts: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	if err := figures.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "charts:", err)
		os.Exit(1)
	}
}
