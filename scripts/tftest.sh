#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# Runs `terraform test` (or `tofu test`) in every example module that has a
# tests/ directory of *.tftest.hcl files, against the provider built from
# this tree. `make test` runs it after the Go tests.
#
#   scripts/tftest.sh          the CLI scripts/terraform-binary.sh finds
#   scripts/tftest.sh --tofu   OpenTofu only (as make test-tofu)
#
# No `terraform init` and no network: the CLI configuration that
# scripts/dev-overrides.sh writes into a temp directory points dev_overrides
# at the provider binary, and `terraform test` (Terraform >= 1.6, OpenTofu
# >= 1.6) loads an overridden provider without init, exactly as `plan` does.
# The modules must need no other provider and no remote module. Their tests
# only plan (command = plan), so nothing is created and no state is kept;
# nothing is written into the module directories.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

discover=()
case "${1:-}" in
--tofu) discover=(--tofu) ;;
"") ;;
*)
	echo "usage: $0 [--tofu]" >&2
	exit 2
	;;
esac

tf="$(scripts/terraform-binary.sh "${discover[@]}")"
tfversion="$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version)"
tfversion="${tfversion%%$'\n'*}"
export CHECKPOINT_DISABLE=1

# Modules with tests: the parents of examples/**/tests/*.tftest.hcl.
mapfile -t modules < <(find examples -path '*/tests/*.tftest.hcl' -type f | sed 's#/tests/[^/]*$##' | sort -u)
if ((${#modules[@]} == 0)); then
	echo "tftest: no example module has tests/*.tftest.hcl"
	exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/vpccni-tftest.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
TF_CLI_CONFIG_FILE="$(scripts/dev-overrides.sh "$tmp")"
export TF_CLI_CONFIG_FILE

color=()
[[ -t 1 ]] || color=(-no-color)

failed=()
for m in "${modules[@]}"; do
	echo "==> $tfversion: test $m"
	before="$(git status --porcelain --ignored -- "$m")"
	if ! (cd "$m" && "$tf" test "${color[@]}"); then
		failed+=("$m")
	fi
	if [[ "$(git status --porcelain --ignored -- "$m")" != "$before" ]]; then
		echo "tftest: the test run left files in $m:" >&2
		git status --porcelain --ignored -- "$m" >&2
		failed+=("$m (files left behind)")
	fi
done

if ((${#failed[@]} > 0)); then
	echo "tftest: failed: ${failed[*]}" >&2
	exit 1
fi
echo "tftest: ${#modules[@]} module(s) passed with $tfversion"
