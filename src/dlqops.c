/*
 * Dead-letter files: scanning and rewriting.
 */
#include "dlqops.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "lineio.h"

bool
evb_dlq_selects(const struct evb_dlq_filter *f, const struct evb_dlq_entry *e)
{
	if (f->rule != NULL && (e->rule == NULL || strcmp(f->rule, e->rule)))
		return false;
	if (f->target != NULL && (e->target == NULL ||
	    strcmp(f->target, e->target)))
		return false;
	if (f->code != NULL && (e->code == NULL || strcmp(f->code, e->code)))
		return false;
	if (f->has_since && e->dead < f->since)
		return false;
	if (f->has_until && e->dead >= f->until)
		return false;
	if (f->has_before && e->dead >= f->before)
		return false;
	return true;
}

/* Visit every line of an open file; out (if not -1) gets the kept lines. */
static int
visit(int fd, const char *path, const struct evb_dlq_visitor *v, int out,
    struct evb_err *err)
{
	struct evb_reader r;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_buf keep = EVB_BUF_INIT;
	const char *line;
	size_t n;
	enum evb_line st;
	int rc = 0;

	evb_reader_fdopen(&r, fd, path, 0);
	while (rc == 0 && (st = evb_reader_next(&r, &line, &n)) !=
	    EVB_LINE_EOF) {
		struct evb_dlq_entry e;
		struct evb_err why;
		enum evb_dlq_verdict verdict = EVB_DLQ_KEEP;

		if (st == EVB_LINE_ERROR || st == EVB_LINE_INTR) {
			evb_err_set(err, "%s: %s", path, st == EVB_LINE_INTR ?
			    "interrupted" : strerror(errno));
			rc = -1;
			break;
		}
		evb_arena_reset(&a);
		if (st != EVB_LINE_OK) {
			v->bad(v->ctx, path, r.lineno, st == EVB_LINE_LONG ?
			    "line too long to read" : "NUL byte in line");
			if (st == EVB_LINE_LONG && out != -1) {
				/* Cannot keep what was never read: stop. */
				evb_err_set(err, "%s:%llu: line too long to "
				    "keep; nothing changed", path, r.lineno);
				rc = -1;
			}
		} else if (evb_dlq_parse(&a, line, n, &e, &why) == -1)
			v->bad(v->ctx, path, r.lineno, why.msg);
		else
			verdict = v->record(v->ctx, &e, line, n, r.lineno);
		if (verdict == EVB_DLQ_ABORT)
			rc = 1;
		else if (verdict == EVB_DLQ_KEEP && out != -1 && st != EVB_LINE_LONG) {
			evb_buf_add(&keep, line, n);
			evb_buf_addc(&keep, '\n');
			if (keep.len >= 65536) {
				if (write(out, keep.p, keep.len) !=
				    (ssize_t)keep.len) {
					evb_err_set(err, "%s: %s", path,
					    strerror(errno));
					rc = -1;
				}
				evb_buf_reset(&keep);
			}
		}
	}
	if (rc == 0 && keep.len > 0 && out != -1 &&
	    write(out, keep.p, keep.len) != (ssize_t)keep.len) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	evb_reader_close(&r);
	evb_arena_fini(&a);
	evb_buf_fini(&keep);
	return rc;
}

int
evb_dlq_scan(const char *path, const struct evb_dlq_visitor *v,
    struct evb_err *err)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = visit(fd, path, v, -1, err);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc < 0 ? -1 : 0;
}

/* A temporary file next to path, for the rename to be atomic. */
static int
temp_beside(const char *path, struct evb_buf *tmp)
{
	char *d = xstrdup(path), *b = xstrdup(path);
	int fd;

	evb_buf_reset(tmp);
	evb_buf_printf(tmp, "%s/.%s.XXXXXX", dirname(d), basename(b));
	free(d);
	free(b);
	fd = mkstemp(evb_buf_cstr(tmp));
	if (fd != -1)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

int
evb_dlq_rewrite(const char *path, const struct evb_dlq_visitor *v,
    struct evb_err *err)
{
	struct evb_buf tmp = EVB_BUF_INIT;
	int fd, out, rc;

	if ((fd = evb_dlq_lock(path, O_RDWR)) == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((out = temp_beside(path, &tmp)) == -1) {
		evb_err_set(err, "%s: %s", tmp.p, strerror(errno));
		close(fd);
		evb_buf_fini(&tmp);
		return -1;
	}
	rc = visit(fd, path, v, out, err);
	if (rc == 0 && v->commit != NULL && v->commit(v->ctx, out) == -1)
		rc = 1;
	if (rc == 0 && (fsync(out) == -1 || rename(tmp.p, path) == -1)) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	close(out);
	if (rc != 0)
		(void)unlink(tmp.p);
	/* Closing the old file releases the lock evfan may be waiting on. */
	close(fd);
	evb_buf_fini(&tmp);
	return rc;
}
