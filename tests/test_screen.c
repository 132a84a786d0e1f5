/*
 * Screen tests: the real kallelse binary in a pseudo-terminal at a fixed
 * size, on a database made by importing the seed packet with the real
 * binary; the screen is read back through libvterm and compared row by
 * row (å ä ö included). Every wait has a deadline. Runs in C.UTF-8 and in
 * a Swedish locale generated into a test-local folder with localedef.
 */
#include "config.h"

#include "screen_test.h"
#include "testutil.h"

/* ---- tests ---- */

START_TEST(test_item_15_proposal)
{
	struct pty *p = start(30, 100, false);

	open_item_15(p);
	expect_row(p, 1, " Övergångsregler enligt SKR:s tandvårdsnätverks vägledning i proposition 2023/24:158");
	expect_row(p, 3, " Item         15");
	expect_row(p, 4, " Case number  RJL 2024/3942");
	expect_row(p, 5, " Time         16.05–16.10");
	expect_row(p, 6, " Presenters   Anette Peterson, hälso- och sjukvårdsstrateg");
	expect_row(p, 9, " Proposed decision (tjänsteskrivelse)");
	expect_row(p, 10, "   Nämnd för folkhälsa och sjukvård föreslår regionfullmäktige att");
	expect_row(p, 11, "   • godkänna förslag till övergångsregler enligt SKR:s tandvårdsnätverks vägledning i proposition");
	expect_row(p, 12, "     2023/24:158, med Region Jönköpings läns anpassning.");
	expect_row(p, 14, " Decision of the presidium (§ 136)");
	expect_row(p, 17, " Documents (3)");
	quit(p);
}
END_TEST

/* No LANG at all (the C locale): å ä ö are still drawn, and columns hold. */
START_TEST(test_c_locale)
{
	struct pty *p = start_env(30, 100, false, "LC_ALL=C");

	expect_row(p, 0, bar(100, " kallelse: Agenda: Nämnd för folkhälsa och sjukvård 2024-12-10",
	    "? help  q back  Q quit"));
	open_item_15(p);
	expect_row(p, 1, " Övergångsregler enligt SKR:s tandvårdsnätverks vägledning i proposition 2023/24:158");
	expect_row(p, 6, " Presenters   Anette Peterson, hälso- och sjukvårdsstrateg");
	expect_row(p, 11, "   • godkänna förslag till övergångsregler enligt SKR:s tandvårdsnätverks vägledning i proposition");
	quit(p);
}
END_TEST

START_TEST(test_item_15_documents_search)
{
	struct pty *p = start(30, 100, false);
	int r, c;

	open_item_15(p);
	/* The tjänsteskrivelse: it has SKR's guidance and the word. */
	r = walk_to(p, "tjänsteskrivelse  Övergångsregler");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, " kallelse: Document: Övergångsregler enligt SKR:s tandvårdsnätverks vägl… <F1> help  q back  Q quit");
	expect_row(p, 1, " TJÄNSTESKRIVELSE");
	press_line(p, "/tandreglering");
	/* The status line, not the prompt that still reads "/tandreglering". */
	expect_text(p, " of 77  /tandreglering");
	r = expect_text(p, "o tandreglering när apparatur utlämnats.");
	c = pty_find_col(p, r, "tandreglering");
	ck_assert_int_gt(c, 0);
	/* The current match stands out in reverse video; the text around it does not. */
	if (!pty_wait_reverse(p, r, c, WAIT_MS))
		fail_screen(p, "the match at row %d col %d is not highlighted", r, c);
	ck_assert(!pty_reverse(p, r, c - 2));
	press_char(p, 'n');
	r = expect_text(p, "o tandreglering, när tänder extraherats inför ortodontibehandling");
	c = pty_find_col(p, r, "tandreglering");
	if (!pty_wait_reverse(p, r, c, WAIT_MS))
		fail_screen(p, "the next match at row %d col %d is not highlighted", r, c);
	/* N goes back to the first match. */
	press_char(p, 'N');
	r = expect_text(p, "o tandreglering när apparatur utlämnats.");
	c = pty_find_col(p, r, "tandreglering");
	if (!pty_wait_reverse(p, r, c, WAIT_MS))
		fail_screen(p, "N did not go back to the first match (row %d col %d)", r, c);
	/* Back to the item, then SKR's guidance itself (the bilaga). */
	press_char(p, 'q');
	r = walk_to(p, "bilaga            SKR:s");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, " kallelse: Document: SKR:s tandvårdsnätverks vägledning gällande övergån… <F1> help  q back  Q quit");
	expect_row(p, 1, " SKR:s tandvårdsnätverks vägledning gällande övergångsregler enligt proposition 2023/24:158");
	pty_type(p, "/avgiftsfri tandvård till unga");
	press_key(p, VTERM_KEY_ENTER);
	/* The reading model puts a blank line under the heading: the match is on row 13. */
	expect_row(p, 13, " avgiftsfri tandvård till unga vuxna tas bort.");
	if (!pty_wait_reverse(p, 13, 1, WAIT_MS))
		fail_screen(p, "the match on row 13 is not highlighted");
	quit(p);
}
END_TEST

START_TEST(test_global_search)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	press_char(p, '/');
	expect_text(p, "Search all meetings:");
	pty_type(p, "anhörigkontakt");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, " kallelse: Search: anhörigkontakt                                            ? help  q back  Q quit");
	expect_row(p, 1, " 2024-12-10  Nämnd för folkhälsa och sjukvård");
	expect_row(p, 2, "   Item 18: Stärkt stöd till anhöriga – Ett mer ändamålsenligt stöd till barn och vuxna som är anhö…");
	expect_row(p, 3, "      Socialnämnden ska erbjuda en anhörigkontakt för anhöriga");
	ck_assert(pty_wait_reverse(p, 2, 5, WAIT_MS));
	press_key(p, VTERM_KEY_ENTER);
	/* The SOU of item 18, at the match. */
	expect_row(p, 0, " kallelse: Document: Stärkt stöd till anhöriga – Ett mer ändamålsenligt … <F1> help  q back  Q quit");
	expect_row(p, 1, " Socialnämnden ska erbjuda en anhörigkontakt för anhöriga med ett särskilt behov av stöd");
	ck_assert(pty_wait_reverse(p, 1, pty_find_col(p, 1, "anhörigkontakt"), WAIT_MS));
	expect_text(p, "Line 149 of 9030  /anhörigkontakt");
	quit(p);
}
END_TEST

/*
 * The first screenful of hits is drawn before they are counted; the count
 * and the rest of the hits follow while no key is waiting. "sjukvård" has
 * 41 hits in the seed, more than the first page of a 30-row terminal.
 */
START_TEST(test_search_count_follows)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	press_char(p, '/');
	expect_text(p, "Search all meetings:");
	pty_type(p, "sjukvård");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 1, " 2024-12-10  Nämnd för folkhälsa och sjukvård");
	expect_row(p, 29, bar(100, " 41 hits", "1/41"));
	press_char(p, 'G');
	expect_row(p, 29, bar(100, " 41 hits", "41/41"));
	expect_text(p, "Delegeringsbeslut");
	quit(p);
}
END_TEST

START_TEST(test_resize)
{
	struct pty *p = start(30, 100, false);
	int r;

	expect_row(p, 0, agenda_title);
	r = walk_to(p, "   15  16.05–16.10");
	(void)r;
	pty_resize(p, 20, 60);
	expect_row(p, 0, " kallelse: Agenda: Nämnd för folkhä… ? help  q back  Q quit");
	expect_row(p, 19, " 2024-12-10 13.00, Spira, Insikten                    11/30");
	r = pty_find_row(p, "Övergångsregler");
	ck_assert_int_ge(r, 1);
	ck_assert(pty_wait_reverse(p, r, 10, WAIT_MS));
	/* Too small: a message until it grows. */
	pty_resize(p, 8, 30);
	expect_row(p, 0, " The terminal is 30x8;");
	expect_row(p, 1, " kallelse needs at least");
	pty_resize(p, 30, 100);
	expect_row(p, 0, agenda_title);
	expect_row(p, 29, bar(100, " 2024-12-10 13.00, Spira, Insikten", "11/30"));
	quit(p);
}
END_TEST

START_TEST(test_help)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	press_char(p, '?');
	expect_row(p, 0, " kallelse: Help: Agenda: Nämnd för folkhälsa och sjukvård 2024-12-10         ? help  q back  Q quit");
	expect_row(p, 1, " Keys in this view");
	expect_row(p, 2, "   <Up> k <C-p>                Move up one line");
	expect_row(p, 3, "   <Down> j <C-n>              Move down one line");
	expect_row(p, 4, "   <PageUp> b <C-b>            Move up one screen");
	expect_row(p, 5, "   <PageDown> <Space> f <C-f>  Move down one screen");
	expect_row(p, 8, "   <Enter> l <Right>           Open the selected meeting, item or document");
	expect_row(p, 9, "   q h <Left> <Backspace>      Go back to the previous view");
	expect_row(p, 10, "   Q                           Quit kallelse from any view");
	expect_row(p, 11, "   / s                         Search all meetings and documents");
	expect_row(p, 12, "   m                           Mark or unmark the item for discussion");
	expect_row(p, 13, "   M                           Add or edit the comment of your mark");
	expect_row(p, 14, "   K                           List the items marked for discussion");
	expect_row(p, 17, "   <Tab>                       Go to the next item or document with something unread");
	expect_row(p, 19, "   p                           Show the agenda as it will be printed, with its checks");
	expect_row(p, 20, "   S                           Sync from the remembered source (kallelse sync SOURCE once first)");
	expect_row(p, 21, "   ? <F1>                      Show the keys of this view");
	expect_row(p, 25, "   *                           marked for discussion");
	expect_row(p, 27, "   C                           changed since it was read (ändrad)");
	press_char(p, 'q');
	expect_row(p, 0, agenda_title);
	quit(p);
}
END_TEST

START_TEST(test_quit_restores_terminal)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	ck_assert(pty_altscreen(p));
	pty_char(p, 'Q');
	ck_assert_int_eq(pty_wait_exit(p, WAIT_MS), 0);
	ck_assert(!pty_altscreen(p));
	ck_assert(pty_cursor_visible(p));
	pty_free(p);
}
END_TEST

START_TEST(test_sigterm_restores_terminal)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	pty_signal(p, SIGTERM);
	ck_assert_int_eq(pty_wait_exit(p, WAIT_MS), 128 + SIGTERM);
	ck_assert(!pty_altscreen(p));
	ck_assert(pty_cursor_visible(p));
	pty_free(p);
}
END_TEST

START_TEST(test_reading_position)
{
	struct pty *p = start(30, 100, false);
	char status[4096], wanted[64];
	unsigned line = 0;

	open_item_15(p);
	walk_to(p, "tjänsteskrivelse  Övergångsregler");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, "Line 1 of 77");
	press_char(p, ' ');
	expect_text(p, "Line ");
	ck_assert(pty_wait_gone(p, "Line 1 of 77", WAIT_MS));
	pty_row(p, 29, status, sizeof status);
	ck_assert_int_eq(sscanf(status, " Line %u of 77", &line), 1);
	ck_assert_int_gt(line, 1);
	/*
	 * Leave the document and open it again: it opens where it was left.
	 * Each wait is for what only the new view shows (the item's title, then
	 * the pager's), never for the old pager's status line.
	 */
	press_char(p, 'q');
	expect_text(p, " kallelse: Item 15: ");
	expect_text(p, "Documents (3)");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Document: ");
	snprintf(wanted, sizeof wanted, "Line %u of 77", line);
	expect_text(p, wanted);
	press_char(p, 'G');
	expect_text(p, "100%");
	press_char(p, 'g');
	expect_text(p, "Line 1 of 77");
	quit(p);
}
END_TEST

START_TEST(test_wide_preview)
{
	struct pty *p = start(40, 150, false);
	int r;

	expect_text(p, "Agenda: Nämnd för folkhälsa och sjukvård 2024-12-10");
	r = walk_to(p, "   15  16.05–16.10");
	(void)r;
	/* The item's detail stands beside the agenda. */
	expect_text(p, "│ Övergångsregler enligt SKR:s tandvårdsnätverks vägledning i");
	expect_text(p, "│   • godkänna förslag till övergångsregler enligt SKR:s");
	expect_text(p, "│ Proposed decision (tjänsteskrivelse)");
	quit(p);
}
END_TEST

START_TEST(test_swedish)
{
	struct pty *p = start(30, 100, true);
	int r;

	expect_row(p, 0, bar(100, " kallelse: Dagordning: Nämnd för folkhälsa och sjukvård 2024-12-10",
	    "? hjälp  q tillbaka  Q avsluta"));
	press_char(p, 'q');
	expect_row(p, 0, bar(100, " kallelse: Sammanträden", "? hjälp  q avsluta"));
	expect_row(p, 1, " Datum       Tid    Organ                                        Ärenden  Olästa ärenden  Markerade");
	expect_row(p, 2, " Tidigare");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, bar(100, " kallelse: Dagordning: Nämnd för folkhälsa och sjukvård 2024-12-10",
	    "? hjälp  q tillbaka  Q avsluta"));
	r = walk_to(p, "   15  16.05–16.10");
	(void)r;
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 3, " Ärende        15");
	expect_row(p, 4, " Diarienummer  RJL 2024/3942");
	expect_row(p, 9, " Förslag till beslut (tjänsteskrivelse)");
	expect_row(p, 11, "   • godkänna förslag till övergångsregler enligt SKR:s tandvårdsnätverks vägledning i proposition");
	expect_row(p, 14, " Presidiets beslut (§ 136)");
	expect_row(p, 17, " Handlingar (3)");
	press_char(p, '?');
	expect_row(p, 1, " Tangenter i den här vyn");
	expect_text(p, "Flytta ned en rad");
	press_char(p, 'q');
	press_char(p, 'q');
	press_char(p, '/');
	expect_text(p, "Sök i alla sammanträden:");
	pty_type(p, "anhörigkontakt");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 0, bar(100, " kallelse: Sök: anhörigkontakt", "? hjälp  q tillbaka  Q avsluta"));
	expect_row(p, 1, " 2024-12-10  Nämnd för folkhälsa och sjukvård");
	expect_row(p, 2, "   Ärende 18: Stärkt stöd till anhöriga – Ett mer ändamålsenligt stöd till barn och vuxna som är an…");
	expect_row(p, 29, bar(100, " 1 träff", "1/1"));
	quit(p);
}
END_TEST

START_TEST(test_mouse)
{
	struct pty *p = start(30, 100, false);

	expect_row(p, 0, agenda_title);
	press_char(p, 'q');
	expect_row(p, 0, " kallelse: Meetings                                                                  ? help  q quit");
	/* Double click on the meeting opens it. */
	pty_double_click(p, 3, 20);
	expect_row(p, 0, agenda_title);
	/* A click selects item 15 (row 14, below the Paus row); the cursor follows. */
	pty_click(p, 14, 40);
	if (!pty_wait_reverse(p, 14, 10, WAIT_MS))
		fail_screen(p, "a click on row 14 did not select it");
	ck_assert(!pty_reverse(p, 1, 10));
	expect_row(p, 29, bar(100, " 2024-12-10 13.00, Spira, Insikten", "11/30"));
	pty_double_click(p, 14, 40);
	expect_row(p, 0, " kallelse: Item 15: Övergångsregler enligt SKR:s tandvårdsnätverks vägledni… ? help  q back  Q quit");
	press_char(p, 'q');
	expect_row(p, 0, agenda_title);
	/* The wheel moves the selection three rows at a time. */
	pty_wheel(p, 10, 40, false);
	expect_row(p, 29, bar(100, " 2024-12-10 13.00, Spira, Insikten", "14/30"));
	quit(p);
}
END_TEST

START_TEST(test_user_keys)
{
	char cfg[4300], dir[4400], path[4500], env[4400];
	FILE *f;
	struct pty *p;

	/* The user's key file, read by the same parser as the defaults. */
	snprintf(cfg, sizeof cfg, "%s/cfg-%d", tmp, (int)getpid());
	snprintf(dir, sizeof dir, "mkdir -p '%s/kallelse'", cfg);
	ck_assert_int_eq(system(dir), 0);
	snprintf(path, sizeof path, "%s/kallelse/keys", cfg);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("# mine\nbind generic x quit\nbind agenda <Down> move-up\nbind generic y frobnicate\n", f);
	fclose(f);
	snprintf(env, sizeof env, "XDG_CONFIG_HOME=%s", cfg);
	p = start_env(30, 100, false, env);
	expect_text(p, "keys:4: unknown action 'frobnicate'");
	expect_row(p, 0, agenda_title);
	press_char(p, 'j');
	expect_row(p, 29, bar(100, " 2024-12-10 13.00, Spira, Insikten", "2/30"));
	/* Down is rebound in the agenda only: it moves up now. */
	press_key(p, VTERM_KEY_DOWN);
	expect_row(p, 29, bar(100, " 2024-12-10 13.00, Spira, Insikten", "1/30"));
	press_char(p, '?');
	expect_text(p, "   <Up> k <C-p> <Down>         Move up one line");
	expect_text(p, "   Q x                         Quit kallelse from any view");
	pty_char(p, 'x');
	ck_assert_int_eq(pty_wait_exit(p, WAIT_MS), 0);
	ck_assert(!pty_altscreen(p));
	pty_free(p);
}
END_TEST

START_TEST(test_no_color)
{
	struct pty *p = start_env(30, 100, false, "NO_COLOR=1");

	expect_row(p, 0, agenda_title);
	press_char(p, 'q');
	expect_row(p, 0, " kallelse: Meetings                                                                  ? help  q quit");
	/* Without colour the bars and the selection are reverse video. */
	ck_assert(pty_wait_reverse(p, 0, 3, WAIT_MS));
	ck_assert(pty_wait_reverse(p, 29, 3, WAIT_MS));
	ck_assert(pty_wait_reverse(p, 3, 5, WAIT_MS));
	ck_assert(!pty_reverse(p, 2, 5));
	quit(p);
}
END_TEST

START_TEST(test_unsafe_text)
{
	struct pty *p = start(30, 100, false);
	char file[4400], *out = NULL, *err = NULL;
	const char *args[] = { "--db", db, "import", "--meeting", "2024-12-10", "--item", "15",
		file, NULL };
	FILE *f;
	int r;

	/* A document with wide characters, combining marks, escape sequences,
	 * invalid bytes and a bidi override, attached while the program runs. */
	snprintf(file, sizeof file, "%s/odd-%d.txt", tmp, (int)getpid());
	f = fopen(file, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("Bredd och styrtecken\n\n", f);
	for (int i = 0; i < 6; i++)
		fputs("Det här är en vanlig svensk text om tandvård och sjukvård som späder ut de "
		    "udda tecknen så att importen godtar filen. ", f);
	fputs("\n\n漢字と日本語|\n\ne\xcc\x81" "e\xcc\x81" "e\xcc\x81|\n\n\x1b[31mröd\x1b[0m|\n\n"
	    "bad \xff bytes|\n\n\xe2\x80\xae RTL override|\n\ntab\there|\n", f);
	fclose(f);
	expect_row(p, 0, agenda_title);
	r = tu_run(args, &out, &err);
	ck_assert_msg(r == 0, "attach failed: %s%s", out ? out : "", err ? err : "");
	free(out);
	free(err);
	walk_to(p, "   15  16.05–16.10");
	press_key(p, VTERM_KEY_ENTER);
	walk_to(p, "Bredd och styrtecken");
	press_key(p, VTERM_KEY_ENTER);
	expect_row(p, 1, " Bredd och styrtecken");
	/* The reading model reads each lower-case line as going on from the one
	 * before: two of the short paragraphs to a row. */
	expect_row(p, 12, " 漢字と日本語| ééé|");
	/* Six wide characters take twelve columns: the bar lines up after them;
	 * the combining accents take none. */
	ck_assert_int_eq(pty_find_col(p, 12, "|"), 13);
	ck_assert_int_eq(pty_find_col(p, 12, "é|"), 17);
	/* The escape sequence shows as text instead of colouring the screen. */
	expect_row(p, 14, " ^[[31mröd^[[0m| bad \xef\xbf\xbd bytes|");
	expect_row(p, 16, " <U+202E> RTL override| tab here|");
	quit(p);
}
END_TEST

START_TEST(test_demo_confidential)
{
	static char home[4300], cache[4400];
	const char *argv[] = { tu_bin(), "--demo", NULL };
	const char *env[] = { home, cache, "XDG_CONFIG_HOME=", "LANGUAGE=", "NO_COLOR=", NULL };
	struct pty *p;
	int r;

	/* The demo board has a confidential item: a character marks it, not colour alone. */
	snprintf(home, sizeof home, "HOME=%s", tmp);
	snprintf(cache, sizeof cache, "XDG_CACHE_HOME=%s/cache-%d", tmp, (int)getpid());
	p = pty_spawn(30, 100, argv, env);
	ck_assert_ptr_nonnull(p);
	/* It opens on the demo meeting's agenda. */
	expect_text(p, " kallelse: Agenda: Demonämnden");
	r = expect_text(p, "(confidential)");
	ck_assert_int_eq(pty_find_col(p, r, "!"), 4);
	walk_to(p, "(confidential)");
	press_key(p, VTERM_KEY_ENTER);
	expect_text(p, " kallelse: Item");
	expect_text(p, " Confidential: not for the public");
	quit(p);
}
END_TEST

START_TEST(test_mark)
{
	struct pty *p = start_as(30, 100, false, NULL, "Thomas Gustafsson");
	char row3[4096];
	size_t len;
	int r;

	expect_row(p, 0, agenda_title);
	press_char(p, 'q');
	expect_row(p, 0, " kallelse: Meetings                                                                  ? help  q quit");
	expect_text(p, " 2024-12-10  13.00  Nämnd för folkhälsa och sjukvård                       15 ");
	/* The unread count is the importer's business; the marked count, last, is ours. */
	pty_row(p, 3, row3, sizeof row3);
	len = strlen(row3);
	ck_assert_msg(len > 0 && row3[len - 1] == '0', "row 3: '%s'", row3);
	row3[len - 1] = '1';
	press_key(p, VTERM_KEY_ENTER);
	r = walk_to(p, "   15  16.05–16.10");
	press_char(p, 'm');
	expect_row(p, 29, bar(100, " Item 15 marked for discussion", "11/30"));
	expect_row(p, r, " *N    15  16.05–16.10  TG  Övergångsregler enligt SKR:s tandvårdsnätverks…  Anette Peterson");
	/* The meetings list counts it when we come back. */
	press_char(p, 'q');
	expect_row(p, 3, row3);
	press_key(p, VTERM_KEY_ENTER);
	r = walk_to(p, "   15  16.05–16.10");
	press_char(p, 'm');
	expect_row(p, 29, bar(100, " Mark removed from item 15", "11/30"));
	expect_row(p, r, "  N    15  16.05–16.10  Övergångsregler enligt SKR:s tandvårdsnätverks väg…  Anette Peterson");
	quit(p);
}
END_TEST

static Suite *
screen_suite(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("seed");

	tcase_add_unchecked_fixture(tc, setup_all, teardown_all);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_item_15_proposal);
	tcase_add_test(tc, test_item_15_documents_search);
	tcase_add_test(tc, test_global_search);
	tcase_add_test(tc, test_search_count_follows);
	tcase_add_test(tc, test_resize);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_quit_restores_terminal);
	tcase_add_test(tc, test_sigterm_restores_terminal);
	tcase_add_test(tc, test_reading_position);
	tcase_add_test(tc, test_wide_preview);
	tcase_add_test(tc, test_swedish);
	tcase_add_test(tc, test_mouse);
	tcase_add_test(tc, test_user_keys);
	tcase_add_test(tc, test_no_color);
	tcase_add_test(tc, test_unsafe_text);
	tcase_add_test(tc, test_demo_confidential);
	tcase_add_test(tc, test_mark);
	tcase_add_test(tc, test_c_locale);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed;

	failed = tu_run_suite(screen_suite(), CK_NORMAL);
	return failed ? 1 : 0;
}
