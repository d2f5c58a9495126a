#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# `make docs`: renders docs/ with tfplugindocs from templates/, examples/
# and the provider schema, and the SVG charts in docs/images/ from the
# provider's model (internal/chart/cmd/charts).
# `make docs-check` (--check): renders both into .build/docs-check/ instead
# and fails if docs/ differs, charts included; also runs
# `terraform fmt -check` on examples/.
#
# tfplugindocs generate only replaces what it manages in docs/ (index.md,
# data-sources/, functions/, guides/, ...) and leaves docs/images/ alone;
# the charts are written after it.
#
# Both also fill the section between <!-- BEGIN_TF_DOCS --> and
# <!-- END_TF_DOCS --> in each examples/modules/*/README.md with the
# module's requirements, inputs and outputs, rendered by terraform-docs
# (pinned in tools/go.mod, built from the Go module proxy; it parses
# the .tf files, with no terraform run); --check fails when one is stale.
#
# The schema comes from `terraform providers schema -json` (or tofu) run
# through dev_overrides on the provider built from this tree, and is handed
# to tfplugindocs with --providers-schema. So tfplugindocs never builds the
# provider, never runs `terraform init` and never downloads a terraform
# binary (without --providers-schema it would fetch one with hc-install when
# terraform is not on PATH).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

check=0
case "${1:-}" in
--check) check=1 ;;
"") ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

tf="$(scripts/terraform-binary.sh)"
tfversion="$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version)"
tfversion="${tfversion%%$'\n'*}"
export CHECKPOINT_DISABLE=1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/vpccni-docs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

if [[ $check == 1 ]]; then
	echo "==> $tf fmt -check -recursive examples/"
	if ! TF_CLI_CONFIG_FILE=/dev/null "$tf" fmt -check -recursive -diff examples/; then
		echo "docs-check: examples/ is not formatted: run 'make fmt'." >&2
		exit 1
	fi
fi

echo "==> provider schema from $tfversion"
rc="$(scripts/dev-overrides.sh "$tmp")"
mkdir -p "$tmp/schema"
cat >"$tmp/schema/main.tf" <<'EOF'
terraform {
  required_providers {
    vpccni = { source = "vpccni/vpccni" }
  }
}
EOF
(cd "$tmp/schema" && TF_CLI_CONFIG_FILE="$rc" "$tf" providers schema -json) >"$tmp/schema.raw.json"
# terraform names the provider registry.terraform.io/vpccni/vpccni, tofu
# registry.opentofu.org/vpccni/vpccni; tfplugindocs looks it up by its short
# name or as hashicorp/<name>, so give it the short name.
sed -E 's#"registry\.(terraform\.io|opentofu\.org)/vpccni/vpccni":#"vpccni":#' "$tmp/schema.raw.json" >"$tmp/schema.json"
if ! grep -q '"vpccni":' "$tmp/schema.json"; then
	echo "docs: no vpccni provider in the schema from $tf" >&2
	exit 1
fi

out=docs
if [[ $check == 1 ]]; then
	out=.build/docs-check/docs
	rm -rf .build/docs-check
	mkdir -p .build/docs-check
fi

echo "==> tfplugindocs generate --rendered-website-dir $out"
go tool -modfile=tools/go.mod tfplugindocs generate \
	--provider-name vpccni \
	--providers-schema "$tmp/schema.json" \
	--website-source-dir templates \
	--examples-dir examples \
	--rendered-website-dir "$out" \
	--website-temp-dir "$tmp/website"

echo "==> charts into $out/images"
go run ./internal/chart/cmd/charts -out "$out/images"

echo "==> tfplugindocs validate"
if ! go tool -modfile=tools/go.mod tfplugindocs validate --provider-name vpccni --provider-dir "$root" >"$tmp/validate.log" 2>&1; then
	cat "$tmp/validate.log" >&2
	echo "docs: tfplugindocs validate failed" >&2
	exit 1
fi

# Modules' inputs and outputs, sorted required first. No lock file is read,
# so a local `terraform init` in a module cannot change the output.
tfdocs=(go tool -modfile=tools/go.mod terraform-docs markdown table
	--hide-empty --hide "header,footer,providers,modules,resources,data-sources"
	--indent 3 --sort-by required --lockfile=false
	--output-file README.md --output-mode inject)
for module in examples/modules/*/; do
	module="${module%/}"
	[[ -f "$module/README.md" ]] || continue
	if ! grep -q '<!-- BEGIN_TF_DOCS -->' "$module/README.md"; then
		echo "docs: $module/README.md has no <!-- BEGIN_TF_DOCS --> / <!-- END_TF_DOCS --> section for terraform-docs" >&2
		exit 1
	fi
	if [[ $check == 1 ]]; then
		echo "==> terraform-docs --output-check $module"
		if ! "${tfdocs[@]}" --output-check "$module" >"$tmp/tfdocs.log" 2>&1; then
			cat "$tmp/tfdocs.log" >&2
			echo "docs-check: the inputs and outputs in $module/README.md are out of date: run 'make docs' and commit it." >&2
			exit 1
		fi
	else
		echo "==> terraform-docs $module"
		"${tfdocs[@]}" "$module"
	fi
done

if [[ $check == 1 ]]; then
	if ! diff -r -u docs "$out"; then
		echo >&2
		echo "docs-check: docs/ is out of date (diff above: committed docs/ against a fresh render, charts in docs/images/ included): run 'make docs' and commit docs/." >&2
		exit 1
	fi
	rm -rf .build/docs-check
	echo "docs-check: docs/ is up to date"
fi
