#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# Prints the path of a Terraform-compatible CLI that runs provider functions
# (Terraform >= 1.8 or OpenTofu >= 1.7) for the acceptance tests, the docs
# and the demo. Progress goes to stderr; stdout is only the path.
#
# Order:
#   1. $TF_ACC_TERRAFORM_PATH
#   2. terraform on PATH
#   3. /usr/local/bin/terraform
#   4. tofu on PATH
#   5. .build/bin/tofu, built by an earlier run
#   6. build OpenTofu from the Go module proxy into .build/bin/tofu
#      (tools/opentofu/go.mod pins the version; ~1 min warm, ~5 min cold on 2 cores)
#
# Options and environment:
#   --tofu                         only OpenTofu: skip steps 1-3 (make test-tofu)
#   VPCCNI_SKIP_SYSTEM_TERRAFORM=1 skip steps 1-4, as on a machine with no CLI
#                                  installed (used to test the fallback)
#   VPCCNI_REBUILD_TOFU=1          rebuild .build/bin/tofu even if present
#
# Nothing is downloaded except Go modules: no hc-install, no releases site.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CHECKPOINT_DISABLE=1

log() { echo "terraform-binary: $*" >&2; }

tofu_only=0
case "${1:-}" in
--tofu) tofu_only=1 ;;
"") ;;
*)
	log "unknown argument $1 (usage: $0 [--tofu])"
	exit 2
	;;
esac

# usable BIN: executable and new enough for provider functions, which came
# in Terraform 1.8 and OpenTofu 1.7.
usable() {
	local bin="$1" out ver product major minor floor
	[[ -x "$bin" ]] || return 1
	# A missing TF_CLI_CONFIG_FILE makes the CLI print a warning (tofu on
	# stdout), so read the version with an empty configuration.
	if ! out="$(TF_CLI_CONFIG_FILE=/dev/null "$bin" version 2>/dev/null)"; then
		log "$bin does not run ('$bin version' failed); skipping it"
		return 1
	fi
	out="$(grep -m 1 -E '^[A-Za-z]+ v[0-9]' <<<"$out" || true)"
	ver="$(sed -E -n 's/^([A-Za-z]+) v([0-9]+)\.([0-9]+).*/\1 \2 \3/p' <<<"$out")"
	if [[ -z "$ver" ]]; then
		log "$bin: cannot read a version from '$bin version'; skipping it"
		return 1
	fi
	read -r product major minor <<<"$ver"
	case "$product" in
	OpenTofu) floor=7 ;;
	*) floor=8 ;;
	esac
	if ((major < 1 || (major == 1 && minor < floor))); then
		log "$bin is $out; provider functions need Terraform >= 1.8 or OpenTofu >= 1.7, skipping it"
		return 1
	fi
	return 0
}

found() {
	echo "$1"
	exit 0
}

if [[ "${VPCCNI_SKIP_SYSTEM_TERRAFORM:-}" != 1 ]]; then
	if [[ $tofu_only == 0 ]]; then
		if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" ]]; then
			bin="$(command -v "$TF_ACC_TERRAFORM_PATH" || true)"
			if [[ -n "$bin" ]] && usable "$bin"; then
				found "$bin"
			fi
			log "TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable Terraform >= 1.8 or OpenTofu >= 1.7"
			exit 1
		fi
		if bin="$(command -v terraform)" && usable "$bin"; then
			found "$bin"
		fi
		if usable /usr/local/bin/terraform; then
			found /usr/local/bin/terraform
		fi
	fi
	if bin="$(command -v tofu)" && usable "$bin"; then
		found "$bin"
	fi
fi

tofu="$root/.build/bin/tofu"
if [[ "${VPCCNI_REBUILD_TOFU:-}" != 1 ]] && usable "$tofu"; then
	found "$tofu"
fi

version="$(awk '$1 == "github.com/opentofu/opentofu" { print $2 }' "$root/tools/opentofu/go.mod" | head -n 1)"
log "no Terraform >= 1.8 or OpenTofu >= 1.7 found; building OpenTofu ${version:-?} from the Go module proxy into .build/bin/tofu"
log "(tools/opentofu/go.mod; about 1 minute with a warm Go build cache, 5 or more cold on 2 cores)"
mkdir -p "$root/.build/bin"
tmp="$(mktemp "$root/.build/bin/.tofu.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
start=$SECONDS
if ! (cd "$root/tools/opentofu" && GOWORK=off CGO_ENABLED=0 go build -trimpath \
	-ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
	-o "$tmp" github.com/opentofu/opentofu/cmd/tofu) >&2; then
	log "building OpenTofu failed."
	log "Fix: install Terraform >= 1.8 or OpenTofu >= 1.7 on PATH, or set TF_ACC_TERRAFORM_PATH to such a binary."
	exit 1
fi
mv -f "$tmp" "$tofu"
log "built $tofu in $((SECONDS - start))s"
found "$tofu"
