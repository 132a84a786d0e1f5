/* PLACEHOLDER: replaced by the TUI work (issue 5). */
#include "config.h"
#include <stdio.h>
#include "cli.h"
int
tui_main(struct cli *c)
{
	(void)c;
	fprintf(stderr, "kallelse: the interactive program is not built yet\n");
	return 1;
}
