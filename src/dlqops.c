/*
 * Dead-letter files: scanning, rewriting and redriving.
 */
#include "dlqops.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static uint64_t
hash(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	return h;
}

static int
flush_to(int out, struct evb_buf *keep, const char *path, struct evb_err *err)
{
	size_t done = 0;

	while (done < keep->len) {
		ssize_t k = write(out, keep->p + done, keep->len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			evb_err_set(err, "%s: %s", path, k < 0 ?
			    strerror(errno) : "short write");
			return -1;
		}
		done += (size_t)k;
	}
	evb_buf_reset(keep);
	return 0;
}

static void
pick(struct evb_dlq_snap *s, const struct evb_reader *r, const char *line,
    size_t n)
{
	struct evb_dlq_pick *p;

	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	p = &s->v[s->n++];
	p->off = r->line_off;
	p->len = n;
	p->lineno = r->lineno;
	p->hash = hash(line, n);
	p->taken = false;
}

/*
 * Visit every line of an open file.  out (if not -1) gets the lines kept;
 * snap (if not NULL) the places of the records dropped.
 */
static int
visit(int fd, const char *path, const struct evb_dlq_visitor *v, int out,
    struct evb_dlq_snap *snap, struct evb_err *err)
{
	struct evb_reader r;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_buf keep = EVB_BUF_INIT;
	const char *line;
	size_t n;
	enum evb_line st;
	int rc = 0;

	evb_reader_fdopen(&r, fd, path, EVB_DLQ_MAX_LINE);
	r.flush = v->flush;
	while (rc == 0 && (st = evb_reader_next(&r, &line, &n)) !=
	    EVB_LINE_EOF) {
		struct evb_dlq_entry e;
		struct evb_err why;
		enum evb_dlq_verdict verdict = EVB_DLQ_KEEP;

		if (st == EVB_LINE_INTR) {
			/* A scan stops; a rewrite must read the whole file. */
			if (out == -1 && snap == NULL)
				rc = 1;
			continue;
		}
		if (st == EVB_LINE_ERROR) {
			evb_err_set(err, "%s: %s", path, strerror(errno));
			rc = -1;
			break;
		}
		evb_arena_reset(&a);
		if (st != EVB_LINE_OK) {
			v->bad(v->ctx, path, r.lineno, st == EVB_LINE_LONG ?
			    "line too long to read" : "NUL byte in line");
			if (st == EVB_LINE_LONG &&
			    (out != -1 || snap != NULL)) {
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
		else if (verdict == EVB_DLQ_DROP && snap != NULL)
			pick(snap, &r, line, n);
		else if (verdict == EVB_DLQ_KEEP && out != -1 && rc == 0) {
			evb_buf_add(&keep, line, n);
			evb_buf_addc(&keep, '\n');
			if (keep.len >= 65536)
				rc = flush_to(out, &keep, path, err);
		}
	}
	if (rc == 0 && out != -1)
		rc = flush_to(out, &keep, path, err);
	evb_reader_close(&r);
	evb_arena_fini(&a);
	evb_buf_fini(&keep);
	return rc;
}

int
evb_dlq_scan(const char *path, const struct evb_dlq_visitor *v,
    struct evb_err *err)
{
	bool in = strcmp(path, "-") == 0;
	int fd, rc;

	fd = in ? STDIN_FILENO : evb_dlq_lock(path, O_RDONLY);
	if (fd == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = visit(fd, in ? EVB_STDIN_NAME : path, v, -1, NULL, err);
	if (!in)
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

/* Make the rename itself survive a crash, or appends to the new file die. */
static void
sync_dir(const char *path)
{
	char *d = xstrdup(path);
	int fd = open(dirname(d), O_RDONLY | O_CLOEXEC);

	if (fd != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(d);
}

int
evb_dlq_rewrite(const char *path, const struct evb_dlq_visitor *v,
    struct evb_err *err)
{
	struct evb_buf tmp = EVB_BUF_INIT;
	struct stat st;
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
	if (fstat(fd, &st) == 0)
		(void)fchmod(out, st.st_mode & 07777);
	rc = visit(fd, path, v, out, NULL, err);
	if (rc == 0 && v->commit != NULL && v->commit(v->ctx, out) == -1)
		rc = 1;
	if (rc == 0 && (fsync(out) == -1 || rename(tmp.p, path) == -1)) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	close(out);
	if (rc != 0)
		(void)unlink(tmp.p);
	else
		sync_dir(path);
	/* Closing the old file releases the lock evfan may be waiting on. */
	close(fd);
	evb_buf_fini(&tmp);
	return rc;
}

/* Redriving */

int
evb_dlq_snap_open(struct evb_dlq_snap *s, const char *path,
    const struct evb_dlq_visitor *v, struct evb_err *err)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->arena = (struct evb_arena)EVB_ARENA_INIT;
	if ((s->fd = evb_dlq_lock(path, O_RDONLY)) == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (visit(s->fd, path, v, -1, s, err) == -1) {
		evb_dlq_snap_fini(s);
		return -1;
	}
	/* The places stay valid without the lock: rewrites replace files. */
	(void)flock(s->fd, LOCK_UN);
	return 0;
}

void
evb_dlq_snap_fini(struct evb_dlq_snap *s)
{
	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
	free(s->v);
	s->v = NULL;
	s->n = 0;
	evb_buf_fini(&s->line);
	evb_arena_fini(&s->arena);
}

int
evb_dlq_snap_read(struct evb_dlq_snap *s, size_t i, struct evb_dlq_entry *e,
    struct evb_err *err)
{
	const struct evb_dlq_pick *p = &s->v[i];
	char *buf;
	ssize_t k;

	evb_buf_reset(&s->line);
	buf = evb_buf_reserve(&s->line, p->len);
	do
		k = pread(s->fd, buf, p->len, (off_t)p->off);
	while (k < 0 && errno == EINTR);
	if (k != (ssize_t)p->len) {
		evb_err_set(err, "%s:%llu: %s", s->path, p->lineno, k < 0 ?
		    strerror(errno) : "changed while redriving");
		return -1;
	}
	s->line.len = p->len;
	evb_arena_reset(&s->arena);
	if (evb_dlq_parse(&s->arena, s->line.p, s->line.len, e, err) == -1)
		return -1;
	return 0;
}

int
evb_dlq_snap_emit(struct evb_dlq_snap *s, struct evb_handoff *h)
{
	unsigned long long *end = xcalloc(s->n + 1, sizeof(*end)), taken;
	int rc = 0;

	for (size_t i = 0; i < s->n && rc == 0; i++) {
		struct evb_dlq_entry e;
		struct evb_err why;

		/* A record that cannot be read back stays where it is. */
		if (evb_dlq_snap_read(s, i, &e, &why) == 0)
			rc = evb_handoff_line(h, e.event, e.nevent, &end[i]);
	}
	if (rc == 0)
		rc = evb_handoff_drain(h);
	if (rc == 0)
		evb_handoff_settle(h);
	/*
	 * A reader that left before the end of its input, as head(1) does,
	 * may have dropped what it read: nothing counts as taken.
	 */
	if (evb_handoff_gone(h)) {
		if (rc == 0)
			h->error = EPIPE;
		rc = -1;
		taken = 0;
	} else
		taken = evb_handoff_taken(h);
	for (size_t i = 0; i < s->n; i++)
		s->v[i].taken = end[i] != 0 && end[i] <= taken;
	free(end);
	return rc;
}

/* Committing: the taken picks, by hash, each matched by one line. */
struct commit {
	struct evb_dlq_snap	*s;
	size_t			*order;		/* taken picks, by hash */
	bool			*matched;
	size_t			 n;
	const char		*extra;
	size_t			 nextra;
	long long		 removed;
	struct evb_buf		 old;
};

static struct evb_dlq_snap *sort_snap;

static int
by_hash(const void *x, const void *y)
{
	const struct evb_dlq_pick *a = &sort_snap->v[*(const size_t *)x];
	const struct evb_dlq_pick *b = &sort_snap->v[*(const size_t *)y];

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}

/* Is the n bytes at line the same as pick i of the snapshot? */
static bool
same(struct commit *c, size_t i, const char *line, size_t n)
{
	const struct evb_dlq_pick *p = &c->s->v[i];
	char *buf;

	if (p->len != n)
		return false;
	evb_buf_reset(&c->old);
	buf = evb_buf_reserve(&c->old, n);
	return pread(c->s->fd, buf, n, (off_t)p->off) == (ssize_t)n &&
	    memcmp(buf, line, n) == 0;
}

static enum evb_dlq_verdict
commit_record(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	struct commit *c = ctx;
	uint64_t h = hash(line, n);
	size_t lo = 0, hi = c->n;

	(void)e;
	(void)lineno;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->s->v[c->order[mid]].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->n && c->s->v[c->order[lo]].hash == h; lo++)
		if (!c->matched[lo] && same(c, c->order[lo], line, n)) {
			c->matched[lo] = true;
			c->removed++;
			return EVB_DLQ_DROP;
		}
	return EVB_DLQ_KEEP;
}

static void
commit_bad(void *ctx, const char *path, unsigned long long line,
    const char *why)
{
	/* Reported when the snapshot was read; kept. */
	(void)ctx;
	(void)path;
	(void)line;
	(void)why;
}

static int
commit_extra(void *ctx, int fd)
{
	struct commit *c = ctx;
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err err;
	int rc;

	if (c->nextra == 0)
		return 0;
	evb_buf_add(&b, c->extra, c->nextra);
	rc = flush_to(fd, &b, c->s->path, &err);
	evb_buf_fini(&b);
	return rc;
}

long long
evb_dlq_snap_commit(struct evb_dlq_snap *s, const char *extra, size_t nextra,
    struct evb_err *err)
{
	struct commit c;
	struct evb_dlq_visitor v = { &c, commit_record, commit_bad,
	    commit_extra, NULL };
	int rc;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.extra = extra;
	c.nextra = extra != NULL ? nextra : 0;
	c.order = xcalloc(s->n + 1, sizeof(*c.order));
	c.matched = xcalloc(s->n + 1, sizeof(*c.matched));
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].taken)
			c.order[c.n++] = i;
	if (c.n == 0 && c.nextra == 0)
		rc = 0;		/* nothing to change */
	else {
		sort_snap = s;
		qsort(c.order, c.n, sizeof(*c.order), by_hash);
		sort_snap = NULL;
		rc = evb_dlq_rewrite(s->path, &v, err);
		if (rc == 1) {
			evb_err_set(err, "%s: could not write the new file; "
			    "nothing changed", s->path);
			rc = -1;
		}
	}
	free(c.order);
	free(c.matched);
	evb_buf_fini(&c.old);
	return rc == 0 ? c.removed : -1;
}
