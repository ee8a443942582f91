/*
 * conformance: run the recorded EventBridge cases against the commands.
 *
 *	conformance --bin DIR DIR_OF_CASES
 *
 * Every *patterns.jsonl file of DIR_OF_CASES holds one case per line: an
 * event pattern, an event and the answer EventBridge gives (match, nomatch or
 * invalid).  Each case runs the real command line, "evmatch PATTERN" with
 * the event on standard input, and, when the event carries what
 * TestEventPattern requires, "evmatch --test PATTERN EVENT" too.  The
 * pattern and the event are handed over as the exact JSON text of the line:
 * a rewrite would lose duplicate keys and number spellings.
 *
 * Every *transforms.jsonl file holds input transformer cases: an event, an
 * InputPath or an InputTransformer, and what AWS delivered.  Each runs
 * "evfan -c BUS" where BUS is one rule with one file: target shaped by the
 * case, again from the exact text of the line.  One line per failed case,
 * then a summary line; the exit status is 1 when a case failed, 2 on
 * trouble.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "json.h"
#include "util.h"

#define CASE_TIMEOUT_MS	10000		/* a command that hangs fails */
#define OUTPUT_MAX	(1024 * 1024)	/* bytes of output kept per run */
#define CASES_MAX	(16 * 1024 * 1024)
#define REASON		"Event pattern is not valid. Reason: "

extern char **environ;

static char *evmatch;			/* DIR/evmatch */
static char *evfan;			/* DIR/evfan */
static char workdir[4096];		/* bus file, output and DLQ of a case */
static int fd_in = -1, fd_out = -1, fd_err = -1;
static unsigned passed, failed;

/* Every case name seen, to refuse one used twice. */
static char **names;
static size_t nnames;

struct run {
	int		 status;	/* exit status; 128+N when killed */
	char		*out, *err;	/* NUL-terminated copies */
	size_t		 nout, nerr;
};

struct kase {
	const char	*file;
	unsigned long long line;
	const char	*name;
	const char	*text;			/* the line */
	char		*pattern, *event;	/* the exact text of the line */
	const char	*expect;		/* match, nomatch, invalid, ok */
	const char	*aws_error;		/* or NULL */
	bool		 complete;		/* --test accepts the event */
	struct evb_buf	 why;			/* what went wrong */
};

static void
usage(void)
{
	fputs("usage: conformance --bin dir dir\n", stderr);
	exit(2);
}

/* An unlinked temporary file for a child's standard input or output. */
static int
scratch_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/conformance.XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(path)) == -1)
		err(2, "%s", path);
	if (unlink(path) == -1)
		err(2, "%s", path);
	return fd;
}

static void
empty(int fd)
{
	if (ftruncate(fd, 0) == -1 || lseek(fd, 0, SEEK_SET) == -1)
		err(2, "temporary file");
}

static char *
slurp(int fd, size_t *n)
{
	char *p = xmalloc(OUTPUT_MAX + 1);
	ssize_t k;

	*n = 0;
	if (lseek(fd, 0, SEEK_SET) == -1)
		err(2, "temporary file");
	while (*n < OUTPUT_MAX &&
	    (k = read(fd, p + *n, OUTPUT_MAX - *n)) != 0) {
		if (k == -1) {
			if (errno == EINTR)
				continue;
			err(2, "temporary file");
		}
		*n += (size_t)k;
	}
	p[*n] = '\0';
	return p;
}

/* Wait for pid, killing it after CASE_TIMEOUT_MS; status as sh has it. */
static int
wait_bounded(pid_t pid)
{
	struct timespec ts = { 0, 50000 };
	long long waited = 0;
	int st;
	pid_t r;

	while ((r = waitpid(pid, &st, WNOHANG)) == 0) {
		if (waited > CASE_TIMEOUT_MS * 1000000LL) {
			(void)kill(pid, SIGKILL);
			if (waitpid(pid, &st, 0) == -1)
				err(2, "waitpid");
			return 124;
		}
		nanosleep(&ts, NULL);
		waited += ts.tv_nsec;
		if (ts.tv_nsec < 10000000)
			ts.tv_nsec *= 2;
	}
	if (r == -1)
		err(2, "waitpid");
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

/* Run argv with the n bytes at in on standard input; collect the output. */
static void
run(char *const argv[], const char *in, size_t n, struct run *r)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, dfl;
	pid_t pid;
	int e;

	empty(fd_in);
	empty(fd_out);
	empty(fd_err);
	if (n > 0 && write(fd_in, in, n) != (ssize_t)n)
		err(2, "temporary file");
	if (lseek(fd_in, 0, SEEK_SET) == -1)
		err(2, "temporary file");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd_in, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fd_out, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fd_err, STDERR_FILENO);
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGCHLD);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	    POSIX_SPAWN_SETSIGDEF);
	e = posix_spawn(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (e != 0) {
		errno = e;
		err(2, "%s", argv[0]);
	}
	r->status = wait_bounded(pid);
	r->out = slurp(fd_out, &r->nout);
	r->err = slurp(fd_err, &r->nerr);
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* Note a problem with the case; the first one is what gets printed. */
static void
wrong(struct kase *k, const char *what, const struct run *r, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
wrong(struct kase *k, const char *what, const struct run *r, const char *fmt,
    ...)
{
	char msg[256];
	va_list ap;
	size_t n;

	if (k->why.len > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	evb_buf_printf(&k->why, "%s: %s", what, msg);
	if (r != NULL && r->nerr > 0) {
		n = strcspn(r->err, "\n");
		evb_buf_printf(&k->why, " [stderr: %.*s]", (int)(n > 200 ? 200 :
		    n), r->err);
	}
}

/*
 * The first line of stderr is "evmatch: " and aws_error word for word.  The
 * recordings only promise which rule AWS applied, but evmatch reproduces
 * EventBridge's messages, so another wording is a regression.
 */
static void
check_reason(struct kase *k, const char *what, const struct run *r)
{
	size_t n = strcspn(r->err, "\n");
	const char *want = "evmatch: " REASON;

	if (strncmp(r->err, want, strlen(want)) != 0) {
		wrong(k, what, r, "no \"%s...\" message", want);
		return;
	}
	if (k->aws_error != NULL &&
	    (n != strlen("evmatch: ") + strlen(k->aws_error) ||
	    memcmp(r->err + strlen("evmatch: "), k->aws_error,
	    strlen(k->aws_error)) != 0))
		wrong(k, what, r, "message is not \"%s\"", k->aws_error);
}

/* evmatch PATTERN <event: the line back and 0, nothing and 1, or 2. */
static void
check_filter(struct kase *k)
{
	char *argv[] = { evmatch, k->pattern, NULL };
	struct evb_buf in = EVB_BUF_INIT;
	struct run r;

	evb_buf_adds(&in, k->event);
	evb_buf_addc(&in, '\n');
	run(argv, in.p, in.len, &r);
	if (strcmp(k->expect, "match") == 0) {
		if (r.status != 0)
			wrong(k, "evmatch", &r, "exit %d, not 0 (match)",
			    r.status);
		else if (r.nout != in.len || memcmp(r.out, in.p, in.len) != 0)
			wrong(k, "evmatch", &r, "the event did not come back "
			    "byte for byte");
	} else if (strcmp(k->expect, "nomatch") == 0) {
		if (r.status != 1)
			wrong(k, "evmatch", &r, "exit %d, not 1 (nomatch)",
			    r.status);
		else if (r.nout != 0)
			wrong(k, "evmatch", &r, "printed something");
	} else {
		if (r.status != 2)
			wrong(k, "evmatch", &r, "exit %d, not 2 (invalid)",
			    r.status);
		else if (r.nout != 0)
			wrong(k, "evmatch", &r, "printed something on stdout");
		else
			check_reason(k, "evmatch", &r);
	}
	if (k->why.len == 0 && strcmp(k->expect, "invalid") != 0 &&
	    r.nerr != 0)
		wrong(k, "evmatch", &r, "wrote on stderr");
	evb_buf_fini(&in);
	run_free(&r);
}

/* evmatch --test PATTERN EVENT, as TestEventPattern answers. */
static void
check_test(struct kase *k)
{
	static char test_opt[] = "--test";
	char *argv[] = { evmatch, test_opt, k->pattern, k->event, NULL };
	struct run r;
	bool yes = strcmp(k->expect, "match") == 0;

	run(argv, NULL, 0, &r);
	if (strcmp(k->expect, "invalid") == 0) {
		if (r.status != 2)
			wrong(k, "--test", &r, "exit %d, not 2 (invalid)",
			    r.status);
		else if (r.nout != 0)
			wrong(k, "--test", &r, "printed something on stdout");
		else
			check_reason(k, "--test", &r);
	} else if (r.status != (yes ? 0 : 1))
		wrong(k, "--test", &r, "exit %d, not %d", r.status, yes ? 0 : 1);
	else if (strcmp(r.out, yes ? "{\"Result\":true}\n" :
	    "{\"Result\":false}\n") != 0)
		wrong(k, "--test", &r, "printed %.*s", (int)strcspn(r.out, "\n"),
		    r.out);
	else if (r.nerr != 0)
		wrong(k, "--test", &r, "wrote on stderr");
	run_free(&r);
}

/* What TestEventPattern requires of an event. */
static bool
complete(const struct evb_jv *ev)
{
	static const char *const fields[] = { "id", "account", "source",
	    "time", "region", "detail-type" };

	if (ev->type != EVB_JOBJECT)
		return false;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (evb_json_get(ev, fields[i]) == NULL)
			return false;
	return true;
}

static bool
is_string(const struct evb_jv *v)
{
	return v != NULL && v->type == EVB_JSTRING;
}

/* Tags: a list of strings. */
static bool
is_tags(const struct evb_jv *v)
{
	if (v == NULL || v->type != EVB_JARRAY)
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (v->u.items[i]->type != EVB_JSTRING)
			return false;
	return true;
}

/* Refuse a name used twice, in this file or another. */
static bool
new_name(const char *name)
{
	for (size_t i = 0; i < nnames; i++)
		if (strcmp(names[i], name) == 0)
			return false;
	names = xreallocarray(names, nnames + 1, sizeof(*names));
	names[nnames++] = xstrdup(name);
	return true;
}

static void
report(struct kase *k)
{
	if (k->why.len == 0) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s (%s:%llu): %.*s\n", k->name != NULL ? k->name : "?",
	    k->file, k->line, (int)k->why.len, k->why.p);
}

/* The fields every pattern case has, checked before it runs. */
static bool
parse_pattern_case(struct kase *k, const struct evb_jv *v)
{
	const struct evb_jv *name = evb_json_get(v, "name");
	const struct evb_jv *pat = evb_json_get(v, "pattern");
	const struct evb_jv *ev = evb_json_get(v, "event");
	const struct evb_jv *expect = evb_json_get(v, "expect");
	const struct evb_jv *aws = evb_json_get(v, "aws_error");
	const struct evb_jv *src = evb_json_get(v, "source");

	if (!is_string(name) || strlen(name->u.str) != name->n || name->n == 0)
		return wrong(k, "case", NULL, "no name"), false;
	k->name = name->u.str;
	if (!new_name(k->name))
		return wrong(k, "case", NULL, "name used twice"), false;
	if (pat == NULL || ev == NULL)
		return wrong(k, "case", NULL, "no pattern or no event"), false;
	if (!is_string(expect) || (strcmp(expect->u.str, "match") != 0 &&
	    strcmp(expect->u.str, "nomatch") != 0 &&
	    strcmp(expect->u.str, "invalid") != 0))
		return wrong(k, "case", NULL, "expect is not match, nomatch "
		    "or invalid"), false;
	k->expect = expect->u.str;
	if (aws == NULL || (aws->type != EVB_JNULL && !is_string(aws)) ||
	    (aws->type == EVB_JNULL) == (strcmp(k->expect, "invalid") == 0))
		return wrong(k, "case", NULL, "aws_error is not a string for "
		    "invalid, null otherwise"), false;
	if (!is_tags(evb_json_get(v, "tags")) || !is_string(src))
		return wrong(k, "case", NULL, "no tags or no source"), false;
	k->aws_error = is_string(aws) ? aws->u.str : NULL;
	k->pattern = xstrndup(k->text + pat->start, pat->end - pat->start);
	k->event = xstrndup(k->text + ev->start, ev->end - ev->start);
	k->complete = complete(ev);
	return true;
}

static void
pattern_case(struct kase *k, const struct evb_jv *v)
{
	if (parse_pattern_case(k, v)) {
		check_filter(k);
		if (k->complete)
			check_test(k);
	}
	report(k);
	free(k->pattern);
	free(k->event);
}

/* Deep equality of two JSON values; numbers by value, members unordered. */
static bool
json_equal(const struct evb_jv *a, const struct evb_jv *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case EVB_JNUMBER:
		return strtod(a->u.str, NULL) == strtod(b->u.str, NULL);
	case EVB_JSTRING:
		return a->n == b->n && memcmp(a->u.str, b->u.str, a->n) == 0;
	case EVB_JARRAY:
		if (a->n != b->n)
			return false;
		for (size_t i = 0; i < a->n; i++)
			if (!json_equal(a->u.items[i], b->u.items[i]))
				return false;
		return true;
	case EVB_JOBJECT:
		if (a->n != b->n)
			return false;
		for (size_t i = 0; i < a->n; i++) {
			const struct evb_jmember *m = &a->u.members[i];
			const struct evb_jv *w = evb_json_getn(b, m->key, m->klen);

			if (w == NULL || !json_equal(m->val, w))
				return false;
		}
		return true;
	default:
		return true;
	}
}

/* Do the n bytes at got hold the JSON text want? */
static bool
same_json(const char *got, size_t n, const char *want)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err e;
	struct evb_jv *x, *y;
	bool same;

	x = evb_json_parse(&a, got, n, 0, &e);
	y = evb_json_parse(&a, want, strlen(want), 0, &e);
	same = x != NULL && y != NULL && json_equal(x, y);
	evb_arena_fini(&a);
	return same;
}

static void
work_path(char *path, size_t size, const char *name)
{
	snprintf(path, size, "%s/%s", workdir, name);
}

/* Write the bus file: one rule for every event, one target shaped by k. */
static void
write_bus(const struct kase *k, const struct evb_jv *v)
{
	static const char *const fields[][2] = {
		{ "input_path", "\"InputPath\":" },
		{ "input_paths_map", "\"InputPathsMap\":" },
		{ "input_template", "\"InputTemplate\":" },
	};
	struct evb_buf bus = EVB_BUF_INIT;
	const struct evb_jv *f[3];
	char path[4200];
	bool transformer;
	FILE *fp;

	for (size_t i = 0; i < 3; i++) {
		f[i] = evb_json_get(v, fields[i][0]);
		if (f[i] != NULL && f[i]->type == EVB_JNULL)
			f[i] = NULL;
	}
	transformer = f[1] != NULL || f[2] != NULL;
	evb_buf_adds(&bus, "{\"Rules\":[{\"Name\":\"case\",\"EventPattern\":"
	    "{\"id\":[{\"exists\":true}]},\"Targets\":[{\"Id\":\"t\","
	    "\"Arn\":\"file:");
	evb_buf_printf(&bus, "%s/out\",\"RetryPolicy\":"
	    "{\"MaximumRetryAttempts\":0},\"DeadLetterConfig\":"
	    "{\"Arn\":\"file:%s/dlq\"}", workdir, workdir);
	if (f[0] != NULL)
		evb_buf_printf(&bus, ",%s%.*s", fields[0][1],
		    (int)(f[0]->end - f[0]->start), k->text + f[0]->start);
	if (transformer) {
		evb_buf_adds(&bus, ",\"InputTransformer\":{");
		for (size_t i = 1; i < 3; i++)
			if (f[i] != NULL)
				evb_buf_printf(&bus, "%s%s%.*s",
				    i == 2 && f[1] != NULL ? "," : "",
				    fields[i][1], (int)(f[i]->end - f[i]->start),
				    k->text + f[i]->start);
		evb_buf_addc(&bus, '}');
	}
	evb_buf_adds(&bus, "}]}]}\n");
	work_path(path, sizeof(path), "bus.json");
	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(bus.p, 1, bus.len, fp) != bus.len || fclose(fp) == EOF)
		err(2, "%s", path);
	evb_buf_fini(&bus);
}

/* The n bytes of a file of the case's directory; empty when missing. */
static char *
work_file(const char *name, size_t *n)
{
	char path[4200], *text;

	work_path(path, sizeof(path), name);
	if (evb_read_file(path, OUTPUT_MAX, &text, n) == -1) {
		if (errno != ENOENT)
			err(2, "%s", path);
		*n = 0;
		return xstrdup("");
	}
	return text;
}

/* expect ok: exit 0, the output file holds expect_output and a newline. */
static void
check_delivered(struct kase *k, const char *want, bool exact,
    const struct run *r)
{
	size_t n, m = strlen(want);
	char *out = work_file("out", &n);

	if (r->status != 0)
		wrong(k, "evfan", r, "exit %d, not 0", r->status);
	else if (r->nerr != 0)
		wrong(k, "evfan", r, "wrote on stderr");
	else if (n == 0 || out[n - 1] != '\n')
		wrong(k, "evfan", r, "delivered no line");
	else if (exact ? n - 1 != m || memcmp(out, want, m) != 0 :
	    !same_json(out, n - 1, want))
		wrong(k, "evfan", r, "delivered %.*s", (int)(n - 1 > 200 ? 200 :
		    n - 1), out);
	free(out);
}

/*
 * expect invalid at delivery: AWS delivers nothing; evfan delivers nothing
 * and dead-letters the event, exit 1.
 */
static void
check_dead_lettered(struct kase *k, const struct run *r)
{
	size_t n, nd;
	char *out = work_file("out", &n), *dlq = work_file("dlq", &nd);

	if (r->status != 1)
		wrong(k, "evfan", r, "exit %d, not 1 (dead-lettered)", r->status);
	else if (n != 0)
		wrong(k, "evfan", r, "delivered %.*s", (int)strcspn(out, "\n"),
		    out);
	else if (nd == 0 || memchr(dlq, '\n', nd) != dlq + nd - 1 ||
	    strstr(dlq, "\"ERROR_CODE\":") == NULL)
		wrong(k, "evfan", r, "not one dead letter with an error code");
	free(out);
	free(dlq);
}

/*
 * expect invalid at config: "evfan --check -c BUS" exits 2 with AWS's
 * message (its <target-id> is the target's Id), and so does a run,
 * before it reads anything.
 */
static void
check_refused(struct kase *k, const char *bus, const struct run *r)
{
	static char check_opt[] = "--check", c_opt[] = "-c";
	char *argv[] = { evfan, check_opt, c_opt, (char *)bus, NULL };
	struct evb_buf want = EVB_BUF_INIT;
	const char *p, *at;
	struct run c;

	if ((at = strstr(k->aws_error, "<target-id>")) != NULL)
		evb_buf_printf(&want, "%.*st%s", (int)(at - k->aws_error),
		    k->aws_error, at + strlen("<target-id>"));
	else
		evb_buf_adds(&want, k->aws_error);
	evb_buf_addc(&want, '\n');
	run(argv, NULL, 0, &c);
	if (r->status != 2 || c.status != 2)
		wrong(k, "evfan", &c, "exit %d, --check %d, not 2 (invalid)",
		    r->status, c.status);
	else if (r->nout != 0 || c.nout != 0)
		wrong(k, "evfan", &c, "printed something on stdout");
	else if ((p = strstr(c.err, evb_buf_cstr(&want))) == NULL ||
	    (p != c.err && p[-1] != ' ') || strchr(c.err, '\n') + 1 !=
	    p + want.len)
		wrong(k, "evfan", &c, "message does not end in \"%s\"",
		    k->aws_error);
	run_free(&c);
	evb_buf_fini(&want);
}

static bool
parse_transform_case(struct kase *k, const struct evb_jv *v)
{
	const struct evb_jv *name = evb_json_get(v, "name");
	const struct evb_jv *ev = evb_json_get(v, "event");
	const struct evb_jv *expect = evb_json_get(v, "expect");
	const struct evb_jv *at = evb_json_get(v, "invalid_at");
	const struct evb_jv *aws = evb_json_get(v, "aws_error");

	if (!is_string(name) || strlen(name->u.str) != name->n || name->n == 0)
		return wrong(k, "case", NULL, "no name"), false;
	k->name = name->u.str;
	if (!new_name(k->name))
		return wrong(k, "case", NULL, "name used twice"), false;
	if (ev == NULL || !is_string(evb_json_get(v, "expect_output")) ||
	    !(evb_json_streq(expect, "ok") || evb_json_streq(expect, "invalid")))
		return wrong(k, "case", NULL, "no event, expect or "
		    "expect_output"), false;
	k->expect = expect->u.str;
	if (evb_json_streq(expect, "invalid") &&
	    !evb_json_streq(at, "config") && !evb_json_streq(at, "delivery"))
		return wrong(k, "case", NULL, "invalid_at is not config or "
		    "delivery"), false;
	if (evb_json_streq(at, "config") && !is_string(aws))
		return wrong(k, "case", NULL, "no aws_error"), false;
	k->aws_error = is_string(aws) ? aws->u.str : NULL;
	k->event = xstrndup(k->text + ev->start, ev->end - ev->start);
	return true;
}

/* A transform case through "evfan -c BUS", the event on standard input. */
static void
transform_case(struct kase *k, const struct evb_jv *v)
{
	static char c_opt[] = "-c";
	char bus[4200], path[4200];
	char *argv[] = { evfan, c_opt, bus, NULL };
	struct evb_buf in = EVB_BUF_INIT;
	struct run r;

	if (!parse_transform_case(k, v)) {
		report(k);
		return;
	}
	write_bus(k, v);
	work_path(bus, sizeof(bus), "bus.json");
	evb_buf_adds(&in, k->event);
	evb_buf_addc(&in, '\n');
	run(argv, in.p, in.len, &r);
	if (strcmp(k->expect, "ok") == 0)
		check_delivered(k, evb_json_get(v, "expect_output")->u.str,
		    !evb_json_streq(evb_json_get(v, "output_compare"), "json"),
		    &r);
	else if (evb_json_streq(evb_json_get(v, "invalid_at"), "config"))
		check_refused(k, bus, &r);
	else
		check_dead_lettered(k, &r);
	report(k);
	run_free(&r);
	evb_buf_fini(&in);
	free(k->event);
	work_path(path, sizeof(path), "out");
	(void)unlink(path);
	work_path(path, sizeof(path), "dlq");
	(void)unlink(path);
	(void)unlink(bus);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Run every case of one file; returns the number of cases. */
static unsigned
run_file(const char *dir, const char *file, bool transforms)
{
	struct evb_arena a = EVB_ARENA_INIT;
	char path[4096], *text, *p, *end;
	size_t len;
	unsigned long long lineno = 0;
	unsigned ncases = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (evb_read_file(path, CASES_MAX, &text, &len) == -1)
		err(2, "%s", path);
	for (p = text, end = text + len; p < end; ) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		struct kase k;
		struct evb_err e;
		struct evb_jv *v;

		memset(&k, 0, sizeof(k));
		k.file = file;
		k.line = ++lineno;
		k.text = p;
		p += n + (nl != NULL);
		if (n == 0)
			continue;
		ncases++;
		evb_arena_reset(&a);
		if ((v = evb_json_parse(&a, k.text, n, 0, &e)) == NULL ||
		    v->type != EVB_JOBJECT) {
			wrong(&k, "case", NULL, "not a JSON object: %s", v ?
			    evb_json_type_name(v->type) : e.msg);
			report(&k);
		} else if (transforms)
			transform_case(&k, v);
		else
			pattern_case(&k, v);
		evb_buf_fini(&k.why);
	}
	evb_arena_fini(&a);
	free(text);
	return ncases;
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

int
main(int argc, char *argv[])
{
	const char *bin = NULL, *dir;
	char **files = NULL, path[4096];
	size_t nfiles = 0;
	unsigned npatterns = 0, ntransforms = 0;
	struct dirent *d;
	DIR *dp;

	if (argc == 4 && strcmp(argv[1], "--bin") == 0) {
		bin = argv[2];
		dir = argv[3];
	} else
		usage();
	snprintf(path, sizeof(path), "%s/evmatch", bin);
	evmatch = xstrdup(path);
	if (access(evmatch, X_OK) == -1)
		err(2, "%s", evmatch);
	snprintf(path, sizeof(path), "%s/evfan", bin);
	evfan = xstrdup(path);
	if (access(evfan, X_OK) == -1)
		err(2, "%s", evfan);
	snprintf(workdir, sizeof(workdir), "%s/conformance.XXXXXX",
	    getenv("TMPDIR") != NULL && *getenv("TMPDIR") != '\0' ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(workdir) == NULL)
		err(2, "%s", workdir);
	if (strpbrk(workdir, "\"\\") != NULL)	/* it goes into JSON as is */
		errx(2, "%s: a quote or backslash in TMPDIR", workdir);
	if ((dp = opendir(dir)) == NULL)
		err(2, "%s", dir);
	while ((d = readdir(dp)) != NULL)
		if (ends_with(d->d_name, ".jsonl")) {
			files = xreallocarray(files, nfiles + 1, sizeof(*files));
			files[nfiles++] = xstrdup(d->d_name);
		}
	closedir(dp);
	qsort(files, nfiles, sizeof(*files), cmp_names);
	fd_in = scratch_file();
	fd_out = scratch_file();
	fd_err = scratch_file();
	for (size_t i = 0; i < nfiles; i++) {
		if (ends_with(files[i], "transforms.jsonl"))
			ntransforms += run_file(dir, files[i], true);
		else if (ends_with(files[i], "patterns.jsonl"))
			npatterns += run_file(dir, files[i], false);
		else
			errx(2, "%s/%s: neither patterns nor transforms", dir,
			    files[i]);
		free(files[i]);
	}
	free(files);
	if (passed + failed == 0)
		errx(2, "%s: no cases", dir);
	if (rmdir(workdir) == -1)
		warn("%s", workdir);
	printf("conformance: %u passed, %u failed (%u pattern cases, %u "
	    "transform cases)\n", passed, failed, npatterns, ntransforms);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(evmatch);
	free(evfan);
	if (fflush(stdout) == EOF || ferror(stdout))
		err(2, "(standard output)");
	return failed > 0;
}
