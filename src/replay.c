/*
 * Replaying archives.
 */
#include "replay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "jgen.h"
#include "json.h"
#include "timefmt.h"

struct spot {
	time_t			t;
	uint32_t		file;
	uint32_t		len;
	unsigned long long	off;
};

static int
cmp_spot(const void *x, const void *y)
{
	const struct spot *a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

/* Where the window's events are, file by file. */
static void
find(const struct evb_replay *rp, const char *path, uint32_t file,
    struct spot **v, size_t *n)
{
	struct evb_reader r;
	struct evb_arena a = EVB_ARENA_INIT;
	const char *line;
	size_t len;
	enum evb_line st;
	if (evb_reader_open(&r, path, 0) == -1) {
		rp->unreadable(rp->ctx, path, errno);
		return;
	}
	while ((st = evb_reader_next(&r, &line, &len)) != EVB_LINE_EOF) {
		const struct evb_jv *ev, *t;
		time_t when;

		if (st == EVB_LINE_INTR)
			continue;
		if (st == EVB_LINE_ERROR) {
			rp->unreadable(rp->ctx, path, errno);
			break;
		}
		if (st != EVB_LINE_OK) {
			rp->bad(rp->ctx, path, r.lineno, st == EVB_LINE_LONG ?
			    "line too long" : "NUL byte in line");
			continue;
		}
		evb_arena_reset(&a);
		ev = evb_json_parse(&a, line, len, 0, NULL);
		t = evb_json_get(ev, "time");
		if (t == NULL || t->type != EVB_JSTRING ||
		    evb_time_parse(t->u.str, t->n, &when) == -1) {
			rp->bad(rp->ctx, path, r.lineno, ev == NULL ?
			    "invalid JSON" : "no RFC 3339 \"time\"");
			continue;
		}
		if (when < rp->from || when >= rp->to)
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[*n].t = when;
		(*v)[*n].file = file;
		(*v)[*n].off = r.line_off;
		(*v)[*n].len = (uint32_t)len;
		(*n)++;
	}
	evb_reader_close(&r);
	evb_arena_fini(&a);
}

int
evb_replay_mark(struct evb_buf *out, const char *ev, size_t n, const char *name)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_jv *v = evb_json_parse(&a, ev, n, 0, NULL);
	const struct evb_jv *old, *region;
	struct evb_buf q = EVB_BUF_INIT;
	size_t at;

	if (v == NULL || v->type != EVB_JOBJECT) {
		evb_arena_fini(&a);
		return -1;
	}
	evb_json_quote(&q, name, strlen(name));
	if ((old = evb_json_get(v, "replay-name")) != NULL) {
		/* Replayed before: only the name changes. */
		evb_buf_add(out, ev, old->start);
		evb_buf_add(out, q.p, q.len);
		evb_buf_add(out, ev + old->end, n - old->end);
	} else {
		region = evb_json_get(v, "region");
		at = region != NULL ? region->end : v->start + 1;
		evb_buf_add(out, ev, at);
		if (region == NULL) {
			evb_buf_adds(out, "\"replay-name\":");
			evb_buf_add(out, q.p, q.len);
			if (v->n > 0)
				evb_buf_addc(out, ',');
		} else {
			evb_buf_adds(out, ",\"replay-name\":");
			evb_buf_add(out, q.p, q.len);
		}
		evb_buf_add(out, ev + at, n - at);
	}
	evb_buf_fini(&q);
	evb_arena_fini(&a);
	return 0;
}

/* Sleep until the k-th event is due; a signal cuts the sleep short. */
static void
pace(const struct evb_replay *rp, double start, long long k)
{
	struct timespec now, ts;
	double due = start + (double)k / rp->rate, t;

	clock_gettime(CLOCK_MONOTONIC, &now);
	t = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
	if (due <= t)
		return;
	ts.tv_sec = (time_t)(due - t);
	ts.tv_nsec = (long)((due - t - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		if (rp->stop != NULL && rp->stop())
			return;
}

/* Read the chosen events back, mark and write them. */
static long long
emit(const struct evb_replay *rp, char *const *files, const struct spot *v,
    size_t n, struct evb_writer *out, struct evb_err *err)
{
	struct evb_buf ev = EVB_BUF_INIT, line = EVB_BUF_INIT;
	int *fds = NULL;
	struct timespec t0;
	long long done = 0;
	uint32_t nfiles = 0;

	for (size_t i = 0; i < n; i++)
		nfiles = v[i].file + 1 > nfiles ? v[i].file + 1 : nfiles;
	fds = xcalloc(nfiles + 1, sizeof(*fds));
	for (uint32_t f = 0; f < nfiles; f++)
		fds[f] = open(files[f], O_RDONLY | O_CLOEXEC);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < n && (rp->stop == NULL || !rp->stop()); i++) {
		char *p = evb_buf_reserve(&ev, v[i].len);

		if (fds[v[i].file] == -1 || pread(fds[v[i].file], p, v[i].len,
		    (off_t)v[i].off) != (ssize_t)v[i].len) {
			evb_err_set(err, "%s: changed while replaying",
			    files[v[i].file]);
			done = -1;
			break;
		}
		evb_buf_reset(&line);
		if (evb_replay_mark(&line, p, v[i].len, rp->name) == -1)
			continue;
		if (rp->rate > 0) {
			pace(rp, (double)t0.tv_sec + (double)t0.tv_nsec / 1e9,
			    done);
			if (rp->stop != NULL && rp->stop())
				break;
		}
		if (evb_writer_line(out, line.p, line.len) == -1 ||
		    (rp->rate > 0 && evb_writer_flush(out) == -1)) {
			evb_err_set(err, "%s: %s", out->name,
			    strerror(out->error));
			done = -1;
			break;
		}
		done++;
	}
	for (uint32_t f = 0; f < nfiles; f++)
		if (fds[f] != -1)
			close(fds[f]);
	free(fds);
	evb_buf_fini(&ev);
	evb_buf_fini(&line);
	return done;
}

long long
evb_replay_run(const struct evb_replay *rp, char *const *files, size_t nfiles,
    struct evb_writer *out, struct evb_err *err)
{
	struct spot *v = NULL;
	size_t n = 0;
	long long done;

	for (size_t i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0) {
			evb_err_set(err, "-: replay needs files it can read "
			    "twice");
			free(v);
			return -1;
		}
		find(rp, files[i], (uint32_t)i, &v, &n);
	}
	if (n > 0)	/* v is NULL then, which qsort(3) may not take */
		qsort(v, n, sizeof(*v), cmp_spot);
	done = emit(rp, files, v, n, out, err);
	free(v);
	return done;
}
