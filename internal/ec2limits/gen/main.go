// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Command gen writes table_gen.go from EC2 DescribeInstanceTypes JSON.
//
// It runs from "go generate ./..." in internal/ec2limits; the output is
// committed so that building the provider never needs the input file.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits/internal/tablegen"
)

func main() {
	in := flag.String("in", "", "DescribeInstanceTypes JSON file (default: $VPCCNI_EC2_DATA, else shared/data/ec2-instance-types.json beside the repository)")
	out := flag.String("out", "table_gen.go", "Go file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	if in == "" {
		in = tablegen.FindInput(".")
	}
	if in == "" {
		return fmt.Errorf("no input: pass -in, set %s, or check out the shared data (shared/data/ec2-instance-types.json) beside this repository", tablegen.DataEnv)
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	rows, err := tablegen.Parse(data)
	if err != nil {
		return err
	}
	src, err := tablegen.Render(rows)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
