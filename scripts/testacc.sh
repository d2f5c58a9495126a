#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# Runs go test with the acceptance tests switched on against the CLI that
# scripts/terraform-binary.sh finds (or builds). Arguments go to go test.
#
#   scripts/testacc.sh -timeout 20m ./...
#   scripts/testacc.sh --tofu -timeout 20m ./internal/provider/...
#
# --tofu: test against OpenTofu (tofu on PATH, else .build/bin/tofu, else
# build it). With OpenTofu, TF_ACC_PROVIDER_NAMESPACE=hashicorp and
# TF_ACC_PROVIDER_HOST=registry.opentofu.org are set, as setup-opentofu's
# provider_acceptance_tests does: OpenTofu 1.7 cannot read the state back
# (`show -json`) for a provider reattached under registry.terraform.io.
# TF_CLI_CONFIG_FILE points at an empty file under .build/ so that neither
# ~/.terraformrc nor a missing file the environment names can change what
# the tests see.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

discover=()
if [[ "${1:-}" == --tofu ]]; then
	discover=(--tofu)
	shift
fi
tf="$(scripts/terraform-binary.sh "${discover[@]}")"
tfversion="$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version)"
tfversion="${tfversion%%$'\n'*}"

mkdir -p .build
: >.build/terraformrc.empty
export CHECKPOINT_DISABLE=1
export TF_ACC=1
export TF_ACC_TERRAFORM_PATH="$tf"
export TF_CLI_CONFIG_FILE="$root/.build/terraformrc.empty"
case "$tfversion" in
OpenTofu*)
	export TF_ACC_PROVIDER_NAMESPACE=hashicorp
	export TF_ACC_PROVIDER_HOST=registry.opentofu.org
	;;
esac

echo "acceptance tests with $tfversion ($tf)${TF_ACC_PROVIDER_NAMESPACE:+, TF_ACC_PROVIDER_NAMESPACE=$TF_ACC_PROVIDER_NAMESPACE}${TF_ACC_PROVIDER_HOST:+, TF_ACC_PROVIDER_HOST=$TF_ACC_PROVIDER_HOST}" >&2
echo "+ go test $*" >&2
exec go test "$@"
