#!/bin/sh
# A newcomer's first steps, as the README has them, with the real binary:
# - run from the build folder with LANG=sv_SE.UTF-8 and no KALLELSE_LOCALEDIR,
#   kallelse speaks Swedish: it finds the catalogue built beside it;
# - --demo is rebuilt on every run: what was read in the last run is gone;
# - the demo's meetings follow today (KALLELSE_TODAY sets the day): the one
#   the commands open by default is in a week, another one is past;
# - the README's Usage examples run ./kallelse (not on the PATH before
#   make install), and its first command installs man-db and makes the
#   Swedish locale.
# Needs jq, sqlite3 and localedef (locales), which the README installs.
set -u
bin=${KALLELSE_BIN:-./kallelse}
srcdir=${srcdir:-.}

skip_or_fail() {
	if [ "${CI:-}" = true ]; then echo "FAIL: $1 (CI=true)"; exit 1; fi
	echo "SKIP: $1"; exit 77
}
command -v jq >/dev/null 2>&1 || skip_or_fail "jq is not installed (apt-get install jq)"
command -v sqlite3 >/dev/null 2>&1 || skip_or_fail "sqlite3 is not installed (apt-get install sqlite3)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-first-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
unset KALLELSE_DB

# ---- Swedish from the build folder ----
# Only C, C.UTF-8 and POSIX may be installed: make sv_SE.UTF-8 here.
mkdir -p "$tmp/locale"
localedef -i sv_SE -f UTF-8 "$tmp/locale/sv_SE.UTF-8" >/dev/null 2>&1
[ -d "$tmp/locale/sv_SE.UTF-8" ] || skip_or_fail "localedef could not make sv_SE.UTF-8 (apt-get install locales)"
help=$(unset LC_ALL LC_MESSAGES LANGUAGE KALLELSE_LOCALEDIR
	LOCPATH=$tmp/locale LANG=sv_SE.UTF-8 "$bin" --help 2>&1)
case $help in
*"Användning: kallelse"*) ;;
*) echo "FAIL: LANG=sv_SE.UTF-8 $bin --help from the build folder is not in Swedish:"
   echo "$help" | head -3; fail=1 ;;
esac

# ---- the demo: rebuilt each run, dated from today ----
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME
demo_db=$tmp/cache/kallelse/demo.db
today=2027-06-05
export KALLELSE_TODAY=$today

unread() { jq '[.[].unread] | add'; }
"$bin" --demo meetings --json >"$tmp/m1.json" 2>"$tmp/err" || {
	echo "FAIL: --demo meetings:"; cat "$tmp/err"; exit 1; }
before=$(unread <"$tmp/m1.json")
# Everything read, as a member would in the program.
# Reading state is in the user file beside the database (demo-user.db).
sqlite3 "${demo_db%.db}-user.db" "ATTACH '$demo_db' AS c; INSERT INTO reading(doc_id, position, read_at, read_sha256) SELECT id, 0, '$today', sha256 FROM c.document" ||
	{ echo "FAIL: could not mark the demo's documents read"; exit 1; }
read_now=$("$bin" --db "$demo_db" meetings --json | unread)
[ "$before" -gt 0 ] && [ "$read_now" = 0 ] ||
	{ echo "FAIL: marking read did not take (unread $before, then $read_now)"; fail=1; }
after=$("$bin" --demo meetings --json | unread)
[ "$after" = "$before" ] ||
	{ echo "FAIL: --demo kept the last run's read state: $after unread, a new demo has $before"; fail=1; }

# The meeting the commands open by default: upcoming, within 10 days; and a past one.
next=$("$bin" --demo agenda --json | jq -r '.[0].id | capture("(?<d>[0-9]{4}-[0-9]{2}-[0-9]{2})").d')
in10=$(date -d "$today + 10 days" +%F)
if [ -z "$next" ] || [ "$next" \< "$today" ] || [ "$next" \> "$in10" ]; then
	echo "FAIL: on $today the demo's next meeting is '$next', not within 10 days"; fail=1
fi
past=$(jq --arg t "$today" '[.[] | select(.date < $t)] | length' "$tmp/m1.json")
[ "$past" -ge 1 ] || { echo "FAIL: on $today the demo has no past meeting"; fail=1; }
# And by the real clock.
unset KALLELSE_TODAY
now=$(date +%F)
upcoming=$("$bin" --demo meetings --json | jq --arg t "$now" '[.[] | select(.date > $t)] | length')
[ "$upcoming" -ge 1 ] || { echo "FAIL: today ($now) the demo has no upcoming meeting"; fail=1; }

# ---- the README, line by line ----
readme=$srcdir/README.md
if [ -r "$readme" ]; then
	first=$(grep -m1 '^apt-get ' "$readme")
	for w in man-db locales locale-gen /etc/locale.gen './kallelse --demo'; do
		case $first in *"$w"*) ;; *) echo "FAIL: README's first command lacks '$w'"; fail=1 ;; esac
	done
	# Usage examples: the command lines of the first sh block after "## Usage".
	bare=$(sed -n '/^## Usage/,/^## /p' "$readme" | sed -n '/^```sh/,/^```/p' |
		grep -v '^```' | grep -v '^\./kallelse')
	[ -z "$bare" ] || { echo "FAIL: README Usage runs something but ./kallelse:"; echo "$bare"; fail=1; }
fi

[ $fail = 0 ] && echo "ok: Swedish from the build folder; --demo rebuilt and dated from today; README's first steps"
exit $fail
