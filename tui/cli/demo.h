/* The demo content: a fictitious board written for kallelse, in Swedish. */
#ifndef KALLELSE_DEMO_H
#define KALLELSE_DEMO_H

#include <stdbool.h>

#include "packet.h"

/*
 * Fill *out (zeroed by the caller) with demo meeting number index (from 0)
 * and return true, or return false past the last one. packet_free it.
 */
bool demo_packet(int index, struct packet *out);

#endif
