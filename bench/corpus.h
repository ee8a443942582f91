/*
 * The benchmark corpus's vocabularies and weight tables, shared by evgen
 * (which draws events from them) and evrules (which aims rules at a known
 * share of those events), so that the two cannot drift apart.
 */
#ifndef BENCH_CORPUS_H
#define BENCH_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "rng.h"

/* One value of a weighted table. */
struct corpus_choice {
	const char	*s;	/* the value as JSON string text */
	long		 n;	/* the value as a number, or an enum */
	unsigned	 w;	/* weight in thousandths */
};

struct corpus_table {
	const struct corpus_choice *v;
	size_t		 n;
	unsigned	 total;	/* of the weights; 0 until first used */
	bool		 numeric; /* the values are JSON numbers (n) */
};

/* A list drawn from uniformly. */
struct corpus_list {
	const char *const *v;
	size_t		 n;
};

enum corpus_kind {
	CORPUS_CHECKOUT,
	CORPUS_LOGS,
	CORPUS_S3,
	CORPUS_EC2,
	CORPUS_INVENTORY,
	CORPUS_NKINDS
};

#define CORPUS_ACCOUNT		"123456789012"
#define CORPUS_REGION		"us-east-1"
#define CORPUS_START_TIME	1709251200LL	/* 2024-03-01T00:00:00Z */
#define CORPUS_SKU_RANGE	20000
#define CORPUS_CUSTOMERS	200000
#define CORPUS_GIFT_P		0.08	/* orders with a gift */
#define CORPUS_IPV6_P		0.12	/* customer and client ips in IPv6 */
#define CORPUS_USER_AGENT_P	0.90	/* logs with http.user_agent */
#define CORPUS_NEW_CUSTOMER_P	0.15
#define CORPUS_CAPITAL_P	0.20	/* emails starting with a capital */
#define CORPUS_EC2_NAME_P	0.50	/* instances with a Name tag */
#define CORPUS_RESTOCK_P	0.45	/* positive inventory deltas */

/* The values of a table's entries, by name. */
enum { COUPON_PRESENT, COUPON_NULL, COUPON_ABSENT };

extern const char *const corpus_source[CORPUS_NKINDS];

extern struct corpus_table corpus_kinds, corpus_checkout_types,
    corpus_currencies, corpus_categories, corpus_item_counts, corpus_qtys,
    corpus_coupon_state, corpus_tiers, corpus_email_domains,
    corpus_countries, corpus_channels, corpus_ship_methods, corpus_cities,
    corpus_ipv4_pools, corpus_ipv6_pools, corpus_log_levels,
    corpus_services, corpus_http_methods, corpus_http_paths,
    corpus_http_status, corpus_s3_types, corpus_buckets, corpus_s3_folders,
    corpus_s3_exts, corpus_s3_create_reasons, corpus_s3_deletion_types,
    corpus_ec2_states, corpus_ec2_types, corpus_envs,
    corpus_inventory_types;

extern const struct corpus_list corpus_adjectives, corpus_nouns,
    corpus_coupons, corpus_first, corpus_last, corpus_logger_classes,
    corpus_search_terms, corpus_user_agents, corpus_log_tags,
    corpus_ec2_azs, corpus_ec2_vpcs, corpus_teams, corpus_suppliers,
    corpus_gift_messages, corpus_pay_providers, corpus_pay_codes,
    corpus_login_cities, corpus_ec2_roles;

/* Index of a weighted random entry of t. */
size_t		 corpus_pick(struct rng *, struct corpus_table *);
/* The text, or the number, of a weighted random entry of t. */
const char	*corpus_pick_s(struct rng *, struct corpus_table *);
long		 corpus_pick_n(struct rng *, struct corpus_table *);

/* A uniform random element of l. */
const char	*corpus_choose(struct rng *, const struct corpus_list *);

/* The sum of t's weights, computed on first use. */
unsigned	 corpus_total(struct corpus_table *);

/* Entry i's share of t's total weight, in [0, 1]. */
double		 corpus_share(struct corpus_table *, size_t);

/* Index of the entry whose text is s, or -1. */
int		 corpus_find(const struct corpus_table *, const char *);

#endif
