/*
 * Dead-letter files.
 */
#include "dlq.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jgen.h"
#include "json.h"
#include "timefmt.h"

static void
str(struct evb_jgen *j, const char *key, const char *v)
{
	evb_jgen_key(j, key);
	evb_jgen_str(j, v != NULL ? v : "");
}

static void
stamp(struct evb_jgen *j, const char *key, time_t t)
{
	char text[EVB_TIME_LEN + 1];

	evb_time_format(t, text);
	str(j, key, text);
}

void
evb_dlq_format(struct evb_buf *out, const struct evb_dlq_record *r)
{
	struct evb_jgen *j = evb_jgen_new(out);
	char n[24];

	snprintf(n, sizeof(n), "%u", r->retries);
	evb_jgen_open_object(j);
	evb_jgen_key(j, "event");
	evb_jgen_raw(j, r->event, r->nevent);
	evb_jgen_key(j, "attributes");
	evb_jgen_open_object(j);
	str(j, "RULE_ARN", r->rule_arn);
	str(j, "TARGET_ARN", r->target_arn);
	str(j, "ERROR_CODE", r->code);
	str(j, "ERROR_MESSAGE", r->message);
	if (r->exhausted != NULL)
		str(j, "EXHAUSTED_RETRY_CONDITION", r->exhausted);
	str(j, "RETRY_ATTEMPTS", n);
	evb_jgen_close_object(j);
	str(j, "rule", r->rule);
	str(j, "target", r->target);
	stamp(j, "firstAttempt", r->first);
	stamp(j, "lastAttempt", r->last);
	stamp(j, "deadLettered", r->now);
	evb_jgen_close_object(j);
	evb_jgen_free(j);
	evb_buf_addc(out, '\n');
}

int
evb_dlq_lock(const char *path, int flags)
{
	int op = (flags & O_ACCMODE) == O_RDONLY ? LOCK_SH : LOCK_EX;

	for (;;) {
		struct stat a, b;
		int fd = open(path, flags | O_CLOEXEC, 0600);

		if (fd == -1)
			return -1;
		if (flock(fd, op) == -1) {
			int e = errno;

			close(fd);
			if (e == EINTR)
				continue;
			errno = e;
			return -1;
		}
		/* A rewrite may have renamed a new file over this one. */
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return fd;
		close(fd);
		if ((flags & O_CREAT) == 0 && stat(path, &b) == -1)
			return -1;
	}
}

/* Does the file end in the middle of a line (a writer that crashed)? */
static bool
cut_short(int fd, off_t end)
{
	char c;

	return end > 0 && pread(fd, &c, 1, end - 1) == 1 && c != '\n';
}

int
evb_dlq_append(const char *path, const char *p, size_t n)
{
	int fd = evb_dlq_lock(path, O_RDWR | O_APPEND | O_CREAT), e = 0;
	struct evb_buf b = EVB_BUF_INIT;
	off_t start;
	ssize_t k;

	/* Without read permission the newline check is skipped. */
	if (fd == -1 && errno == EACCES)
		fd = evb_dlq_lock(path, O_WRONLY | O_APPEND | O_CREAT);
	if (fd == -1)
		return -1;
	start = lseek(fd, 0, SEEK_END);
	if (cut_short(fd, start)) {
		/* End the broken line, so that it does not swallow ours. */
		evb_buf_addc(&b, '\n');
		evb_buf_add(&b, p, n);
		p = b.p;
		n = b.len;
	}
	do
		k = write(fd, p, n);
	while (k < 0 && errno == EINTR);
	if (k < 0 || (size_t)k != n) {
		/* No half record: the lock keeps others out while we undo. */
		e = k < 0 ? errno : ENOSPC;
		if (start >= 0)
			(void)ftruncate(fd, start);
	} else if (fsync(fd) == -1 && errno != EINVAL)
		e = errno;
	close(fd);
	evb_buf_fini(&b);
	errno = e;
	return e ? -1 : 0;
}

static const char *
member(const struct evb_jv *o, const char *key)
{
	const struct evb_jv *v = evb_json_get(o, key);

	return v != NULL && v->type == EVB_JSTRING ? v->u.str : NULL;
}

static int
when(const struct evb_jv *o, const char *key, time_t *t)
{
	const char *s = member(o, key);

	*t = 0;
	return s == NULL || evb_time_parse(s, strlen(s), t) == 0 ? 0 : -1;
}

int
evb_dlq_parse(struct evb_arena *a, const char *line, size_t n,
    struct evb_dlq_entry *e, struct evb_err *err)
{
	const struct evb_jv *v, *ev, *at;
	const char *retries;

	memset(e, 0, sizeof(*e));
	if ((v = evb_json_parse(a, line, n, 0, err)) == NULL)
		return -1;
	ev = evb_json_get(v, "event");
	at = evb_json_get(v, "attributes");
	if (v->type != EVB_JOBJECT || ev == NULL || ev->type != EVB_JOBJECT ||
	    at == NULL || at->type != EVB_JOBJECT) {
		evb_err_set(err, "not a dead-letter record (it needs an "
		    "\"event\" object and \"attributes\")");
		return -1;
	}
	e->event = line + ev->start;
	e->nevent = ev->end - ev->start;
	e->rule_arn = member(at, "RULE_ARN");
	e->target_arn = member(at, "TARGET_ARN");
	e->code = member(at, "ERROR_CODE");
	e->message = member(at, "ERROR_MESSAGE");
	e->exhausted = member(at, "EXHAUSTED_RETRY_CONDITION");
	if ((retries = member(at, "RETRY_ATTEMPTS")) != NULL)
		e->retries = (unsigned)strtoul(retries, NULL, 10);
	e->rule = member(v, "rule");
	e->target = member(v, "target");
	if (when(v, "firstAttempt", &e->first) == -1 ||
	    when(v, "lastAttempt", &e->last) == -1 ||
	    when(v, "deadLettered", &e->dead) == -1) {
		evb_err_set(err, "a time is not RFC 3339");
		return -1;
	}
	return 0;
}
