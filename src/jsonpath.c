/*
 * The JSONPath subset of InputPath and InputPathsMap: compiling and
 * selecting.
 */
#include "jsonpath.h"

#include <stdlib.h>
#include <string.h>

enum step_kind {
	STEP_NAME,
	STEP_INDEX,
	STEP_WILD
};

struct step {
	enum step_kind	 kind;
	char		*name;		/* decoded, NUL-terminated */
	size_t		 nlen;
	size_t		 index;
};

struct evb_jsonpath {
	char		*text;
	struct step	*steps;
	size_t		 nsteps;
	size_t		 first_wild;	/* nsteps when there is none */
};

/* What the compiler is reading. */
struct lexer {
	const char	*p;
	size_t		 n;
	size_t		 i;
	struct evb_err	*err;
};

static int
fail(struct lexer *lx, size_t at, const char *why)
{
	evb_err_set(lx->err, "%s", why);
	if (lx->err != NULL)
		lx->err->col = at + 1;
	return -1;
}

/* Characters as AWS counts them: UTF-8 sequences, not bytes. */
static size_t
nchars(const char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			c++;
	return c;
}

static struct step *
add_step(struct evb_jsonpath *jp, enum step_kind kind)
{
	struct step *s = &jp->steps[jp->nsteps];

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	if (kind == STEP_WILD && jp->first_wild == (size_t)-1)
		jp->first_wild = jp->nsteps;
	jp->nsteps++;
	return s;
}

/* ".name" or ".*"; lx->i is on the dot. */
static int
lex_dot(struct lexer *lx, struct evb_jsonpath *jp)
{
	size_t start = ++lx->i, end;
	struct step *s;

	if (start < lx->n && lx->p[start] == '.')
		return fail(lx, start - 1,
		    "recursive descent ('..') is not supported");
	for (end = start; end < lx->n; end++)
		if (lx->p[end] == '.' || lx->p[end] == '[')
			break;
	if (end == start)
		return fail(lx, start - 1, "a '.' must be followed by a name");
	lx->i = end;
	if (end - start == 1 && lx->p[start] == '*') {
		add_step(jp, STEP_WILD);
		return 0;
	}
	s = add_step(jp, STEP_NAME);
	s->name = xstrndup(lx->p + start, end - start);
	s->nlen = end - start;
	return 0;
}

/* "'name']" or "\"name\"]"; lx->i is on the opening quote. */
static int
lex_quoted(struct lexer *lx, struct evb_jsonpath *jp)
{
	size_t open = lx->i, i, len = 0;
	char q = lx->p[open];
	struct step *s;
	char *name;

	name = xmalloc(lx->n - open);
	for (i = open + 1; i < lx->n && lx->p[i] != q; i++) {
		if (lx->p[i] == '\\') {
			if (i + 1 == lx->n || (lx->p[i + 1] != q &&
			    lx->p[i + 1] != '\\')) {
				free(name);
				return fail(lx, i, "a '\\' in a quoted name "
				    "must be followed by the quote or '\\'");
			}
			i++;
		}
		name[len++] = lx->p[i];
	}
	name[len] = '\0';
	if (i == lx->n || i + 1 == lx->n || lx->p[i + 1] != ']') {
		free(name);
		return fail(lx, open, i == lx->n ? "unterminated quoted name" :
		    "a quoted name must be followed by ']'");
	}
	s = add_step(jp, STEP_NAME);
	s->name = name;
	s->nlen = len;
	lx->i = i + 2;
	return 0;
}

/* "N]"; lx->i is on the first digit. */
static int
lex_index(struct lexer *lx, struct evb_jsonpath *jp)
{
	size_t start = lx->i, i, v = 0;
	struct step *s;

	for (i = start; i < lx->n && lx->p[i] >= '0' && lx->p[i] <= '9';
	    i++) {
		if (v > ((size_t)-1 - 9) / 10)
			return fail(lx, start, "array index too large");
		v = v * 10 + (size_t)(lx->p[i] - '0');
	}
	if (i == lx->n || lx->p[i] != ']')
		return fail(lx, i, "an array index must be digits "
		    "followed by ']'");
	s = add_step(jp, STEP_INDEX);
	s->index = v;
	lx->i = i + 1;
	return 0;
}

/* "[...]"; lx->i is on the bracket. */
static int
lex_bracket(struct lexer *lx, struct evb_jsonpath *jp)
{
	size_t at = ++lx->i;
	char c;

	if (at == lx->n)
		return fail(lx, at - 1, "unterminated '['");
	c = lx->p[at];
	if (c == '*') {
		if (at + 1 == lx->n || lx->p[at + 1] != ']')
			return fail(lx, at, "'[*' must be followed by ']'");
		add_step(jp, STEP_WILD);
		lx->i = at + 2;
		return 0;
	}
	if (c == '\'' || c == '"')
		return lex_quoted(lx, jp);
	if (c >= '0' && c <= '9')
		return lex_index(lx, jp);
	if (c == '-')
		return fail(lx, at, "negative array indexes are not supported");
	if (c == '?' || c == ':' || c == '(')
		return fail(lx, at, "filters, slices and scripts are not "
		    "supported");
	return fail(lx, at, "'[' must be followed by an index, '*' or a "
	    "quoted name");
}

static int
lex_path(struct lexer *lx, struct evb_jsonpath *jp)
{
	if (lx->n == 0)
		return fail(lx, 0, "empty path");
	if (nchars(lx->p, lx->n) > EVB_JSONPATH_MAX) {
		fail(lx, 0, "longer than 256 characters");
		lx->err->col = 0;
		return -1;
	}
	if (lx->p[0] != '$')
		return fail(lx, 0, "a path must start with '$'");
	lx->i = 1;
	while (lx->i < lx->n) {
		int rc;

		if (lx->p[lx->i] == '.')
			rc = lex_dot(lx, jp);
		else if (lx->p[lx->i] == '[')
			rc = lex_bracket(lx, jp);
		else
			rc = fail(lx, lx->i, "expected '.' or '['");
		if (rc == -1)
			return -1;
	}
	return 0;
}

struct evb_jsonpath *
evb_jsonpath_compile(const char *p, size_t n, struct evb_err *err)
{
	struct evb_err dummy;
	struct lexer lx = { p, n, 0, err != NULL ? err : &dummy };
	struct evb_jsonpath *jp = xcalloc(1, sizeof(*jp));

	evb_err_clear(lx.err);
	jp->text = xstrndup(p, n);
	/* Every step takes at least two bytes. */
	jp->steps = xreallocarray(NULL, n / 2 + 1, sizeof(*jp->steps));
	jp->first_wild = (size_t)-1;
	if (lex_path(&lx, jp) == -1) {
		evb_jsonpath_free(jp);
		return NULL;
	}
	if (jp->first_wild == (size_t)-1)
		jp->first_wild = jp->nsteps;
	return jp;
}

void
evb_jsonpath_free(struct evb_jsonpath *jp)
{
	if (jp == NULL)
		return;
	for (size_t i = 0; i < jp->nsteps; i++)
		free(jp->steps[i].name);
	free(jp->steps);
	free(jp->text);
	free(jp);
}

const char *
evb_jsonpath_text(const struct evb_jsonpath *jp)
{
	return jp->text;
}

bool
evb_jsonpath_is_list(const struct evb_jsonpath *jp)
{
	return jp->first_wild < jp->nsteps;
}

/* One name or index step, or NULL. */
static const struct evb_jv *
child(const struct step *s, const struct evb_jv *v)
{
	if (s->kind == STEP_NAME)
		return evb_json_getn(v, s->name, s->nlen);
	if (v->type == EVB_JARRAY && s->index < v->n)
		return v->u.items[s->index];
	return NULL;
}

/*
 * Walk steps i.. from v, appending what they select to items (when not
 * NULL) from position count on.  Returns the new count.
 */
static size_t
collect(const struct evb_jsonpath *jp, size_t i, const struct evb_jv *v,
    struct evb_jv **items, size_t count)
{
	const struct step *s;

	if (i == jp->nsteps) {
		/* The tree is only read through the list, never written. */
		if (items != NULL)
			items[count] = (struct evb_jv *)v;
		return count + 1;
	}
	s = &jp->steps[i];
	if (s->kind != STEP_WILD) {
		if ((v = child(s, v)) != NULL)
			count = collect(jp, i + 1, v, items, count);
		return count;
	}
	if (v->type == EVB_JOBJECT)
		for (size_t k = 0; k < v->n; k++)
			count = collect(jp, i + 1, v->u.members[k].val, items,
			    count);
	else if (v->type == EVB_JARRAY)
		for (size_t k = 0; k < v->n; k++)
			count = collect(jp, i + 1, v->u.items[k], items, count);
	return count;
}

const struct evb_jv *
evb_jsonpath_eval(const struct evb_jsonpath *jp, const struct evb_jv *root,
    struct evb_arena *arena)
{
	const struct evb_jv *v = root;
	struct evb_jv *list;
	size_t n;

	for (size_t i = 0; v != NULL && i < jp->first_wild; i++)
		v = child(&jp->steps[i], v);
	if (v == NULL || jp->first_wild == jp->nsteps)
		return v;
	n = collect(jp, jp->first_wild, v, NULL, 0);
	list = evb_arena_calloc(arena, 1, sizeof(*list));
	list->type = EVB_JARRAY;
	list->n = n;
	list->u.items = evb_arena_calloc(arena, n ? n : 1,
	    sizeof(*list->u.items));
	collect(jp, jp->first_wild, v, list->u.items, 0);
	return list;
}
