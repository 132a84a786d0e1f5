/*
 * The user's Ed25519 key pair (libsodium): made on first use, kept in the
 * user's data folder with mode 0600, never printed. Signatures carry a
 * purpose prefix, so a signed manifest can never be passed off as a
 * signed marks file or the other way round.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sha256.h"
#include "sync_internal.h"
#include "xmalloc.h"

#define KEY_HEADER "kallelse-ed25519-secret-v1\n"

char *
sync_data_dir(void)
{
	const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (x && *x == '/')
		return xasprintf("%s/kallelse", x);
	return xasprintf("%s/.local/share/kallelse", home && *home ? home : ".");
}

static bool
sodium_ready(void)
{
	static int done;

	if (!done)
		done = sodium_init() >= 0 ? 1 : -1;
	return done == 1;
}

void
sync_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

bool
sync_unhex(const char *s, unsigned char *b, size_t n)
{
	if (s == NULL || strlen(s) != 2 * n)
		return false;
	for (size_t i = 0; i < 2 * n; i++) {
		char c = s[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (v < 0)
			return false;
		if (i % 2 == 0)
			b[i / 2] = (unsigned char)(v << 4);
		else
			b[i / 2] |= (unsigned char)v;
	}
	return true;
}

void
sync_key_hex(const unsigned char pk[SYNC_PK_BYTES], char out[65])
{
	sync_hex(pk, SYNC_PK_BYTES, out);
}

bool
sync_key_parse(const char *hex, unsigned char pk[SYNC_PK_BYTES])
{
	return sync_unhex(hex, pk, SYNC_PK_BYTES);
}

void
sync_fingerprint(const unsigned char pk[SYNC_PK_BYTES], char out[20])
{
	char hex[65];
	size_t o = 0;

	store_sha256_bytes_hex(pk, SYNC_PK_BYTES, hex);
	for (int i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

enum status
sync_key_load(struct sync_key *k, bool create, bool *created, char **err)
{
	char *dir = sync_data_dir(), *path = xasprintf("%s/signing.key", dir);
	char *data = NULL, buf[sizeof KEY_HEADER + 2 * SYNC_SK_BYTES + 2];
	size_t len = 0;
	enum status st;

	*err = NULL;
	if (created)
		*created = false;
	if (!sodium_ready()) {
		*err = xstrdup(_("libsodium could not start"));
		st = STATUS_INTERNAL;
		goto out;
	}
	st = sync_read_file(path, 4096, &data, &len, err);
	if (st == STATUS_OK) {
		char hex[2 * SYNC_SK_BYTES + 1];
		size_t hl = strlen(KEY_HEADER);

		if (len < hl + 2 * SYNC_SK_BYTES || memcmp(data, KEY_HEADER, hl) != 0) {
			st = STATUS_BAD_INPUT;
			goto bad;
		}
		memcpy(hex, data + hl, 2 * SYNC_SK_BYTES);
		hex[2 * SYNC_SK_BYTES] = '\0';
		if (!sync_unhex(hex, k->sk, SYNC_SK_BYTES) ||
		    crypto_sign_ed25519_sk_to_pk(k->pk, k->sk) != 0) {
			st = STATUS_BAD_INPUT;
			goto bad;
		}
		sodium_memzero(hex, sizeof hex);
		goto out;
bad:
		*err = xasprintf(_("%s is not a kallelse signing key; move it away to make a new one"),
		    path);
		goto out;
	}
	if (st != STATUS_NOT_FOUND || !create)
		goto out;
	free(*err);
	*err = NULL;
	if ((st = sync_mkdirs(dir, err)) != STATUS_OK)
		goto out;
	chmod(dir, 0700);
	crypto_sign_keypair(k->pk, k->sk);
	memcpy(buf, KEY_HEADER, strlen(KEY_HEADER));
	sync_hex(k->sk, SYNC_SK_BYTES, buf + strlen(KEY_HEADER));
	strcat(buf, "\n");
	{
		/* 0600 from the start: the secret never sits in a file others may read. */
		mode_t old = umask(077);

		st = sync_write_atomic(path, buf, strlen(buf), err);
		umask(old);
	}
	sodium_memzero(buf, sizeof buf);
	if (st == STATUS_OK && created)
		*created = true;
out:
	if (data) {
		sodium_memzero(data, len);
		free(data);
	}
	free(path);
	free(dir);
	return st;
}

/* purpose-prefixed message: "kallelse-<purpose>-v1\n" + data. */
static unsigned char *
message(const char *purpose, const void *data, size_t len, size_t *mlen)
{
	char *head = xasprintf("kallelse-%s-v1\n", purpose);
	size_t hl = strlen(head);
	unsigned char *m = xmalloc(hl + len + 1);

	memcpy(m, head, hl);
	if (len)
		memcpy(m + hl, data, len);
	*mlen = hl + len;
	free(head);
	return m;
}

void
sync_sign(const struct sync_key *k, const char *purpose, const void *data, size_t len,
    unsigned char sig[SYNC_SIG_BYTES])
{
	size_t mlen;
	unsigned char *m = message(purpose, data, len, &mlen);

	sodium_ready();
	crypto_sign_detached(sig, NULL, m, mlen, k->sk);
	free(m);
}

bool
sync_verify(const unsigned char pk[SYNC_PK_BYTES], const char *purpose, const void *data,
    size_t len, const unsigned char sig[SYNC_SIG_BYTES])
{
	size_t mlen;
	unsigned char *m = message(purpose, data, len, &mlen);
	bool ok;

	sodium_ready();
	ok = crypto_sign_verify_detached(sig, m, mlen, pk) == 0;
	free(m);
	return ok;
}
