# Sourced by bench.sh: screens timed in a pseudo-terminal (bench_pty).
agenda_seed_ms=n/a agenda_arch_ms=n/a less_seed_ms=n/a sou_open_ms=n/a less_sou_ms=n/a
sou_end_ms=n/a less_sou_end_ms=n/a sou_next_ms=n/a less_next_ms=n/a
rss_kallelse_kb=n/a rss_less_kb=n/a
if [ ! -x "$tools/bench_pty" ]; then
	echo "- Screen figures: bench_pty is not built (needs tests/pty.c and libvterm-dev)." >>"$out/notes.txt"
fi
