#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# `make lint-workflows`: checks .github/workflows/*.yml.
#
#   1. actionlint (pinned in tools/actionlint/go.mod, built from the Go
#      module proxy): syntax, expressions, job needs, matrix values, the
#      inputs of popular actions. When the shellcheck binary is on PATH
#      (apt-get install shellcheck), actionlint also checks `run:` scripts
#      with it; without it that part is skipped, as the output says.
#   2. Every `uses:` of a remote action names a full 40-hex commit SHA with
#      the version in a comment (`owner/repo@<sha> # vX.Y.Z`), so a moved tag
#      cannot change what runs; Dependabot updates SHA and comment together.
#   3. release.yml runs the goreleaser version that tools/go.mod pins, so a
#      release is built by the goreleaser that `make release-check` ran.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if ((${#workflows[@]} == 0)); then
	echo "lint-workflows: no workflow files under .github/workflows" >&2
	exit 1
fi

if command -v shellcheck >/dev/null; then
	echo "==> actionlint (with $(shellcheck --version | sed -n 's/^version: /shellcheck /p'))"
else
	echo "==> actionlint (shellcheck not on PATH: run: scripts are not shellchecked)"
fi
go tool -modfile=tools/actionlint/go.mod actionlint -no-color "${workflows[@]}"

echo "==> action pins"
bad=0
while IFS= read -r hit; do
	file="${hit%%:*}"
	rest="${hit#*:}"
	line="${rest%%:*}"
	text="${rest#*:}"
	ref="$(sed -E 's/^[[:space:]-]*uses:[[:space:]]*//; s/[[:space:]]+#.*$//; s/^["'\'']//; s/["'\'']$//' <<<"$text")"
	case "$ref" in
	./* | docker://*) continue ;;
	esac
	if ! grep -Eq '^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$' <<<"$ref"; then
		echo "$file:$line: '$ref' is not pinned to a full commit SHA" >&2
		bad=1
	elif ! grep -Eq '#[[:space:]]*v[0-9]+(\.[0-9]+)*' <<<"$text"; then
		echo "$file:$line: '$ref' has no '# vX.Y.Z' comment naming the version" >&2
		bad=1
	fi
done < <(grep -nE '^[[:space:]-]*uses:' "${workflows[@]}" /dev/null)

want="$(awk '$1 == "github.com/goreleaser/goreleaser/v2" && $2 ~ /^v/ { print $2; exit }' tools/go.mod)"
if [[ -f .github/workflows/release.yml ]]; then
	have="$(sed -nE 's/^[[:space:]]*version:[[:space:]]*["'\'']?(v[0-9][^"'\''[:space:]]*)["'\'']?.*$/\1/p' .github/workflows/release.yml | head -n 1)"
	if [[ "$have" != "$want" ]]; then
		echo ".github/workflows/release.yml: goreleaser-action runs goreleaser '${have:-?}', tools/go.mod pins '$want': make them the same" >&2
		bad=1
	fi
fi
if ((bad)); then
	exit 1
fi
echo "lint-workflows: ${#workflows[@]} workflow file(s) pass actionlint; every action is pinned by SHA; goreleaser $want in release.yml and tools/go.mod"
