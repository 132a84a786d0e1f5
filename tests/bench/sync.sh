# Sourced by bench.sh: the sync rows. The secretary publishes the archive;
# a laptop syncs it all once; then a sync with nothing changed, over the
# folder and over HTTP from a real nginx on 127.0.0.1 (tests/nginx.sh),
# whole process; one new meeting into the archive (time, bytes read); and
# 200 laptops at once (tests/test_sync_load.sh), p50/p95. Sets sync_*.
sync_publish_ms=n/a sync_folder_ms=n/a sync_http_ms=n/a sync_new_ms=n/a sync_new_bytes=n/a
sync_pub_bytes=n/a sync_new_size=n/a sync_load_p50=n/a sync_load_p95=n/a sync_first_ms=n/a
sd=$dir/sync
rm -rf "$sd"
mkdir -p "$sd"
export XDG_DATA_HOME="$sd/data" XDG_CONFIG_HOME="$sd/config"
if isnum "$build_ms" && [ -s "$arch_db" ]; then
	log "sync: publishing the archive"
	cp "$arch_db" "$sd/sec.db"
	sync_publish_ms=$(run_time 1 -n 1 -w 0 -q -- "$bin" --db "$sd/sec.db" publish "$sd/pub")
	sync_pub_bytes=$(du -sb "$sd/pub" | cut -f1)
	log "sync: a laptop takes the whole archive (once)"
	sync_first_ms=$(run_time 1 -n 1 -w 0 -q -- "$bin" --db "$sd/lap.db" sync "$sd/pub")
	sync_folder_ms=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$sd/lap.db" sync)
	. "$src/../nginx.sh"
	nginx_start "$sd/nginx" "$sd/pub"
	"$bin" --db "$sd/lap.db" sync "$nginx_url" >/dev/null 2>&1
	sync_http_ms=$(run_time 1 -n "$runs" -w 1 -q -- "$bin" --db "$sd/lap.db" sync)
	# One new meeting: the seed's, dated a year on (not in the archive).
	sed 's/2024-12-10/2030-12-10/g; s/10 december 2024/10 december 2030/g' "$seed" > "$sd/new.txt"
	"$bin" --db "$sd/sec.db" import "$sd/new.txt" >/dev/null 2>&1
	"$bin" --db "$sd/sec.db" publish "$sd/pub" >/dev/null 2>&1
	newest=$(ls -t "$sd/pub/b" | head -1)
	sync_new_size=$(filesize "$sd/pub/b/$newest")
	t0=$(date +%s%N)
	"$bin" --db "$sd/lap.db" sync > "$sd/new.out" 2>&1 && sync_new_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	sync_new_bytes=$(sed -n 's/.* \([0-9]*\) bytes read.*/\1/p' "$sd/new.out")
	nginx_stop
fi
log "sync: 200 laptops at once"
if KALLELSE_BIN=$bin SYNC_LOAD_TIMES="$sd/load.ms" sh "$src/../test_sync_load.sh" >/dev/null 2>&1; then
	sync_load_p50=$(sort -n "$sd/load.ms" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) * 0.5)] }')
	sync_load_p95=$(sort -n "$sd/load.ms" | awk '{ a[NR] = $1 } END { print a[int(NR * 0.95)] }')
fi
unset XDG_DATA_HOME XDG_CONFIG_HOME
