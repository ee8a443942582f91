/*
 * A JSON writer that places commas and colons itself, for the nested
 * patterns evrules builds.  Output is compact, members in call order.
 */
#ifndef BENCH_JW_H
#define BENCH_JW_H

#include <stdbool.h>

#include "jbuf.h"

#define JW_MAXDEPTH	16

struct jw {
	struct jbuf	*b;
	int		 depth;
	bool		 after_key;	/* the next value follows "key": */
	/* Per depth: nothing written there yet, and what closes it. */
	bool		 empty[JW_MAXDEPTH];
	char		 close[JW_MAXDEPTH];
};

/* Start writing into b (borrowed, appended to). */
void	jw_init(struct jw *, struct jbuf *);

void	jw_obj(struct jw *);		/* { */
void	jw_arr(struct jw *);		/* [ */
void	jw_end(struct jw *);		/* } or ], whichever is open */
void	jw_key(struct jw *, const char *);
void	jw_str(struct jw *, const char *);
/* The string a, b joined: "a" "b" without an intermediate copy. */
void	jw_str2(struct jw *, const char *, const char *);
void	jw_int(struct jw *, long long);
/* v / 10^decimals, as jb_fixed. */
void	jw_fixed(struct jw *, long long, int);
void	jw_bool(struct jw *, bool);

/* Shorthands: "key":{ and "key":[ */
void	jw_kobj(struct jw *, const char *);
void	jw_karr(struct jw *, const char *);

#endif
