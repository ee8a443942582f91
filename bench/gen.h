/*
 * The benchmark event generator: EventBridge envelopes of five kinds drawn
 * from the corpus tables, written as compact JSON, one per line.  evgen
 * writes them out; evrules draws a fixed sample and reads the facts below
 * instead of parsing the JSON back.
 */
#ifndef BENCH_GEN_H
#define BENCH_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "corpus.h"
#include "jbuf.h"
#include "rng.h"

/* What evrules needs to know about the last event, in exact units. */
struct gen_facts {
	enum corpus_kind kind;
	size_t		 type;		/* index in the kind's type table */
	long long	 order_total;	/* cents */
	long		 max_price;	/* cents, of the order's items */
	long		 min_price;
	long long	 latency;	/* http.latency_ms, in microseconds */
	long		 bytes;		/* http.bytes */
	char		 message[160];	/* log message, unescaped */
	char		 path[96];	/* http.path */
	long long	 s3_size;	/* object.size; -1 when absent */
	long		 inv_level;
	long		 inv_delta;
	long		 inv_cost;	/* unit_cost, in 1/10000 */
};

struct gen {
	struct rng	 r;
	long long	 t;		/* event time, epoch seconds */
	long long	 day;		/* the day date[] holds */
	char		 date[10];	/* YYYY-MM-DD of day, no NUL */
	bool		 payload;	/* write the detail object only */
	struct gen_facts f;
};

/*
 * Start a generator.  With payload set, gen_event writes only each event's
 * detail object, but draws exactly what it would otherwise, so the details
 * are the same as those of the envelopes.
 */
void	gen_init(struct gen *, uint64_t, bool);

/*
 * Append one event and its newline to b, of a kind drawn from kinds (a
 * table whose entries' n is an enum corpus_kind), and fill g->f.
 */
void	gen_event(struct gen *, struct corpus_table *, struct jbuf *);

#endif
