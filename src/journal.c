/*
 * The delivery journal.
 */
#include "journal.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "jgen.h"
#include "json.h"
#include "lineio.h"

struct evb_journal {
	int		fd;
	char		*path;
	char		*tmp;		/* the new journal, until committed */
	off_t		size;
	struct evb_buf	buf;
};

/* What replay collects: events by seq, minus settled targets. */
struct pending {
	uint64_t	 seq;
	char		*event;
	size_t		 n;
	char		**targets;
	size_t		 ntargets;
};

struct replay {
	struct pending	*p;
	size_t		 n;
};

static struct pending *
find(struct replay *r, uint64_t seq)
{
	for (size_t i = r->n; i-- > 0;)
		if (r->p[i].seq == seq)
			return &r->p[i];
	return NULL;
}

static void
add_event(struct replay *r, const struct evb_jv *v, const char *line)
{
	const struct evb_jv *seq = evb_json_get(v, "seq");
	const struct evb_jv *tg = evb_json_get(v, "targets");
	const struct evb_jv *ev = evb_json_get(v, "event");
	struct pending *p;

	if (seq == NULL || seq->type != EVB_JNUMBER || tg == NULL ||
	    tg->type != EVB_JARRAY || ev == NULL)
		return;
	r->p = xreallocarray(r->p, r->n + 1, sizeof(*r->p));
	p = &r->p[r->n++];
	p->seq = strtoull(seq->u.str, NULL, 10);
	p->n = ev->end - ev->start;
	p->event = xstrndup(line + ev->start, p->n);
	p->ntargets = 0;
	p->targets = xcalloc(tg->n + 1, sizeof(*p->targets));
	for (size_t i = 0; i < tg->n; i++)
		if (tg->u.items[i]->type == EVB_JSTRING)
			p->targets[p->ntargets++] =
			    xstrdup(tg->u.items[i]->u.str);
}

static void
settle(struct replay *r, const struct evb_jv *v)
{
	const struct evb_jv *seq = evb_json_get(v, "settled");
	const struct evb_jv *tg = evb_json_get(v, "target");
	struct pending *p;

	if (seq == NULL || seq->type != EVB_JNUMBER || tg == NULL ||
	    tg->type != EVB_JSTRING ||
	    (p = find(r, strtoull(seq->u.str, NULL, 10))) == NULL)
		return;
	for (size_t i = 0; i < p->ntargets; i++)
		if (strcmp(p->targets[i], tg->u.str) == 0) {
			free(p->targets[i]);
			p->targets[i] = p->targets[--p->ntargets];
			return;
		}
}

/* Read the journal; a torn last line (a crash mid-write) is ignored. */
static int
read_journal(int fd, const char *path, struct replay *r)
{
	struct evb_reader rd;
	struct evb_arena a = EVB_ARENA_INIT;
	const char *line;
	size_t n;
	enum evb_line st;

	evb_reader_fdopen(&rd, fd, path, 0);
	while ((st = evb_reader_next(&rd, &line, &n)) != EVB_LINE_EOF) {
		struct evb_jv *v;

		if (st == EVB_LINE_ERROR) {
			evb_reader_close(&rd);
			evb_arena_fini(&a);
			return -1;
		}
		if (st != EVB_LINE_OK)
			continue;
		evb_arena_reset(&a);
		if ((v = evb_json_parse(&a, line, n, 0, NULL)) == NULL)
			continue;
		if (evb_json_get(v, "settled") != NULL)
			settle(r, v);
		else
			add_event(r, v, line);
	}
	evb_reader_close(&rd);
	evb_arena_fini(&a);
	return 0;
}

/* The old journal's unsettled events, if there is an old journal. */
static int
read_old(const char *path, struct replay *r)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	if (read_journal(fd, path, r) == -1) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

static void
replay_fini(struct replay *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; k < r->p[i].ntargets; k++)
			free(r->p[i].targets[k]);
		free(r->p[i].targets);
		free(r->p[i].event);
	}
	free(r->p);
}

/*
 * The file the journal lives in: path, or what it links to, so that the
 * rename replaces the file and not the link.  Anything but a regular file
 * (a device, a FIFO) would be read forever or replaced: refused.  Returns
 * a new string, or NULL with err set.
 */
static char *
journal_path(const char *path, struct evb_err *err)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return xstrdup(path);
		evb_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISLNK(st.st_mode))
		real = xstrdup(path);
	else if ((real = realpath(path, NULL)) == NULL ||
	    stat(real, &st) == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		free(real);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		evb_err_set(err, "%s: %s", path, S_ISDIR(st.st_mode) ?
		    strerror(EISDIR) : "not a regular file");
		free(real);
		return NULL;
	}
	return real;
}

struct evb_journal *
evb_journal_open(const char *name, evb_journal_fn fn, void *ctx,
    struct evb_err *err)
{
	struct evb_journal *j;
	struct replay r = { NULL, 0 };
	struct evb_buf tmp = EVB_BUF_INIT;
	char *path;
	int fd;

	if ((path = journal_path(name, err)) == NULL)
		return NULL;
	if (read_old(path, &r) == -1) {
		evb_err_set(err, "%s: %s", name, strerror(errno));
		replay_fini(&r);
		free(path);
		return NULL;
	}
	evb_buf_printf(&tmp, "%s.tmp", path);
	if ((fd = open(evb_buf_cstr(&tmp), O_WRONLY | O_CREAT | O_TRUNC |
	    O_APPEND | O_CLOEXEC, 0600)) == -1) {
		evb_err_set(err, "%s: %s", tmp.p, strerror(errno));
		replay_fini(&r);
		evb_buf_fini(&tmp);
		free(path);
		return NULL;
	}
	j = xcalloc(1, sizeof(*j));
	j->fd = fd;
	j->path = path;
	j->tmp = evb_buf_take(&tmp, NULL);
	for (size_t i = 0; i < r.n; i++)
		if (r.p[i].ntargets > 0)
			fn(ctx, r.p[i].event, r.p[i].n,
			    (const char *const *)r.p[i].targets,
			    r.p[i].ntargets);
	replay_fini(&r);
	return j;
}

int
evb_journal_commit(struct evb_journal *j, struct evb_err *err)
{
	if (rename(j->tmp, j->path) == -1) {
		evb_err_set(err, "%s: %s", j->path, strerror(errno));
		return -1;
	}
	free(j->tmp);
	j->tmp = NULL;
	return 0;
}

void
evb_journal_close(struct evb_journal *j)
{
	if (j == NULL)
		return;
	close(j->fd);
	if (j->tmp != NULL)
		(void)unlink(j->tmp);
	free(j->tmp);
	free(j->path);
	evb_buf_fini(&j->buf);
	free(j);
}

static int
put(struct evb_journal *j)
{
	const char *p = j->buf.p;
	size_t n = j->buf.len;

	while (n > 0) {
		ssize_t k = write(j->fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	j->size += (off_t)j->buf.len;
	evb_buf_reset(&j->buf);
	return 0;
}

int
evb_journal_event(struct evb_journal *j, uint64_t seq, const char *line,
    size_t n, const char *const *targets, size_t nt)
{
	struct evb_jgen *g = evb_jgen_new(&j->buf);

	evb_jgen_open_object(g);
	evb_jgen_key(g, "seq");
	evb_jgen_int(g, (long long)seq);
	evb_jgen_key(g, "targets");
	evb_jgen_open_array(g);
	for (size_t i = 0; i < nt; i++)
		evb_jgen_str(g, targets[i]);
	evb_jgen_close_array(g);
	evb_jgen_key(g, "event");
	evb_jgen_raw(g, line, n);
	evb_jgen_close_object(g);
	evb_jgen_free(g);
	evb_buf_addc(&j->buf, '\n');
	return put(j);
}

int
evb_journal_settled(struct evb_journal *j, uint64_t seq, const char *target)
{
	struct evb_jgen *g = evb_jgen_new(&j->buf);

	evb_jgen_open_object(g);
	evb_jgen_key(g, "settled");
	evb_jgen_int(g, (long long)seq);
	evb_jgen_key(g, "target");
	evb_jgen_str(g, target);
	evb_jgen_close_object(g);
	evb_jgen_free(g);
	evb_buf_addc(&j->buf, '\n');
	return put(j);
}

int
evb_journal_reset(struct evb_journal *j, bool force)
{
	if (j->size == 0 || (!force && j->size < EVB_JOURNAL_RESET))
		return 0;
	if (ftruncate(j->fd, 0) == -1)
		return -1;
	j->size = 0;
	return 0;
}
