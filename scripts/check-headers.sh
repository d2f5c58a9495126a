#!/usr/bin/env bash
# Copyright (c) The terraform-provider-vpccni Authors
# SPDX-License-Identifier: MPL-2.0
#
# Checks that every Go file, shell script and the Makefile carries the
# MPL-2.0 SPDX header in its first five lines (as the anchor providers do).
#
#   scripts/check-headers.sh        list the files without it and fail
#   scripts/check-headers.sh --fix  add it where it is missing
#
# Examples (examples/**) are left out: tfplugindocs pastes them into the
# docs, where a licence header would be noise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

holder="Copyright (c) The terraform-provider-vpccni Authors"
spdx="SPDX-License-Identifier: MPL-2.0"

fix=0
case "${1:-}" in
--fix) fix=1 ;;
"") ;;
*)
	echo "usage: $0 [--fix]" >&2
	exit 2
	;;
esac

# Tracked and new (not ignored) files; the header applies to these kinds.
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
	'*.go' '*.sh' '.ci/run' 'GNUmakefile' | grep -v '^examples/' | sort -u)

missing=()
for f in "${files[@]}"; do
	[[ -f "$f" ]] || continue
	if head -n 5 "$f" | grep -q "$spdx"; then
		continue
	fi
	if [[ $fix == 0 ]]; then
		missing+=("$f")
		continue
	fi
	tmp="$(mktemp)"
	case "$f" in
	*.go)
		printf '// %s\n// %s\n\n' "$holder" "$spdx" >"$tmp"
		cat "$f" >>"$tmp"
		;;
	*)
		if head -n 1 "$f" | grep -q '^#!'; then
			{
				head -n 1 "$f"
				printf '# %s\n# %s\n' "$holder" "$spdx"
				tail -n +2 "$f"
			} >"$tmp"
		else
			{
				printf '# %s\n# %s\n\n' "$holder" "$spdx"
				cat "$f"
			} >"$tmp"
		fi
		;;
	esac
	chmod --reference="$f" "$tmp"
	mv "$tmp" "$f"
	echo "added the header to $f"
done

if ((${#missing[@]} > 0)); then
	echo "check-headers: ${#missing[@]} file(s) lack the '$spdx' header in their first five lines:" >&2
	printf '  %s\n' "${missing[@]}" >&2
	echo "Run 'scripts/check-headers.sh --fix' (or 'make headers')." >&2
	exit 1
fi
echo "check-headers: ${#files[@]} files carry the MPL-2.0 header"
