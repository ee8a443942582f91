/*
 * Benchmark events, written straight into the output buffer.  Members come
 * in the order of the reference generator, and every string that can hold a
 * quote, a backslash or a control character goes through jb_str.
 */
#include "gen.h"

#include <stdio.h>
#include <string.h>

#define SECONDS_PER_DAY	86400

static void	gen_checkout(struct gen *, struct jbuf *);
static void	gen_logs(struct gen *, struct jbuf *);
static void	gen_s3(struct gen *, struct jbuf *);
static void	gen_ec2(struct gen *, struct jbuf *);
static void	gen_inventory(struct gen *, struct jbuf *);

void
gen_init(struct gen *g, uint64_t seed, bool payload)
{
	memset(g, 0, sizeof(*g));
	rng_seed(&g->r, seed);
	g->t = CORPUS_START_TIME;
	g->day = -1;
	g->payload = payload;
}

void
gen_event(struct gen *g, struct corpus_table *kinds, struct jbuf *b)
{
	g->f.kind = (enum corpus_kind)kinds->v[corpus_pick(&g->r, kinds)].n;
	switch (g->f.kind) {
	case CORPUS_CHECKOUT:
		gen_checkout(g, b);
		break;
	case CORPUS_LOGS:
		gen_logs(g, b);
		break;
	case CORPUS_S3:
		gen_s3(g, b);
		break;
	case CORPUS_EC2:
		gen_ec2(g, b);
		break;
	default:
		gen_inventory(g, b);
		break;
	}
	jb_putc(b, '\n');
}

/* Text pieces. */

static void
digits(char *p, unsigned long v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* n random hex digits at p. */
static void
hex_chars(struct gen *g, char *p, int n, bool upper)
{
	const char *d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	uint64_t x = 0;

	for (int i = 0; i < n; i++) {
		if (i % 16 == 0)
			x = rng_next(&g->r);
		p[i] = d[x >> 60];
		x <<= 4;
	}
}

/* A quoted string of n random hex digits. */
static void
put_hex(struct gen *g, struct jbuf *b, int n, bool upper)
{
	char *p = jb_room(b, (size_t)n + 2);

	p[0] = '"';
	hex_chars(g, p + 1, n, upper);
	p[n + 1] = '"';
	b->len += (size_t)n + 2;
}

/* A version 4 UUID, as Python's uuid.UUID(int=bits, version=4). */
static void
make_uuid(struct gen *g, char id[36])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t w[2];
	int j = 0;

	w[0] = (rng_next(&g->r) & ~0xf000ULL) | 0x4000ULL;
	w[1] = (rng_next(&g->r) & ~(3ULL << 62)) | (2ULL << 62);
	for (int i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			id[j++] = '-';
		id[j++] = hex[(w[i / 16] >> (60 - 4 * (i % 16))) & 15];
	}
}

/* Howard Hinnant's civil_from_days, for the day g->t falls in. */
static void
set_date(struct gen *g)
{
	long long day = g->t / SECONDS_PER_DAY, z = day + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	long long y = yoe + era * 400 + (m <= 2);

	digits(g->date, (unsigned long)y, 4);
	g->date[4] = '-';
	digits(g->date + 5, m, 2);
	g->date[7] = '-';
	digits(g->date + 8, d, 2);
	g->day = day;
}

static void
put_time(struct gen *g, struct jbuf *b)
{
	unsigned long s = (unsigned long)(g->t % SECONDS_PER_DAY);
	char *p = jb_room(b, 20);

	memcpy(p, g->date, 10);
	p[10] = 'T';
	digits(p + 11, s / 3600, 2);
	p[13] = ':';
	digits(p + 14, s / 60 % 60, 2);
	p[16] = ':';
	digits(p + 17, s % 60, 2);
	p[19] = 'Z';
	b->len += 20;
}

/*
 * The envelope up to the resources list, left open.  The id and the time
 * step are drawn even for --payload, so the details do not depend on it.
 */
static void
envelope(struct gen *g, struct jbuf *b, const char *type,
    enum corpus_kind k)
{
	static const int steps[] = { 0, 1, 1, 2, 3, 5 };
	char id[36];

	make_uuid(g, id);
	g->t += steps[rng_below(&g->r, 6)];
	if (g->t / SECONDS_PER_DAY != g->day)
		set_date(g);
	if (g->payload)
		return;
	JB_LIT(b, "{\"version\":\"0\",\"id\":\"");
	jb_put(b, id, sizeof(id));
	JB_LIT(b, "\",\"detail-type\":");
	jb_qstr(b, type);
	JB_LIT(b, ",\"source\":");
	jb_qstr(b, corpus_source[k]);
	JB_LIT(b, ",\"account\":\"" CORPUS_ACCOUNT "\",\"time\":\"");
	put_time(g, b);
	JB_LIT(b, "\",\"region\":\"" CORPUS_REGION "\",\"resources\":[");
}

/* Close the resources list and open the detail member. */
static void
open_detail(struct gen *g, struct jbuf *b)
{
	if (!g->payload)
		JB_LIT(b, "],\"detail\":");
	jb_putc(b, '{');
}

static void
close_detail(struct gen *g, struct jbuf *b)
{
	jb_putc(b, '}');
	if (!g->payload)
		jb_putc(b, '}');
}

static void
put_ipv4(struct gen *g, struct jbuf *b)
{
	jb_cstr(b, corpus_pick_s(&g->r, &corpus_ipv4_pools));
	jb_putc(b, '.');
	jb_uint(b, rng_below(&g->r, 256));
	jb_putc(b, '.');
	jb_uint(b, (unsigned long long)rng_int(&g->r, 1, 254));
}

/* A quoted IPv4 address, or now and then an IPv6 one. */
static void
put_ip(struct gen *g, struct jbuf *b)
{
	jb_putc(b, '"');
	if (rng_double(&g->r) < CORPUS_IPV6_P) {
		jb_cstr(b, corpus_pick_s(&g->r, &corpus_ipv6_pools));
		JB_LIT(b, "::");
		jb_xint(b, rng_below(&g->r, 1 << 16));
		jb_putc(b, ':');
		jb_xint(b, rng_below(&g->r, 1 << 16) | 1);
	} else
		put_ipv4(g, b);
	jb_putc(b, '"');
}

/* com.mystore.checkout */

struct item {
	long		 sku;
	const char	*adj;
	const char	*noun;
	const char	*category;
	long		 qty;
	long		 price;		/* cents */
};

/* Log-normal prices between 0.99 and 999.99. */
static long
price_cents(struct gen *g)
{
	double p = rng_lognormal(&g->r, 3.0, 1.0);

	if (p > 999.99)
		p = 999.99;
	if (p < 0.99)
		p = 0.99;
	return (long)det_round(p * 100);
}

static int
draw_items(struct gen *g, struct item *it)
{
	int n = (int)corpus_pick_n(&g->r, &corpus_item_counts);

	g->f.order_total = 0;
	for (int i = 0; i < n; i++) {
		it[i].sku = (long)rng_below(&g->r, CORPUS_SKU_RANGE);
		it[i].adj = corpus_choose(&g->r, &corpus_adjectives);
		it[i].noun = corpus_choose(&g->r, &corpus_nouns);
		it[i].category = corpus_pick_s(&g->r, &corpus_categories);
		it[i].qty = corpus_pick_n(&g->r, &corpus_qtys);
		it[i].price = price_cents(g);
		g->f.order_total += it[i].qty * it[i].price;
		if (i == 0 || it[i].price > g->f.max_price)
			g->f.max_price = it[i].price;
		if (i == 0 || it[i].price < g->f.min_price)
			g->f.min_price = it[i].price;
	}
	return n;
}

static void
put_items(struct jbuf *b, const struct item *it, int n)
{
	JB_LIT(b, ",\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i > 0)
			jb_putc(b, ',');
		JB_LIT(b, "{\"sku\":\"SKU-");
		jb_upad(b, (unsigned long long)it[i].sku, 5);
		JB_LIT(b, "\",\"name\":\"");
		jb_cstr(b, it[i].adj);
		jb_putc(b, ' ');
		jb_cstr(b, it[i].noun);
		JB_LIT(b, "\",\"category\":");
		jb_qstr(b, it[i].category);
		JB_LIT(b, ",\"qty\":");
		jb_int(b, it[i].qty);
		JB_LIT(b, ",\"price\":");
		jb_fixed(b, it[i].price, 2);
		jb_putc(b, '}');
	}
	jb_putc(b, ']');
}

/* The coupon is a string, null, or absent; a few orders are gifts. */
static void
put_coupon_gift(struct gen *g, struct jbuf *b)
{
	switch (corpus_pick_n(&g->r, &corpus_coupon_state)) {
	case COUPON_PRESENT:
		JB_LIT(b, ",\"coupon\":");
		jb_qstr(b, corpus_choose(&g->r, &corpus_coupons));
		break;
	case COUPON_NULL:
		JB_LIT(b, ",\"coupon\":null");
		break;
	}
	if (rng_double(&g->r) < CORPUS_GIFT_P) {
		JB_LIT(b, ",\"gift\":{\"wrap\":");
		jb_bool(b, rng_double(&g->r) < 0.5);
		JB_LIT(b, ",\"message\":");
		jb_qstr(b, corpus_choose(&g->r, &corpus_gift_messages));
		jb_putc(b, '}');
	}
}

static void
put_order(struct gen *g, struct jbuf *b)
{
	struct item it[4];
	int n = draw_items(g, it);

	JB_LIT(b, "\"order\":{\"id\":\"ord-");
	jb_upad(b, rng_below(&g->r, 100000000), 8);
	JB_LIT(b, "\",\"total\":");
	jb_fixed(b, g->f.order_total, 2);
	JB_LIT(b, ",\"currency\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_currencies));
	put_items(b, it, n);
	put_coupon_gift(g, b);
	jb_putc(b, '}');
}

/* first.last42@domain, the first name capitalized now and then. */
static void
put_email(struct gen *g, struct jbuf *b)
{
	const char *first = corpus_choose(&g->r, &corpus_first);
	const char *last = corpus_choose(&g->r, &corpus_last);
	size_t start;

	jb_putc(b, '"');
	start = b->len;
	jb_cstr(b, first);
	if (rng_double(&g->r) < CORPUS_CAPITAL_P)
		b->p[start] = (char)(b->p[start] - 'a' + 'A');
	jb_putc(b, '.');
	jb_cstr(b, last);
	jb_uint(b, rng_below(&g->r, 100));
	jb_putc(b, '@');
	jb_cstr(b, corpus_pick_s(&g->r, &corpus_email_domains));
	jb_putc(b, '"');
}

static void
put_customer(struct gen *g, struct jbuf *b)
{
	JB_LIT(b, ",\"customer\":{\"id\":\"cust-");
	jb_upad(b, rng_below(&g->r, CORPUS_CUSTOMERS), 6);
	JB_LIT(b, "\",\"tier\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_tiers));
	JB_LIT(b, ",\"email\":");
	put_email(g, b);
	JB_LIT(b, ",\"country\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_countries));
	JB_LIT(b, ",\"ip\":");
	put_ip(g, b);
	JB_LIT(b, ",\"new\":");
	jb_bool(b, rng_double(&g->r) < CORPUS_NEW_CUSTOMER_P);
	jb_putc(b, '}');
}

static void
put_shipping(struct gen *g, struct jbuf *b)
{
	JB_LIT(b, ",\"shipping\":{\"method\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_ship_methods));
	JB_LIT(b, ",\"address\":{\"city\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_cities));
	JB_LIT(b, ",\"postcode\":\"");
	jb_upad(b, rng_below(&g->r, 100000), 5);
	JB_LIT(b, "\"}}");
}

static void
put_payment(struct gen *g, struct jbuf *b)
{
	JB_LIT(b, ",\"payment\":{\"provider\":");
	jb_qstr(b, corpus_choose(&g->r, &corpus_pay_providers));
	JB_LIT(b, ",\"code\":");
	jb_qstr(b, corpus_choose(&g->r, &corpus_pay_codes));
	JB_LIT(b, ",\"attempt\":");
	jb_int(b, rng_int(&g->r, 1, 3));
	jb_putc(b, '}');
}

static void
gen_checkout(struct gen *g, struct jbuf *b)
{
	const char *type;

	g->f.type = corpus_pick(&g->r, &corpus_checkout_types);
	type = corpus_checkout_types.v[g->f.type].s;
	envelope(g, b, type, CORPUS_CHECKOUT);
	open_detail(g, b);
	put_order(g, b);
	put_customer(g, b);
	JB_LIT(b, ",\"channel\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_channels));
	if (strcmp(type, "PaymentFailed") != 0)
		put_shipping(g, b);
	else
		put_payment(g, b);
	close_detail(g, b);
}

/* com.mystore.logs */

/* Append at most e - *p bytes of s at *p. */
static void
append(char **p, const char *e, const char *s)
{
	size_t n = strlen(s);

	if (n > (size_t)(e - *p))
		n = (size_t)(e - *p);
	memcpy(*p, s, n);
	*p += n;
}

/* Expand a path template's {n}, {h} and {q} into g->f.path. */
static void
make_path(struct gen *g)
{
	const char *t = corpus_pick_s(&g->r, &corpus_http_paths);
	char *p = g->f.path, *e = p + sizeof(g->f.path) - 1, tmp[16];

	for (; *t != '\0' && p < e; t++) {
		if (t[0] != '{' || t[1] == '\0' || t[2] != '}') {
			*p++ = *t;
			continue;
		}
		if (t[1] == 'n') {
			snprintf(tmp, sizeof(tmp), "%ld", rng_int(&g->r, 1,
			    999999));
			append(&p, e, tmp);
		} else if (t[1] == 'h') {
			hex_chars(g, tmp, 8, false);
			tmp[8] = '\0';
			append(&p, e, tmp);
		} else if (t[1] == 'q')
			append(&p, e, corpus_choose(&g->r,
			    &corpus_search_terms));
		t += 2;
	}
	*p = '\0';
}

static void
error_message(struct gen *g, const char *service, char *m, size_t n)
{
	switch (rng_below(&g->r, 4)) {
	case 0:
		snprintf(m, n, "Timeout calling payments-service after 3000ms");
		break;
	case 1:
		snprintf(m, n, "NullPointerException at com.mystore.%s.Handler"
		    ".handle(Handler.java:%ld)", service,
		    rng_int(&g->r, 20, 399));
		break;
	case 2:
		snprintf(m, n, "Upstream returned \"503 Service Unavailable\"");
		break;
	default:
		snprintf(m, n, "Failed to write C:\\temp\\export-%ld.csv",
		    (long)rng_below(&g->r, 1000));
		break;
	}
}

static void
warn_message(struct gen *g, char *m, size_t n)
{
	switch (rng_below(&g->r, 3)) {
	case 0:
		snprintf(m, n, "Slow query: %ldms on table \"orders\"",
		    rng_int(&g->r, 500, 4999));
		break;
	case 1:
		snprintf(m, n, "Retrying request (attempt %ld/3)",
		    rng_int(&g->r, 1, 3));
		break;
	default:
		snprintf(m, n, "Cache miss ratio above 40%% for region "
		    "eu-west-%ld", rng_int(&g->r, 1, 3));
		break;
	}
}

static void
info_message(struct gen *g, const char *method, long long latency, char *m,
    size_t n)
{
	switch (rng_below(&g->r, 3)) {
	case 0:
		snprintf(m, n, "%s %s completed in %lldms", method, g->f.path,
		    latency / 1000);
		break;
	case 1:
		snprintf(m, n, "User logged in from %s",
		    corpus_choose(&g->r, &corpus_login_cities));
		break;
	default:
		snprintf(m, n, "Processed batch of %ld records",
		    rng_int(&g->r, 1, 4999));
		break;
	}
}

static void
make_message(struct gen *g, const char *level, const char *service,
    const char *method)
{
	char *m = g->f.message, key[13];
	size_t n = sizeof(g->f.message);

	if (strcmp(level, "ERROR") == 0)
		error_message(g, service, m, n);
	else if (strcmp(level, "WARN") == 0)
		warn_message(g, m, n);
	else if (strcmp(level, "DEBUG") == 0) {
		hex_chars(g, key, 12, false);
		key[12] = '\0';
		snprintf(m, n, "cache hit key=%s:%s ttl=%lds", service, key,
		    rng_int(&g->r, 60, 3599));
	} else
		info_message(g, method, g->f.latency, m, n);
}

static void
put_http(struct gen *g, struct jbuf *b, const char *method, long status)
{
	JB_LIT(b, ",\"http\":{\"method\":");
	jb_qstr(b, method);
	JB_LIT(b, ",\"path\":");
	jb_qstr(b, g->f.path);
	JB_LIT(b, ",\"status\":");
	jb_int(b, status);
	JB_LIT(b, ",\"latency_ms\":");
	jb_fixed(b, g->f.latency, 3);
	JB_LIT(b, ",\"bytes\":");
	g->f.bytes = (long)rng_below(&g->r, 1 << 20);
	jb_int(b, g->f.bytes);
	JB_LIT(b, ",\"client_ip\":");
	put_ip(g, b);
	if (rng_double(&g->r) < CORPUS_USER_AGENT_P) {
		JB_LIT(b, ",\"user_agent\":");
		jb_qstr(b, corpus_choose(&g->r, &corpus_user_agents));
	}
	jb_putc(b, '}');
}

/* 0 to 3 distinct tags, as random.sample(LOG_TAGS, k). */
static void
put_tags(struct gen *g, struct jbuf *b)
{
	static const int counts[] = { 0, 1, 1, 2, 3 };
	const struct corpus_list *l = &corpus_log_tags;
	int idx[16], k = counts[rng_below(&g->r, 5)], n = (int)l->n;

	for (int i = 0; i < n; i++)
		idx[i] = i;
	JB_LIT(b, ",\"tags\":[");
	for (int i = 0; i < k; i++) {
		int j = i + (int)rng_below(&g->r, (uint32_t)(n - i));
		int t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
		if (i > 0)
			jb_putc(b, ',');
		jb_qstr(b, l->v[idx[i]]);
	}
	jb_putc(b, ']');
}

static void
put_log_source(struct gen *g, struct jbuf *b, const char *service)
{
	JB_LIT(b, ",\"host\":\"ip-10-0-");
	jb_uint(b, rng_below(&g->r, 256));
	jb_putc(b, '-');
	jb_int(b, rng_int(&g->r, 1, 254));
	JB_LIT(b, ".ec2.internal\",\"pid\":");
	jb_int(b, rng_int(&g->r, 100, 65535));
	JB_LIT(b, ",\"logger\":\"com.mystore.");
	jb_cstr(b, service);
	jb_putc(b, '.');
	jb_cstr(b, corpus_choose(&g->r, &corpus_logger_classes));
	jb_putc(b, '"');
}

static void
gen_logs(struct gen *g, struct jbuf *b)
{
	const char *level = corpus_pick_s(&g->r, &corpus_log_levels);
	const char *service = corpus_pick_s(&g->r, &corpus_services);
	const char *method = corpus_pick_s(&g->r, &corpus_http_methods);
	long status = corpus_pick_n(&g->r, &corpus_http_status);
	double ms = rng_lognormal(&g->r, 3.5, 1.0);

	g->f.type = 0;
	g->f.latency = det_round((ms < 1e9 ? ms : 1e9) * 1000);
	make_path(g);
	make_message(g, level, service, method);
	envelope(g, b, "Application Log", CORPUS_LOGS);
	open_detail(g, b);
	JB_LIT(b, "\"level\":");
	jb_qstr(b, level);
	JB_LIT(b, ",\"service\":");
	jb_qstr(b, service);
	put_log_source(g, b, service);
	JB_LIT(b, ",\"message\":");
	jb_qstr(b, g->f.message);
	put_http(g, b, method, status);
	JB_LIT(b, ",\"trace_id\":");
	put_hex(g, b, 32, false);
	put_tags(g, b);
	close_detail(g, b);
}

/* aws.s3 */

/* folder/YYYY/MM/DD/hex.ext, dated with the event. */
static void
put_s3_key(struct gen *g, struct jbuf *b)
{
	char *p;

	jb_putc(b, '"');
	jb_cstr(b, corpus_pick_s(&g->r, &corpus_s3_folders));
	jb_putc(b, '/');
	p = jb_room(b, 11);
	memcpy(p, g->date, 10);
	p[4] = p[7] = p[10] = '/';
	b->len += 11;
	p = jb_room(b, 12);
	hex_chars(g, p, 12, false);
	b->len += 12;
	jb_cstr(b, corpus_pick_s(&g->r, &corpus_s3_exts));
	jb_putc(b, '"');
}

static void
put_s3_object(struct gen *g, struct jbuf *b, bool created)
{
	JB_LIT(b, ",\"object\":{\"key\":");
	put_s3_key(g, b);
	g->f.s3_size = -1;
	if (created) {
		double size = rng_lognormal(&g->r, 10.0, 2.0);

		g->f.s3_size = (long long)(size < 1e15 ? size : 1e15);
		JB_LIT(b, ",\"size\":");
		jb_int(b, g->f.s3_size);
		JB_LIT(b, ",\"etag\":");
		put_hex(g, b, 32, false);
	}
	JB_LIT(b, ",\"version-id\":");
	put_hex(g, b, 32, false);
	JB_LIT(b, ",\"sequencer\":");
	put_hex(g, b, 18, true);
	jb_putc(b, '}');
}

static void
gen_s3(struct gen *g, struct jbuf *b)
{
	const char *bucket;
	bool created;

	g->f.type = corpus_pick(&g->r, &corpus_s3_types);
	created = strcmp(corpus_s3_types.v[g->f.type].s, "Object Created") == 0;
	bucket = corpus_pick_s(&g->r, &corpus_buckets);
	envelope(g, b, corpus_s3_types.v[g->f.type].s, CORPUS_S3);
	if (!g->payload) {
		JB_LIT(b, "\"arn:aws:s3:::");
		jb_cstr(b, bucket);
		jb_putc(b, '"');
	}
	open_detail(g, b);
	JB_LIT(b, "\"version\":\"0\",\"bucket\":{\"name\":");
	jb_qstr(b, bucket);
	jb_putc(b, '}');
	put_s3_object(g, b, created);
	JB_LIT(b, ",\"request-id\":");
	put_hex(g, b, 16, true);
	JB_LIT(b, ",\"requester\":\"" CORPUS_ACCOUNT
	    "\",\"source-ip-address\":\"");
	put_ipv4(g, b);
	JB_LIT(b, "\",\"reason\":");
	if (created)
		jb_qstr(b, corpus_pick_s(&g->r, &corpus_s3_create_reasons));
	else {
		JB_LIT(b, "\"DeleteObject\",\"deletion-type\":");
		jb_qstr(b, corpus_pick_s(&g->r, &corpus_s3_deletion_types));
	}
	close_detail(g, b);
}

/* aws.ec2 */

struct tag {
	const char	*key;
	char		 value[48];
};

/* env, team and cost-center, half the time Name, in random order. */
static int
draw_tags(struct gen *g, struct tag *t, int *order)
{
	int n = 3;

	t[0].key = "env";
	snprintf(t[0].value, sizeof(t[0].value), "%s",
	    corpus_pick_s(&g->r, &corpus_envs));
	t[1].key = "team";
	snprintf(t[1].value, sizeof(t[1].value), "%s",
	    corpus_choose(&g->r, &corpus_teams));
	t[2].key = "cost-center";
	snprintf(t[2].value, sizeof(t[2].value), "cc-%04lu",
	    (unsigned long)rng_below(&g->r, 100));
	if (rng_double(&g->r) < CORPUS_EC2_NAME_P) {
		const char *team = corpus_choose(&g->r, &corpus_teams);
		const char *role = corpus_choose(&g->r, &corpus_ec2_roles);

		t[3].key = "Name";
		snprintf(t[3].value, sizeof(t[3].value), "%s-%s-%02lu", team,
		    role, (unsigned long)rng_below(&g->r, 100));
		n = 4;
	}
	for (int i = 0; i < n; i++)
		order[i] = i;
	rng_shuffle(&g->r, order, n);
	return n;
}

static void
put_ec2_tags(struct gen *g, struct jbuf *b)
{
	struct tag t[4];
	int order[4], n = draw_tags(g, t, order);

	JB_LIT(b, ",\"tags\":[");
	for (int i = 0; i < n; i++) {
		if (i > 0)
			jb_putc(b, ',');
		JB_LIT(b, "{\"key\":");
		jb_qstr(b, t[order[i]].key);
		JB_LIT(b, ",\"value\":");
		jb_qstr(b, t[order[i]].value);
		jb_putc(b, '}');
	}
	jb_putc(b, ']');
}

static void
gen_ec2(struct gen *g, struct jbuf *b)
{
	char iid[19] = "i-";

	g->f.type = 0;
	hex_chars(g, iid + 2, 17, false);
	envelope(g, b, "EC2 Instance State-change Notification", CORPUS_EC2);
	if (!g->payload) {
		JB_LIT(b, "\"arn:aws:ec2:" CORPUS_REGION ":" CORPUS_ACCOUNT
		    ":instance/");
		jb_put(b, iid, sizeof(iid));
		jb_putc(b, '"');
	}
	open_detail(g, b);
	JB_LIT(b, "\"instance-id\":\"");
	jb_put(b, iid, sizeof(iid));
	JB_LIT(b, "\",\"state\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_ec2_states));
	JB_LIT(b, ",\"instance-type\":");
	jb_qstr(b, corpus_pick_s(&g->r, &corpus_ec2_types));
	JB_LIT(b, ",\"availability-zone\":");
	jb_qstr(b, corpus_choose(&g->r, &corpus_ec2_azs));
	JB_LIT(b, ",\"private-ip\":\"10.");
	jb_uint(b, rng_below(&g->r, 4));
	jb_putc(b, '.');
	jb_uint(b, rng_below(&g->r, 256));
	jb_putc(b, '.');
	jb_int(b, rng_int(&g->r, 1, 254));
	JB_LIT(b, "\",\"vpc-id\":");
	jb_qstr(b, corpus_choose(&g->r, &corpus_ec2_vpcs));
	JB_LIT(b, ",\"launch-index\":");
	jb_uint(b, rng_below(&g->r, 8));
	put_ec2_tags(g, b);
	close_detail(g, b);
}

/* com.mystore.inventory */

static void
put_batch(struct gen *g, struct jbuf *b)
{
	long n = rng_int(&g->r, 1, 3);

	JB_LIT(b, ",\"batch\":[");
	for (long i = 0; i < n; i++) {
		if (i > 0)
			jb_putc(b, ',');
		JB_LIT(b, "{\"lot\":\"L");
		jb_upad(b, rng_below(&g->r, 1000000), 6);
		JB_LIT(b, "\",\"qty\":");
		jb_int(b, rng_int(&g->r, 1, 500));
		JB_LIT(b, ",\"expires\":\"2025-");
		jb_upad(b, (unsigned long long)rng_int(&g->r, 1, 12), 2);
		jb_putc(b, '-');
		jb_upad(b, (unsigned long long)rng_int(&g->r, 1, 28), 2);
		JB_LIT(b, "\"}");
	}
	jb_putc(b, ']');
}

static void
gen_inventory(struct gen *g, struct jbuf *b)
{
	const char *type;

	g->f.type = corpus_pick(&g->r, &corpus_inventory_types);
	type = corpus_inventory_types.v[g->f.type].s;
	envelope(g, b, type, CORPUS_INVENTORY);
	open_detail(g, b);
	JB_LIT(b, "\"sku\":\"SKU-");
	jb_upad(b, rng_below(&g->r, CORPUS_SKU_RANGE), 5);
	JB_LIT(b, "\",\"warehouse\":\"WH-");
	jb_upad(b, (unsigned long long)rng_int(&g->r, 1, 20), 2);
	JB_LIT(b, "\",\"delta\":");
	g->f.inv_delta = rng_int(&g->r, 1, 50);
	if (rng_double(&g->r) >= CORPUS_RESTOCK_P)
		g->f.inv_delta = -g->f.inv_delta;
	jb_int(b, g->f.inv_delta);
	JB_LIT(b, ",\"level\":");
	g->f.inv_level = (long)rng_below(&g->r, 5000);
	jb_int(b, g->f.inv_level);
	JB_LIT(b, ",\"reorder\":");
	jb_bool(b, strcmp(type, "ReorderRequested") == 0);
	JB_LIT(b, ",\"unit_cost\":");
	g->f.inv_cost = (long)det_round(rng_uniform(&g->r, 0.5, 250.0) * 10000);
	jb_fixed(b, g->f.inv_cost, 4);
	JB_LIT(b, ",\"supplier\":{\"id\":\"sup-");
	jb_upad(b, rng_below(&g->r, 200), 3);
	JB_LIT(b, "\",\"name\":");
	jb_qstr(b, corpus_choose(&g->r, &corpus_suppliers));
	jb_putc(b, '}');
	put_batch(g, b);
	close_detail(g, b);
}
