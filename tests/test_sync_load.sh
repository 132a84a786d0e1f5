#!/bin/sh
# 200 laptops sync at once from a real nginx on 127.0.0.1 (loopback only):
# the secretary publishes the demo meetings; 200 fresh laptop databases
# sync in parallel; every one succeeds and shows the secretary's meetings
# and agenda. SYNC_LAPTOPS changes the count; the times go to
# $SYNC_LOAD_TIMES for make bench (p50/p95), never asserted here.
set -u
bin=${KALLELSE_BIN:-./kallelse}
here=$(dirname "$0")
n=${SYNC_LAPTOPS:-200}
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed"; exit 77; }
. "$here/nginx.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/kallelse-load-XXXXXX") || exit 1
trap 'nginx_stop; rm -rf "$t"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export XDG_DATA_HOME=$t/data XDG_CONFIG_HOME=$t/config XDG_CACHE_HOME=$t/cache

"$bin" --demo meetings >/dev/null || { echo "FAIL: demo"; exit 1; }
cp "$t/cache/kallelse/demo.db" "$t/sec.db"
"$bin" --db "$t/sec.db" publish "$t/pub" >/dev/null || { echo "FAIL: publish"; exit 1; }
"$bin" --db "$t/sec.db" meetings --json > "$t/sec.meetings"
"$bin" --db "$t/sec.db" agenda --json > "$t/sec.agenda"
nginx_start "$t/nginx" "$t/pub"
mkdir -p "$t/l"
pids=""
i=0
while [ $i -lt "$n" ]; do
	( s=$(date +%s%N)
	  "$bin" --db "$t/l/$i.db" sync "$nginx_url" > "$t/l/$i.out" 2>&1
	  echo $? > "$t/l/$i.rc"
	  echo $(( ($(date +%s%N) - s) / 1000000 )) > "$t/l/$i.ms" ) &
	pids="$pids $!"
	i=$((i + 1))
done
# The laptops only: a bare wait would wait for nginx too.
for p in $pids; do wait $p; done
i=0 ok=0
while [ $i -lt "$n" ]; do
	if [ "$(cat "$t/l/$i.rc")" != 0 ]; then
		bad "laptop $i: $(cat "$t/l/$i.out")"
	else
		"$bin" --db "$t/l/$i.db" meetings --json > "$t/l/m" 2>&1
		"$bin" --db "$t/l/$i.db" agenda --json > "$t/l/a" 2>&1
		if cmp -s "$t/l/m" "$t/sec.meetings" && cmp -s "$t/l/a" "$t/sec.agenda"; then
			ok=$((ok + 1))
		else
			bad "laptop $i does not agree with the secretary"
		fi
	fi
	i=$((i + 1))
done
[ -n "${SYNC_LOAD_TIMES:-}" ] && cat "$t"/l/*.ms > "$SYNC_LOAD_TIMES"
echo "$ok of $n laptops synced and agree"
exit $fail
