/* PLACEHOLDER: replaced by the store work (issue 3). */
#include "config.h"
#include "cli.h"
static int
todo(void)
{
	cli_error("not built yet");
	return 1;
}
int cmd_meetings(struct cli *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return todo(); }
int cmd_agenda(struct cli *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return todo(); }
int cmd_show(struct cli *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return todo(); }
int cmd_search(struct cli *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return todo(); }
