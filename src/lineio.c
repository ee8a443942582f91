/*
 * NDJSON line reader and buffered writer.
 */
#include "lineio.h"

#include <sys/types.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evbus.h"

#define READ_CHUNK	(128 * 1024)
#define WRITE_BUF	(64 * 1024)

/* Writer */

void
evb_writer_init(struct evb_writer *w, int fd, const char *name)
{
	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->name = name;
	w->cap = WRITE_BUF;
	w->buf = xmalloc(w->cap);
}

void
evb_writer_fini(struct evb_writer *w)
{
	free(w->buf);
	w->buf = NULL;
}

static int
write_all(struct evb_writer *w, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(w->fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd pfd = { w->fd, POLLOUT, 0 };

				poll(&pfd, 1, -1);
				continue;
			}
			w->error = errno;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int
evb_writer_flush(struct evb_writer *w)
{
	size_t n = w->len;

	if (w->error) {
		errno = w->error;
		return -1;
	}
	w->len = 0;
	return write_all(w, w->buf, n);
}

int
evb_writer_write(struct evb_writer *w, const void *p, size_t n)
{
	if (w->error) {
		errno = w->error;
		return -1;
	}
	if (n > w->cap - w->len) {
		if (evb_writer_flush(w) == -1)
			return -1;
		if (n >= w->cap)
			return write_all(w, p, n);
	}
	if (n > 0)	/* p may be NULL when there is nothing to write */
		memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

int
evb_writer_line(struct evb_writer *w, const void *p, size_t n)
{
	if (evb_writer_write(w, p, n) == -1 || evb_writer_write(w, "\n", 1) == -1)
		return -1;
	if (w->line_buffered)
		return evb_writer_flush(w);
	return 0;
}

/* Reader */

void
evb_reader_fdopen(struct evb_reader *r, int fd, const char *name,
    size_t max_line)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->name = name;
	r->max_line = max_line ? max_line : EVB_MAX_LINE_DEFAULT;
	r->cap = READ_CHUNK * 2;
	r->buf = xmalloc(r->cap);
}

int
evb_reader_open(struct evb_reader *r, const char *path, size_t max_line)
{
	int fd;

	if (strcmp(path, "-") == 0) {
		evb_reader_fdopen(r, STDIN_FILENO, EVB_STDIN_NAME, max_line);
		return 0;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	evb_reader_fdopen(r, fd, path, max_line);
	r->own_fd = true;
	return 0;
}

void
evb_reader_close(struct evb_reader *r)
{
	if (r->own_fd)
		close(r->fd);
	free(r->buf);
	r->buf = NULL;
}

/* Make room for a read of READ_CHUNK bytes, keeping [start, end). */
static void
make_room(struct evb_reader *r)
{
	size_t keep = r->end - r->start;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, keep);
		r->base += r->start;
		r->scan -= r->start;
		r->start = 0;
		r->end = keep;
	}
	if (r->cap - r->end < READ_CHUNK) {
		r->cap = evb_size_add(r->end, READ_CHUNK);
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
}

static bool
would_block(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, 0) == 0;
}

/* Fill the buffer.  Returns 1 on data, 0 at EOF, or an evb_line failure. */
static int
fill(struct evb_reader *r)
{
	ssize_t n;

	make_room(r);
	if (r->flush != NULL && would_block(r->fd))
		(void)evb_writer_flush(r->flush);	/* the caller sees w->error */
	n = read(r->fd, r->buf + r->end, r->cap - r->end);
	if (n < 0)
		return errno == EINTR ? -EVB_LINE_INTR : -EVB_LINE_ERROR;
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->end += (size_t)n;
	return 1;
}

static bool
blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

/* Classify the line [p, p + n) just cut from the buffer. */
static enum evb_line
finish_line(struct evb_reader *r, const char **line, size_t *len,
    const char *p, size_t n)
{
	r->lineno++;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (r->skipping) {
		r->skipping = false;
		r->long_len = evb_size_add(r->long_len, n);
		return EVB_LINE_LONG;
	}
	if (n > r->max_line) {
		r->long_len = n;
		return EVB_LINE_LONG;
	}
	*line = p;
	*len = n;
	r->line_off = r->base + (unsigned long long)(p - r->buf);
	if (n > 0 && memchr(p, '\0', n) != NULL)
		return EVB_LINE_NUL;
	return EVB_LINE_OK;
}

enum evb_line
evb_reader_next(struct evb_reader *r, const char **line, size_t *len)
{
	for (;;) {
		char *nl = NULL;
		int st;

		if (r->scan < r->end)
			nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
		if (nl != NULL) {
			char *p = r->buf + r->start;
			size_t n = (size_t)(nl - p);
			enum evb_line res;

			r->start = r->scan = (size_t)(nl - r->buf) + 1;
			res = finish_line(r, line, len, p, n);
			if (res == EVB_LINE_OK && (n == 0 || blank(p, *len)))
				continue;
			return res;
		}
		r->scan = r->end;
		if (r->skipping || r->end - r->start > r->max_line + 1) {
			/* Over the limit: drop what we have, keep skipping. */
			if (!r->skipping)
				r->long_len = 0;
			r->long_len = evb_size_add(r->long_len, r->end - r->start);
			r->skipping = true;
			r->base += r->end;
			r->start = r->scan = r->end = 0;
		}
		if (r->eof) {
			if (r->skipping) {
				r->skipping = false;
				r->lineno++;
				return EVB_LINE_LONG;
			}
			if (r->start == r->end)
				return EVB_LINE_EOF;
			/* A last line without a newline. */
			{
				char *p = r->buf + r->start;
				size_t n = r->end - r->start;
				enum evb_line res;

				r->start = r->scan = r->end;
				res = finish_line(r, line, len, p, n);
				if (res == EVB_LINE_OK && blank(p, *len))
					continue;
				return res;
			}
		}
		/* In poll mode, read once per readiness: never block. */
		if (r->poll_mode && !r->may_read)
			return EVB_LINE_AGAIN;
		r->may_read = false;
		if ((st = fill(r)) < 0)
			return (enum evb_line)-st;
	}
}

int
evb_reader_peek(struct evb_reader *r)
{
	for (;;) {
		int st;

		while (r->start < r->end) {
			char c = r->buf[r->start];

			if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
				r->scan = r->start;	/* no newline skipped */
				return (unsigned char)c;
			}
			/* Keep line numbers right for a later line reader. */
			if (c == '\n')
				r->lineno++;
			r->start++;
		}
		r->scan = r->start;
		if (r->eof)
			return -1;
		if ((st = fill(r)) < 0 && st != -EVB_LINE_INTR)
			return -2;
	}
}

enum evb_line
evb_reader_chunk(struct evb_reader *r, const char **p, size_t *n)
{
	int st;

	if (r->start == r->end) {
		r->base += r->end;
		r->start = r->scan = r->end = 0;
		if (r->eof)
			return EVB_LINE_EOF;
		if ((st = fill(r)) < 0)
			return (enum evb_line)-st;
		if (st == 0)
			return EVB_LINE_EOF;
	}
	*p = r->buf + r->start;
	*n = r->end - r->start;
	r->start = r->scan = r->end;
	return EVB_LINE_OK;
}

/* Descriptors 0 to 2 */

int
evb_stdio_reserve(void)
{
	/* open(2) takes the lowest free descriptor: go up from 0. */
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) == -1)
			return -1;
	}
	return 0;
}
