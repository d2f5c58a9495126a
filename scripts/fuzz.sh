#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# `make fuzz`: runs every Fuzz target of every package in the module, one
# at a time (go test -fuzz takes one target in one package), for FUZZTIME
# each (default 60s). Targets are listed with `go test -list`, so build tags
# and test files are honoured exactly as go test sees them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fuzztime="${1:-60s}"

listing="$(go test -run '^$' -list '^Fuzz' ./...)"
targets=()
names=()
while read -r first second _; do
	case "$first" in
	Fuzz*) names+=("$first") ;;
	ok)
		for n in "${names[@]}"; do
			targets+=("$second $n")
		done
		names=()
		;;
	*) names=() ;;
	esac
done <<<"$listing"

if ((${#targets[@]} == 0)); then
	echo "fuzz: no Fuzz targets in this module"
	exit 0
fi
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "+ go test -run '^\$' -fuzz '^$name\$' -fuzztime $fuzztime $pkg"
	go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "$pkg"
done
echo "fuzz: ${#targets[@]} target(s) passed"
