/*
 * Helpers shared by the unit suites.
 */
#include "unit.h"

#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "eval.h"
#include "flat.h"
#include "matcher.h"
#include "util.h"

bool
unit_forking(void)
{
	const char *env = getenv("CK_FORK");

	return env == NULL || strcmp(env, "no") != 0;
}

char *
unit_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	struct evb_buf b = EVB_BUF_INIT;
	char *dir;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	evb_buf_printf(&b, "%s/evb-unit.XXXXXX", base);
	dir = evb_buf_take(&b, NULL);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s", dir);
	return dir;
}

void
unit_rmtree(char *dir)
{
	DIR *d;
	struct dirent *e;

	if (dir == NULL)
		return;
	if ((d = opendir(dir)) != NULL) {
		int fd = dirfd(d);

		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0)
				(void)unlinkat(fd, e->d_name, 0);
		closedir(d);
	}
	ck_assert_msg(rmdir(dir) == 0, "rmdir %s", dir);
	free(dir);
}

char *
unit_file(const char *dir, const char *name, const void *p, size_t n)
{
	struct evb_buf b = EVB_BUF_INIT;
	char *path;
	int fd;

	evb_buf_printf(&b, "%s/%s", dir, name);
	path = evb_buf_take(&b, NULL);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, p, n), (ssize_t)n);
	ck_assert_int_eq(close(fd), 0);
	return path;
}

void
unit_rng_seed(struct unit_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
unit_rng_next(struct unit_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t
unit_rng_below(struct unit_rng *r, size_t n)
{
	return (size_t)(unit_rng_next(r) % n);
}

bool
unit_rng_chance(struct unit_rng *r, unsigned pct)
{
	return unit_rng_below(r, 100) < pct;
}

struct evb_pattern *
unit_pattern(struct evb_arena *a, const char *text)
{
	struct evb_pattern *p = evb_arena_calloc(a, 1, sizeof(*p));
	struct evb_err err;
	size_t n = strlen(text);
	char *copy = evb_arena_strndup(a, text, n);

	ck_assert_msg(evb_pattern_compile(a, copy, n, NULL, p, &err) == 0,
	    "pattern %s: %s", text, err.msg);
	return p;
}

const char *
unit_pattern_error(const char *text, const struct evb_pattern_limits *lim)
{
	static struct evb_err err;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_pattern p;
	int rc;

	rc = evb_pattern_compile(&a, text, strlen(text), lim, &p, &err);
	evb_arena_fini(&a);
	return rc == 0 ? NULL : err.msg;
}

bool
unit_eval(const char *pattern, const char *event)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_pattern *p = unit_pattern(&a, pattern);
	struct evb_flat f;
	struct evb_err err;
	bool r;

	ck_assert_msg(evb_flat_parse(&a, event, strlen(event), 0, &f,
	    &err) == 0, "event %s: %s", event, err.msg);
	r = evb_eval(p, &f);
	evb_arena_fini(&a);
	return r;
}

bool
unit_match(const char *pattern, const char *event)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_matcher *m = evb_matcher_new();
	const uint32_t *rules;
	struct evb_err err;
	int n;

	evb_matcher_add(m, 0, unit_pattern(&a, pattern));
	evb_matcher_build(m);
	n = evb_matcher_match(m, event, strlen(event), EVB_MATCH_ALL, &rules,
	    &err);
	ck_assert_msg(n >= 0, "event %s: %s", event, err.msg);
	evb_matcher_free(m);
	evb_arena_fini(&a);
	return n > 0;
}
