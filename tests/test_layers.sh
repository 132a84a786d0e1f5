#!/bin/sh
# The libraries' arrows point down only (ARCHITECTURE.md):
#   tui/cli -> tui (tui.h alone) -> store -> model -> text -> base
#   tui/cli -> import -> model;  reading -> text (no SQLite, no curses);  tui/print -> store (no curses)
# Each library compiles with its own include path, so most wrong arrows do
# not even build; this test says so in words, and also covers what an
# include path cannot: system headers (curses outside tui/, sqlite3.h
# outside store/). Exit 1 and name the file and the include when one is wrong.
srcdir=${srcdir:-.}
cd "$srcdir" || exit 99

# library folder : folders whose headers it may include
allowed() {
	case $1 in
	store/base) echo "store/base" ;;
	store/text) echo "store/text store/base" ;;
	store/model) echo "store/model store/text store/base" ;;
	store/import) echo "store/import store/model store/text store/base" ;;
	store/reading) echo "store/reading store/text store/base" ;;
	store/sync) echo "store/sync store store/model store/text store/base" ;;
	store) echo "store store/model store/text store/base" ;;
	tui/print) echo "tui/print store store/model store/text store/base" ;;
	tui) echo "tui tui/print store store/reading store/model store/text store/base" ;;
	tui/cli) echo "tui/cli tui:tui.h tui/print store/sync store/import store store/reading store/model store/text store/base" ;;
	esac
}
libs="store/base store/text store/model store/import store/reading store/sync store tui/print tui tui/cli"

# Which library folder holds header h ("" when none: a system or generated header).
home_of() {
	for l in $libs; do
		[ -f "$l/$1" ] && { echo "$l"; return; }
	done
}

bad=0 files=0
for lib in $libs; do
	[ -d "$lib" ] || continue
	ok=$(allowed "$lib")
	for f in "$lib"/*.c "$lib"/*.h; do
		[ -f "$f" ] || continue
		files=$((files + 1))
		# Quoted includes: the project's own headers.
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			[ "$h" = config.h ] && continue
			home=$(home_of "$h")
			[ -n "$home" ] || continue
			case " $ok " in
			*" $home "*|*" $home:$h "*) ;;
			*) echo "$f: includes $home/$h: $lib may not use $home"; bad=$((bad + 1)) ;;
			esac
		done
		# System headers: curses only in tui/ itself, sqlite3.h only in store/ itself.
		sys=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/\1/p' "$f")
		for h in $sys; do
			case $h in
			*curses*.h|term.h)
				[ "$lib" = tui ] || { echo "$f: includes <$h>: only tui/ may use curses"; bad=$((bad + 1)); } ;;
			sqlite3.h)
				[ "$lib" = store ] || { echo "$f: includes <$h>: only store/ may use SQLite"; bad=$((bad + 1)); } ;;
			# The big libraries only in their modules (store/base/module.h).
			curl/*|cairo*|pango/*)
				case $f in
				*/http_module.c|*/pdf_module.c) ;;
				*) echo "$f: includes <$h>: only the modules may use libcurl, cairo and pango"; bad=$((bad + 1)) ;;
				esac ;;
			esac
		done
	done
done
[ "$files" -gt 0 ] || { echo "test_layers: no source files found under $srcdir"; exit 1; }
# The program itself never maps libcurl, cairo or pango: each start paid
# for their ~60 libraries before they became modules.
if [ -n "${KALLELSE_BIN:-}" ] && command -v ldd >/dev/null 2>&1; then
	big=$(ldd "$KALLELSE_BIN" 2>/dev/null | grep -E 'libcurl|libcairo|libpango' | awk '{ print $1 }' | tr '\n' ' ')
	if [ -n "$big" ]; then
		echo "$KALLELSE_BIN: linked to $big: they belong in the modules"
		bad=$((bad + 1))
	fi
fi
echo "test_layers: $files files checked, $bad wrong arrows"
[ "$bad" -eq 0 ]
