#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# Plan-time benchmark: `terraform plan` with the provider built from this
# tree against the same-schema floor provider (bench/floor), which serves
# the same address, schemas and function signatures but computes and
# validates nothing. Their ratio is what this provider's own work adds to
# the plan time a user waits for.
#
#   bash bench/plan.sh            RUNS=7 timed runs per binary and config
#   RUNS=3 bash bench/plan.sh     a quick run
#   TERRAFORM=/path/to/terraform  the CLI to use (default: scripts/terraform-binary.sh)
#   COLDSTART_RUNS=20             runs of the cold start timer
#   RAW=1                         also print every run's wall and CPU seconds
#   SDK_LOG=trace                 set TF_LOG_SDK for both providers (default: unset,
#                                 and both providers then turn the SDK's logs off)
#
# Configurations (generated into a temp directory):
#   one       1 vpccni_warm_pool read (the article's node group) and outputs;
#             also planned as "none": the same outputs as plain values, no
#             provider at all
#   reads500  500 plain vpccni_warm_pool blocks (not for_each), varied types,
#             pods and subnets, all valid
#   calls500  500 provider::vpccni::node_ips calls in locals, one output
#   cluster1 / cluster50
#             one vpccni_cluster read with 1 and with 50 node groups over 3
#             /16 subnets in 3 zones
# Every plan is `terraform plan -refresh=false -input=false -lock=false`
# without `terraform init`: a CLI configuration per binary points
# dev_overrides at it. Every plan must succeed. After one warm-up run each,
# the binaries alternate (the order flips every run), and the script prints
# min / median / max wall seconds (date +%s%N around the plan), the median
# CPU seconds (bash's time: terraform and the provider processes), and the
# ratios real/floor: median of the per-run ratios, ratio of medians, ratio
# of minimums, and the median per-run CPU ratio. The load average is
# printed before and after: wall times on a busy machine are noisy.
#
# Finally a cold start: bench/coldstart execs each binary as Terraform does
# and times its handshake line and its answer to GetProviderSchema.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

RUNS="${RUNS:-7}"
COLDSTART_RUNS="${COLDSTART_RUNS:-20}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
	echo "plan.sh: RUNS must be a positive integer, not '$RUNS'" >&2
	exit 2
fi
tf="${TERRAFORM:-$(scripts/terraform-binary.sh)}"
export CHECKPOINT_DISABLE=1
unset TF_LOG TF_LOG_PATH TF_LOG_CORE TF_LOG_PROVIDER TF_CLI_ARGS TF_CLI_ARGS_plan TF_DATA_DIR TF_WORKSPACE TF_REATTACH_PROVIDERS
unset TF_LOG_SDK TF_LOG_SDK_PROTO TF_LOG_SDK_FRAMEWORK
# SDK_LOG sets TF_LOG_SDK for both providers. Unset, both providers turn
# the plugin SDK's logs off themselves (provider.QuietSDKLogsByDefault);
# SDK_LOG=trace measures the plans as they were before that, with every
# TRACE line written as JSON for Terraform to parse and drop.
if [[ -n "${SDK_LOG:-}" ]]; then
	export TF_LOG_SDK="$SDK_LOG"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/vpccni-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------- machine
cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)"
echo "== machine"
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus:      $(nproc) x ${cpu:-unknown}"
echo "memory:    ${mem:-unknown}"
echo "kernel:    $(uname -sr)"
echo "go:        $(go version)"
echo "terraform: $(TF_CLI_CONFIG_FILE=/dev/null "$tf" version | sed -n 1p)"
echo "runs:      $RUNS per binary and configuration (after 1 warm-up each)"
echo "sdk logs:  TF_LOG_SDK=${TF_LOG_SDK:-unset: the providers turn the SDK logs off}"

# ---------------------------------------------------------------- binaries
echo
echo "== building the provider and the floor provider into $tmp"
for b in real floor; do
	mkdir -p "$tmp/$b/bin"
done
go build -o "$tmp/real/bin/terraform-provider-vpccni" .
go build -o "$tmp/floor/bin/terraform-provider-vpccni" ./bench/floor
go build -o "$tmp/coldstart" ./bench/coldstart
for b in real floor; do
	cat >"$tmp/$b/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/vpccni/vpccni" = "$tmp/$b/bin"
    "registry.opentofu.org/vpccni/vpccni" = "$tmp/$b/bin"
  }
  direct {}
}
RC
done
: >"$tmp/none.terraformrc"

# ---------------------------------------------------------------- configs
required='terraform {
  required_providers {
    vpccni = { source = "vpccni/vpccni" }
  }
}
'
mkdir -p "$tmp/cfg/one" "$tmp/cfg/none" "$tmp/cfg/reads500" "$tmp/cfg/calls500" "$tmp/cfg/cluster1" "$tmp/cfg/cluster50" "$tmp/cfg/rankall"

# (a) the article's node group, read once.
cat >"$tmp/cfg/one/main.tf" <<EOF
$required
data "vpccni_warm_pool" "workers" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
  subnet_cidrs  = ["10.0.0.0/24"]
}

output "aws_node_env" {
  value = data.vpccni_warm_pool.workers.env
}

output "subnet_addresses" {
  value = {
    recommended = data.vpccni_warm_pool.workers.recommended.total_ips
    defaults    = data.vpccni_warm_pool.workers.baseline.total_ips
    saved       = data.vpccni_warm_pool.workers.saved_ips
  }
}
EOF

# The same outputs with no provider: what Terraform alone costs.
cat >"$tmp/cfg/none/main.tf" <<'EOF'
locals {
  env       = { MINIMUM_IP_TARGET = "20", WARM_IP_TARGET = "2" }
  recommended = 240
  defaults    = 450
}

output "aws_node_env" {
  value = local.env
}

output "subnet_addresses" {
  value = {
    recommended = local.recommended
    defaults    = local.defaults
    saved       = local.defaults - local.recommended
  }
}
EOF

types=(r5.xlarge m5.large c5.4xlarge m5.2xlarge r5.2xlarge)
pods=(20 20 60 40 30)

# (b) 500 plain data blocks.
{
	echo "$required"
	refs=()
	for i in $(seq 0 499); do
		n="$(printf 'w%03d' "$i")"
		k=$((i % 5))
		cat <<EOF
data "vpccni_warm_pool" "$n" {
  instance_type = "${types[k]}"
  expected_pods = $((pods[k] + i % 7))
  node_count    = $((5 + i % 10))
  subnet_cidrs  = ["10.$((i / 16)).$(((i % 16) * 16)).0/20"]
}
EOF
		refs+=("data.vpccni_warm_pool.$n.minimum_ip_target")
	done
	echo "output \"minimum_ip_targets\" {"
	echo "  value = sum([$(IFS=,; echo "${refs[*]}")])"
	echo "}"
} >"$tmp/cfg/reads500/main.tf"

# (c) 500 function calls.
settings=("{}" "{ minimum_ip_target = 20, warm_ip_target = 2 }" "{ prefix_delegation = true }" "{ warm_eni_target = 1 }")
ftypes=(r5.xlarge m5.large c5.4xlarge m5.2xlarge t3.medium)
{
	echo "$required"
	echo "locals {"
	refs=()
	for i in $(seq 0 499); do
		n="$(printf 'n%03d' "$i")"
		echo "  $n = provider::vpccni::node_ips(\"${ftypes[i % 5]}\", $((1 + i % 15)), ${settings[i % 4]})"
		refs+=("local.$n")
	done
	echo "}"
	echo "output \"node_ips\" {"
	echo "  value = sum([$(IFS=,; echo "${refs[*]}")])"
	echo "}"
} >"$tmp/cfg/calls500/main.tf"

# (d) one vpccni_cluster read, 1 and 50 node groups.
cluster() {
	local n="$1" i k
	local ctypes=(m5.large r5.xlarge c5.4xlarge m5.2xlarge t3.medium) cpods=(20 40 100 50 15)
	echo "$required"
	echo 'data "vpccni_cluster" "this" {'
	for i in $(seq 0 $((n - 1))); do
		k=$((i % 5))
		printf '  node_group {\n    name          = "group-%02d"\n    instance_type = "%s"\n    expected_pods = %d\n    desired_nodes = 3\n    max_nodes     = 6\n  }\n' "$i" "${ctypes[k]}" "${cpods[k]}"
	done
	local zones=(a b c)
	for i in 0 1 2; do
		printf '  subnet {\n    id                = "subnet-%s"\n    cidr              = "10.%d.0.0/16"\n    availability_zone = "eu-west-1%s"\n  }\n' "${zones[i]}" "$i" "${zones[i]}"
	done
	echo '}'
	echo 'output "configuration_values" { value = data.vpccni_cluster.this.configuration_values }'
	echo 'output "worst_subnet" { value = data.vpccni_cluster.this.worst_subnet }'
}
cluster 1 >"$tmp/cfg/cluster1/main.tf"
cluster 50 >"$tmp/cfg/cluster50/main.tf"

# (e) one vpccni_instance_types ranking every type of the table: 1,391
# candidate objects in the state.
cat >"$tmp/cfg/rankall/main.tf" <<EOF
$required
data "vpccni_instance_types" "all" {
  expected_pods = 20
  total_pods    = 200
}

output "fewest_addresses" {
  value = length(data.vpccni_instance_types.all.candidates) > 0 ? data.vpccni_instance_types.all.candidates[0].instance_type : ""
}
EOF

# ---------------------------------------------------------------- timing
# plan_once CFG BIN: one plan; prints its wall seconds (date +%s%N around
# it) and its CPU seconds (user + sys of terraform and the provider
# processes it ran and waited for, from bash's time). A failed plan stops
# the benchmark with its output.
plan_once() {
	local cfg="$1" bin="$2" rc=0 t0 t1 cpu log="$tmp/plan.log" TIMEFORMAT='%U %S'
	local rcfile="$tmp/$bin/terraformrc"
	[[ "$bin" == none ]] && rcfile="$tmp/none.terraformrc"
	t0="$(date +%s%N)"
	{ time (cd "$tmp/cfg/$cfg" && TF_CLI_CONFIG_FILE="$rcfile" "$tf" plan -refresh=false -input=false -lock=false -no-color >"$log" 2>&1); } 2>"$tmp/cpu.txt" || rc=$?
	t1="$(date +%s%N)"
	if ((rc != 0)); then
		echo "plan.sh: terraform plan of $cfg with $bin failed (exit $rc); the first 60 lines of its output:" >&2
		head -n 60 "$log" >&2
		exit 1
	fi
	cpu="$(awk '{ print $1 + $2 }' "$tmp/cpu.txt")"
	awk -v a="$t0" -v b="$t1" -v c="$cpu" 'BEGIN { printf "%.4f %.3f\n", (b - a) / 1e9, c }'
}

# series LABEL CFG:BIN...: a warm-up of each, then RUNS rounds, the order
# reversed every other round; "wall cpu" lines go to $tmp/t/LABEL.CFG.BIN.
series() {
	local label="$1" r p
	shift
	local pairs=("$@") order
	mkdir -p "$tmp/t"
	for p in "${pairs[@]}"; do
		: >"$tmp/t/$label.${p/:/.}"
		plan_once "${p%%:*}" "${p##*:}" >/dev/null
	done
	for ((r = 0; r < RUNS; r++)); do
		order=("${pairs[@]}")
		if ((r % 2 == 1)); then
			local rev=()
			for ((p = ${#order[@]} - 1; p >= 0; p--)); do rev+=("${order[p]}"); done
			order=("${rev[@]}")
		fi
		for p in "${order[@]}"; do
			plan_once "${p%%:*}" "${p##*:}" >>"$tmp/t/$label.${p/:/.}"
		done
	done
}

# stats FILE [COL]: "min median max" of column COL (1 wall, 2 CPU).
stats() {
	awk -v c="${2:-1}" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%7.3f %7.3f %7.3f", v[1], m, v[NR] }'
}

# ratio A B [COL]: median of the per-run ratios A/B of column COL (runs
# paired in order).
ratio() {
	paste "$1" "$2" | awk -v c="${3:-1}" '{ print $c / $(c + 2) }' | sort -g | awk '{ v[NR] = $1 } END {
		printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio_of STAT A B: statistic STAT (1 min, 2 median) of A's wall times
# over B's.
ratio_of() {
	local a b
	a="$(stats "$2" | awk -v c="$1" '{ print $c }')"
	b="$(stats "$3" | awk -v c="$1" '{ print $c }')"
	awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }'
}

row() { # row NAME FILE
	printf '  %-24s %s   %s\n' "$1" "$(stats "$2")" "$(stats "$2" 2 | awk '{ printf "%7.3f", $2 }')"
}

load() { awk '{ print $1, $2, $3 }' /proc/loadavg 2>/dev/null || echo unknown; }

echo
echo "== terraform plan ($RUNS runs each; load average before: $(load))"

series one one:real one:floor none:none
series reads500 reads500:real reads500:floor
series calls500 calls500:real calls500:floor
series cluster cluster1:real cluster1:floor cluster50:real cluster50:floor
series rankall rankall:real rankall:floor

t="$tmp/t"
printf '  %-24s %7s %7s %7s   %7s\n' "seconds" "min" "median" "max" "CPU med"
row "1 read, real" "$t/one.one.real"
row "1 read, floor" "$t/one.one.floor"
row "no provider" "$t/one.none.none"
row "500 reads, real" "$t/reads500.reads500.real"
row "500 reads, floor" "$t/reads500.reads500.floor"
row "500 calls, real" "$t/calls500.calls500.real"
row "500 calls, floor" "$t/calls500.calls500.floor"
row "cluster 1 group, real" "$t/cluster.cluster1.real"
row "cluster 1 group, floor" "$t/cluster.cluster1.floor"
row "cluster 50 groups, real" "$t/cluster.cluster50.real"
row "cluster 50 groups, floor" "$t/cluster.cluster50.floor"
row "rank all types, real" "$t/rankall.rankall.real"
row "rank all types, floor" "$t/rankall.rankall.floor"
echo "  (load average after: $(load))"

echo
echo "== ratios (targets: real/floor <= 1.10; cluster 50 groups <= 1.10 x 1 group)"
printf '  %-32s %-10s %-10s %-10s %s\n' "wall time" "med pairs" "of medians" "of mins" "CPU med pairs"
ratios() { # ratios NAME A B
	printf '  %-32s %-10s %-10s %-10s %s\n' "$1" "$(ratio "$2" "$3")" "$(ratio_of 2 "$2" "$3")" "$(ratio_of 1 "$2" "$3")" "$(ratio "$2" "$3" 2)"
}
ratios "1 read: real / floor" "$t/one.one.real" "$t/one.one.floor"
ratios "1 read: floor / no provider" "$t/one.one.floor" "$t/one.none.none"
ratios "500 reads: real / floor" "$t/reads500.reads500.real" "$t/reads500.reads500.floor"
ratios "500 calls: real / floor" "$t/calls500.calls500.real" "$t/calls500.calls500.floor"
ratios "cluster 1 group: real / floor" "$t/cluster.cluster1.real" "$t/cluster.cluster1.floor"
ratios "cluster 50: real / floor" "$t/cluster.cluster50.real" "$t/cluster.cluster50.floor"
ratios "cluster real: 50 / 1 group" "$t/cluster.cluster50.real" "$t/cluster.cluster1.real"
ratios "cluster floor: 50 / 1 group" "$t/cluster.cluster50.floor" "$t/cluster.cluster1.floor"
ratios "rank all types: real / floor" "$t/rankall.rankall.real" "$t/rankall.rankall.floor"

if [[ -n "${RAW:-}" ]]; then
	echo
	echo "== raw runs (wall seconds, CPU seconds), in run order"
	for f in "$t"/*; do
		printf '  %-28s %s\n' "${f##*/}" "$(awk '{ printf "%s/%s ", $1, $2 }' "$f")"
	done
fi

echo
echo "== cold start to the first answer, ms ($COLDSTART_RUNS runs each, alternating)"
"$tmp/coldstart" -runs "$COLDSTART_RUNS" real="$tmp/real/bin/terraform-provider-vpccni" floor="$tmp/floor/bin/terraform-provider-vpccni" | sed 's/^/  /'
echo
echo "== package initialisation of the real provider (GODEBUG=inittrace=1)"
# Without the plugin environment the binary prints a notice and exits 1
# after its package initialisers have run.
{ GODEBUG=inittrace=1 "$tmp/real/bin/terraform-provider-vpccni" 2>&1 >/dev/null || true; } |
	awk '/^init / { n++; ms += $5; kb += $8 / 1024; if ($2 ~ /vpccni/) own = own sprintf("\n  %s: %s ms, %.0f KiB, %s allocs", $2, $5, $8 / 1024, $10) }
		END { printf "  %d packages: %.2f ms clock, %.0f KiB allocated in all%s\n", n, ms, kb, own }'
