/*
 * Unit tests of the shared text module (store/text/text.h), table-driven:
 * one row per case, run with tcase_add_loop_test. The cases live in
 * test_text_*.c by area (text_test.h); this file runs them all, and
 * checks the real packet.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testutil.h"
#include "text_test.h"
#include "text.h"

#define SEED "000_064591761fb2138b.txt"

/* ---- the real packet ------------------------------------------------------- */

START_TEST(test_seed)
{
	size_t len, n, sn;
	char *raw = tu_read_file(tu_seed(SEED), &len);
	enum text_encoding enc;
	char *dec, *sc;
	struct text_line *l;

	ck_assert_ptr_nonnull(raw);
	ck_assert(len > 100000);
	/* The seed is UTF-8, NFC, LF: decoding changes nothing. */
	ck_assert(text_is_utf8(raw, len));
	dec = text_decode(raw, len, &n, &enc);
	ck_assert_int_eq(enc, TEXT_ENC_UTF8);
	ck_assert_uint_eq(n, len);
	ck_assert(memcmp(dec, raw, len) == 0);
	/* Scrubbed: no control byte but \n and \t, the Symbol bullets gone. */
	sc = text_scrub(dec, n, &sn);
	for (size_t k = 0; k < sn; k++) {
		unsigned char c = (unsigned char)sc[k];

		ck_assert_msg(c >= 0x20 || c == '\n' || c == '\t', "control byte 0x%02x at %zu", c, k);
		ck_assert_msg(c != 0x7F, "DEL at %zu", k);
	}
	ck_assert(text_is_utf8(sc, sn));
	ck_assert_ptr_null(memmem(sc, sn, "\xEF\x82\xB7", 3));
	ck_assert_ptr_null(memmem(sc, sn, "\xC2\xAD", 2));
	ck_assert_ptr_nonnull(memmem(sc, sn, "Nämnd för folkhälsa och sjukvård", strlen("Nämnd för folkhälsa och sjukvård")));
	/* Every line of the packet wraps to 40 columns. */
	for (size_t a = 0; a < sn;) {
		const char *e = memchr(sc + a, '\n', sn - a);
		size_t b = e ? (size_t)(e - sc) : sn, k, cnt = text_wrap(sc + a, b - a, 40, &l);

		for (k = 0; k < cnt; k++)
			ck_assert_int_le(l[k].width, 40);
		free(l);
		a = b + 1;
	}
	free(sc);
	free(dec);
	free(raw);
}
END_TEST

static Suite *
text_suite(bool with_seed)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	text_decode_tests(tc);
	text_fold_tests(tc);
	text_collate_tests(tc);
	text_width_tests(tc);
	text_props_tests(tc);
	text_agree_tests(tc);
	suite_add_tcase(s, tc);
	/* A second or two each on a busy machine: more than Check's default time-out. */
	tc = tcase_create("every code point");
	tcase_set_timeout(tc, 60);
	text_fold_every_cp_tests(tc);
	suite_add_tcase(s, tc);
	if (with_seed) {
		TCase *ts = tcase_create("seed");

		tcase_set_timeout(ts, 60);
		tcase_add_test(ts, test_seed);
		suite_add_tcase(s, ts);
	}
	return s;
}

/*
 * Is the seed there? tu_seed exits when it is not (skip locally, failure
 * under CI): ask it in a child so the other tests still run.
 */
static bool
seed_present(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		tu_seed(SEED);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		exit(1);
	if (WEXITSTATUS(status) == 0)
		return true;
	if (WEXITSTATUS(status) == TU_SKIP)
		return false;
	exit(1);
}

int
main(void)
{
	int failed;

	failed = tu_run_suite(text_suite(seed_present()), CK_NORMAL);
	return failed == 0 ? 0 : 1;
}
