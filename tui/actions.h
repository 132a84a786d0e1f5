/*
 * The one action table (tig's REQ_ table, neomutt's OP_ list). Each
 * entry: enum suffix, the name used in key files, the help text. The
 * enum, the key file parser, the help view and the man page's key list
 * (help/gen-keys) are all generated from it, so they cannot drift apart.
 * No curses here: help/gen-keys includes it too.
 */
#ifndef KALLELSE_ACTIONS_H
#define KALLELSE_ACTIONS_H

#include "i18n.h"

#define ACTIONS(_) \
	_(NONE,        "none",          N_("Do nothing (unbinds a key)")) \
	_(MOVE_UP,     "move-up",       N_("Move up one line")) \
	_(MOVE_DOWN,   "move-down",     N_("Move down one line")) \
	_(PAGE_UP,     "page-up",       N_("Move up one screen")) \
	_(PAGE_DOWN,   "page-down",     N_("Move down one screen")) \
	_(FIRST,       "first",         N_("Go to the first line")) \
	_(LAST,        "last",          N_("Go to the last line")) \
	_(OPEN,        "open",          N_("Open the selected meeting, item or document")) \
	_(BACK,        "back",          N_("Go back to the previous view")) \
	_(QUIT,        "quit",          N_("Quit kallelse from any view")) \
	_(SEARCH,      "search",        N_("Search all meetings and documents")) \
	_(FIND,        "find",          N_("Find text forward in this document")) \
	_(FIND_BACK,   "find-back",     N_("Find text backward in this document")) \
	_(FIND_NEXT,   "find-next",     N_("Go to the next match")) \
	_(FIND_PREV,   "find-prev",     N_("Go to the previous match")) \
	_(SCROLL_LEFT, "scroll-left",   N_("Scroll wide tables left (back when not scrolled)")) \
	_(SCROLL_RIGHT, "scroll-right", N_("Scroll wide tables right")) \
	_(GOTO_PAGE,   "goto-page",     N_("Go to a page of the original")) \
	_(CONTENTS,    "contents",      N_("List the document's headings; Enter goes to one")) \
	_(ORIGINAL,    "open-original", N_("Open the original PDF at the page on screen")) \
	_(NEXT_ITEM,   "next-item",     N_("Show the next agenda item")) \
	_(PREV_ITEM,   "prev-item",     N_("Show the previous agenda item")) \
	_(MARK,        "mark",          N_("Mark or unmark the item for discussion")) \
	_(MARK_COMMENT, "mark-comment", N_("Add or edit the comment of your mark")) \
	_(MARKS,       "marks",         N_("List the items marked for discussion")) \
	_(NOTE_ADD,    "note-add",      N_("Add a private note here")) \
	_(NOTES,       "notes",         N_("List your private notes")) \
	_(EDIT,        "edit",          N_("Edit the selected note")) \
	_(DELETE,      "delete",        N_("Delete the selected note")) \
	_(TOGGLE_READ, "toggle-read",   N_("Mark the document read or unread")) \
	_(NEXT_CHANGE, "next-change",   N_("Go to the next paragraph changed since you read the document")) \
	_(NEXT_UNREAD, "next-unread",   N_("Go to the next item or document with something unread")) \
	_(JUMP,        "jump",          N_("Go to the agenda item with the number typed")) \
	_(JUMP_BACK,   "jump-back",     N_("Go back to where the last jump or search came from (press twice)")) \
	_(PREVIEW,     "print-preview", N_("Show the agenda as it will be printed, with its checks")) \
	_(ZOOM,        "zoom",          N_("Fit the page to the width, or show it at actual size")) \
	_(SYNC,        "sync",          N_("Sync from the remembered source (kallelse sync SOURCE once first)")) \
	_(HELP,        "help",          N_("Show the keys of this view")) \
	_(REFRESH,     "refresh",       N_("Redraw the screen"))

enum action {
#define ACTION_ENUM_(id, name, help) ACTION_##id,
	ACTIONS(ACTION_ENUM_)
#undef ACTION_ENUM_
	ACTION__COUNT
};

#endif
