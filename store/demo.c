/* PLACEHOLDER: replaced by the demo content (issue 2). */
#include "config.h"
#include "demo.h"
bool demo_packet(int index, struct packet *out) { (void)index; (void)out; return false; }
