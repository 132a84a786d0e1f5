/* PLACEHOLDER: replaced by the import work (issue 4). */
#include "config.h"
#include "cli.h"
int
cmd_import(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	cli_error("import is not built yet");
	return 1;
}
