/*
 * The fan-out engine.
 */
#define _GNU_SOURCE	/* FIONREAD is in <sys/ioctl.h> on Linux */
#include "fan.h"

#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dlq.h"
#include "evbus.h"
#include "journal.h"
#include "lineio.h"
#include "matcher.h"
#include "proc.h"
#include "timefmt.h"

#define LINES_PER_TURN	256	/* input lines handled between dispatches */
#define KILL_GRACE	2.0	/* seconds from SIGTERM to SIGKILL */
#define PIPE_BACKOFF_MAX 60.0	/* seconds between restarts of a pipe: target */
#define PIPE_YOUNG	10.0	/* seconds: a pipe: process that dies sooner */

/* An event in flight: shared by its deliveries, freed when all settle. */
struct ev {
	char			*line;
	size_t			 n;
	uint64_t		 seq;
	unsigned		 refs;
	time_t			 read_at;
	double			 read_mono;
	char			 ingest[EVB_TIME_LEN + 1];
	struct evb_arena	 arena;
	struct evb_jv		*tree;
	bool			 parsed;
};

/* One delivery: an event to a target. */
struct job {
	struct ev		*ev;
	struct tstate		*t;
	unsigned		 attempts;
	time_t			 first, last;
	double			 due;		/* monotonic time it may run */
	struct evb_buf		 payload;
	bool			 rendered;
	struct job		*next;
	/* A running exec: target. */
	pid_t			 pid;
	int			 fd;
	size_t			 written;
	double			 deadline;
	int			 killed;	/* 0, SIGTERM or SIGKILL sent */
	/* Written to a pipe: target: where it ends in the stream. */
	uint64_t		 end;
};

/* A dead-letter file: the records of one turn, and their jobs to settle. */
struct dlqfile {
	const char		*path;
	struct evb_buf		 recs;
	struct job		*jobs;
	bool			 failed;	/* the last write failed */
};

/* A target's state. */
struct tstate {
	const struct evb_target	*conf;
	char			*rule_arn;
	const char		*rule_name;
	struct dlqfile		*dq;
	struct evb_fan_tstats	*st;
	/* Dead letters not yet reported: how many, and the first reason. */
	unsigned long long	 dl_n;
	bool			 dl_mixed;
	struct evb_buf		 dl_why;
	struct job		*head, *tail;	/* waiting, in order */
	size_t			 queued;
	size_t			 nstream;	/* in ph: handed over, not taken */
	struct job		*running;	/* exec: processes */
	size_t			 nrunning;
	int			 fd;		/* file: */
	bool			 broken;	/* stdout closed: every delivery fails */
	/* pipe: */
	pid_t			 pid;
	int			 pfd;
	struct evb_buf		 out;		/* bytes not yet in the pipe */
	uint64_t		 sent;		/* bytes into the pipe so far */
	struct job		*ph, *pt;	/* written, not known consumed */
	double			 restart_at;
	double			 backoff;
	double			 started;
	double			 kill_at;	/* SIGKILL it then, if still there */
};

/* An event replayed from the journal, and the targets it still goes to. */
struct replayed {
	struct ev		*ev;
	struct tstate		**to;
	size_t			 n;
};

struct evb_fan {
	struct evb_bus		*bus;
	struct evb_fan_opts	 o;
	struct evb_matcher	*matcher;
	struct tstate		*t;
	size_t			 nt;
	size_t			*first;		/* per rule: its first target */
	size_t			*count;
	struct evb_journal	*journal;
	struct replayed		*replayed;	/* to journal once it is open */
	size_t			 nreplayed;
	struct evb_fan_stats	 st;
	struct evb_fan_tstats	*tst;
	struct dlqfile		*dq;
	size_t			 ndq;
	size_t			 live;		/* events not settled */
	/* Standard output: a descriptor of our own that does not block. */
	int			 outfd;
	bool			 out_blocks;	/* could not get one: PIPE_BUF writes */
	bool			 out_sock;	/* a socket: send(MSG_DONTWAIT) */
	struct tstate		*out_owner;	/* wrote part of a line */
	uint64_t		 seq;
	bool			 reading;
	bool			 stopping;
	double			 stop_deadline;
	int			 signal;
};

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Events */

static struct ev *
ev_new(struct evb_fan *f, const char *line, size_t n)
{
	struct ev *e = xcalloc(1, sizeof(*e));

	e->line = xstrndup(line, n);
	e->n = n;
	e->seq = ++f->seq;
	f->live++;
	e->read_at = time(NULL);
	e->read_mono = mono();
	evb_time_format(e->read_at, e->ingest);
	return e;
}

/*
 * Once no event is unsettled, the journal holds nothing that a restart
 * would need: it may start afresh.
 */
static void
ev_free(struct evb_fan *f, struct ev *e)
{
	evb_arena_fini(&e->arena);
	free(e->line);
	free(e);
	if (--f->live == 0 && f->journal != NULL &&
	    evb_journal_reset(f->journal, false) == -1) {
		f->o.log("%s: %s", f->o.journal, strerror(errno));
		f->st.trouble = true;
	}
}

/* The parsed event, for transformers; NULL if it does not parse. */
static const struct evb_jv *
ev_tree(struct ev *e)
{
	if (!e->parsed) {
		e->parsed = true;
		e->tree = evb_json_parse(&e->arena, e->line, e->n, 0, NULL);
	}
	return e->tree;
}

/* A target's name in the journal: rule/id. */
static void
target_key(const struct tstate *t, struct evb_buf *b)
{
	evb_buf_reset(b);
	evb_buf_printf(b, "%s/%s", t->rule_name, t->conf->id);
	evb_buf_cstr(b);
}

/* Settling: delivered or dead-lettered, the job is done. */
static void
settle(struct evb_fan *f, struct job *j)
{
	struct ev *e = j->ev;

	if (f->journal != NULL) {
		struct evb_buf k = EVB_BUF_INIT;

		target_key(j->t, &k);
		if (evb_journal_settled(f->journal, e->seq, k.p) == -1) {
			f->o.log("%s: %s", f->o.journal, strerror(errno));
			f->st.trouble = true;
		}
		evb_buf_fini(&k);
	}
	evb_buf_fini(&j->payload);
	free(j);
	if (--e->refs == 0)
		ev_free(f, e);
}

static void
delivered(struct evb_fan *f, struct job *j)
{
	f->st.delivered++;
	j->t->st->delivered++;
	settle(f, j);
}

/* Remember a dead letter's reason for the target's next report. */
static void
note_dead(struct tstate *t, const char *code, const char *msg)
{
	size_t n = t->dl_why.len;

	if (t->dl_n++ == 0) {
		evb_buf_reset(&t->dl_why);
		evb_buf_printf(&t->dl_why, "%s: %s", code, msg);
		return;
	}
	if (t->dl_mixed)
		return;
	evb_buf_printf(&t->dl_why, "%s: %s", code, msg);
	t->dl_mixed = t->dl_why.len != 2 * n ||
	    memcmp(t->dl_why.p, t->dl_why.p + n, n) != 0;
	t->dl_why.len = n;
}

static void
dead_letter(struct evb_fan *f, struct job *j, const char *code,
    const char *msg, const char *exhausted)
{
	struct evb_dlq_record r;
	struct evb_buf b = EVB_BUF_INIT;
	struct tstate *t = j->t;

	memset(&r, 0, sizeof(r));
	r.event = j->ev->line;
	r.nevent = j->ev->n;
	r.rule_arn = t->rule_arn;
	r.target_arn = t->conf->address;
	r.rule = t->rule_name;
	r.target = t->conf->id;
	r.code = code;
	r.message = msg;
	r.exhausted = exhausted;
	r.retries = j->attempts > 0 ? j->attempts - 1 : 0;
	r.now = time(NULL);
	r.first = j->first ? j->first : r.now;
	r.last = j->last ? j->last : r.now;
	f->st.dead++;
	t->st->dead++;
	if (f->o.dead_letter != NULL) {
		evb_dlq_format(&b, &r);
		f->o.dead_letter(f->o.dead_letter_ctx, b.p, b.len);
		evb_buf_fini(&b);
		settle(f, j);
		return;
	}
	/* Settled once the record is written, by flush_dead(). */
	evb_dlq_format(&t->dq->recs, &r);
	note_dead(t, code, msg);
	j->next = t->dq->jobs;
	t->dq->jobs = j;
}

/* The last resort for records that could not be written: stderr. */
static void
dead_unwritten(struct evb_fan *f, struct dlqfile *d, int err)
{
	const char *p = d->recs.p, *end = p + d->recs.len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		f->o.log("%s: %s; dead letter follows: %.*s", d->path,
		    strerror(err), (int)(nl - p), p);
		f->st.dead_unwritten++;
		p = nl + 1;
	}
	f->st.trouble = true;
}

/* One line per target for the dead letters written since the last one. */
static void
report_dead(struct evb_fan *f, struct tstate *t)
{
	unsigned long long n = t->dl_n;
	bool mixed = t->dl_mixed;
	const char *why = evb_buf_cstr(&t->dl_why);

	t->dl_n = 0;
	t->dl_mixed = false;
	/* Records that could not be written were each printed instead. */
	if (n == 0 || t->dq->failed)
		return;
	if (n == 1)
		f->o.log("target %s/%s: %s; dead-lettered to %s", t->rule_name,
		    t->conf->id, why, t->dq->path);
	else if (!mixed)
		f->o.log("target %s/%s: %s; %llu deliveries dead-lettered "
		    "to %s", t->rule_name, t->conf->id, why, n, t->dq->path);
	else
		f->o.log("target %s/%s: %llu deliveries dead-lettered to %s, "
		    "the first: %s", t->rule_name, t->conf->id, n, t->dq->path,
		    why);
}

/*
 * Write the dead letters of this turn, one locked write and one fsync per
 * file however many there are, then settle their jobs: a journal marks a
 * delivery settled only once its record is safe.
 */
static void
flush_dead(struct evb_fan *f)
{
	for (size_t i = 0; i < f->ndq; i++) {
		struct dlqfile *d = &f->dq[i];
		struct job *j;

		if (d->jobs == NULL)
			continue;
		d->failed = evb_dlq_append(d->path, d->recs.p,
		    d->recs.len) == -1;
		if (d->failed)
			dead_unwritten(f, d, errno);
		evb_buf_reset(&d->recs);
		while ((j = d->jobs) != NULL) {
			d->jobs = j->next;
			settle(f, j);
		}
	}
	for (size_t i = 0; i < f->nt; i++)
		report_dead(f, &f->t[i]);
}

/* Back into the queue, in order of readiness. */
static void
enqueue(struct tstate *t, struct job *j)
{
	struct job **pp = &t->head;

	while (*pp != NULL && (*pp)->due <= j->due)
		pp = &(*pp)->next;
	j->next = *pp;
	*pp = j;
	if (j->next == NULL)
		t->tail = j;
	t->queued++;
}

/*
 * An attempt failed, and may be retried: it waits its backoff, and the
 * delay is returned, unless the policy is exhausted or evfan is stopping;
 * then it is dead-lettered, and -1 returned.
 */
static double
retry(struct evb_fan *f, struct job *j, const char *code, const char *msg)
{
	struct evb_retry r = j->t->conf->retry;
	const char *why;
	double now = mono();

	f->st.failed++;
	j->t->st->failed++;
	if (f->o.backoff_base > 0) {
		r.base = f->o.backoff_base;
		r.cap = f->o.backoff_cap > 0 ? f->o.backoff_cap : r.cap;
	}
	why = evb_retry_exhausted(&r, j->attempts - 1, now - j->ev->read_mono);
	if (why != NULL || f->stopping) {
		dead_letter(f, j, code, msg, why);
		return -1;
	}
	j->due = now + evb_retry_delay(&r, j->attempts);
	enqueue(j->t, j);
	return j->due - now;
}

/* An attempt failed: retried if it may be, as the log says, or dead. */
static void
failed(struct evb_fan *f, struct job *j, const char *code, const char *msg,
    bool retryable)
{
	struct tstate *t = j->t;
	unsigned n = j->attempts;
	double d;

	if (!retryable) {
		f->st.failed++;
		t->st->failed++;
		dead_letter(f, j, code, msg, NULL);
	} else if ((d = retry(f, j, code, msg)) >= 0)
		f->o.log("target %s/%s: %s: %s; retry %u of %u in %.1f s",
		    t->rule_name, t->conf->id, code, msg, n,
		    t->conf->retry.max_attempts, d);
}

/* Payloads */

/* What the target receives, made once per job; false: dead-lettered. */
static bool
render(struct evb_fan *f, struct job *j)
{
	struct evb_transform_event te;
	struct evb_err err;
	const char *code;
	struct ev *e = j->ev;

	if (j->rendered)
		return true;
	j->rendered = true;
	if (j->t->conf->xf == NULL) {
		evb_buf_add(&j->payload, e->line, e->n);
		return true;
	}
	memset(&te, 0, sizeof(te));
	te.raw = e->line;
	te.rawlen = e->n;
	te.root = ev_tree(e);
	te.rule_name = j->t->rule_name;
	te.rule_arn = j->t->rule_arn;
	te.ingestion_time = e->ingest;
	if (te.root == NULL) {
		dead_letter(f, j, "INVALID_JSON", "the event is not valid JSON",
		    NULL);
		return false;
	}
	if (evb_transform_render(j->t->conf->xf, &te, &e->arena, &j->payload,
	    &code, &err) == -1) {
		dead_letter(f, j, code, err.msg, NULL);
		return false;
	}
	/* A payload is one line to a pipe or a file: no raw newline in it. */
	for (size_t i = 0; i < j->payload.len; i++)
		if (j->payload.p[i] == '\n' && j->t->conf->kind != EVB_T_EXEC)
			j->payload.p[i] = ' ';
	return true;
}

/* file: */

/*
 * One line in one write(2) under an exclusive lock, so lines of several
 * writers never mix, and a short write (a full disk) can be undone.
 */
static int
append_line(int fd, const char *p, size_t n, bool sync)
{
	off_t start;
	ssize_t k;
	int e = 0;

	while (flock(fd, LOCK_EX) == -1)
		if (errno != EINTR)
			return -1;
	start = lseek(fd, 0, SEEK_END);
	do
		k = write(fd, p, n);
	while (k < 0 && errno == EINTR);
	if (k < 0 || (size_t)k != n) {
		e = k < 0 ? errno : ENOSPC;
		if (start >= 0)
			(void)ftruncate(fd, start);
	} else if (sync && fsync(fd) == -1)
		e = errno;
	(void)flock(fd, LOCK_UN);
	errno = e;
	return e ? -1 : 0;
}

static void
deliver_file(struct evb_fan *f, struct job *j)
{
	struct tstate *t = j->t;

	evb_buf_addc(&j->payload, '\n');
	if (append_line(t->fd, j->payload.p, j->payload.len,
	    t->conf->fsync) == -1) {
		j->payload.len--;
		failed(f, j, errno == ENOSPC || errno == EDQUOT ?
		    "RESOURCE_LIMIT_EXCEEDED" : "INTERNAL_ERROR",
		    strerror(errno), true);
		return;
	}
	j->payload.len--;
	delivered(f, j);
}

/* exec: a process per event, the event on its standard input */

static void
exec_start(struct evb_fan *f, struct job *j)
{
	struct tstate *t = j->t;
	int fd;
	pid_t pid = evb_proc_spawn(t->conf->argv, STDERR_FILENO, &fd);

	if (pid == -1) {
		char msg[256];

		snprintf(msg, sizeof(msg), "cannot run %s: %s", t->conf->argv[0],
		    strerror(errno));
		/* A missing or unusable program will not appear by retrying. */
		failed(f, j, "NO_RESOURCE", msg, false);
		return;
	}
	/* One line on its input, newline included, as `read` wants it. */
	if (j->payload.len == 0 || j->payload.p[j->payload.len - 1] != '\n')
		evb_buf_addc(&j->payload, '\n');
	j->pid = pid;
	j->fd = fd;
	j->written = 0;
	j->killed = 0;
	j->deadline = mono() + t->conf->timeout;
	j->next = t->running;
	t->running = j;
	t->nrunning++;
}

/* Feed a running process its event; close its input when done. */
static void
exec_feed(struct job *j)
{
	while (j->fd != -1 && j->written < j->payload.len) {
		ssize_t k = write(j->fd, j->payload.p + j->written,
		    j->payload.len - j->written);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN)
			return;
		if (k < 0)	/* EPIPE: it stopped reading; its status decides */
			break;
		j->written += (size_t)k;
	}
	if (j->fd != -1) {
		close(j->fd);
		j->fd = -1;
	}
}

static void
exec_unlink(struct tstate *t, struct job *j)
{
	struct job **pp = &t->running;

	while (*pp != j)
		pp = &(*pp)->next;
	*pp = j->next;
	t->nrunning--;
	if (j->fd != -1) {
		close(j->fd);
		j->fd = -1;
	}
}

/* The process of job j ended with wait status st. */
static void
exec_done(struct evb_fan *f, struct job *j, int st)
{
	char msg[128];

	exec_unlink(j->t, j);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		delivered(f, j);
		return;
	}
	if (j->killed) {
		/*
		 * What it started goes too, even what shrugged off SIGTERM:
		 * the group outlives its reaped leader while it has members.
		 */
		(void)kill(-j->pid, SIGKILL);
		snprintf(msg, sizeof(msg), "timed out after %g s",
		    j->t->conf->timeout);
		failed(f, j, "TIMEOUT", msg, true);
	} else if (WIFSIGNALED(st)) {
		snprintf(msg, sizeof(msg), "killed by SIG%s",
		    sigabbrev_np(WTERMSIG(st)) ? sigabbrev_np(WTERMSIG(st)) :
		    "?");
		failed(f, j, "ERROR_FROM_TARGET", msg, true);
	} else if (WEXITSTATUS(st) == 126 || WEXITSTATUS(st) == 127) {
		snprintf(msg, sizeof(msg), "exited %d: cannot run %s",
		    WEXITSTATUS(st), j->t->conf->argv[0]);
		failed(f, j, "NO_RESOURCE", msg, false);
	} else {
		snprintf(msg, sizeof(msg), "exited %d", WEXITSTATUS(st));
		failed(f, j, "ERROR_FROM_TARGET", msg, true);
	}
}

/* A pipe: process that was told to end and has not: SIGKILL. */
static void
pipe_timeouts(struct tstate *t, double now)
{
	if (t->conf->kind == EVB_T_PIPE && t->pid > 0 && t->kill_at > 0 &&
	    now >= t->kill_at) {
		evb_proc_kill(t->pid, SIGKILL);
		t->kill_at = 0;
	}
}

/* Past its timeout: SIGTERM to the process group, then SIGKILL. */
static void
exec_timeouts(struct tstate *t, double now)
{
	for (struct job *j = t->running; j != NULL; j = j->next) {
		if (now < j->deadline)
			continue;
		if (j->killed == 0) {
			evb_proc_kill(j->pid, SIGTERM);
			j->killed = SIGTERM;
			j->deadline = now + KILL_GRACE;
		} else if (j->killed == SIGTERM) {
			evb_proc_kill(j->pid, SIGKILL);
			j->killed = SIGKILL;
			j->deadline = now + 3600;
		}
	}
}

/*
 * Streams: pipe: is one long-lived process fed NDJSON, and stdout: our
 * standard output.  Both take lines into a buffer, written as the other end
 * can take them; a job is delivered once its bytes have been read by the
 * process (FIONREAD tells what is still in the pipe), or written to
 * standard output.  Until then it counts in its target's queue.
 */

static struct job *pop_due(struct tstate *, double);

/*
 * The pause before a pipe: process is started again: the backoff base (1
 * second unless --backoff says otherwise), doubled each time it could not
 * start or died young, up to PIPE_BACKOFF_MAX.
 */
static void
pipe_pause(struct evb_fan *f, struct tstate *t, double now, bool afresh)
{
	double base = f->o.backoff_base > 0 ? f->o.backoff_base : 1;

	t->backoff = afresh || t->backoff == 0 ? base : t->backoff * 2;
	if (t->backoff > PIPE_BACKOFF_MAX)
		t->backoff = PIPE_BACKOFF_MAX;
	t->restart_at = now + t->backoff;
}

static void
pipe_start(struct evb_fan *f, struct tstate *t, double now)
{
	int fd;
	pid_t pid = evb_proc_spawn(t->conf->argv, STDERR_FILENO, &fd);

	if (pid == -1) {
		char msg[256];
		struct job *j;

		snprintf(msg, sizeof(msg), "cannot run %s: %s", t->conf->argv[0],
		    strerror(errno));
		/* As for exec:, a missing program will not appear by retrying. */
		while ((j = pop_due(t, now)) != NULL)
			failed(f, j, "NO_RESOURCE", msg, false);
		pipe_pause(f, t, now, false);
		return;
	}
	t->pid = pid;
	t->pfd = fd;
	t->sent = 0;
	t->started = now;
	t->kill_at = 0;
}

static void
stream_send(struct tstate *t, struct job *j)
{
	evb_buf_add(&t->out, j->payload.p, j->payload.len);
	evb_buf_addc(&t->out, '\n');
	j->end = t->sent + t->out.len;
	j->next = NULL;
	if (t->pt != NULL)
		t->pt->next = j;
	else
		t->ph = j;
	t->pt = j;
	t->nstream++;
}

/* The oldest job handed to the stream, taken off it; NULL when none. */
static struct job *
stream_pop(struct tstate *t)
{
	struct job *j = t->ph;

	if (j == NULL)
		return NULL;
	if ((t->ph = j->next) == NULL)
		t->pt = NULL;
	t->nstream--;
	return j;
}

static void stdout_broken(struct evb_fan *, struct tstate *, int);
static void pipe_lost(struct evb_fan *, struct tstate *, int);
static void stream_progress(struct evb_fan *, struct tstate *);

/*
 * How much of the buffer to write at once to standard output: whole lines
 * up to PIPE_BUF, which a pipe takes whole or not at all, so that the
 * lines of several stdout targets never mix; one longer line alone.
 */
static size_t
out_chunk(const char *p, size_t n)
{
	const char *nl;

	if (n <= PIPE_BUF)
		return n;
	if ((nl = memrchr(p, '\n', PIPE_BUF)) == NULL)
		nl = memchr(p, '\n', n);
	return (size_t)(nl - p) + 1;
}

static ssize_t
out_write(struct evb_fan *f, const char *p, size_t n)
{
	if (f->out_sock)
		return send(f->outfd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	return write(f->outfd, p, n);
}

/*
 * Write to standard output what it takes now.  Another stdout target that
 * wrote part of a line goes first, so that its line is not torn.
 */
static size_t
stdout_write(struct evb_fan *f, struct tstate *t)
{
	size_t done = 0;

	if (f->out_owner != NULL && f->out_owner != t)
		return 0;
	while (done < t->out.len) {
		ssize_t k = out_write(f, t->out.p + done,
		    out_chunk(t->out.p + done, t->out.len - done));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (k < 0) {
			stdout_broken(f, t, errno);
			return 0;
		}
		done += (size_t)k;
		t->sent += (uint64_t)k;
		/* A descriptor that may block gets one write per readiness. */
		if (f->out_blocks)
			break;
	}
	if (done > 0)
		f->out_owner = t->out.p[done - 1] != '\n' ? t : NULL;
	return done;
}

/* Write to a pipe: process what its pipe takes now. */
static size_t
pipe_write(struct evb_fan *f, struct tstate *t)
{
	size_t done = 0;

	while (t->pfd != -1 && done < t->out.len) {
		ssize_t k = write(t->pfd, t->out.p + done, t->out.len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN)
			break;
		/* What went before the failure may have been read. */
		if (k < 0) {
			t->sent += done;
			pipe_lost(f, t, errno);
			return 0;
		}
		done += (size_t)k;
	}
	t->sent += done;
	return done;
}

static void
stream_write(struct evb_fan *f, struct tstate *t)
{
	size_t done;

	if (t->pfd == -1)
		return;
	done = t->conf->kind == EVB_T_STDOUT ? stdout_write(f, t) :
	    pipe_write(f, t);
	if (t->out.len == 0)	/* failed: the buffer went too */
		return;
	memmove(t->out.p, t->out.p + done, t->out.len - done);
	t->out.len -= done;
	/* Written is delivered, for stdout: now, before poll(2) sleeps. */
	if (t->conf->kind == EVB_T_STDOUT)
		stream_progress(f, t);
}

/* Jobs whose bytes were read (or written, for stdout) are delivered. */
static void
stream_progress(struct evb_fan *f, struct tstate *t)
{
	int unread = 0;
	uint64_t consumed;

	if (t->pfd == -1 || t->ph == NULL)
		return;
	if (t->conf->kind == EVB_T_PIPE && ioctl(t->pfd, FIONREAD,
	    &unread) == -1)
		return;
	consumed = t->sent - (uint64_t)unread;
	while (t->ph != NULL && t->ph->end <= consumed)
		delivered(f, stream_pop(t));
}

/*
 * A pipe: process closed its input (EPIPE, or POLLERR on our end) while
 * still running: nothing more can reach it.  What it read is delivered;
 * the rest waits for it to end, which SIGTERM and then SIGKILL see to.
 */
static void
pipe_lost(struct evb_fan *f, struct tstate *t, int err)
{
	stream_progress(f, t);
	close(t->pfd);
	t->pfd = -1;
	t->out.len = 0;
	f->o.log("target %s/%s: %s; ending it", t->rule_name, t->conf->id,
	    strerror(err));
	evb_proc_kill(t->pid, SIGTERM);
	t->kill_at = mono() + KILL_GRACE;
}

/* How a pipe: process ended, for messages. */
static void
pipe_status(const struct tstate *t, int st, bool *cannot_run, char *msg,
    size_t size)
{
	*cannot_run = false;
	if (WIFSIGNALED(st))
		snprintf(msg, size, "ended, killed by SIG%s",
		    sigabbrev_np(WTERMSIG(st)) ? sigabbrev_np(WTERMSIG(st)) :
		    "?");
	else if (WEXITSTATUS(st) == 126 || WEXITSTATUS(st) == 127) {
		/* As for exec:, the shell's "cannot run": not retried. */
		*cannot_run = true;
		snprintf(msg, size, "ended, exit status %d: cannot run %s",
		    WEXITSTATUS(st), t->conf->argv[0]);
	} else
		snprintf(msg, size, "ended, exit status %d", WEXITSTATUS(st));
}

/*
 * The process ended: what it had not read is tried again once it has been
 * restarted, after a pause that grows while it keeps dying young.  One
 * message says so, however many deliveries it had not read.
 */
static void
pipe_done(struct evb_fan *f, struct tstate *t, int st, double now)
{
	char msg[256];
	struct job *j;
	size_t n = 0;
	bool cannot_run;

	stream_progress(f, t);
	if (t->pfd != -1)
		close(t->pfd);
	t->pfd = -1;
	t->pid = 0;
	t->kill_at = 0;
	t->out.len = 0;
	pipe_status(t, st, &cannot_run, msg, sizeof(msg));
	pipe_pause(f, t, now, now - t->started > PIPE_YOUNG);
	while ((j = stream_pop(t)) != NULL) {
		if (cannot_run)
			failed(f, j, "NO_RESOURCE", msg, false);
		else if (retry(f, j, "ERROR_FROM_TARGET", msg) >= 0)
			n++;
	}
	if (n > 0)
		f->o.log("target %s/%s: ERROR_FROM_TARGET: %s; %zu unread "
		    "deliveries retried after a restart in %.2g s",
		    t->rule_name, t->conf->id, msg, n, t->backoff);
}

/* Dead-letter every delivery handed to the stream and not yet taken. */
static void
stream_drop(struct evb_fan *f, struct tstate *t, const char *code,
    const char *msg)
{
	struct job *j;

	while ((j = stream_pop(t)) != NULL)
		dead_letter(f, j, code, msg, NULL);
	t->out.len = 0;
}

/* Dead-letter every delivery waiting in the queue. */
static void
queue_drop(struct evb_fan *f, struct tstate *t, const char *code,
    const char *msg)
{
	struct job *j;

	while ((j = t->head) != NULL) {
		t->head = j->next;
		t->queued--;
		dead_letter(f, j, code, msg, NULL);
	}
	t->tail = NULL;
}

/*
 * Standard output failed: every delivery to it fails for good, and the
 * input is not read any further.  A broken pipe makes evfan end by SIGPIPE
 * once the other targets are done; any other error is trouble (exit 2).
 */
static void
stdout_broken(struct evb_fan *f, struct tstate *t, int err)
{
	if (err != EPIPE) {
		f->o.log("%s: %s", EVB_STDOUT_NAME, strerror(err));
		f->st.trouble = true;
	}
	t->broken = true;
	t->pfd = -1;
	if (f->out_owner == t)
		f->out_owner = NULL;
	stream_drop(f, t, "NO_RESOURCE", strerror(err));
	queue_drop(f, t, "NO_RESOURCE", strerror(err));
	f->reading = false;
	if (err == EPIPE && f->signal == 0)
		f->signal = SIGPIPE;
}

/* Dispatch */

static struct job *
pop_due(struct tstate *t, double now)
{
	struct job *j = t->head;

	if (j == NULL || j->due > now)
		return NULL;
	if ((t->head = j->next) == NULL)
		t->tail = NULL;
	t->queued--;
	j->attempts++;
	j->last = time(NULL);
	if (j->first == 0)
		j->first = j->last;
	return j;
}

static void
dispatch(struct evb_fan *f, struct tstate *t, double now)
{
	const struct evb_target *c = t->conf;
	struct job *j;

	if (c->kind == EVB_T_PIPE && t->pid == 0 && t->head != NULL &&
	    t->head->due <= now && t->restart_at <= now && !f->stopping)
		pipe_start(f, t, now);
	for (;;) {
		if (c->kind == EVB_T_EXEC && t->nrunning >= c->concurrency)
			return;
		if ((c->kind == EVB_T_PIPE || (c->kind == EVB_T_STDOUT &&
		    !t->broken)) && t->pfd == -1)
			return;
		if ((j = pop_due(t, now)) == NULL)
			return;
		if (t->broken) {
			dead_letter(f, j, "NO_RESOURCE", "standard output is "
			    "closed", NULL);
			continue;
		}
		if (!render(f, j))
			continue;
		switch (c->kind) {
		case EVB_T_FILE:
			deliver_file(f, j);
			break;
		case EVB_T_EXEC:
			exec_start(f, j);
			break;
		case EVB_T_STDOUT:
		case EVB_T_PIPE:
			stream_send(t, j);
			break;
		}
	}
}

/* Intake */

static void
add_job(struct evb_fan *f, struct ev *e, struct tstate *t)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->ev = e;
	j->t = t;
	j->fd = -1;
	j->due = mono();
	e->refs++;
	f->st.deliveries++;
	t->st->deliveries++;
	enqueue(t, j);
}

/* The targets an event goes to: its rules' targets, and catch-all ones. */
static size_t
route(struct evb_fan *f, const uint32_t *rules, int nrules, struct tstate **out)
{
	size_t n = 0;
	size_t catch = f->bus->rules.n;

	for (int i = 0; i < nrules; i++)
		for (size_t k = 0; k < f->count[rules[i]]; k++)
			out[n++] = &f->t[f->first[rules[i]] + k];
	for (size_t k = 0; k < f->count[catch]; k++)
		out[n++] = &f->t[f->first[catch] + k];
	return n;
}

static void
journal_event(struct evb_fan *f, struct ev *e, struct tstate **t, size_t n)
{
	struct evb_buf *keys = xcalloc(n ? n : 1, sizeof(*keys));
	const char **names = xcalloc(n ? n : 1, sizeof(*names));

	for (size_t i = 0; i < n; i++) {
		target_key(t[i], &keys[i]);
		names[i] = keys[i].p;
	}
	if (evb_journal_event(f->journal, e->seq, e->line, e->n, names,
	    n) == -1) {
		f->o.log("%s: %s", f->o.journal, strerror(errno));
		f->st.trouble = true;
	}
	for (size_t i = 0; i < n; i++)
		evb_buf_fini(&keys[i]);
	free(keys);
	free(names);
}

static void
malformed(struct evb_fan *f, const char *file, unsigned long long lineno,
    const char *why, const char *line, size_t n)
{
	f->st.malformed++;
	f->o.log("%s:%llu: %s", file, lineno, why);
	if (f->o.reject != NULL)
		f->o.reject(file, lineno, why, line, n);
}

static void
intake(struct evb_fan *f, const char *file, unsigned long long lineno,
    const char *line, size_t n)
{
	const uint32_t *rules;
	struct evb_err err;
	struct tstate **to;
	struct ev *e;
	size_t nto;
	int k;

	if ((k = evb_matcher_match(f->matcher, line, n, EVB_MATCH_ALL, &rules,
	    &err)) < 0) {
		malformed(f, file, lineno, err.msg, line, n);
		return;
	}
	to = xcalloc(f->nt + 1, sizeof(*to));
	if ((nto = route(f, rules, k, to)) == 0) {
		f->st.unmatched++;
		free(to);
		return;
	}
	e = ev_new(f, line, n);
	if (f->journal != NULL)
		journal_event(f, e, to, nto);
	for (size_t i = 0; i < nto; i++)
		add_job(f, e, to[i]);
	free(to);
}

/* Children */

static struct job *
find_exec(struct evb_fan *f, pid_t pid)
{
	for (size_t i = 0; i < f->nt; i++)
		for (struct job *j = f->t[i].running; j != NULL; j = j->next)
			if (j->pid == pid)
				return j;
	return NULL;
}

static void
reap(struct evb_fan *f, double now)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		struct job *j = find_exec(f, pid);

		if (j != NULL) {
			exec_done(f, j, st);
			continue;
		}
		for (size_t i = 0; i < f->nt; i++)
			if (f->t[i].pid == pid) {
				pipe_done(f, &f->t[i], st, now);
				break;
			}
	}
}

/* Work not yet settled, and processes still running. */
static size_t
pending(const struct evb_fan *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nt; i++) {
		const struct tstate *t = &f->t[i];

		n += t->queued + t->nrunning + t->nstream +
		    (t->conf->kind == EVB_T_PIPE && t->pid > 0);
	}
	return n;
}

/*
 * A stream target with nothing more to send gets end of input (its process
 * then exits) once everything it was sent has been read.
 */
static void
close_idle_pipes(struct evb_fan *f)
{
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];

		if (t->conf->kind == EVB_T_PIPE && t->pfd != -1 &&
		    t->head == NULL && t->ph == NULL && t->out.len == 0) {
			close(t->pfd);
			t->pfd = -1;
		}
	}
}

/* A stop signal: read no more, and give deliveries a grace period. */
static void
begin_stop(struct evb_fan *f, int sig, double now)
{
	f->stopping = true;
	f->reading = false;
	f->signal = sig;
	f->stop_deadline = now + f->o.grace;
}

/* The grace period is over: end the processes, dead-letter the rest. */
static void
abandon(struct evb_fan *f)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "evfan stopped by SIG%s before delivery",
	    sigabbrev_np(f->signal) ? sigabbrev_np(f->signal) : "?");
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];
		struct job *j;

		while ((j = t->running) != NULL) {
			evb_proc_kill(j->pid, SIGKILL);
			(void)waitpid(j->pid, NULL, 0);
			exec_unlink(t, j);
			dead_letter(f, j, "SHUTDOWN", msg, NULL);
		}
		if (t->conf->kind == EVB_T_PIPE && t->pid > 0) {
			stream_progress(f, t);
			evb_proc_kill(t->pid, SIGKILL);
			(void)waitpid(t->pid, NULL, 0);
			t->pid = 0;
			t->kill_at = 0;
		}
		stream_drop(f, t, "SHUTDOWN", msg);
		queue_drop(f, t, "SHUTDOWN", msg);
	}
}

/* The loop */

struct input {
	char *const	*files;
	size_t		 nfiles, next;
	struct evb_reader r;
	bool		 open;
	bool		 buffered;	/* lines may wait in the reader */
};

static void
next_input(struct evb_fan *f, struct input *in)
{
	while (!in->open && in->next < in->nfiles) {
		const char *path = in->files[in->next++];

		if (evb_reader_open(&in->r, path, f->o.max_line) == -1) {
			f->o.log("%s: %s", path, strerror(errno));
			f->st.trouble = true;
			continue;
		}
		in->r.poll_mode = true;
		in->open = true;
		in->buffered = true;
	}
	if (!in->open)
		f->reading = false;
}

/* A target holds --queue deliveries, waiting or handed to its stream. */
static bool
backpressure(const struct evb_fan *f)
{
	for (size_t i = 0; i < f->nt; i++)
		if (f->t[i].queued + f->t[i].nstream >= f->o.queue)
			return true;
	return false;
}

static void
line_long(struct evb_fan *f, struct input *in)
{
	char why[64];

	snprintf(why, sizeof(why), "line longer than %zu bytes (--max-line)",
	    in->r.max_line);
	malformed(f, in->r.name, in->r.lineno, why, NULL, in->r.long_len);
}

static void
read_input(struct evb_fan *f, struct input *in, bool ready)
{
	const char *line;
	size_t n;

	in->r.may_read = ready;
	for (int k = 0; k < LINES_PER_TURN && f->reading &&
	    !backpressure(f); k++) {
		enum evb_line st = evb_reader_next(&in->r, &line, &n);

		in->buffered = st != EVB_LINE_AGAIN;
		if (st == EVB_LINE_OK || st == EVB_LINE_LONG ||
		    st == EVB_LINE_NUL)
			f->st.events++;
		switch (st) {
		case EVB_LINE_OK:
			intake(f, in->r.name, in->r.lineno, line, n);
			break;
		case EVB_LINE_LONG:
			line_long(f, in);
			break;
		case EVB_LINE_NUL:
			malformed(f, in->r.name, in->r.lineno, "NUL byte in line",
			    line, n);
			break;
		case EVB_LINE_AGAIN:
		case EVB_LINE_INTR:
			return;
		case EVB_LINE_ERROR:
			f->o.log("%s: %s", in->r.name, strerror(errno));
			f->st.trouble = true;
			/* FALLTHROUGH */
		case EVB_LINE_EOF:
			evb_reader_close(&in->r);
			in->open = false;
			next_input(f, in);
			return;
		}
	}
}

static void
add_fd(struct pollfd *p, size_t *n, int fd, short ev)
{
	p[*n].fd = fd;
	p[*n].events = ev;
	p[*n].revents = 0;
	(*n)++;
}

static double
earliest(double a, double b)
{
	return b < a ? b : a;
}

/* Descriptors to watch, and how long poll may sleep. */
static size_t
watch(struct evb_fan *f, struct input *in, struct pollfd *p, double now,
    double *wake)
{
	size_t n = 0;

	*wake = f->stopping ? f->stop_deadline : now + 3600;
	if (f->o.sigfd != -1)
		add_fd(p, &n, f->o.sigfd, POLLIN);
	if (f->reading && in->open && !backpressure(f)) {
		if (in->buffered)
			*wake = now;
		add_fd(p, &n, in->r.fd, POLLIN);
	}
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];

		if (t->head != NULL && t->head->due > now)
			*wake = earliest(*wake, t->head->due);
		for (struct job *j = t->running; j != NULL; j = j->next) {
			*wake = earliest(*wake, j->deadline);
			if (j->fd != -1)
				add_fd(p, &n, j->fd, POLLOUT);
		}
		if (t->pfd != -1 && t->out.len > 0)
			add_fd(p, &n, t->pfd, POLLOUT);
		else if (t->conf->kind == EVB_T_PIPE && t->pfd != -1 &&
		    t->ph != NULL)
			add_fd(p, &n, t->pfd, 0);	/* POLLERR: it closed it */
		if (t->kill_at > 0)
			*wake = earliest(*wake, t->kill_at);
		if (t->ph != NULL && t->conf->kind == EVB_T_PIPE)
			*wake = earliest(*wake, now + 0.02);
		if (t->conf->kind == EVB_T_PIPE && t->pid == 0 &&
		    t->head != NULL)
			*wake = earliest(*wake, t->restart_at);
	}
	return n;
}

/* After poll: feed processes, write streams. */
static void
serve(struct evb_fan *f)
{
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];

		for (struct job *j = t->running; j != NULL; j = j->next)
			exec_feed(j);
		if (t->out.len > 0)
			stream_write(f, t);
	}
}

/* POLLERR on fd: if a pipe: process's input, it closed it. */
static void
pipe_closed(struct evb_fan *f, int fd)
{
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];

		if (t->conf->kind == EVB_T_PIPE && t->pfd == fd &&
		    t->out.len == 0)
			pipe_lost(f, t, EPIPE);
	}
}

/* One turn of the loop; false when all is done. */
static bool
turn(struct evb_fan *f, struct input *in, struct pollfd *p)
{
	double now = mono(), wake;
	int sig = f->o.caught != NULL ? f->o.caught() : 0;
	size_t n;
	int ms;

	if (sig != 0 && !f->stopping)
		begin_stop(f, sig, now);
	reap(f, now);
	for (size_t i = 0; i < f->nt; i++) {
		stream_progress(f, &f->t[i]);
		exec_timeouts(&f->t[i], now);
		pipe_timeouts(&f->t[i], now);
		dispatch(f, &f->t[i], now);
	}
	serve(f);
	if (f->stopping && now >= f->stop_deadline)
		abandon(f);
	flush_dead(f);
	if (!f->reading)
		close_idle_pipes(f);
	if (!f->reading && pending(f) == 0)
		return false;
	n = watch(f, in, p, now, &wake);
	ms = wake <= now ? 0 : (int)((wake - now) * 1000) + 1;
	if (poll(p, n, ms) == -1 && errno != EINTR) {
		f->o.log("poll: %s", strerror(errno));
		f->st.trouble = true;
		return false;
	}
	if (f->o.sigfd != -1 && n > 0 && (p[0].revents & POLLIN)) {
		char buf[64];

		while (read(f->o.sigfd, buf, sizeof(buf)) > 0)
			;
	}
	for (size_t i = 0; i < n; i++)
		if (p[i].revents & POLLERR)
			pipe_closed(f, p[i].fd);
	if (f->reading && in->open) {
		bool ready = false;

		for (size_t i = 0; i < n; i++)
			if (p[i].fd == in->r.fd && p[i].revents != 0)
				ready = true;
		if (ready || in->buffered)
			read_input(f, in, ready);
	}
	serve(f);
	return true;
}

int
evb_fan_run(struct evb_fan *f, char *const *files, size_t nfiles)
{
	static char *const stdin_only[] = { (char *)"-" };
	struct input in;
	struct pollfd *p = xcalloc(8 + f->nt * 2 + 64, sizeof(*p));
	size_t cap = 8 + f->nt * 2 + 64;

	memset(&in, 0, sizeof(in));
	in.files = nfiles ? files : stdin_only;
	in.nfiles = nfiles ? nfiles : 1;
	f->reading = !f->o.no_input;
	if (f->reading)
		next_input(f, &in);
	for (;;) {
		size_t need = 8 + f->nt * 2;

		for (size_t i = 0; i < f->nt; i++)
			need += f->t[i].nrunning;
		if (need > cap) {
			cap = need * 2;
			p = xreallocarray(p, cap, sizeof(*p));
		}
		if (!turn(f, &in, p))
			break;
	}
	if (in.open)
		evb_reader_close(&in.r);
	free(p);
	flush_dead(f);
	if (f->journal != NULL && pending(f) == 0)
		(void)evb_journal_reset(f->journal, true);
	return f->signal;
}

int
evb_fan_deliver(struct evb_fan *f, const char *line, size_t n,
    const char *rule, const char *target)
{
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];

		if (strcmp(t->rule_name, rule) == 0 &&
		    strcmp(t->conf->id, target) == 0) {
			struct ev *e = ev_new(f, line, n);

			f->st.events++;
			if (f->journal != NULL)
				journal_event(f, e, &t, 1);
			add_job(f, e, t);
			return 0;
		}
	}
	return -1;
}

/* Setting up */

/*
 * Standard output that never blocks the loop.  A pipe, FIFO or terminal is
 * opened again through /proc: a file description of our own, so that
 * O_NONBLOCK does not reach the other processes that share ours (it has
 * no offset to lose).  A socket gets send(MSG_DONTWAIT), and a regular
 * file or a block device does not block.  Otherwise fd 1 it is, one write
 * of whole lines per readiness.
 */
static void
open_stdout(struct evb_fan *f)
{
	struct stat st;
	int fd;

	if (f->outfd != -1)
		return;
	f->outfd = STDOUT_FILENO;
	if (fstat(STDOUT_FILENO, &st) == -1 || S_ISREG(st.st_mode) ||
	    S_ISBLK(st.st_mode))
		return;
	if (S_ISSOCK(st.st_mode)) {
		f->out_sock = true;
		return;
	}
	if ((S_ISFIFO(st.st_mode) || isatty(STDOUT_FILENO)) &&
	    (fd = open("/proc/self/fd/1", O_WRONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) != -1)
		f->outfd = fd;
	else
		f->out_blocks = !(fcntl(STDOUT_FILENO, F_GETFL) & O_NONBLOCK);
}

static struct dlqfile *
dlq_file(struct evb_fan *f, const char *path)
{
	for (size_t i = 0; i < f->ndq; i++)
		if (strcmp(f->dq[i].path, path) == 0)
			return &f->dq[i];
	f->dq[f->ndq].path = path;
	return &f->dq[f->ndq++];
}

static int
open_target(struct evb_fan *f, struct tstate *t, struct evb_err *err)
{
	const struct evb_target *c = t->conf;

	t->fd = t->pfd = -1;
	t->dq = dlq_file(f, c->dlq != NULL ? c->dlq : f->o.default_dlq ?
	    f->o.default_dlq : EVB_FAN_DLQ);
	if (c->kind == EVB_T_STDOUT) {
		open_stdout(f);
		t->pfd = f->outfd;
	}
	if (c->kind == EVB_T_FILE && (t->fd = open(c->path, O_WRONLY |
	    O_APPEND | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		evb_err_set(err, "target %s/%s: %s: %s", t->rule_name, c->id,
		    c->path, strerror(errno));
		return -1;
	}
	return 0;
}

static void warn_default_dlq(struct evb_fan *);

/* Targets in rule order, so that a rule's targets are side by side. */
static int
setup_targets(struct evb_fan *f, struct evb_err *err)
{
	struct evb_bus *b = f->bus;
	size_t nrules = b->rules.n + 1, k = 0;
	struct evb_buf arn = EVB_BUF_INIT;

	f->first = xcalloc(nrules, sizeof(*f->first));
	f->count = xcalloc(nrules, sizeof(*f->count));
	f->t = xcalloc(b->ntargets + 1, sizeof(*f->t));
	f->tst = xcalloc(b->ntargets + 1, sizeof(*f->tst));
	f->dq = xcalloc(b->ntargets + 1, sizeof(*f->dq));
	for (size_t r = 0; r < nrules; r++) {
		f->first[r] = k;
		for (size_t i = 0; i < b->ntargets; i++) {
			struct tstate *t;

			if (b->targets[i].rule != r)
				continue;
			t = &f->t[k];
			t->st = &f->tst[k++];
			t->conf = &b->targets[i];
			t->rule_name = r < b->rules.n ? b->rules.rules[r].name :
			    "evfan";
			t->st->rule = t->rule_name;
			t->st->id = t->conf->id;
			evb_buf_reset(&arn);
			if (r < b->rules.n)
				evb_bus_rule_arn(b, r, &arn);
			else
				evb_buf_printf(&arn, "arn:aws:events:%s:%s:"
				    "rule/evfan", b->region, b->account);
			t->rule_arn = xstrdup(evb_buf_cstr(&arn));
			f->count[r]++;
			f->nt = k;
			if (open_target(f, t, err) == -1) {
				evb_buf_fini(&arn);
				return -1;
			}
		}
	}
	evb_buf_fini(&arn);
	if (f->o.dead_letter == NULL)
		warn_default_dlq(f);
	return 0;
}

/*
 * One warning naming every target whose dead letters go to the default
 * file, unless the caller chose that file.
 */
static void
warn_default_dlq(struct evb_fan *f)
{
	struct evb_buf names = EVB_BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; f->o.default_dlq == NULL && i < f->nt; i++)
		if (f->t[i].conf->dlq == NULL) {
			evb_buf_printf(&names, "%s%s/%s", n++ ? ", " : "",
			    f->t[i].rule_name, f->t[i].conf->id);
		}
	if (n > 0)
		f->o.log("no DeadLetterConfig for %s: dead letters go to %s",
		    evb_buf_cstr(&names), EVB_FAN_DLQ);
	evb_buf_fini(&names);
}

/* An unsettled event from the journal: its unsettled deliveries again. */
static void
replay(void *ctx, const char *line, size_t n, const char *const *targets,
    size_t nt)
{
	struct evb_fan *f = ctx;
	struct ev *e = ev_new(f, line, n);
	struct tstate **to = xcalloc(nt + 1, sizeof(*to));
	struct evb_buf key = EVB_BUF_INIT;
	size_t k = 0;

	for (size_t i = 0; i < nt; i++) {
		size_t t;

		for (t = 0; t < f->nt; t++) {
			target_key(&f->t[t], &key);
			if (strcmp(key.p, targets[i]) == 0)
				break;
		}
		if (t == f->nt)
			f->o.log("%s: target %s is no longer on the bus; its "
			    "delivery of event %.60s is dropped from the "
			    "journal", f->o.journal, targets[i], line);
		else
			to[k++] = &f->t[t];
	}
	evb_buf_fini(&key);
	f->st.events++;
	for (size_t i = 0; i < k; i++)
		add_job(f, e, to[i]);
	if (k == 0) {
		ev_free(f, e);
		free(to);
		return;
	}
	/* The journal is not open yet: it is written once it is. */
	f->replayed = xreallocarray(f->replayed, f->nreplayed + 1,
	    sizeof(*f->replayed));
	f->replayed[f->nreplayed].ev = e;
	f->replayed[f->nreplayed].to = to;
	f->replayed[f->nreplayed++].n = k;
}

struct evb_fan *
evb_fan_new(struct evb_bus *bus, const struct evb_fan_opts *o,
    struct evb_err *err)
{
	struct evb_fan *f = xcalloc(1, sizeof(*f));

	f->bus = bus;
	f->o = *o;
	f->outfd = -1;
	if (f->o.queue == 0)
		f->o.queue = 1000;
	f->matcher = evb_matcher_new();
	evb_matcher_set_max_depth(f->matcher, o->max_depth);
	for (size_t i = 0; i < bus->rules.n; i++)
		if (!bus->rules.rules[i].disabled)
			evb_matcher_add(f->matcher, (uint32_t)i,
			    &bus->rules.rules[i].pattern);
	evb_matcher_build(f->matcher);
	if (setup_targets(f, err) == -1) {
		evb_fan_free(f);
		return NULL;
	}
	if (o->journal != NULL && (f->journal = evb_journal_open(o->journal,
	    replay, f, err)) == NULL) {
		evb_fan_free(f);
		return NULL;
	}
	for (size_t i = 0; i < f->nreplayed; i++) {
		journal_event(f, f->replayed[i].ev, f->replayed[i].to,
		    f->replayed[i].n);
		free(f->replayed[i].to);
	}
	free(f->replayed);
	f->replayed = NULL;
	f->nreplayed = 0;
	/* The new journal holds the replayed events: it replaces the old. */
	if (f->journal != NULL && evb_journal_commit(f->journal, err) == -1) {
		evb_fan_free(f);
		return NULL;
	}
	return f;
}

void
evb_fan_free(struct evb_fan *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nt; i++) {
		struct tstate *t = &f->t[i];

		if (t->fd != -1)
			close(t->fd);
		if (t->pfd != -1 && t->pfd != f->outfd)
			close(t->pfd);
		free(t->rule_arn);
		evb_buf_fini(&t->out);
		evb_buf_fini(&t->dl_why);
	}
	if (f->outfd != -1 && f->outfd != STDOUT_FILENO)
		close(f->outfd);
	for (size_t i = 0; i < f->ndq; i++)
		evb_buf_fini(&f->dq[i].recs);
	free(f->dq);
	free(f->tst);
	free(f->t);
	free(f->first);
	free(f->count);
	evb_matcher_free(f->matcher);
	for (size_t i = 0; i < f->nreplayed; i++)
		free(f->replayed[i].to);
	free(f->replayed);
	evb_journal_close(f->journal);
	free(f);
}

const struct evb_fan_stats *
evb_fan_stats(const struct evb_fan *f)
{
	return &f->st;
}

const struct evb_fan_tstats *
evb_fan_target_stats(const struct evb_fan *f, size_t *n)
{
	*n = f->nt;
	return f->tst;
}
