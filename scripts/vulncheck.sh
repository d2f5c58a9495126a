#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
# `make vulncheck`: govulncheck (pinned in tools/go.mod) over the provider's
# packages, reporting only vulnerabilities in code the provider can reach.
#
# govulncheck needs its database. When that cannot be reached (an offline
# machine: the Go module proxy serves the tool but not the database), this
# prints one line saying the check was skipped and why, and exits 0; the
# GitHub workflow, which has the network, runs it for real. A finding fails
# (govulncheck's exit code 3), and so does any other govulncheck error once
# the database answered.
#
#   GOVULNDB=https://vuln.go.dev   the database (default), or a file:// URL
#                                  of a local copy in the same layout
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

db="${GOVULNDB:-https://vuln.go.dev}"
db="${db%/}"

# The pin must build even where the database is out of reach (quiet; cached).
go build -modfile=tools/go.mod -o /dev/null golang.org/x/vuln/cmd/govulncheck

# govulncheck's first request: the database index.
case "$db" in
file://*)
	if [[ ! -f "${db#file://}/index/db.json" && ! -f "${db#file://}/index/db.json.gz" ]]; then
		echo "vulncheck: skipped: no vulnerability database at $db (no index/db.json)"
		exit 0
	fi
	;;
*)
	if ! err="$(curl -sS -f --max-time 20 -o /dev/null "$db/index/db.json.gz" 2>&1)"; then
		echo "vulncheck: skipped: the vulnerability database $db cannot be reached from here (${err:-curl failed}); CI with network access runs it"
		exit 0
	fi
	;;
esac

echo "==> govulncheck -db $db ./..."
go tool -modfile=tools/go.mod govulncheck -db "$db" ./...
