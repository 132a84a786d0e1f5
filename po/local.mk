# po/: the Swedish translation of every message (store/ and tui/ alike).
# The catalogue is built into $(builddir)/po/locale so tests can run the
# program in Swedish before it is installed (KALLELSE_LOCALEDIR), and it
# is installed to $(localedir)/sv/LC_MESSAGES/kallelse.mo.
EXTRA_DIST += po/sv.po po/POTFILES

if HAVE_MSGFMT
posvdir = $(localedir)/sv/LC_MESSAGES
nodist_posv_DATA = po/locale/sv/LC_MESSAGES/kallelse.mo
CLEANFILES += po/locale/sv/LC_MESSAGES/kallelse.mo

po/locale/sv/LC_MESSAGES/kallelse.mo: $(srcdir)/po/sv.po
	$(AM_V_GEN)$(MKDIR_P) po/locale/sv/LC_MESSAGES && \
	$(MSGFMT) --check -o $@.tmp $(srcdir)/po/sv.po && mv $@.tmp $@
endif

# Maintainers: collect the messages of the tree (po/POTFILES lists the
# sources) and merge them into po/sv.po.
po-update:
	cd $(srcdir) && xgettext --from-code=UTF-8 --language=C --no-location --keyword=_ --keyword=N_ \
	    --keyword=P_:1,2 --add-comments=TRANSLATORS --package-name=$(PACKAGE) \
	    --package-version=$(VERSION) -o po/kallelse.pot `ls $$(cat po/POTFILES) 2>/dev/null` && \
	    msgmerge --update --backup=none --no-fuzzy-matching po/sv.po po/kallelse.pot && \
	    rm -f po/kallelse.pot
.PHONY: po-update
