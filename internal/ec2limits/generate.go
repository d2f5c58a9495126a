// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package ec2limits

//go:generate go run ./gen -out table_gen.go
