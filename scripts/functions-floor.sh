#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# Applies each examples/functions/*/function.tf, alone as the docs show it,
# with the CLI at BIN and the provider built from this tree (dev_overrides,
# no `terraform init`, no registry), then checks every output against the
# number in the comment on its `value =` line (`# 58`; for
# `# 3 /28s + 1 ENI = 49`, the last number).
#
#   scripts/functions-floor.sh .build/tofu-1.7.8/tofu
#
# `make test-tf-floor` and `make test-tofu-floor` run it after the
# acceptance tests: terraform-plugin-testing skips the function tests below
# version 1.8 (tfversion.SkipBelow), which is how it reads OpenTofu 1.7, so
# this is what shows the functions working on OpenTofu 1.7. The examples
# hold only outputs: apply writes a local state in a temp directory and
# creates nothing.
set -euo pipefail

tf="${1:?usage: $0 /path/to/terraform-or-tofu}"
# The applies run in temp directories: make the path absolute.
if [[ "$tf" == */* ]]; then
	tf="$(cd "$(dirname "$tf")" && pwd)/$(basename "$tf")"
else
	tf="$(command -v "$tf")"
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tfversion="$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version)"
tfversion="${tfversion%%$'\n'*}"
export CHECKPOINT_DISABLE=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/vpccni-functions.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
TF_CLI_CONFIG_FILE="$(scripts/dev-overrides.sh "$tmp")"
export TF_CLI_CONFIG_FILE

echo "==> provider functions with $tfversion"
checked=0
failed=0
for example in examples/functions/*/function.tf; do
	name="$(basename "$(dirname "$example")")"
	work="$tmp/work/$name"
	mkdir -p "$work"
	cp "$example" "$work/main.tf"
	if ! out="$(cd "$work" && "$tf" apply -auto-approve -input=false -lock=false -no-color 2>&1)"; then
		echo "$out" >&2
		echo "functions-floor: $example: apply failed with $tfversion" >&2
		failed=1
		continue
	fi
	# "NAME EXPECTED" for each output whose value line has a number in its
	# comment.
	while read -r output want; do
		got="$(cd "$work" && "$tf" output -raw "$output")"
		if [[ "$got" == "$want" ]]; then
			echo "    $name: $output = $got"
		else
			echo "functions-floor: $example: output $output is $got, the example's comment says $want" >&2
			failed=1
		fi
		checked=$((checked + 1))
	done < <(awk '
		match($0, /^output "[^"]+"/) { name = substr($0, 9, RLENGTH - 9); next }
		name != "" && /^[[:space:]]*value[[:space:]]*=/ {
			if (match($0, /#.*$/)) {
				comment = substr($0, RSTART)
				want = ""
				while (match(comment, /[0-9]+/)) {
					want = substr(comment, RSTART, RLENGTH)
					comment = substr(comment, RSTART + RLENGTH)
				}
				if (want != "") print name, want
			}
			name = ""
		}
	' "$example")
done

if ((failed)); then
	exit 1
fi
if ((checked == 0)); then
	echo "functions-floor: no output with an expected value in examples/functions: the parser or the examples changed" >&2
	exit 1
fi
echo "functions-floor: $checked outputs of examples/functions match with $tfversion"
