/*
 * Wildcards: parsing, matching and EventBridge's complexity measure.
 */
#include "wildcard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *
evb_wildcard_parse(struct evb_arena *a, const char *s, size_t n,
    struct evb_wildcard *w, char *buf, size_t size)
{
	size_t nseg = 1, o = 0;

	/* Positions count the opening quote EventBridge wraps the value in. */
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '*') {
			if (i + 1 < n && s[i + 1] == '*') {
				snprintf(buf, size, "Consecutive wildcard "
				    "characters at pos %zu", i + 1);
				return buf;
			}
			nseg++;
		} else if (s[i] == '\\') {
			if (i + 1 >= n || (s[i + 1] != '*' && s[i + 1] != '\\')) {
				snprintf(buf, size, "Invalid escape character "
				    "at pos %zu", i + 1);
				return buf;
			}
			i++;
		}
	}
	w->lit = evb_arena_alloc(a, n + 1);
	w->off = evb_arena_calloc(a, nseg, sizeof(*w->off));
	w->len = evb_arena_calloc(a, nseg, sizeof(*w->len));
	w->nseg = nseg;
	nseg = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '*') {
			w->len[nseg] = o - w->off[nseg];
			w->off[++nseg] = o;
			continue;
		}
		if (s[i] == '\\')
			i++;
		w->lit[o++] = s[i];
	}
	w->len[nseg] = o - w->off[nseg];
	return NULL;
}

static const char *
find(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0)
		return hay;
	for (size_t i = 0; i + nn <= hn; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nn) == 0)
			return hay + i;
	return NULL;
}

/*
 * With '*' as the only operator, matching the middle runs leftmost-first is
 * exact: an earlier match never leaves less room for what follows.
 */
bool
evb_wildcard_match(const struct evb_wildcard *w, const char *v, size_t n)
{
	const char *first = w->lit + w->off[0], *last;
	size_t flen = w->len[0], llen, k = w->nseg - 1;

	if (w->nseg == 1)
		return n == flen && memcmp(v, first, n) == 0;
	last = w->lit + w->off[k];
	llen = w->len[k];
	if (n < flen + llen || memcmp(v, first, flen) != 0 ||
	    memcmp(v + n - llen, last, llen) != 0)
		return false;
	v += flen;
	n -= flen + llen;
	for (size_t i = 1; i < k; i++) {
		const char *at = find(v, n, w->lit + w->off[i], w->len[i]);

		if (at == NULL)
			return false;
		n -= (size_t)(at - v) + w->len[i];
		v = at + w->len[i];
	}
	return true;
}

void
evb_wildcard_longest(const struct evb_wildcard *w, const char **p, size_t *n)
{
	*p = w->lit;
	*n = 0;
	for (size_t i = 0; i < w->nseg; i++)
		if (w->len[i] > *n) {
			*p = w->lit + w->off[i];
			*n = w->len[i];
		}
}

/* Complexity: an NFA per field, then the subset construction. */

#define STAR	256

struct ivec {
	int	*v;
	size_t	 n, cap;
};

static void
ivec_push(struct ivec *a, int x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->v = xreallocarray(a->v, a->cap, sizeof(int));
	}
	a->v[a->n++] = x;
}

static bool
ivec_has(const struct ivec *a, int x)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i] == x)
			return true;
	return false;
}

static void
ivec_add(struct ivec *a, int x)
{
	if (!ivec_has(a, x))
		ivec_push(a, x);
}

struct nstate {
	struct ivec	lit_byte, lit_to;	/* byte edges */
	struct ivec	any;			/* any-byte edges */
	struct ivec	w;			/* patterns through here */
	struct ivec	pre_byte, pre_to;	/* shared prefix trie */
	int		star;			/* shared star state, or 0 */
};

struct nfa {
	struct nstate	*s;
	size_t		 n, cap;
	struct ivec	 term_ident, term_state;
	bool		 alphabet[257];
};

static int
nfa_new(struct nfa *m)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->s = xreallocarray(m->s, m->cap, sizeof(*m->s));
	}
	memset(&m->s[m->n], 0, sizeof(m->s[0]));
	return (int)m->n++;
}

static int
lookup(const struct ivec *keys, const struct ivec *vals, int k)
{
	for (size_t i = 0; i < keys->n; i++)
		if (keys->v[i] == k)
			return vals->v[i];
	return 0;
}

static void
add_lit(struct nfa *m, int from, int byte, int to)
{
	ivec_push(&m->s[from].lit_byte, byte);
	ivec_push(&m->s[from].lit_to, to);
	m->alphabet[byte] = true;
}

/* Tokens of one pattern: its bytes in quotes, STAR for '*'. */
static size_t
tokens(const char *p, size_t n, int *t)
{
	size_t k = 0;

	t[k++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '*')
			t[k++] = STAR;
		else if (p[i] == '\\' && i + 1 < n)
			t[k++] = (unsigned char)p[++i];
		else
			t[k++] = (unsigned char)p[i];
	}
	t[k++] = '"';
	return k;
}

static void
nfa_add(struct nfa *m, const char *p, size_t n, int ident)
{
	int *tk = xcalloc(n + 2, sizeof(int));
	size_t k = tokens(p, n, tk);
	int cur = 0, prev = -1;
	bool det = true;

	for (size_t i = 0; i < k; i++) {
		int t = tk[i], nxt = 0;
		bool term = i == k - 1, created;

		if (term)
			nxt = lookup(&m->term_ident, &m->term_state, ident);
		else if (t == STAR) {
			if (det && (nxt = m->s[cur].star) == 0)
				m->s[cur].star = (int)m->n;
			det = false;
		} else if (det)
			nxt = lookup(&m->s[cur].pre_byte, &m->s[cur].pre_to, t);
		if ((created = nxt == 0)) {
			nxt = nfa_new(m);
			if (term) {
				ivec_push(&m->term_ident, ident);
				ivec_push(&m->term_state, nxt);
			} else if (det && t != STAR) {
				ivec_push(&m->s[cur].pre_byte, t);
				ivec_push(&m->s[cur].pre_to, nxt);
			}
		}
		if (t == STAR) {
			if (m->s[nxt].any.n == 0) {
				ivec_push(&m->s[cur].any, nxt);
				ivec_push(&m->s[nxt].any, nxt);
			}
		} else if (term || created) {
			add_lit(m, cur, t, nxt);
			if (i > 0 && tk[i - 1] == STAR)
				add_lit(m, prev, t, nxt);
		}
		ivec_add(&m->s[nxt].w, ident);
		prev = cur;
		cur = nxt;
	}
	free(tk);
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* One step of the subset construction from set a on byte b. */
static void
step(const struct nfa *m, const struct ivec *a, int b, struct ivec *out)
{
	out->n = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct nstate *s = &m->s[a->v[i]];

		for (size_t j = 0; j < s->any.n; j++)
			ivec_add(out, s->any.v[j]);
		if (b != STAR)
			for (size_t j = 0; j < s->lit_byte.n; j++)
				if (s->lit_byte.v[j] == b)
					ivec_add(out, s->lit_to.v[j]);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(int), cmp_int);
}

static int
set_weight(const struct nfa *m, const struct ivec *set)
{
	int c = 0;

	for (size_t i = 0; i < set->n; i++) {
		const struct nstate *s = &m->s[set->v[i]];

		c += (int)s->w.n;
		for (size_t j = 0; j < s->any.n; j++)
			if (!ivec_has(set, s->any.v[j]))
				c += (int)m->s[s->any.v[j]].w.n;
	}
	return c;
}

#define MAX_SUBSETS	4096

int
evb_wildcard_complexity(const char *const *pats, const size_t *lens,
    const int *ident, size_t npats, int limit)
{
	struct nfa m;
	struct ivec *seen, next = { NULL, 0, 0 };
	size_t nseen = 0, todo = 0;
	int max = 0;

	memset(&m, 0, sizeof(m));
	nfa_new(&m);
	for (size_t i = 0; i < npats; i++) {
		bool dup = false;

		/* The same pattern twice is one pattern. */
		for (size_t j = 0; j < i && !dup; j++)
			dup = ident[j] == ident[i] && lens[j] == lens[i] &&
			    memcmp(pats[j], pats[i], lens[i]) == 0;
		if (!dup)
			nfa_add(&m, pats[i], lens[i], ident[i]);
	}
	seen = xcalloc(MAX_SUBSETS, sizeof(*seen));
	ivec_push(&seen[nseen++], 0);
	while (todo < nseen && max < limit) {
		struct ivec cur = seen[todo++];

		for (int b = 0; b <= STAR && max < limit; b++) {
			size_t k;
			int c;

			if (b != STAR && !m.alphabet[b])
				continue;
			step(&m, &cur, b, &next);
			if (next.n == 0)
				continue;
			if ((c = set_weight(&m, &next)) > max)
				max = c;
			for (k = 0; k < nseen; k++)
				if (seen[k].n == next.n && memcmp(seen[k].v,
				    next.v, next.n * sizeof(int)) == 0)
					break;
			if (k < nseen)
				continue;
			if (nseen == MAX_SUBSETS) {
				max = limit;	/* too many states: too complex */
				break;
			}
			seen[nseen++] = next;
			memset(&next, 0, sizeof(next));
		}
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i].v);
	free(seen);
	free(next.v);
	for (size_t i = 0; i < m.n; i++) {
		struct nstate *s = &m.s[i];

		free(s->lit_byte.v);
		free(s->lit_to.v);
		free(s->any.v);
		free(s->w.v);
		free(s->pre_byte.v);
		free(s->pre_to.v);
	}
	free(m.s);
	free(m.term_ident.v);
	free(m.term_state.v);
	return max < limit ? max : limit;
}
