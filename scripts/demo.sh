#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# `make demo`: plans examples/demo with the provider built from this tree.
#
# No `terraform init` and no registry: the provider is built into a temp
# directory and a CLI configuration there points dev_overrides at it
# (~/.terraformrc is never read or written). The plans run in temp copies,
# so nothing is written into the source tree.
#
# If examples/demo/undersized exists, it is planned too and must FAIL (it
# shows the provider stopping a plan whose subnet is too small): its error
# is printed as the expected failure and the demo still exits 0. If that
# plan succeeds, the demo fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

tf="$(scripts/terraform-binary.sh)"
tfversion="$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version)"
tfversion="${tfversion%%$'\n'*}"
export CHECKPOINT_DISABLE=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/vpccni-demo.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "==> building the provider and a dev_overrides CLI configuration in $tmp"
TF_CLI_CONFIG_FILE="$(scripts/dev-overrides.sh "$tmp")"
export TF_CLI_CONFIG_FILE

color=()
[[ -t 1 ]] || color=(-no-color)

# plan DIR: copies the .tf files of DIR (not its subdirectories) into a temp
# directory and plans there.
plan() {
	local src="$1" work
	work="$tmp/work/${src//\//_}"
	mkdir -p "$work"
	find "$src" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.tfvars' -o -name '*.json' \) -exec cp {} "$work/" \;
	(cd "$work" && "$tf" plan -input=false -lock=false "${color[@]}")
}

echo "==> $tfversion: plan examples/demo"
plan examples/demo

if [[ -d examples/demo/undersized ]]; then
	echo
	echo "==> plan examples/demo/undersized (this plan must fail)"
	if out="$(plan examples/demo/undersized 2>&1)"; then
		echo "$out"
		echo
		echo "demo: examples/demo/undersized planned successfully, but it must fail: the provider no longer rejects it." >&2
		exit 1
	fi
	echo
	echo "---- expected failure: examples/demo/undersized ----"
	echo "$out"
	echo "---- end of expected failure ----"
fi
echo
echo "demo: OK"
