/*
 * Import entry points: reading a packet file (a PDF goes through
 * pdftotext from poppler-utils), telling text from garbage, and turning
 * the text into a struct packet (the parsing is in import_*.c) or into
 * one attachment document.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__GLIBC__) && defined(__linux__)
#endif

#include "i18n.h"
#include "import.h"
#include "import_internal.h"
#include "sha256.h"
#include "text.h"

#ifndef PDFTOTEXT_PROG
#define PDFTOTEXT_PROG "pdftotext"
#endif

/* The stored hash of the source file; the one SHA-256 of store/sha256.c. */
void
import_sha256_hex(const void *bytes, size_t len, char hex[65])
{
	store_sha256_bytes_hex(bytes, len, hex);
}

/* ---- memory ---- */

/*
 * Importing one packet touches about 12 MB of fresh heap per MB of text
 * (the parse, SQLite's page cache, the FTS5 index being built): one large
 * heap on huge pages (xmalloc_heap_reserve) took the seed's import from
 * 141 to 104 ms on the benchmark machine.
 */
enum { IMPORT_HEAP = 32 << 20 };

/* ---- reading ---- */

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/*
 * The most a packet file, or the text pdftotext gives for one, may hold.
 * The largest real packet seen is a few MB and a ten-year archive 369 MB
 * of text in 440 files; past this it is not a packet (a disk image, a
 * never-ending stream), and reading it would only run out of memory.
 */
#define IMPORT_MAX_BYTES ((size_t)512 << 20)

/*
 * Read fd to its end into a fresh buffer, at most max bytes; STATUS_OK,
 * STATUS_BAD_INPUT when there was more than max (nothing kept), or
 * STATUS_IO with errno set.
 */
static enum status
read_all(int fd, size_t max, char **bytes, size_t *len)
{
	struct buf b = { 0 };
	struct stat sb;
	ssize_t r;

	/* A regular file is read straight into one buffer of its size (+ room
	 * to see the end); pipes and growing files grow it as needed, up to
	 * one byte past max so that "more than max" can be seen. */
	b.cap = 65536;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    (uintmax_t)sb.st_size <= max)
		b.cap = (size_t)sb.st_size + 4096;
	b.data = xmalloc(b.cap);
	for (;;) {
		if (b.cap - b.len < 4096) {
			b.cap = b.cap > max / 2 ? max + 4096 : b.cap * 2;
			b.data = xrealloc(b.data, b.cap);
		}
		r = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			buf_free(&b);
			return STATUS_IO;
		}
		b.len += (size_t)r;
		if (b.len > max) {
			buf_free(&b);
			return STATUS_BAD_INPUT;
		}
	}
	b.data[b.len] = '\0';
	*bytes = buf_detach(&b, len);
	return STATUS_OK;
}

/* The message for a path that is there but is no regular file. Caller frees. */
static char *
not_a_file(const char *path, mode_t mode)
{
	if (S_ISDIR(mode))
		return xasprintf(_("%s is a folder, not a file: give the packet's PDF or text file"),
		    path);
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return xasprintf(_("%s is a device, not a file: give the packet's PDF or text file"),
		    path);
	if (S_ISFIFO(mode) || S_ISSOCK(mode))
		return xasprintf(_("%s is a pipe or a socket, not a file: save the packet to a file "
		    "and import that"), path);
	return xasprintf(_("%s is not a regular file: give the packet's PDF or text file"), path);
}

static char *
too_big(const char *path)
{
	return xasprintf(_("%s is larger than %zu MB, far more than any meeting packet: "
	    "check that it is the right file"), path, IMPORT_MAX_BYTES >> 20);
}

/*
 * Feed pdf (len bytes) to the child's stdin (fd in) while reading its
 * stdout (fd out) into *bytes, at most max: both at once with poll(), so
 * neither side waits for the other when the pipes fill. Closes both fds.
 * Like read_all: STATUS_OK, STATUS_BAD_INPUT past max, STATUS_IO.
 */
static enum status
pump(int in, const char *pdf, size_t len, int out, size_t max, char **bytes, size_t *blen)
{
	struct buf b = { 0 };
	size_t off = 0;
	enum status rc = STATUS_OK;

	fcntl(in, F_SETFL, fcntl(in, F_GETFL) | O_NONBLOCK);
	b.cap = 65536;
	b.data = xmalloc(b.cap);
	for (;;) {
		struct pollfd pf[2] = { { .fd = out, .events = POLLIN }, { .fd = in, .events = POLLOUT } };
		ssize_t r;

		if (poll(pf, in >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = STATUS_IO;
			break;
		}
		if (in >= 0 && pf[1].revents) {
			r = write(in, pdf + off, len - off);
			/* A reader that stops reading (EPIPE) only ends our writing. */
			if (r > 0)
				off += (size_t)r;
			if ((r < 0 && errno != EINTR && errno != EAGAIN) || off == len) {
				close(in);
				in = -1;
			}
		}
		if (pf[0].revents == 0)
			continue;
		if (b.cap - b.len < 4096) {
			b.cap = b.cap > max / 2 ? max + 4096 : b.cap * 2;
			b.data = xrealloc(b.data, b.cap);
		}
		r = read(out, b.data + b.len, b.cap - b.len - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			rc = STATUS_IO;
			break;
		}
		b.len += (size_t)r;
		if (b.len > max) {
			rc = STATUS_BAD_INPUT;
			break;
		}
	}
	if (in >= 0)
		close(in);
	close(out);
	if (rc != STATUS_OK) {
		buf_free(&b);
		return rc;
	}
	b.data[b.len] = '\0';
	*bytes = buf_detach(&b, blen);
	return STATUS_OK;
}

/*
 * Run pdftotext ($KALLELSE_PDFTOTEXT, else the one configure found) on
 * the PDF's bytes, given on its stdin: the text is made from the very
 * bytes that were read (and are kept as the original), never from the
 * file read a second time. Its UTF-8 text into *bytes. path: for messages.
 */
static enum status
pdf_to_text(const char *path, const char *pdf, size_t pdf_len, char **bytes, size_t *len,
    char **err)
{
	const char *prog = getenv("KALLELSE_PDFTOTEXT");
	int fds[2], ins[2], st = 0;
	pid_t pid;
	enum status rc;
	void (*old_pipe)(int);

	if (prog == NULL || *prog == '\0')
		prog = PDFTOTEXT_PROG;
	/* Close-on-exec: files are parsed on several threads (cmd_import.c),
	 * and another file's pdftotext must not hold this pipe open. */
	if (pipe2(fds, O_CLOEXEC) != 0) {
		*err = xasprintf(_("%s: cannot run %s: %s"), path, prog, strerror(errno));
		return STATUS_IO;
	}
	if (pipe(ins) != 0) {
		close(fds[0]);
		close(fds[1]);
		*err = xasprintf(_("%s: cannot run %s: %s"), path, prog, strerror(errno));
		return STATUS_IO;
	}
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		close(ins[0]);
		close(ins[1]);
		*err = xasprintf(_("%s: cannot run %s: %s"), path, prog, strerror(errno));
		return STATUS_IO;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		dup2(ins[0], 0);
		dup2(fds[1], 1);
		if (devnull >= 0)
			dup2(devnull, 2);
		close(fds[0]);
		close(fds[1]);
		close(ins[0]);
		close(ins[1]);
		execlp(prog, "pdftotext", "-enc", "UTF-8", "-", "-", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	close(ins[0]);
	/* A pdftotext that exits before reading it all must not kill us with SIGPIPE. */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	rc = pump(ins[1], pdf, pdf_len, fds[0], IMPORT_MAX_BYTES, bytes, len);
	signal(SIGPIPE, old_pipe);
	/* Past the limit pdftotext may still be writing: stop it. */
	if (rc == STATUS_BAD_INPUT)
		kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (rc == STATUS_BAD_INPUT) {
		*err = xasprintf(_("%s: pdftotext gives more than %zu MB of text, far more than any "
		    "meeting packet: check that it is the right file"), path, IMPORT_MAX_BYTES >> 20);
		return rc;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
		free(*bytes);
		*bytes = NULL;
		*err = xasprintf(_("%s is a PDF, and reading it needs pdftotext, which is not installed: "
		    "install the Debian package poppler-utils (apt-get install poppler-utils), "
		    "or import the text extracted from the PDF"), path);
		return STATUS_BAD_INPUT;
	}
	if (rc != STATUS_OK || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		free(*bytes);
		*bytes = NULL;
		*err = xasprintf(_("%s: pdftotext could not read this PDF (is it damaged or "
		    "password-protected?); try opening it in a PDF reader"), path);
		return STATUS_BAD_INPUT;
	}
	return STATUS_OK;
}

enum status
import_read_file(const char *path, char **bytes, size_t *len, char **err)
{
	return import_read_original(path, bytes, len, NULL, err);
}

enum status
import_read_original(const char *path, char **bytes, size_t *len, struct packet_original *orig,
    char **err)
{
	struct stat sb;
	int fd, e;
	enum status rc;
	char *pdf;
	size_t pdf_len;

	*bytes = NULL;
	*len = 0;
	*err = NULL;
	if (orig)
		memset(orig, 0, sizeof *orig);
	xmalloc_heap_reserve(IMPORT_HEAP);
	/*
	 * Only regular files: /dev/zero or a stream that never ends would be
	 * read until memory runs out. O_NONBLOCK so that opening a FIFO with
	 * no writer does not hang before fstat can tell what it is.
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*err = xasprintf(_("%s: cannot open the file: %s; check the name and the permissions"),
		    path, strerror(errno));
		return STATUS_IO;
	}
	if (fstat(fd, &sb) != 0) {
		*err = xasprintf(_("%s: cannot read the file: %s"), path, strerror(errno));
		close(fd);
		return STATUS_IO;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		*err = not_a_file(path, sb.st_mode);
		return STATUS_BAD_INPUT;
	}
	if ((uintmax_t)sb.st_size > IMPORT_MAX_BYTES) {
		close(fd);
		*err = too_big(path);
		return STATUS_BAD_INPUT;
	}
	/* The size is checked again while reading: the file may grow. */
	rc = read_all(fd, IMPORT_MAX_BYTES, bytes, len);
	e = errno;
	close(fd);
	if (rc == STATUS_BAD_INPUT) {
		*err = too_big(path);
		return rc;
	}
	if (rc != STATUS_OK) {
		*err = xasprintf(_("%s: cannot read the file: %s"), path, strerror(e));
		return rc;
	}
	if (*len >= 5 && memcmp(*bytes, "%PDF-", 5) == 0) {
		size_t i = 0;

		pdf = *bytes;
		pdf_len = *len;
		*bytes = NULL;
		*len = 0;
		if ((rc = pdf_to_text(path, pdf, pdf_len, bytes, len, err)) != STATUS_OK) {
			free(pdf);
			return rc;
		}
		while (i < *len && strchr(" \t\r\n\f", (*bytes)[i]) != NULL)
			i++;
		if (i == *len) {
			free(pdf);
			free(*bytes);
			*bytes = NULL;
			*len = 0;
			*err = xasprintf(_("%s: the PDF has no text in it (a scanned paper?): "
			    "ask for the packet as a PDF with text, or run it through OCR first"), path);
			return STATUS_BAD_INPUT;
		}
		if (orig == NULL) {
			free(pdf);
			return STATUS_OK;
		}
		/* The bytes pdftotext read, kept as they are: the original. */
		orig->data = pdf;
		orig->len = pdf_len;
		orig->name = xstrdup(base_name(path));
		import_sha256_hex(pdf, pdf_len, orig->sha256);
	}
	return STATUS_OK;
}

enum status
import_reload_original(const char *path, struct packet_original *o, char **err)
{
	struct stat sb;
	char *data = NULL, hex[65];
	size_t len = 0;
	enum status rc;
	int fd, e;

	*err = NULL;
	free(o->data);
	o->data = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		*err = xasprintf(_("%s: cannot open the file again: %s"), path, strerror(errno));
		return STATUS_IO;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		*err = xasprintf(_("%s changed after it was read (it is no regular file now): "
		    "import it again"), path);
		return STATUS_BAD_INPUT;
	}
	rc = read_all(fd, IMPORT_MAX_BYTES, &data, &len);
	e = errno;
	close(fd);
	if (rc == STATUS_IO) {
		*err = xasprintf(_("%s: cannot read the file: %s"), path, strerror(e));
		return rc;
	}
	if (rc == STATUS_OK)
		import_sha256_hex(data, len, hex);
	if (rc != STATUS_OK || strcmp(hex, o->sha256) != 0) {
		free(data);
		*err = xasprintf(_("%s changed after it was read (it is not the PDF that was "
		    "converted): import it again"), path);
		return STATUS_BAD_INPUT;
	}
	o->data = data;
	o->len = len;
	return STATUS_OK;
}

/* ---- parsing ---- */

/* A few NUL bytes are a damaged text (a bad copy, a flipped bit), not a binary file. */
enum { MAX_NULS = 16 };

/*
 * "line N: a NUL byte replaced" for each NUL in bytes, '\n' separated;
 * NULL when there are none. Caller frees.
 */
static char *
nul_warnings(const char *bytes, size_t len)
{
	char *out = NULL;
	size_t line = 1;

	for (size_t i = 0; i < len; i++) {
		if (bytes[i] == '\n') {
			line++;
		} else if (bytes[i] == '\0') {
			char *w = xasprintf(_("line %zu: a NUL byte replaced"), line);
			char *joined = out ? xasprintf("%s\n%s", out, w) : xstrdup(w);
			free(out);
			free(w);
			out = joined;
		}
	}
	return out;
}

/*
 * Decode, scrub and cut into lines; NULL and *err set when it is no text.
 * *warn (may stay NULL): what was repaired, by line (caller frees).
 */
static bool
to_text(const char *bytes, size_t len, const char *name, struct imp_text *t, char **err,
    char **warn)
{
	size_t nuls = 0;

	enum text_encoding enc;
	size_t dlen, slen, bad = 0, chars = 0;
	size_t lines = 0, *pages = NULL, n_pages = 0, cap_pages = 0;
	char *dec, *scrubbed;
	bool bom = len >= 2 && (((unsigned char)bytes[0] == 0xff && (unsigned char)bytes[1] == 0xfe) ||
	    ((unsigned char)bytes[0] == 0xfe && (unsigned char)bytes[1] == 0xff));

	if (len == 0) {
		*err = xasprintf(_("%s: the file is empty: give the text of a meeting packet "
		    "(kallelse med handlingar) or its PDF"), name);
		return false;
	}
	if (!bom)
		for (const char *z = memchr(bytes, '\0', len); z && nuls <= MAX_NULS;
		    z = memchr(z + 1, '\0', len - (size_t)(z + 1 - bytes)))
			nuls++;
	/* text_decode makes each NUL a U+FFFD; more than a few, and it is binary. */
	if (nuls > MAX_NULS || nuls * 1000 > len) {
		*err = xasprintf(_("%s: this is not text (it holds binary data): give the packet "
		    "as a PDF or as the text extracted from it"), name);
		return false;
	}
	dec = text_decode(bytes, len, &dlen, &enc);
	for (size_t i = 0; i < dlen; i++) {
		unsigned char c = (unsigned char)dec[i];
		if ((c & 0xc0) != 0x80)
			chars++;
		if (c == '\n') {
			lines++;
		} else if (c == '\f') {
			/* A page break is a line break to the parsers; the line after
			 * it starts a page (scrubbing keeps every '\n', so the number holds). */
			dec[i] = '\n';
			lines++;
			if (n_pages == cap_pages) {
				cap_pages = cap_pages ? 2 * cap_pages : 64;
				pages = xreallocarray(pages, cap_pages, sizeof *pages);
			}
			pages[n_pages++] = lines;
		} else if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
			bad++;
		else if (c == 0xef && i + 2 < dlen && (unsigned char)dec[i + 1] == 0xbf &&
		    (unsigned char)dec[i + 2] == 0xbd)
			bad++;
	}
	if (chars == 0 || bad * 100 > chars) {
		free(dec);
		*err = xasprintf(_("%s: this is not text (%zu of %zu characters are control codes or "
		    "undecodable): give the packet as a PDF or as the text extracted from it"),
		    name, bad, chars);
		free(pages);
		return false;
	}
	scrubbed = text_scrub(dec, dlen, &slen);
	free(dec);
	imp_text_init(t, scrubbed, slen);
	imp_text_mark_pages(t, pages, n_pages);
	free(pages);
	*warn = nuls ? nul_warnings(bytes, len) : NULL;
	return true;
}

enum status
import_parse_packet(const char *bytes, size_t len, const char *source_name, struct packet *out,
    char **err)
{
	struct imp_text t;
	char hex[65];

	char *warn = NULL;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (!to_text(bytes, len, source_name, &t, err, &warn))
		return STATUS_BAD_INPUT;
	out->warnings = warn;
	if (!imp_split(&t, out)) {
		*err = xasprintf(_("%s: no agenda found (a DAGORDNING heading over numbered items): "
		    "is this a meeting packet? To add a file to an agenda item, use --meeting and "
		    "--item"), source_name);
		goto bad;
	}
	if (out->date == NULL || out->body == NULL) {
		*err = xasprintf(_("%s: no meeting date found (a line \"Tid: YYYY-MM-DD HH.MM\" "
		    "under the body's name on the first page)"), source_name);
		goto bad;
	}
	import_sha256_hex(bytes, len, hex);
	out->source_sha256 = xstrdup(hex);
	out->source_name = xstrdup(base_name(source_name));
	imp_text_free(&t);
	return STATUS_OK;
bad:
	imp_text_free(&t);
	packet_free(out);
	return STATUS_BAD_INPUT;
}

enum status
import_parse_attachment(const char *bytes, size_t len, const char *source_name,
    struct packet_doc *out, char **err)
{
	struct imp_text t;

	char *warn = NULL;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (!to_text(bytes, len, source_name, &t, err, &warn))
		return STATUS_BAD_INPUT;
	free(warn);	/* an attachment has no place to report them yet; the U+FFFD shows */
	{
		size_t hl = 0;
		int hp = 0;

		out->text = imp_doc_text(&t, 0, t.n, NULL, &out->text_len, imp_page_of(&t, 0, &hl, &hp),
		    &out->page_starts, &out->n_page_starts);
		out->page = imp_page_of(&t, imp_next(&t, 0), &hl, &hp);
	}
	if (out->text_len == 0) {
		free(out->text);
		out->text = NULL;
		imp_text_free(&t);
		*err = xasprintf(_("%s: the file has no text to attach"), source_name);
		return STATUS_BAD_INPUT;
	}
	/* The first line with words in it names a slide deck or a report. */
	for (size_t i = imp_next(&t, 0); i < t.n; i = imp_next(&t, i + 1)) {
		int letters = 0;
		for (const char *c = t.v[i].s; *c; c++)
			if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
			    (unsigned char)*c >= 0xc3)
				letters++;
		if (letters >= 3) {
			out->title = xstrdup(t.v[i].s);
			break;
		}
	}
	if (out->title == NULL)
		out->title = xstrdup(base_name(source_name));
	out->kind = xstrdup("bilaga");
	out->item = -1;
	imp_text_free(&t);
	return STATUS_OK;
}
