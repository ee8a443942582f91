/*
 * Loading named rules.
 */
#include "ruleset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULES_FILE_MAX	(64 * 1024 * 1024)

void
evb_ruleset_init(struct evb_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->limits.max_chars = EVB_PATTERN_MAX_CHARS;
	rs->limits.max_complexity = EVB_WILDCARD_MAX_COMPLEXITY;
}

void
evb_ruleset_fini(struct evb_ruleset *rs)
{
	free(rs->rules);
	evb_hmap_fini(&rs->names);
	evb_arena_fini(&rs->arena);
	memset(rs, 0, sizeof(*rs));
}

bool
evb_name_valid(const char *s, size_t n, size_t max)
{
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
			return false;
	}
	return true;
}

const struct evb_rule *
evb_ruleset_find(const struct evb_ruleset *rs, const char *name)
{
	const uint32_t *i = evb_hmap_get(&rs->names, name, strlen(name), NULL,
	    0);

	return i != NULL ? &rs->rules[*i - 1] : NULL;
}

static struct evb_rule *
new_rule(struct evb_ruleset *rs, const char *name, size_t n,
    struct evb_err *err)
{
	struct evb_rule *r;
	char *copy;
	uint32_t *slot;
	bool created;

	if (!evb_name_valid(name, n, EVB_RULE_NAME_MAX)) {
		evb_err_set(err, "rule name \"%.*s\": must be 1 to %d characters "
		    "of A-Z a-z 0-9 . - _", (int)(n > 80 ? 80 : n), name,
		    EVB_RULE_NAME_MAX);
		return NULL;
	}
	copy = evb_arena_strndup(&rs->arena, name, n);
	slot = evb_hmap_put(&rs->names, copy, n, NULL, 0, &created);
	if (!created) {
		evb_err_set(err, "rule %s: defined twice", copy);
		return NULL;
	}
	if (rs->max_rules > 0 && rs->n >= rs->max_rules) {
		evb_err_set(err, "more than %zu rules", rs->max_rules);
		return NULL;
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->rules = xreallocarray(rs->rules, rs->cap, sizeof(*rs->rules));
	}
	*slot = (uint32_t)rs->n + 1;
	r = &rs->rules[rs->n++];
	memset(r, 0, sizeof(*r));
	r->name = copy;
	return r;
}

/* Prefix a compile error with the rule's name. */
static int
rule_error(struct evb_err *err, const char *name)
{
	char msg[sizeof(err->msg)];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	evb_err_set(err, "rule %s: %s", name, msg);
	return -1;
}

int
evb_ruleset_add(struct evb_ruleset *rs, const char *name, const char *text,
    size_t n, struct evb_err *err)
{
	struct evb_rule *r;
	char *copy;

	if ((r = new_rule(rs, name, strlen(name), err)) == NULL)
		return -1;
	copy = evb_arena_strndup(&rs->arena, text, n);
	if (evb_pattern_compile(&rs->arena, copy, n, &rs->limits,
	    &r->pattern, err) == -1)
		return rule_error(err, r->name);
	return 0;
}

/* A pattern given as an object in the document text, or as a string. */
static int
compile_member(struct evb_ruleset *rs, struct evb_rule *r,
    const struct evb_jv *v, const char *text, struct evb_err *err)
{
	int rc;

	if (v->type == EVB_JSTRING)
		rc = evb_pattern_compile(&rs->arena, v->u.str, v->n,
		    &rs->limits, &r->pattern, err);
	else
		rc = evb_pattern_compile_jv(&rs->arena, v, text, &rs->limits,
		    &r->pattern, err);
	return rc == -1 ? rule_error(err, r->name) : 0;
}

/* One rule in either naming: name/pattern or Name/EventPattern. */
static int
rule_object(struct evb_ruleset *rs, const struct evb_jv *o, const char *text,
    unsigned long long line, struct evb_err *err)
{
	const struct evb_jv *name = evb_json_get(o, "Name"), *pat;
	const struct evb_jv *state = evb_json_get(o, "State");
	struct evb_rule *r;

	if (name != NULL)
		pat = evb_json_get(o, "EventPattern");
	else {
		name = evb_json_get(o, "name");
		pat = evb_json_get(o, "pattern");
	}
	if (o->type != EVB_JOBJECT || name == NULL ||
	    name->type != EVB_JSTRING) {
		evb_err_set(err, "a rule needs a \"Name\" and an \"EventPattern\" "
		    "(or \"name\" and \"pattern\")");
		err->line = line;
		return -1;
	}
	if ((r = new_rule(rs, name->u.str, name->n, err)) == NULL)
		return -1;
	r->obj = o;
	r->line = line;
	r->disabled = evb_json_streq(state, "DISABLED");
	if (pat == NULL || (pat->type != EVB_JOBJECT &&
	    pat->type != EVB_JSTRING)) {
		evb_err_set(err, "rule %s: no event pattern (an object, or a "
		    "string holding one)", r->name);
		return -1;
	}
	return compile_member(rs, r, pat, text, err);
}

/* One rule, not a map of them: its name is a string, not a pattern. */
static bool
is_rule_object(const struct evb_jv *v)
{
	const struct evb_jv *n = evb_json_get(v, "Name");

	if (v->type != EVB_JOBJECT)
		return false;
	/* A bus file has a Name too, and its rules in Rules. */
	if (n != NULL)
		return n->type == EVB_JSTRING &&
		    (evb_json_get(v, "EventPattern") != NULL ||
		    evb_json_get(v, "Rules") == NULL);
	n = evb_json_get(v, "name");
	return n != NULL && n->type == EVB_JSTRING &&
	    evb_json_get(v, "pattern") != NULL;
}

int
evb_ruleset_load_jv(struct evb_ruleset *rs, const struct evb_jv *doc,
    const char *text, struct evb_err *err)
{
	const struct evb_jv *list = evb_json_get(doc, "Rules");

	if (list != NULL && list->type == EVB_JARRAY && !is_rule_object(doc))
		doc = list;
	if (doc->type == EVB_JARRAY) {
		for (size_t i = 0; i < doc->n; i++)
			if (rule_object(rs, doc->u.items[i], text, 0, err) == -1)
				return -1;
		return 0;
	}
	if (doc->type != EVB_JOBJECT) {
		evb_err_set(err, "not a rules file: a JSON %s",
		    evb_json_type_name(doc->type));
		return -1;
	}
	if (is_rule_object(doc))
		return rule_object(rs, doc, text, 0, err);
	/* A map from names to patterns. */
	for (size_t i = 0; i < doc->n; i++) {
		const struct evb_jmember *m = &doc->u.members[i];
		struct evb_rule *r = new_rule(rs, m->key, m->klen, err);

		if (r == NULL || compile_member(rs, r, m->val, text, err) == -1)
			return -1;
	}
	return 0;
}

/* The next line of text, without its line end; NULL at the end. */
static char *
next_line(char **p, char *end, size_t *n)
{
	char *line = *p, *nl;

	if (line >= end)
		return NULL;
	nl = memchr(line, '\n', (size_t)(end - line));
	*n = (size_t)((nl ? nl : end) - line);
	*p = nl ? nl + 1 : end;
	if (*n > 0 && line[*n - 1] == '\r')
		(*n)--;
	return line;
}

static bool
blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return false;
	return true;
}

/* NDJSON: one rule object per line. */
static int
load_lines(struct evb_ruleset *rs, char *text, size_t len, struct evb_err *err)
{
	unsigned long long lineno = 0;
	char *p = text, *line;
	size_t n;

	while ((line = next_line(&p, text + len, &n)) != NULL) {
		struct evb_jv *v;

		lineno++;
		if (blank(line, n))
			continue;
		if ((v = evb_json_parse(&rs->arena, line, n, 0, err)) == NULL ||
		    rule_object(rs, v, line, lineno, err) == -1) {
			err->line = lineno;
			return -1;
		}
	}
	return 0;
}

/*
 * NDJSON when the first non-blank line is a whole JSON object and another
 * non-blank line follows.
 */
static bool
looks_ndjson(struct evb_ruleset *rs, char *text, size_t len)
{
	char *p = text, *line;
	size_t n;

	while ((line = next_line(&p, text + len, &n)) != NULL)
		if (!blank(line, n))
			break;
	(void)rs;
	if (line == NULL || evb_json_check(line, n, 0, NULL) != EVB_JOBJECT)
		return false;
	/* Blank lines after one object do not make a second rule. */
	while ((line = next_line(&p, text + len, &n)) != NULL)
		if (!blank(line, n))
			return true;
	return false;
}

int
evb_ruleset_load(struct evb_ruleset *rs, const char *path, struct evb_err *err)
{
	char *text, *copy;
	size_t len;
	struct evb_jv *doc;

	evb_err_clear(err);
	if (evb_read_file(path, RULES_FILE_MAX, &text, &len) == -1) {
		evb_err_set(err, "%s", strerror(errno));
		return -1;
	}
	copy = evb_arena_strndup(&rs->arena, text, len);
	free(text);
	if (looks_ndjson(rs, copy, len)) {
		if (load_lines(rs, copy, len, err) == -1)
			return -1;
	} else if ((doc = evb_json_parse(&rs->arena, copy, len, 0,
	    err)) == NULL || evb_ruleset_load_jv(rs, doc, copy, err) == -1)
		return -1;
	if (rs->n == 0) {
		evb_err_set(err, "no rules");
		return -1;
	}
	return 0;
}
