/*
 * Unit tests for the key bindings (tui/keys.c): the parser the defaults
 * and the user's file share, key names both ways, and which binding wins.
 * Table-driven; no terminal needed.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "curses_compat.h"
#include "keys.h"
#include "testutil.h"

static const struct {
	const char *name;	/* as written in a key file */
	int key;
} names[] = {
	{ "j", 'j' },
	{ "<Up>", KEYS_FN | KEY_UP },
	{ "<PageDown>", KEYS_FN | KEY_NPAGE },
	{ "<Enter>", '\n' },
	{ "<Space>", ' ' },
	{ "<Backspace>", KEYS_FN | KEY_BACKSPACE },
	{ "<F1>", KEYS_FN | KEY_F(1) },
	{ "<F12>", KEYS_FN | KEY_F(12) },
	{ "<C-l>", 12 },
	{ "ö", 0xF6 },
	{ "€", 0x20AC },
};

START_TEST(test_key_names)
{
	char buf[32], line[128], *err = NULL;

	/* Each name binds the key it names, and the key prints as that name. */
	snprintf(line, sizeof line, "bind item %s next-item\n", names[_i].name);
	keys_init();
	ck_assert_int_eq(keys_parse(line, "t", &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(keys_lookup(KEYMAP_ITEM, names[_i].key), ACTION_NEXT_ITEM);
	ck_assert_str_eq(keys_name(names[_i].key, buf, sizeof buf), names[_i].name);
}
END_TEST

static const struct {
	const char *line;
	const char *error;	/* substring of the message */
} bad[] = {
	{ "bind generic j", "expected 'bind KEYMAP KEY ACTION'" },
	{ "bind generic j move-down extra", "expected 'bind KEYMAP KEY ACTION'" },
	{ "unbind generic j move-down", "expected 'bind KEYMAP KEY ACTION'" },
	{ "bind pagr j move-down", "unknown keymap 'pagr'" },
	{ "bind generic <Upp> move-down", "unknown key '<Upp>'" },
	{ "bind generic jk move-down", "unknown key 'jk'" },
	{ "bind generic <C-1> move-down", "unknown key '<C-1>'" },
	{ "bind generic j move-sideways", "unknown action 'move-sideways'" },
};

START_TEST(test_bad_lines)
{
	char *err = NULL, line[256];

	keys_init();
	snprintf(line, sizeof line, "# fine\n\nbind generic x quit\n%s\n", bad[_i].line);
	ck_assert_int_eq(keys_parse(line, "keys", &err), 1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, bad[_i].error) != NULL, "'%s' gave '%s'", bad[_i].line, err);
	/* The line number is the fourth line's, and good lines still count. */
	ck_assert_msg(strncmp(err, "keys:4: ", 8) == 0, "'%s'", err);
	ck_assert_int_eq(keys_lookup(KEYMAP_GENERIC, 'x'), ACTION_QUIT);
	free(err);
}
END_TEST

START_TEST(test_precedence)
{
	int keys[8];
	char *err = NULL;

	keys_init();
	/* Defaults as documented. */
	ck_assert_int_eq(keys_lookup(KEYMAP_AGENDA, 'j'), ACTION_MOVE_DOWN);
	ck_assert_int_eq(keys_lookup(KEYMAP_PAGER, '/'), ACTION_FIND);
	ck_assert_int_eq(keys_lookup(KEYMAP_AGENDA, '/'), ACTION_SEARCH);
	ck_assert_int_eq(keys_lookup(KEYMAP_PAGER, '?'), ACTION_FIND_BACK);
	ck_assert_int_eq(keys_lookup(KEYMAP_MEETINGS, '?'), ACTION_HELP);
	ck_assert_int_eq(keys_lookup(KEYMAP_AGENDA, 'z'), ACTION_NONE);
	/* In the pager '/' finds, so only 's' searches all meetings there. */
	ck_assert_int_eq(keys_for(KEYMAP_PAGER, ACTION_SEARCH, keys, 8), 1);
	ck_assert_int_eq(keys[0], 's');
	ck_assert(keys_map_binds(KEYMAP_PAGER, ACTION_FIND));
	ck_assert(!keys_map_binds(KEYMAP_PAGER, ACTION_MOVE_DOWN));
	/* A later line wins; a view's binding wins over a generic one; none unbinds. */
	ck_assert_int_eq(keys_parse("bind generic j move-up\nbind agenda j last\n"
	    "bind generic k none\n", "user", &err), 0);
	ck_assert_int_eq(keys_lookup(KEYMAP_MEETINGS, 'j'), ACTION_MOVE_UP);
	ck_assert_int_eq(keys_lookup(KEYMAP_AGENDA, 'j'), ACTION_LAST);
	ck_assert_int_eq(keys_lookup(KEYMAP_AGENDA, 'k'), ACTION_NONE);
	ck_assert_int_eq(keys_for(KEYMAP_AGENDA, ACTION_MOVE_DOWN, keys, 8), 2);
	ck_assert_int_eq(keys_for(KEYMAP_AGENDA, ACTION_MOVE_UP, keys, 8), 2);
	/* keys_init forgets the user's lines. */
	keys_init();
	ck_assert_int_eq(keys_lookup(KEYMAP_AGENDA, 'j'), ACTION_MOVE_DOWN);
}
END_TEST

START_TEST(test_input)
{
	/* Enter and Backspace arrive in several forms; bindings see one. */
	ck_assert_int_eq(keys_from_input(0, '\r'), '\n');
	ck_assert_int_eq(keys_from_input(1, KEY_ENTER), '\n');
	ck_assert_int_eq(keys_from_input(0, 127), KEYS_FN | KEY_BACKSPACE);
	ck_assert_int_eq(keys_from_input(0, 8), KEYS_FN | KEY_BACKSPACE);
	ck_assert_int_eq(keys_from_input(1, KEY_UP), KEYS_FN | KEY_UP);
	ck_assert_int_eq(keys_from_input(0, 0xE5), 0xE5);
}
END_TEST

START_TEST(test_table_names)
{
	/* Every action and keymap has a distinct name, and every action help text. */
	for (int a = 0; a < ACTION__COUNT; a++) {
		ck_assert(strlen(action_name((enum action)a)) > 0);
		ck_assert(strlen(action_help((enum action)a)) > 0);
		for (int b = 0; b < a; b++)
			ck_assert_str_ne(action_name((enum action)a), action_name((enum action)b));
	}
	for (int m = 0; m < KEYMAP__COUNT; m++)
		ck_assert(strlen(keymap_name((enum keymap)m)) > 0);
}
END_TEST

int
main(void)
{
	int failed;
	Suite *s = suite_create("keys");
	TCase *tc = tcase_create("keys");

	tcase_add_loop_test(tc, test_key_names, 0, (int)(sizeof names / sizeof names[0]));
	tcase_add_loop_test(tc, test_bad_lines, 0, (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, test_precedence);
	tcase_add_test(tc, test_input);
	tcase_add_test(tc, test_table_names);
	suite_add_tcase(s, tc);
	failed = tu_run_suite(s, CK_NORMAL);
	return failed ? 1 : 0;
}
