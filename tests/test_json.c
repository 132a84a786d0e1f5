/*
 * The JSON writer (store/model/json.c): every character that could drive a
 * terminal or break a parser escaped, nesting and commas right. The output
 * is checked with the minimal validator of json_check.h.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "testutil.h"

/* ---- the JSON writer ---- */

static const struct {
	const char *in;
	const char *out;
} escapes[] = {
	{ "Nämnd för \"folkhälsa\"", "\"Nämnd för \\\"folkhälsa\\\"\"" },
	{ "rad 1\nrad 2\ttab\\", "\"rad 1\\nrad 2\\ttab\\\\\"" },
	{ "esc \x1b[31m del \x7f", "\"esc \\u001b[31m del \\u007f\"" },
	{ "c1 \xc2\x9b sep \xe2\x80\xa8", "\"c1 \\u009b sep \\u2028\"" },
	{ "bidi \xe2\x80\xae \xe2\x81\xa6x", "\"bidi \\u202e \\u2066x\"" },
	{ "marks \xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\"marks \\u200e\\u200f\\u061c\"" },
	{ "bad \xff\xfe byte", "\"bad \\ufffd\\ufffd byte\"" },
	{ "ok \xef\xbf\xbd 1–5 €", "\"ok \xef\xbf\xbd 1–5 €\"" },
	{ "", "\"\"" },
};

START_TEST(test_json_escape)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	json_write_escaped(f, escapes[_i].in, strlen(escapes[_i].in));
	fclose(f);
	ck_assert_str_eq(buf, escapes[_i].out);
	assert_json(buf);
	free(buf);
}
END_TEST

START_TEST(test_json_nesting)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json j;

	json_init(&j, f);
	json_begin_object(&j);
	json_kv_string(&j, "a", NULL);
	json_key(&j, "b");
	json_begin_array(&j);
	json_end_array(&j);
	json_key(&j, "c");
	json_begin_array(&j);
	json_int(&j, -3);
	json_bool(&j, true);
	json_double(&j, 0.5);
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
	fclose(f);
	ck_assert_str_eq(buf, "{\n  \"a\": null,\n  \"b\": [],\n  \"c\": [\n    -3,\n    true,\n"
	    "    0.5\n  ]\n}\n");
	assert_json(buf);
	free(buf);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *su = suite_create("json");
	TCase *tj = tcase_create("json");

	tcase_add_loop_test(tj, test_json_escape, 0, (int)(sizeof escapes / sizeof escapes[0]));
	tcase_add_test(tj, test_json_nesting);
	suite_add_tcase(su, tj);
	return su;
}

int
main(void)
{
	return tu_run_suite(json_suite(), CK_ENV);
}
