/*
 * Loading the bus file.
 */
#include "bus.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUS_FILE_MAX	(64 * 1024 * 1024)

void
evb_bus_init(struct evb_bus *b)
{
	memset(b, 0, sizeof(*b));
	evb_ruleset_init(&b->rules);
	b->max_targets = EVB_TARGETS_PER_RULE;
	b->name = xstrdup("default");
	b->account = xstrdup("000000000000");
	b->region = xstrdup("us-east-1");
}

static void
target_fini(struct evb_target *t)
{
	free(t->id);
	free(t->address);
	free(t->path);
	for (size_t i = 0; t->argv != NULL && t->argv[i] != NULL; i++)
		free(t->argv[i]);
	free(t->argv);
	free(t->dlq);
	evb_transform_free(t->xf);
}

void
evb_bus_fini(struct evb_bus *b)
{
	for (size_t i = 0; i < b->ntargets; i++)
		target_fini(&b->targets[i]);
	free(b->targets);
	evb_ruleset_fini(&b->rules);
	free(b->name);
	free(b->account);
	free(b->region);
	memset(b, 0, sizeof(*b));
}

/*
 * The command line of exec: and pipe:, split into words as a shell would
 * split it, but with no expansion of any kind: white space separates words,
 * '...' is literal, "..." keeps \" and \\, a backslash quotes the next
 * character.  Returns NULL on an unclosed quote or no words.
 */
static char **
split_words(const char *s)
{
	char **argv = NULL;
	size_t n = 0;
	struct evb_buf w = EVB_BUF_INIT;

	for (;;) {
		bool word = false;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		evb_buf_reset(&w);
		while (*s != '\0' && *s != ' ' && *s != '\t') {
			char q = *s;

			word = true;
			if (q == '\'' || q == '"') {
				for (s++; *s != '\0' && *s != q; s++) {
					if (q == '"' && *s == '\\' &&
					    (s[1] == '"' || s[1] == '\\'))
						s++;
					evb_buf_addc(&w, *s);
				}
				if (*s++ != q)
					goto unclosed;
			} else {
				if (q == '\\' && s[1] != '\0')
					s++;
				evb_buf_addc(&w, *s++);
			}
		}
		if (word) {
			argv = xreallocarray(argv, n + 2, sizeof(*argv));
			argv[n++] = xstrndup(w.p ? w.p : "", w.len);
			argv[n] = NULL;
		}
	}
	evb_buf_fini(&w);
	return argv;
unclosed:
	evb_buf_fini(&w);
	for (size_t i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
	return NULL;
}

int
evb_target_address(struct evb_target *t, const char *a, struct evb_err *err)
{
	t->address = xstrdup(a);
	if (strcmp(a, "stdout") == 0 || strcmp(a, "-") == 0) {
		t->kind = EVB_T_STDOUT;
		return 0;
	}
	if (strncmp(a, "file:", 5) == 0 && a[5] != '\0') {
		t->kind = EVB_T_FILE;
		t->path = xstrdup(a + 5);
		return 0;
	}
	if (strncmp(a, "exec:", 5) == 0 || strncmp(a, "pipe:", 5) == 0) {
		t->kind = a[0] == 'e' ? EVB_T_EXEC : EVB_T_PIPE;
		if ((t->argv = split_words(a + 5)) != NULL)
			return 0;
		evb_err_set(err, "\"%s\": no command after %.5s, or a quote "
		    "left open", a, a);
		return -1;
	}
	evb_err_set(err, "\"%s\": not a target address (stdout, file:PATH, "
	    "exec:CMD [ARG...] or pipe:CMD [ARG...])", a);
	return -1;
}

static void
target_defaults(struct evb_target *t)
{
	evb_retry_default(&t->retry);
	t->concurrency = 1;
	t->timeout = 30;
}

static struct evb_target *
new_target(struct evb_bus *b, size_t rule)
{
	struct evb_target *t;

	b->targets = xreallocarray(b->targets, b->ntargets + 1,
	    sizeof(*b->targets));
	t = &b->targets[b->ntargets++];
	memset(t, 0, sizeof(*t));
	target_defaults(t);
	t->rule = rule;
	return t;
}

static size_t
rule_targets(const struct evb_bus *b, size_t rule)
{
	size_t n = 0;

	for (size_t i = 0; i < b->ntargets; i++)
		n += b->targets[i].rule == rule;
	return n;
}

int
evb_bus_add_target(struct evb_bus *b, size_t rule, const char *address,
    struct evb_err *err)
{
	struct evb_target *t;
	char id[32];

	snprintf(id, sizeof(id), "t%zu", rule_targets(b, rule) + 1);
	t = new_target(b, rule);
	t->id = xstrdup(id);
	return evb_target_address(t, address, err);
}

/* Integer member in [min, max], or its default when absent. */
static int
get_uint(const struct evb_jv *o, const char *key, long long min,
    long long max, unsigned *out, struct evb_err *err)
{
	const struct evb_jv *v = evb_json_get(o, key);
	char *end;
	long long n;

	if (v == NULL)
		return 0;
	if (v->type != EVB_JNUMBER || (n = strtoll(v->u.str, &end, 10),
	    *end != '\0') || n < min || n > max) {
		evb_err_set(err, "%s: must be a whole number from %lld to %lld",
		    key, min, max);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

static int
retry_policy(struct evb_target *t, const struct evb_jv *o, struct evb_err *err)
{
	const struct evb_jv *p = evb_json_get(o, "RetryPolicy");

	if (p == NULL)
		return 0;
	if (p->type != EVB_JOBJECT) {
		evb_err_set(err, "RetryPolicy: must be an object");
		return -1;
	}
	return get_uint(p, "MaximumRetryAttempts", 0, EVB_RETRY_ATTEMPTS_MAX,
	    &t->retry.max_attempts, err) == -1 || get_uint(p,
	    "MaximumEventAgeInSeconds", EVB_RETRY_AGE_MIN, EVB_RETRY_AGE_MAX,
	    &t->retry.max_age, err) == -1 ? -1 : 0;
}

static int
dead_letter(struct evb_target *t, const struct evb_jv *o, struct evb_err *err)
{
	const struct evb_jv *d = evb_json_get(o, "DeadLetterConfig"), *a;

	if (d == NULL)
		return 0;
	a = evb_json_get(d, "Arn");
	if (d->type != EVB_JOBJECT || a == NULL || a->type != EVB_JSTRING ||
	    strncmp(a->u.str, "file:", 5) != 0 || a->n <= 5) {
		evb_err_set(err, "DeadLetterConfig: needs an \"Arn\" of the "
		    "form file:PATH");
		return -1;
	}
	t->dlq = xstrdup(a->u.str + 5);
	return 0;
}

/* evbus's own target settings: Concurrency, TimeoutSeconds, Fsync. */
static int
settings(struct evb_target *t, const struct evb_jv *o, struct evb_err *err)
{
	const struct evb_jv *v;

	if (get_uint(o, "Concurrency", 1, 1024, &t->concurrency, err) == -1)
		return -1;
	if ((v = evb_json_get(o, "TimeoutSeconds")) != NULL) {
		double d = v->type == EVB_JNUMBER ? strtod(v->u.str, NULL) : 0;

		/* Below a millisecond, poll(2) could not tell the difference. */
		if (!(d >= EVB_TIMEOUT_MIN && d <= EVB_TIMEOUT_MAX)) {
			evb_err_set(err, "TimeoutSeconds: must be a number of "
			    "seconds from %g to %g", EVB_TIMEOUT_MIN,
			    EVB_TIMEOUT_MAX);
			return -1;
		}
		t->timeout = d;
	}
	if ((v = evb_json_get(o, "Fsync")) != NULL) {
		if (v->type != EVB_JTRUE && v->type != EVB_JFALSE) {
			evb_err_set(err, "Fsync: must be true or false");
			return -1;
		}
		t->fsync = v->type == EVB_JTRUE;
	}
	return 0;
}

/* The checks PutTargets makes on an Id, with its messages. */
static int
target_id(const struct evb_jv *id, size_t n, struct evb_err *err)
{
	if (id == NULL || id->type != EVB_JSTRING || id->n == 0) {
		evb_err_set(err, "Id: missing");
		return -1;
	}
	if (id->n > EVB_TARGET_ID_MAX) {
		evb_err_set(err, "1 validation error detected: Value '%s' at "
		    "'targets.%zu.member.id' failed to satisfy constraint: Member "
		    "must have length less than or equal to 64", id->u.str, n);
		return -1;
	}
	if (!evb_name_valid(id->u.str, id->n, EVB_TARGET_ID_MAX)) {
		evb_err_set(err, "1 validation error detected: Value '%s' at "
		    "'targets.%zu.member.id' failed to satisfy constraint: Member "
		    "must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
		    id->u.str, n);
		return -1;
	}
	return 0;
}

static int
one_target(struct evb_bus *b, size_t rule, const struct evb_jv *o, size_t n,
    struct evb_err *err)
{
	const struct evb_jv *id = o->type == EVB_JOBJECT ?
	    evb_json_get(o, "Id") : NULL, *arn;
	struct evb_target *t;

	if (o->type != EVB_JOBJECT) {
		evb_err_set(err, "target %zu: must be an object", n);
		return -1;
	}
	if (target_id(id, n, err) == -1)
		return -1;
	for (size_t i = 0; i < b->ntargets; i++)
		if (b->targets[i].rule == rule &&
		    strcmp(b->targets[i].id, id->u.str) == 0) {
			evb_err_set(err, "target %s: Id used twice", id->u.str);
			return -1;
		}
	t = new_target(b, rule);
	t->id = xstrdup(id->u.str);
	arn = evb_json_get(o, "Arn");
	if (arn == NULL || arn->type != EVB_JSTRING) {
		evb_err_set(err, "target %s: Arn: missing (the target's address)",
		    t->id);
		return -1;
	}
	if (evb_target_address(t, arn->u.str, err) == -1 ||
	    retry_policy(t, o, err) == -1 || dead_letter(t, o, err) == -1 ||
	    settings(t, o, err) == -1 ||
	    (t->xf = evb_transform_compile_json(o, b->strict, err)) == NULL) {
		char msg[sizeof(err->msg)];

		if (strncmp(err->msg, "target ", 7) == 0)
			return -1;
		snprintf(msg, sizeof(msg), "%s", err->msg);
		evb_err_set(err, "target %s: %s", t->id, msg);
		return -1;
	}
	return 0;
}

static int
rule_targets_load(struct evb_bus *b, size_t rule, struct evb_err *err)
{
	const struct evb_rule *r = &b->rules.rules[rule];
	const struct evb_jv *list = r->obj ? evb_json_get(r->obj, "Targets") :
	    NULL;

	if (list == NULL)
		return 0;
	if (list->type != EVB_JARRAY) {
		evb_err_set(err, "Targets: must be an array");
		return -1;
	}
	if (list->n > b->max_targets) {
		evb_err_set(err, "LimitExceededException: The requested resource "
		    "exceeds the maximum number allowed. (%zu targets, at most "
		    "%zu)", list->n, b->max_targets);
		return -1;
	}
	for (size_t i = 0; i < list->n; i++)
		if (one_target(b, rule, list->u.items[i], i + 1, err) == -1)
			return -1;
	return 0;
}

/* Optional strings at the top: the bus name, account and region for ARNs. */
static void
bus_names(struct evb_bus *b, const struct evb_jv *doc)
{
	static const char *const keys[] = { "Name", "Account", "Region" };
	char **dst[] = { &b->name, &b->account, &b->region };

	if (doc->type != EVB_JOBJECT || evb_json_get(doc, "Rules") == NULL)
		return;
	for (size_t i = 0; i < 3; i++) {
		const struct evb_jv *v = evb_json_get(doc, keys[i]);

		if (v != NULL && v->type == EVB_JSTRING && v->n > 0) {
			free(*dst[i]);
			*dst[i] = xstrdup(v->u.str);
		}
	}
}

int
evb_bus_load(struct evb_bus *b, const char *path, struct evb_err *err)
{
	struct evb_arena *a = &b->rules.arena;
	struct evb_jv *doc;
	char *text, *copy;
	size_t len;

	evb_err_clear(err);
	if (evb_read_file(path, BUS_FILE_MAX, &text, &len) == -1) {
		evb_err_set(err, "%s", strerror(errno));
		return -1;
	}
	copy = evb_arena_strndup(a, text, len);
	free(text);
	if ((doc = evb_json_parse(a, copy, len, 0, err)) == NULL) {
		/* err->col is a byte of the whole file: make it line:col. */
		size_t off = err->col > 0 ? err->col - 1 : 0, bol = 0;

		err->line = 1;
		for (size_t i = 0; i < off && i < len; i++)
			if (copy[i] == '\n') {
				err->line++;
				bol = i + 1;
			}
		err->col = off - bol + 1;
		return -1;
	}
	bus_names(b, doc);
	if (evb_ruleset_load_jv(&b->rules, doc, copy, err) == -1)
		return -1;
	for (size_t i = 0; i < b->rules.n; i++)
		if (rule_targets_load(b, i, err) == -1) {
			char msg[sizeof(err->msg)];

			snprintf(msg, sizeof(msg), "%s", err->msg);
			evb_err_set(err, "rule %s: %s", b->rules.rules[i].name,
			    msg);
			return -1;
		}
	return 0;
}

void
evb_bus_rule_arn(const struct evb_bus *b, size_t rule, struct evb_buf *out)
{
	evb_buf_printf(out, "arn:aws:events:%s:%s:rule/", b->region,
	    b->account);
	if (strcmp(b->name, "default") != 0)
		evb_buf_printf(out, "%s/", b->name);
	evb_buf_adds(out, b->rules.rules[rule].name);
}

int
evb_bus_writable(const char *path)
{
	char *copy;
	int rc;

	if (access(path, F_OK) == 0)
		return access(path, W_OK);
	if (errno != ENOENT)
		return -1;
	/* To be created: its directory must exist and let us in. */
	copy = xstrdup(path);
	rc = access(dirname(copy), W_OK | X_OK);
	free(copy);
	return rc;
}

/* Whether argv[0] can be run, looked up in PATH as posix_spawnp(3) does. */
static int
runnable(const char *cmd)
{
	const char *path = getenv("PATH"), *p;
	struct evb_buf b = EVB_BUF_INIT;
	int e = ENOENT;

	if (strchr(cmd, '/') != NULL)
		return access(cmd, X_OK);
	for (p = path != NULL ? path : "/bin:/usr/bin"; ; p++) {
		size_t n = strcspn(p, ":");

		evb_buf_reset(&b);
		evb_buf_printf(&b, "%.*s%s%s", (int)n, p, n ? "/" : "", cmd);
		if (access(evb_buf_cstr(&b), X_OK) == 0) {
			evb_buf_fini(&b);
			return 0;
		}
		if (errno == EACCES)
			e = EACCES;
		p += n;
		if (*p == '\0')
			break;
	}
	evb_buf_fini(&b);
	errno = e;
	return -1;
}

size_t
evb_bus_check(const struct evb_bus *b, const char *default_dlq,
    evb_bus_check_fn fn, void *ctx)
{
	struct evb_buf m = EVB_BUF_INIT;
	size_t errors = 0;

	for (size_t i = 0; i < b->ntargets; i++) {
		const struct evb_target *t = &b->targets[i];
		const char *rule = t->rule < b->rules.n ?
		    b->rules.rules[t->rule].name : "evfan";
		const char *dlq = t->dlq != NULL ? t->dlq : default_dlq;

		evb_buf_reset(&m);
		if (t->kind == EVB_T_FILE && evb_bus_writable(t->path) == -1) {
			evb_buf_printf(&m, "target %s/%s: %s: %s", rule, t->id,
			    t->path, strerror(errno));
			fn(ctx, true, evb_buf_cstr(&m));
			errors++;
		}
		evb_buf_reset(&m);
		if (evb_bus_writable(dlq) == -1) {
			evb_buf_printf(&m, "target %s/%s: dead-letter file %s: "
			    "%s", rule, t->id, dlq, strerror(errno));
			fn(ctx, true, evb_buf_cstr(&m));
			errors++;
		}
		evb_buf_reset(&m);
		if (t->argv != NULL && runnable(t->argv[0]) == -1) {
			evb_buf_printf(&m, "target %s/%s: cannot run %s: %s",
			    rule, t->id, t->argv[0], strerror(errno));
			fn(ctx, false, evb_buf_cstr(&m));
		}
	}
	evb_buf_fini(&m);
	return errors;
}
