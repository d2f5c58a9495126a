#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# Builds the provider into DIR/bin and writes DIR/terraformrc, a CLI
# configuration whose dev_overrides make terraform and tofu use that binary
# for vpccni/vpccni without `terraform init` (which needs a registry).
# Prints the path of the CLI configuration.
#
#   export TF_CLI_CONFIG_FILE="$(scripts/dev-overrides.sh "$(mktemp -d)")"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: $0 DIR}"
mkdir -p "$dir/bin"
dir="$(cd "$dir" && pwd)"

(cd "$root" && go build -o "$dir/bin/terraform-provider-vpccni" .) >&2

cat >"$dir/terraformrc" <<RC
# Written by scripts/dev-overrides.sh: use the provider built from this tree.
provider_installation {
  dev_overrides {
    "registry.terraform.io/vpccni/vpccni" = "$dir/bin"
    "registry.opentofu.org/vpccni/vpccni" = "$dir/bin"
  }
  direct {}
}
RC
echo "$dir/terraformrc"
