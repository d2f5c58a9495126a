#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
#
# Misspells attribute names in the provider's reads and writes, one at a
# time, in a scratch copy of the tree, and checks that the in-process tests
# catch each one: the codec must never read a misspelt name as null nor
# drop a misspelt write. Prints one line per mutation and fails if any
# survives. About a minute; not part of `make test`.
#
#   scripts/mutations.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/vpccni-mutations.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$tmp")

# file|from|to: a read or a write of an attribute name, misspelt.
mutations=(
	# The two typos that once survived the whole suite.
	'internal/provider/cluster_state.go|"availability_zones"|"availability_zone"'
	'internal/provider/cluster_config.go|"max_unavailable_percentage"|"max_unavailable_percent"'
	# Writes.
	'internal/provider/warm_pool_state.go|"subnet_capacity"|"subnet_capacit"'
	'internal/provider/state_shared.go|"smallest_pod_subnet_prefix"|"smallest_pod_subnet_prefx"'
	'internal/provider/state_shared.go|"free_ips_per_node"|"free_ip_per_node"'
	'internal/provider/cluster_state.go|"prefix_reservation_cidr_size"|"prefix_reservation_size"'
	'internal/provider/instance_types_data_source.go|"ips_per_pod"|"ip_per_pod"'
	'internal/provider/instance_type_data_source.go|"max_pods_custom_networking"|"max_pods_custom_network"'
	# Reads.
	'internal/provider/warm_pool_config.go|"pod_subnet_cidrs"|"pod_subnets_cidrs"'
	'internal/provider/cluster_config.go|"security_group_ids"|"security_groups_ids"'
	'internal/provider/schema_shared.go|"warm_prefix_target"|"warm_prefix_targt"'
	'internal/provider/instance_limits.go|"ipv4_addresses_per_interface"|"ipv4_address_per_interface"'
	'internal/provider/instance_types_config.go|"largest_size"|"largest_sizes"'
)

tests='TestStateNulls|TestClusterDeterministic|TestWarmPoolDeterministic|Benchmark.*Read'
survived=0
for m in "${mutations[@]}"; do
	IFS='|' read -r file from to <<<"$m"
	cp "$root/$file" "$tmp/$file"
	n="$(grep -c -F -- "$from" "$tmp/$file" || true)"
	if [[ "$n" == 0 ]]; then
		echo "mutations: $from not found in $file" >&2
		exit 2
	fi
	# Only the first occurrence: one misspelt read or write.
	python3 - "$tmp/$file" "$from" "$to" <<'PY'
import sys
p, a, b = sys.argv[1:]
s = open(p).read()
open(p, "w").write(s.replace(a, b, 1))
PY
	if (cd "$tmp" && go test ./internal/provider/ -count=1 -run "$tests" -bench "$tests" -benchtime 1x >/dev/null 2>&1); then
		echo "SURVIVED  $file: $from -> $to"
		survived=$((survived + 1))
	else
		echo "caught    $file: $from -> $to"
	fi
	cp "$root/$file" "$tmp/$file"
done
if ((survived > 0)); then
	echo "mutations: $survived of ${#mutations[@]} misspellings went unnoticed" >&2
	exit 1
fi
echo "mutations: all ${#mutations[@]} misspellings caught"
