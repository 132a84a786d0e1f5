#!/bin/sh
# The man pages cannot drift from the program: every action of the action
# table (tui/actions.h), every command of tui/cli/main.c and every option the
# commands parse appear in help/kallelse.1 and help/sv/kallelse.1, and the
# pages format without groff warnings (-k: the pages are UTF-8, as man-db reads them).
set -u
srcdir=${srcdir:-.}
fail=0
actions=$(sed -n 's/^[[:space:]]*_([A-Z_]*, *"\([a-z-]*\)".*/\1/p' "$srcdir/tui/actions.h")
commands=$(sed -n 's/^[[:space:]]*{ "\([a-z]*\)", ".*cmd_.*/\1/p' "$srcdir/tui/cli/main.c")
options=$(cat "$srcdir"/tui/cli/main.c "$srcdir"/tui/cli/cmd_*.c | grep -o '"--[a-z][a-z-]*"' | tr -d '"' | sort -u)
if [ -z "$actions" ] || [ -z "$commands" ]; then
	echo "FAIL: could not read actions or commands"
	exit 1
fi
for page in help/kallelse.1 help/sv/kallelse.1; do
	[ -r "$page" ] || { echo "FAIL: $page was not built"; fail=1; continue; }
	for a in $actions; do
		[ "$a" = none ] && continue
		esc=$(printf '%s' "$a" | sed 's/-/\\\\-/g')
		grep -q "fI$esc\\\\fR" "$page" || { echo "FAIL: $page: no action $a"; fail=1; }
	done
	for c in $commands; do
		grep -q "^\.B $c" "$page" || { echo "FAIL: $page: no command $c"; fail=1; }
	done
	for o in $options; do
		esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
		grep -q -- "$esc" "$page" || { echo "FAIL: $page: no option $o"; fail=1; }
	done
	if command -v groff >/dev/null 2>&1; then
		warn=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
		[ -z "$warn" ] || { echo "FAIL: $page: groff says: $warn"; fail=1; }
	fi
done
if [ $fail = 0 ]; then
	echo "ok: both man pages list $(echo "$actions" | wc -w) actions, $(echo "$commands" | wc -w) commands, $(echo "$options" | wc -w) options"
fi
exit $fail
