#!/bin/sh
# The help cannot drift from the program. Read from the sources, not from
# the generated output:
#   - every action of the action table (tui/actions.h) is in both man pages;
#   - every command (a `.name = "..."` in tui/cli/cmd_*.c) and every one of
#     its options (CLI_OPTION("name", ...) or a CLI_OPTION_NAME macro in
#     that file; --help for all) is in the command's section of both man
#     pages, in `kallelse COMMAND --help` and in the global `kallelse --help`;
#   - every global option (tui/cli/cli_table.c) is in both pages and --help;
#   - every message of tui/cli has a Swedish translation in po/sv.po;
#   - the pages format without groff warnings (-k: they are UTF-8).
set -u
srcdir=${srcdir:-.}
bin=${KALLELSE_BIN:-./kallelse}
fail=0
say() { echo "FAIL: $*"; fail=1; }

actions=$(sed -n 's/^[[:space:]]*_([A-Z_]*, *"\([a-z-]*\)".*/\1/p' "$srcdir/tui/actions.h")
commands=$(sed -n 's/^[[:space:]]*\.name = "\([a-z]*\)",.*/\1/p' "$srcdir"/tui/cli/cmd_*.c)
if [ -z "$actions" ] || [ -z "$commands" ]; then
	echo "FAIL: could not read actions or commands"
	exit 1
fi

# The options a source file defines: CLI_OPTION("name", ...) and the shared
# CLI_OPTION_JSON-style macros of cli.h (lower-cased), --help always.
options_of() {
	{
		grep -o 'CLI_OPTION("[a-z][a-z-]*"' "$1" | sed 's/.*("\(.*\)"/\1/'
		grep -o 'CLI_OPTION_[A-Z]*' "$1" | sed 's/CLI_OPTION_//' | grep -v '^END$' | tr 'A-Z' 'a-z'
		echo help
	} | sort -u
}
# The roff form of an option's tag in a page: \fB\-\-name\fR (prose has no \fB).
roff_opt() { printf '\\fB\\-\\-%s\\fR' "$(printf '%s' "$1" | sed 's/-/\\-/g')"; }

# The section of a page from the line matching $2 to the next .SS or .SH.
section() { awk -v start="$2" 'f && /^\.S[SH] /{exit} $0 == start {f=1} f' "$1"; }

help=$("$bin" --help) || say "kallelse --help exits with $?"
n_opts=0
for page in help/kallelse.1 help/sv/kallelse.1; do
	[ -r "$page" ] || { say "$page was not built"; continue; }
	for a in $actions; do
		[ "$a" = none ] && continue
		esc=$(printf '%s' "$a" | sed 's/-/\\\\-/g')
		grep -q "fI$esc\\\\fR" "$page" || say "$page: no action $a"
	done
	for o in $(options_of "$srcdir/tui/cli/cli_table.c"); do
		grep -qF -- "$(roff_opt "$o")" "$page" || say "$page: no global option --$o"
	done
	for c in $commands; do
		sec=$(section "$page" ".SS $c")
		[ -n "$sec" ] || { say "$page: no command $c (.SS $c)"; continue; }
		for o in $(options_of "$srcdir/tui/cli/cmd_$c.c"); do
			n_opts=$((n_opts + 1))
			printf '%s\n' "$sec" | grep -qF -- "$(roff_opt "$o")" ||
			    say "$page: command $c has no option --$o"
		done
	done
	if command -v groff >/dev/null 2>&1; then
		warn=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
		[ -z "$warn" ] || say "$page: groff says: $warn"
	fi
done

# --help: the global one lists every command with every option; each
# command's own lists its options.
for o in $(options_of "$srcdir/tui/cli/cli_table.c"); do
	printf '%s\n' "$help" | grep -qF -- "--$o" || say "kallelse --help: no global option --$o"
done
for c in $commands; do
	# The command's block in the global help: from "  c [" to the next blank line.
	block=$(printf '%s\n' "$help" | awk -v c="$c" 'f && /^$/{exit} index($0, "  " c " ") == 1 {f=1} f')
	[ -n "$block" ] || { say "kallelse --help: no command $c"; continue; }
	own=$("$bin" "$c" --help) || say "kallelse $c --help exits with $?"
	for o in $(options_of "$srcdir/tui/cli/cmd_$c.c"); do
		printf '%s\n' "$block" | grep -qF -- "--$o" || say "kallelse --help: command $c has no option --$o"
		printf '%s\n' "$own" | grep -qF -- "--$o" || say "kallelse $c --help: no option --$o"
	done
done

# The Swedish catalogue: every message of the command line translated
# (msgcmp counts a missing, empty or fuzzy translation as missing).
if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
	pot=$(mktemp)
	xgettext --from-code=UTF-8 --language=C --no-location --keyword=_ --keyword=N_ \
	    --keyword=P_:1,2 -o "$pot" "$srcdir"/tui/cli/*.c "$srcdir"/tui/cli/*.h
	out=$(msgcmp "$srcdir/po/sv.po" "$pot" 2>&1 | grep -v 'warning: this message is not used')
	rm -f "$pot"
	case $out in
	*"not defined"*|*untranslated*|*fuzzy*) say "po/sv.po lacks translations of the command line's messages:"
		printf '%s\n' "$out" | grep -v '^$' | head -20 ;;
	esac
else
	echo "note: xgettext or msgcmp missing; the Swedish catalogue was not checked"
fi

if [ $fail = 0 ]; then
	echo "ok: both man pages and --help list $(echo "$actions" | wc -w) actions," \
	    "$(echo "$commands" | wc -w) commands, $n_opts command options (both pages); sv.po complete"
fi
exit $fail
