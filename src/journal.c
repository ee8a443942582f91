/*
 * The delivery journal.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "jgen.h"
#include "json.h"
#include "lineio.h"

#define RESET_SIZE	(64 * 1024 * 1024)	/* truncate once idle past this */

struct evb_journal {
	int		fd;
	char		*path;
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

struct evb_journal *
evb_journal_open(const char *path, evb_journal_fn fn, void *ctx,
    struct evb_err *err)
{
	struct evb_journal *j;
	struct replay r = { NULL, 0 };
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

	if (fd == -1 || read_journal(fd, path, &r) == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	j = xcalloc(1, sizeof(*j));
	j->fd = fd;
	j->path = xstrdup(path);
	/* The replayed events are journaled afresh by the caller. */
	if (ftruncate(fd, 0) == -1) {
		evb_err_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		free(j->path);
		free(j);
		j = NULL;
	}
	for (size_t i = 0; i < r.n; i++) {
		if (j != NULL && r.p[i].ntargets > 0)
			fn(ctx, r.p[i].event, r.p[i].n,
			    (const char *const *)r.p[i].targets,
			    r.p[i].ntargets);
		for (size_t k = 0; k < r.p[i].ntargets; k++)
			free(r.p[i].targets[k]);
		free(r.p[i].targets);
		free(r.p[i].event);
	}
	free(r.p);
	return j;
}

void
evb_journal_close(struct evb_journal *j)
{
	if (j == NULL)
		return;
	close(j->fd);
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
	if (j->size == 0 || (!force && j->size < RESET_SIZE))
		return 0;
	if (ftruncate(j->fd, 0) == -1)
		return -1;
	j->size = 0;
	return 0;
}
