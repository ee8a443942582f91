/*
 * Rule templates after gen_rules.py.  Each combines a source (and often a
 * detail-type) condition with one or two selective conditions whose values
 * come from the corpus tables, or from quantiles of the event sample, and
 * returns the share of events it expects to select.  Two conditions on
 * independent fields split the conditional share c between them.
 */
#include "tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "rules.h"
#include "sel.h"

#define EC2_TYPE	"EC2 Instance State-change Notification"
#define HOSTS		(256 * 254)	/* ip-10-0-{0..255}-{1..254} */
#define MAX_IDS		64

static double
p_kind(enum corpus_kind k)
{
	return corpus_share(&corpus_kinds, (size_t)k);
}

/* The share of a table's entry, by name. */
static double
share_of(struct corpus_table *t, const char *s)
{
	int i = corpus_find(t, s);

	return i < 0 ? 0 : corpus_share(t, (size_t)i);
}

static double
min1(double x)
{
	return x < 1 ? x : 1;
}

/* {"source":[...] and, when type is set, "detail-type":[type] */
static void
begin(struct rctx *c, enum corpus_kind k, const char *type)
{
	jw_obj(&c->w);
	jw_karr(&c->w, "source");
	jw_str(&c->w, corpus_source[k]);
	jw_end(&c->w);
	if (type != NULL) {
		jw_karr(&c->w, "detail-type");
		jw_str(&c->w, type);
		jw_end(&c->w);
	}
}

static void
kvalues(struct rctx *c, const char *key, const struct corpus_table *t,
    uint32_t mask)
{
	jw_key(&c->w, key);
	jw_values(&c->w, t, mask);
}

/* key: [{op: pre+value+post}, ...] over a subset. */
static void
kops(struct rctx *c, const char *key, const struct corpus_table *t,
    uint32_t mask, const char *op, const char *pre, const char *post)
{
	char s[128];

	jw_karr(&c->w, key);
	for (size_t i = 0; i < t->n; i++) {
		if (!(mask & (1u << i)))
			continue;
		snprintf(s, sizeof(s), "%s%s%s", pre, t->v[i].s, post);
		jw_obj(&c->w);
		jw_key(&c->w, op);
		jw_str(&c->w, s);
		jw_end(&c->w);
	}
	jw_end(&c->w);
}

/* A string, or a list when the subset has more than one entry. */
static void
one_or_list(struct rctx *c, const struct corpus_table *t, uint32_t mask,
    const char *pre, const char *post, bool list)
{
	char s[128];

	if (list)
		jw_arr(&c->w);
	for (size_t i = 0; i < t->n; i++) {
		if (!(mask & (1u << i)))
			continue;
		snprintf(s, sizeof(s), "%s%s%s", pre, t->v[i].s, post);
		jw_str(&c->w, s);
	}
	if (list)
		jw_end(&c->w);
}

/* Exact values. */

static double
t_ec2_exact(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_EC2), k = t / pc;
	struct subset st = subset_for(&c->r, &corpus_ec2_states,
	    split(&c->r, k));
	struct subset ty = subset_for(&c->r, &corpus_ec2_types, k / st.s);

	begin(c, CORPUS_EC2, EC2_TYPE);
	jw_kobj(&c->w, "detail");
	kvalues(c, "state", &corpus_ec2_states, st.mask);
	kvalues(c, "instance-type", &corpus_ec2_types, ty.mask);
	return pc * st.s * ty.s;
}

static double
t_logs_exact(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS), k = t / pc;
	struct subset lv = subset_for(&c->r, &corpus_log_levels,
	    split(&c->r, k));
	struct subset sv = subset_for(&c->r, &corpus_services, k / lv.s);

	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	kvalues(c, "level", &corpus_log_levels, lv.mask);
	kvalues(c, "service", &corpus_services, sv.mask);
	return pc * lv.s * sv.s;
}

static double
t_checkout_exact(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc;
	struct subset dt = subset_for(&c->r, &corpus_checkout_types,
	    min1(det_pow(k, 0.3)));
	struct subset ti, co;

	k /= dt.s;
	ti = subset_for(&c->r, &corpus_tiers, split(&c->r, k));
	co = subset_for(&c->r, &corpus_countries, k / ti.s);
	begin(c, CORPUS_CHECKOUT, NULL);
	kvalues(c, "detail-type", &corpus_checkout_types, dt.mask);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	kvalues(c, "tier", &corpus_tiers, ti.mask);
	kvalues(c, "country", &corpus_countries, co.mask);
	return pc * dt.s * ti.s * co.s;
}

/* Prefix, suffix and equals-ignore-case. */

static double
t_s3_prefix(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_S3), k = t / pc;
	struct subset fo = subset_for(&c->r, &corpus_s3_folders,
	    split(&c->r, k));
	struct subset bu = subset_for(&c->r, &corpus_buckets, k / fo.s);

	begin(c, CORPUS_S3, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "bucket");
	kvalues(c, "name", &corpus_buckets, bu.mask);
	jw_end(&c->w);
	jw_kobj(&c->w, "object");
	kops(c, "key", &corpus_s3_folders, fo.mask, "prefix", "", "/");
	return pc * fo.s * bu.s;
}

static double
t_s3_suffix(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_S3) * share_of(&corpus_s3_types,
	    "Object Created"), k = t / pc;
	struct subset ex = subset_for(&c->r, &corpus_s3_exts, split(&c->r, k));
	struct subset bu = subset_for(&c->r, &corpus_buckets, k / ex.s);

	begin(c, CORPUS_S3, "Object Created");
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "bucket");
	kvalues(c, "name", &corpus_buckets, bu.mask);
	jw_end(&c->w);
	jw_kobj(&c->w, "object");
	kops(c, "key", &corpus_s3_exts, ex.mask, "suffix", "", "");
	return pc * ex.s * bu.s;
}

static double
t_email_suffix(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc;
	struct subset dm = subset_for(&c->r, &corpus_email_domains,
	    split(&c->r, k));
	struct subset ti = subset_for(&c->r, &corpus_tiers, k / dm.s);

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	kops(c, "email", &corpus_email_domains, dm.mask, "suffix", "@", "");
	kvalues(c, "tier", &corpus_tiers, ti.mask);
	return pc * dm.s * ti.s;
}

/* key: [{op: flip_case(pre + value)}, ...], op possibly nested in outer. */
static void
kflipped(struct rctx *c, const char *key, const struct corpus_table *t,
    uint32_t mask, const char *outer, const char *op, const char *pre)
{
	char s[128], f[128];

	jw_karr(&c->w, key);
	for (size_t i = 0; i < t->n; i++) {
		if (!(mask & (1u << i)))
			continue;
		flip_case(&c->r, t->v[i].s, f, sizeof(f));
		snprintf(s, sizeof(s), "%s%s", pre, f);
		jw_obj(&c->w);
		if (outer != NULL)
			jw_kobj(&c->w, outer);
		jw_key(&c->w, op);
		jw_str(&c->w, s);
		if (outer != NULL)
			jw_end(&c->w);
		jw_end(&c->w);
	}
	jw_end(&c->w);
}

static double
t_country_eic(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc;
	struct subset co = subset_for(&c->r, &corpus_countries,
	    split(&c->r, k));
	struct subset ch = subset_for(&c->r, &corpus_channels, k / co.s);

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	kflipped(c, "country", &corpus_countries, co.mask, NULL,
	    "equals-ignore-case", "");
	jw_end(&c->w);
	kvalues(c, "channel", &corpus_channels, ch.mask);
	return pc * co.s * ch.s;
}

static double
t_email_suffix_eic(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc;
	struct subset dm = subset_for(&c->r, &corpus_email_domains,
	    split(&c->r, k));
	struct subset ch = subset_for(&c->r, &corpus_channels, k / dm.s);

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	kflipped(c, "email", &corpus_email_domains, dm.mask, "suffix",
	    "equals-ignore-case", "@");
	jw_end(&c->w);
	kvalues(c, "channel", &corpus_channels, ch.mask);
	return pc * dm.s * ch.s;
}

static double
t_message_prefix_eic(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS), k = t / pc;
	const struct share *p = pick_close(&c->r, c->s.msg_prefixes,
	    c->s.nmsg_prefixes, k);
	struct subset sv = subset_for(&c->r, &corpus_services, min1(k / p->f));
	char f[64];

	flip_case(&c->r, p->text, f, sizeof(f));
	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	jw_karr(&c->w, "message");
	jw_obj(&c->w);
	jw_kobj(&c->w, "prefix");
	jw_key(&c->w, "equals-ignore-case");
	jw_str(&c->w, f);
	jw_end(&c->w);
	jw_end(&c->w);
	jw_end(&c->w);
	kvalues(c, "service", &corpus_services, sv.mask);
	return pc * p->f * sv.s;
}

/* Wildcards. */

static double
t_path_wildcard(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS), k = t / pc;
	const struct share *p = pick_close(&c->r, c->s.path_wildcards,
	    c->s.npath_wildcards, k);
	struct subset me = subset_for(&c->r, &corpus_http_methods,
	    min1(k / p->f));

	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "http");
	jw_karr(&c->w, "path");
	jw_obj(&c->w);
	jw_key(&c->w, "wildcard");
	jw_str(&c->w, p->text);
	jw_end(&c->w);
	jw_end(&c->w);
	kvalues(c, "method", &corpus_http_methods, me.mask);
	return pc * p->f * me.s;
}

/*
 * A wildcard per (folder, extension) pair, at most 5 of them: EventBridge
 * refuses a rule whose wildcards on one field are too complex to match (a
 * score over 10, and patterns sharing a folder score 2 each), and so does
 * evmatch.
 */
static double
t_s3_key_wildcard(struct rctx *c, double t)
{
	struct corpus_table *ft = &corpus_s3_folders, *et = &corpus_s3_exts;
	double pc = p_kind(CORPUS_S3), k = t / pc;
	struct subset fo = subset_for(&c->r, ft, split(&c->r, k));
	struct subset ex = subset_for(&c->r, et, k / fo.s);
	char s[128];
	int n = 0;

	begin(c, CORPUS_S3, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "object");
	jw_karr(&c->w, "key");
	for (size_t i = 0; i < ft->n; i++)
		for (size_t j = 0; j < et->n; j++) {
			if (!(fo.mask & (1u << i)) || !(ex.mask & (1u << j)) ||
			    n++ >= 5)
				continue;
			snprintf(s, sizeof(s), "%s/*%s", ft->v[i].s,
			    et->v[j].s);
			jw_obj(&c->w);
			jw_key(&c->w, "wildcard");
			jw_str(&c->w, s);
			jw_end(&c->w);
		}
	return pc * fo.s * ex.s;
}

/* anything-but and its forms. */

/* key: [{"anything-but": values}] */
static void
kanything_but(struct rctx *c, const char *key, const struct corpus_table *t,
    uint32_t mask, bool list)
{
	jw_karr(&c->w, key);
	jw_obj(&c->w);
	jw_key(&c->w, "anything-but");
	if (list)
		jw_values(&c->w, t, mask);
	else
		one_or_list(c, t, mask, "", "", false);
	jw_end(&c->w);
	jw_end(&c->w);
}

static double
ab_ec2(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_EC2), k = t / pc;
	struct subset ex = complement_for(&c->r, &corpus_ec2_states,
	    split(&c->r, k));
	struct subset ty = subset_for(&c->r, &corpus_ec2_types, k / ex.s);

	if (ex.mask == 0)
		return -1;
	begin(c, CORPUS_EC2, NULL);
	jw_kobj(&c->w, "detail");
	kanything_but(c, "state", &corpus_ec2_states, ex.mask, true);
	kvalues(c, "instance-type", &corpus_ec2_types, ty.mask);
	return pc * ex.s * ty.s;
}

static double
ab_level(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS), k = t / pc;
	struct subset ex = complement_for(&c->r, &corpus_log_levels,
	    split(&c->r, k));
	struct subset sv = subset_for(&c->r, &corpus_services, k / ex.s);
	bool list = true;

	if (ex.mask == 0)
		return -1;
	if (mask_count(ex.mask) == 1 && rng_double(&c->r) < 0.5)
		list = false;
	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	kanything_but(c, "level", &corpus_log_levels, ex.mask, list);
	kvalues(c, "service", &corpus_services, sv.mask);
	return pc * ex.s * sv.s;
}

static double
ab_status(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS), k = t / pc;
	struct subset ex = complement_for(&c->r, &corpus_http_status,
	    split(&c->r, k));
	struct subset sv = subset_for(&c->r, &corpus_services, k / ex.s);

	if (ex.mask == 0)
		return -1;
	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "http");
	kanything_but(c, "status", &corpus_http_status, ex.mask, true);
	jw_end(&c->w);
	kvalues(c, "service", &corpus_services, sv.mask);
	return pc * ex.s * sv.s;
}

static double
t_anything_but(struct rctx *c, double t)
{
	double m = rng_double(&c->r);

	if (m < 0.4)
		return ab_ec2(c, t);
	if (m < 0.7)
		return ab_level(c, t);
	return ab_status(c, t);
}

/* key: [{"anything-but": {op: value or [values]}}] */
static void
kanything_but_op(struct rctx *c, const char *key,
    const struct corpus_table *t, uint32_t mask, const char *op,
    const char *pre, const char *post)
{
	jw_karr(&c->w, key);
	jw_obj(&c->w);
	jw_kobj(&c->w, "anything-but");
	jw_key(&c->w, op);
	one_or_list(c, t, mask, pre, post, mask_count(mask) > 1);
	jw_end(&c->w);
	jw_end(&c->w);
	jw_end(&c->w);
}

static double
t_anything_but_prefix(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_S3), k = t / pc;
	struct subset ex = complement_for(&c->r, &corpus_s3_folders,
	    split(&c->r, k));
	struct subset bu = subset_for(&c->r, &corpus_buckets, k / ex.s);

	if (ex.mask == 0)
		return -1;
	begin(c, CORPUS_S3, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "object");
	kanything_but_op(c, "key", &corpus_s3_folders, ex.mask, "prefix", "",
	    "/");
	jw_end(&c->w);
	jw_kobj(&c->w, "bucket");
	kvalues(c, "name", &corpus_buckets, bu.mask);
	return pc * ex.s * bu.s;
}

static double
t_anything_but_suffix(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc;
	struct subset ex = complement_for(&c->r, &corpus_email_domains,
	    split(&c->r, k));
	struct subset co = subset_for(&c->r, &corpus_countries, k / ex.s);

	if (ex.mask == 0)
		return -1;
	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	kanything_but_op(c, "email", &corpus_email_domains, ex.mask, "suffix",
	    "@", "");
	kvalues(c, "country", &corpus_countries, co.mask);
	return pc * ex.s * co.s;
}

static double
t_anything_but_eic(struct rctx *c, double t)
{
	struct corpus_table *tt = &corpus_tiers;
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc;
	struct subset ex = complement_for(&c->r, tt, split(&c->r, k));
	struct subset co = subset_for(&c->r, &corpus_countries, k / ex.s);
	bool list = mask_count(ex.mask) > 1;
	char f[64];

	if (ex.mask == 0)
		return -1;
	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	jw_karr(&c->w, "tier");
	jw_obj(&c->w);
	jw_kobj(&c->w, "anything-but");
	jw_key(&c->w, "equals-ignore-case");
	if (list)
		jw_arr(&c->w);
	for (size_t i = 0; i < tt->n; i++)
		if (ex.mask & (1u << i)) {
			flip_case(&c->r, tt->v[i].s, f, sizeof(f));
			jw_str(&c->w, f);
		}
	if (list)
		jw_end(&c->w);
	jw_end(&c->w);
	jw_end(&c->w);
	jw_end(&c->w);
	kvalues(c, "country", &corpus_countries, co.mask);
	return pc * ex.s * co.s;
}

/* Exclude everything under /api/ and /static/: /health remains. */
static double
t_anything_but_wildcard(struct rctx *c, double t)
{
	static const char *const excl[][2] = {
		{ "/api/*", "/static/*" }, { "/api/v*", "/static/js/*" },
		{ "*/*/*", NULL }
	};
	double pc = p_kind(CORPUS_LOGS), k = t / pc, rem = 0;
	uint32_t e = rng_below(&c->r, 3);
	struct subset lv;

	for (size_t i = 0; i < c->s.npath_wildcards; i++)
		if (strcmp(c->s.path_wildcards[i].text, "/health") == 0)
			rem = c->s.path_wildcards[i].f;
	lv = subset_for(&c->r, &corpus_log_levels,
	    min1(k / (rem > 1e-6 ? rem : 1e-6)));
	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "http");
	jw_karr(&c->w, "path");
	jw_obj(&c->w);
	jw_kobj(&c->w, "anything-but");
	jw_karr(&c->w, "wildcard");
	for (int i = 0; i < 2 && excl[e][i] != NULL; i++)
		jw_str(&c->w, excl[e][i]);
	for (int i = 0; i < 5; i++)
		jw_end(&c->w);
	kvalues(c, "level", &corpus_log_levels, lv.mask);
	return pc * rem * lv.s;
}

/* Numeric ranges. */

/* {"source":[kind],"detail":{k1:{k2:[{"numeric":...}]}}} (k2 optional) */
static double
numeric_at(struct rctx *c, enum corpus_kind kind, const char *type,
    double pc, const char *k1, const char *k2, const struct dist *d,
    double t, bool is_int)
{
	double est;

	begin(c, kind, type);
	jw_kobj(&c->w, "detail");
	if (k2 != NULL)
		jw_kobj(&c->w, k1);
	jw_karr(&c->w, k2 != NULL ? k2 : k1);
	jw_obj(&c->w);
	jw_key(&c->w, "numeric");
	est = numeric_cond(&c->r, &c->w, d, t / pc, is_int);
	return pc * est;
}

static double
numeric_inventory(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_INVENTORY), k = t / pc, f1, f2;

	begin(c, CORPUS_INVENTORY, NULL);
	jw_kobj(&c->w, "detail");
	jw_karr(&c->w, "level");
	jw_obj(&c->w);
	jw_key(&c->w, "numeric");
	f1 = numeric_cond(&c->r, &c->w, &c->s.inv_level, split(&c->r, k),
	    true);
	jw_end(&c->w);
	jw_end(&c->w);
	jw_karr(&c->w, "delta");
	jw_obj(&c->w);
	jw_key(&c->w, "numeric");
	f2 = numeric_cond(&c->r, &c->w, &c->s.inv_delta,
	    min1(k / (f1 > 1e-6 ? f1 : 1e-6)), true);
	return pc * f1 * f2;
}

/* Any item's price: a single field of the array, so no consistency issue. */
static double
numeric_price(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), k = t / pc, est;
	long long v;

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "order");
	jw_kobj(&c->w, "items");
	jw_karr(&c->w, "price");
	jw_obj(&c->w);
	jw_karr(&c->w, "numeric");
	if (rng_double(&c->r) < 0.5) {
		v = det_round(dist_q(&c->s.max_price, 1 - k) * 100);
		jw_str(&c->w, ">=");
		est = dist_ge(&c->s.max_price, v / 100.0);
	} else {
		v = det_round(dist_q(&c->s.min_price, k) * 100);
		jw_str(&c->w, "<");
		est = dist_lt(&c->s.min_price, v / 100.0);
	}
	jw_fixed(&c->w, v, 2);
	return pc * est;
}

static double
t_numeric(struct rctx *c, double t)
{
	double s3c = p_kind(CORPUS_S3) * share_of(&corpus_s3_types,
	    "Object Created");

	switch (rng_below(&c->r, 6)) {
	case 0:
		return numeric_at(c, CORPUS_CHECKOUT, NULL,
		    p_kind(CORPUS_CHECKOUT), "order", "total",
		    &c->s.order_total, t, false);
	case 1:
		return numeric_at(c, CORPUS_LOGS, NULL, p_kind(CORPUS_LOGS),
		    "http", "latency_ms", &c->s.latency, t, false);
	case 2:
		return numeric_at(c, CORPUS_S3, NULL, s3c, "object", "size",
		    &c->s.s3_size, t, true);
	case 3:
		return numeric_at(c, CORPUS_LOGS, NULL, p_kind(CORPUS_LOGS),
		    "http", "bytes", &c->s.bytes, t, true);
	case 4:
		return numeric_inventory(c, t);
	default:
		return numeric_price(c, t);
	}
}

/* cidr */

static double
cidr_at(struct rctx *c, enum corpus_kind kind, const char *k1,
    const char *k2, double t, bool v4_only)
{
	double pc = p_kind(kind), f;
	char blocks[16][32];
	int n, written = 0;

	f = cidr_for(&c->r, t / pc, blocks, &n);
	begin(c, kind, NULL);
	jw_kobj(&c->w, "detail");
	if (k2 != NULL)
		jw_kobj(&c->w, k1);
	jw_karr(&c->w, k2 != NULL ? k2 : k1);
	for (int i = 0; i < n; i++) {
		if (v4_only && strchr(blocks[i], ':') != NULL)
			continue;
		jw_obj(&c->w);
		jw_key(&c->w, "cidr");
		jw_str(&c->w, blocks[i]);
		jw_end(&c->w);
		written++;
	}
	if (written == 0) {
		jw_obj(&c->w);
		jw_key(&c->w, "cidr");
		jw_str(&c->w, "203.0.0.0/16");
		jw_end(&c->w);
	}
	return pc * f;
}

static double
t_cidr(struct rctx *c, double t)
{
	switch (rng_below(&c->r, 3)) {
	case 0:
		return cidr_at(c, CORPUS_CHECKOUT, "customer", "ip", t, false);
	case 1:
		return cidr_at(c, CORPUS_LOGS, "http", "client_ip", t, false);
	default:
		/* source-ip-address is always IPv4. */
		return cidr_at(c, CORPUS_S3, "source-ip-address", NULL, t,
		    true);
	}
}

/* exists */

/* path...: [{"exists": v}], path given as up to three keys. */
static void
kexists(struct rctx *c, const char *k1, const char *k2, const char *k3,
    bool v)
{
	jw_kobj(&c->w, k1);
	if (k3 != NULL)
		jw_kobj(&c->w, k2);
	jw_karr(&c->w, k3 != NULL ? k3 : k2);
	jw_obj(&c->w);
	jw_key(&c->w, "exists");
	jw_bool(&c->w, v);
	jw_end(&c->w);
	jw_end(&c->w);
	if (k3 != NULL)
		jw_end(&c->w);
	jw_end(&c->w);
}

static double
exists_gift(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT) * CORPUS_GIFT_P;
	struct subset ti = subset_for(&c->r, &corpus_tiers, min1(t / pc));

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	kexists(c, "order", "gift", "message", true);
	jw_kobj(&c->w, "customer");
	kvalues(c, "tier", &corpus_tiers, ti.mask);
	return pc * ti.s;
}

static double
exists_no_agent(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS) * (1 - CORPUS_USER_AGENT_P);
	struct subset lv = subset_for(&c->r, &corpus_log_levels, min1(t / pc));

	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	kexists(c, "http", "user_agent", NULL, false);
	kvalues(c, "level", &corpus_log_levels, lv.mask);
	return pc * lv.s;
}

/* A null coupon counts as present: only an absent one matches. */
static double
exists_no_coupon(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT) *
	    corpus_share(&corpus_coupon_state, COUPON_ABSENT), k = t / pc;
	struct subset co = subset_for(&c->r, &corpus_countries,
	    split(&c->r, k));
	struct subset ti = subset_for(&c->r, &corpus_tiers, k / co.s);

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	kexists(c, "order", "coupon", NULL, false);
	jw_kobj(&c->w, "customer");
	kvalues(c, "country", &corpus_countries, co.mask);
	kvalues(c, "tier", &corpus_tiers, ti.mask);
	return pc * co.s * ti.s;
}

/* payment is there for PaymentFailed events only. */
static double
exists_payment(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT) *
	    share_of(&corpus_checkout_types, "PaymentFailed");
	struct subset co = subset_for(&c->r, &corpus_countries, min1(t / pc));

	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	kexists(c, "payment", "code", NULL, true);
	jw_kobj(&c->w, "customer");
	kvalues(c, "country", &corpus_countries, co.mask);
	return pc * co.s;
}

static double
t_exists(struct rctx *c, double t)
{
	switch (rng_below(&c->r, 4)) {
	case 0:
		return exists_gift(c, t);
	case 1:
		return exists_no_agent(c, t);
	case 2:
		return exists_no_coupon(c, t);
	default:
		return exists_payment(c, t);
	}
}

/* $or */

/* {"detail":{k1:values}} or {"detail":{k1:{k2:values}}} */
static void
or_branch(struct rctx *c, const char *k1, const char *k2,
    const struct corpus_table *t, uint32_t mask)
{
	jw_obj(&c->w);
	jw_kobj(&c->w, "detail");
	if (k2 != NULL) {
		jw_kobj(&c->w, k1);
		kvalues(c, k2, t, mask);
		jw_end(&c->w);
	} else
		kvalues(c, k1, t, mask);
	jw_end(&c->w);
	jw_end(&c->w);
}

/* Service in a set, and either level or status in theirs. */
static double
or_logs(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS), k, st;
	struct subset sv = subset_for(&c->r, &corpus_services,
	    rng_uniform(&c->r, 0.3, 0.7));
	struct subset lv, hs;

	k = t / (pc * sv.s);
	if (k > 0.95)
		k = 0.95;
	lv = subset_for(&c->r, &corpus_log_levels, 1 - det_sqrt(1 - k));
	st = lv.s < 1 ? 1 - (1 - k) / (1 - lv.s) : 0.01;
	hs = subset_for(&c->r, &corpus_http_status, st > 0.005 ? st : 0.005);
	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	kvalues(c, "service", &corpus_services, sv.mask);
	jw_end(&c->w);
	jw_karr(&c->w, "$or");
	or_branch(c, "level", NULL, &corpus_log_levels, lv.mask);
	or_branch(c, "http", "status", &corpus_http_status, hs.mask);
	return pc * sv.s * (1 - (1 - lv.s) * (1 - hs.s));
}

/* Tier, country or shipping method; PaymentFailed orders do not ship. */
static double
or_checkout(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT), a, ship;
	struct subset ti, co, me;

	a = 1 - det_pow(1 - t / pc, 1 / 3.0);
	ti = subset_for(&c->r, &corpus_tiers, a);
	co = subset_for(&c->r, &corpus_countries, a);
	me = subset_for(&c->r, &corpus_ship_methods, a);
	ship = 1 - share_of(&corpus_checkout_types, "PaymentFailed");
	begin(c, CORPUS_CHECKOUT, NULL);
	jw_karr(&c->w, "$or");
	or_branch(c, "customer", "tier", &corpus_tiers, ti.mask);
	or_branch(c, "customer", "country", &corpus_countries, co.mask);
	or_branch(c, "shipping", "method", &corpus_ship_methods, me.mask);
	return pc * (1 - (1 - ti.s) * (1 - co.s) * (1 - me.s * ship));
}

static double
t_or(struct rctx *c, double t)
{
	if (rng_below(&c->r, 2) == 0)
		return or_logs(c, t);
	return or_checkout(c, t);
}

/* Two conditions on one element of an array of objects. */

static double
array_items(struct rctx *c, double t)
{
	struct corpus_table *q = &corpus_qtys;
	double pc = p_kind(CORPUS_CHECKOUT), pq = 0;
	double pe = elem_target(t / pc < 0.99 ? t / pc : 0.99);
	long minq = 2 + (long)rng_below(&c->r, 2);
	struct subset ca;

	for (size_t i = 0; i < q->n; i++)
		if (q->v[i].n >= minq)
			pq += corpus_share(q, i);
	ca = subset_for(&c->r, &corpus_categories, min1(pe / pq));
	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "order");
	jw_kobj(&c->w, "items");
	kvalues(c, "category", &corpus_categories, ca.mask);
	jw_karr(&c->w, "qty");
	jw_obj(&c->w);
	jw_karr(&c->w, "numeric");
	jw_str(&c->w, ">=");
	jw_int(&c->w, minq);
	return pc * any_of_k(ca.s * pq);
}

static double
array_tags(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_EC2), k = t / pc;
	struct subset en = subset_for(&c->r, &corpus_envs, split(&c->r, k));
	struct subset ty = subset_for(&c->r, &corpus_ec2_types, k / en.s);

	begin(c, CORPUS_EC2, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "tags");
	jw_karr(&c->w, "key");
	jw_str(&c->w, "env");
	jw_end(&c->w);
	kvalues(c, "value", &corpus_envs, en.mask);
	jw_end(&c->w);
	kvalues(c, "instance-type", &corpus_ec2_types, ty.mask);
	return pc * en.s * ty.s;
}

static double
t_array_objects(struct rctx *c, double t)
{
	if (rng_double(&c->r) < 0.6)
		return array_items(c, t);
	return array_tags(c, t);
}

/* Rare matches (--rare): lists of specific SKUs, customers or hosts. */

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* n distinct values in [0, range), sorted, as sorted(random.sample()). */
static void
distinct(struct rng *r, long *v, int n, uint32_t range)
{
	for (int i = 0; i < n; i++) {
		bool dup;

		do {
			v[i] = (long)rng_below(r, range);
			dup = false;
			for (int j = 0; j < i; j++)
				dup = dup || v[j] == v[i];
		} while (dup);
	}
	qsort(v, (size_t)n, sizeof(*v), cmp_long);
}

static int
id_count(double x)
{
	long long n = det_round(x);

	return n < 1 ? 1 : n > MAX_IDS ? MAX_IDS : (int)n;
}

static void
id_list(struct rctx *c, const char *fmt_prefix, int width, const long *v,
    int n)
{
	char s[64];

	jw_arr(&c->w);
	for (int i = 0; i < n; i++) {
		snprintf(s, sizeof(s), "%s%0*ld", fmt_prefix, width, v[i]);
		jw_str(&c->w, s);
	}
	jw_end(&c->w);
}

static double
entity_skus(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT);
	int n = id_count(elem_target(t / pc < 0.99 ? t / pc : 0.99) *
	    CORPUS_SKU_RANGE);
	long v[MAX_IDS];

	distinct(&c->r, v, n, CORPUS_SKU_RANGE);
	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "order");
	jw_kobj(&c->w, "items");
	jw_key(&c->w, "sku");
	id_list(c, "SKU-", 5, v, n);
	return pc * any_of_k((double)n / CORPUS_SKU_RANGE);
}

static double
entity_customers(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_CHECKOUT);
	int n = id_count(t / pc * CORPUS_CUSTOMERS);
	long v[MAX_IDS];

	distinct(&c->r, v, n, CORPUS_CUSTOMERS);
	begin(c, CORPUS_CHECKOUT, NULL);
	jw_kobj(&c->w, "detail");
	jw_kobj(&c->w, "customer");
	jw_key(&c->w, "id");
	id_list(c, "cust-", 6, v, n);
	return pc * n / CORPUS_CUSTOMERS;
}

/* Host names sort as strings, as the reference sorts them. */
static double
entity_hosts(struct rctx *c, double t)
{
	double pc = p_kind(CORPUS_LOGS);
	int n = id_count(t / pc * HOSTS);
	char hosts[MAX_IDS][64];
	long v[MAX_IDS];

	distinct(&c->r, v, n, HOSTS);
	for (int i = 0; i < n; i++)
		snprintf(hosts[i], sizeof(hosts[i]), "ip-10-0-%ld-%ld"
		    ".ec2.internal", v[i] / 254, v[i] % 254 + 1);
	qsort(hosts, (size_t)n, sizeof(hosts[0]), cmp_str);
	begin(c, CORPUS_LOGS, NULL);
	jw_kobj(&c->w, "detail");
	jw_karr(&c->w, "host");
	for (int i = 0; i < n; i++)
		jw_str(&c->w, hosts[i]);
	return pc * n / HOSTS;
}

static double
t_entity(struct rctx *c, double t)
{
	switch (rng_below(&c->r, 3)) {
	case 0:
		return entity_skus(c, t);
	case 1:
		return entity_customers(c, t);
	default:
		return entity_hosts(c, t);
	}
}

const struct tmpl tmpl_all[] = {
	{ "ec2_exact", OP_EXACT, t_ec2_exact },
	{ "logs_exact", OP_EXACT, t_logs_exact },
	{ "checkout_exact", OP_EXACT, t_checkout_exact },
	{ "s3_prefix", OP_EXACT | OP_PREFIX, t_s3_prefix },
	{ "s3_suffix", OP_EXACT | OP_SUFFIX, t_s3_suffix },
	{ "email_suffix", OP_EXACT | OP_SUFFIX, t_email_suffix },
	{ "country_eic", OP_EXACT | OP_EIC, t_country_eic },
	{ "email_suffix_eic", OP_EXACT | OP_SUFFIX_EIC, t_email_suffix_eic },
	{ "message_prefix_eic", OP_EXACT | OP_PREFIX_EIC,
	    t_message_prefix_eic },
	{ "path_wildcard", OP_EXACT | OP_WILDCARD, t_path_wildcard },
	{ "s3_key_wildcard", OP_EXACT | OP_WILDCARD, t_s3_key_wildcard },
	{ "anything_but", OP_EXACT | OP_AB, t_anything_but },
	{ "anything_but_prefix", OP_EXACT | OP_AB_PREFIX,
	    t_anything_but_prefix },
	{ "anything_but_suffix", OP_EXACT | OP_AB_SUFFIX,
	    t_anything_but_suffix },
	{ "anything_but_eic", OP_EXACT | OP_AB_EIC, t_anything_but_eic },
	{ "anything_but_wildcard", OP_EXACT | OP_AB_WILDCARD,
	    t_anything_but_wildcard },
	{ "numeric", OP_EXACT | OP_NUMERIC, t_numeric },
	{ "cidr", OP_EXACT | OP_CIDR, t_cidr },
	{ "exists", OP_EXACT | OP_EXISTS, t_exists },
	{ "or", OP_EXACT | OP_OR, t_or },
	{ "array_objects", OP_EXACT | OP_NUMERIC | OP_ARRAY_OBJECTS,
	    t_array_objects },
};
const size_t tmpl_nall = sizeof(tmpl_all) / sizeof(tmpl_all[0]);

const struct tmpl tmpl_entity = { "entity", OP_EXACT, t_entity };
