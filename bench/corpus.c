/*
 * Vocabularies and weight tables of the benchmark corpus.  Weights are in
 * thousandths, so that drawing from a table is integer arithmetic and the
 * same on every machine.  Most tables sum to 1000; evgen --kinds builds one
 * that does not, which is why every table carries its own total.
 */
#include "corpus.h"

#include <string.h>

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define TABLE(v, num)	{ (v), NITEMS(v), 0, (num) }
#define LIST(v)		{ (v), NITEMS(v) }

const char *const corpus_source[CORPUS_NKINDS] = {
	"com.mystore.checkout", "com.mystore.logs", "aws.s3", "aws.ec2",
	"com.mystore.inventory"
};

static const struct corpus_choice kinds[] = {
	{ "checkout", CORPUS_CHECKOUT, 350 }, { "logs", CORPUS_LOGS, 250 },
	{ "s3", CORPUS_S3, 200 }, { "ec2", CORPUS_EC2, 150 },
	{ "inventory", CORPUS_INVENTORY, 50 }
};
struct corpus_table corpus_kinds = TABLE(kinds, false);

/* Checkout. */
static const struct corpus_choice checkout_types[] = {
	{ "OrderPlaced", 0, 600 }, { "OrderShipped", 0, 200 },
	{ "OrderCancelled", 0, 100 }, { "PaymentFailed", 0, 100 }
};
struct corpus_table corpus_checkout_types = TABLE(checkout_types, false);

static const struct corpus_choice currencies[] = {
	{ "USD", 0, 600 }, { "EUR", 0, 200 }, { "GBP", 0, 100 },
	{ "JPY", 0, 50 }, { "CAD", 0, 50 }
};
struct corpus_table corpus_currencies = TABLE(currencies, false);

static const struct corpus_choice categories[] = {
	{ "books", 0, 140 }, { "electronics", 0, 130 }, { "apparel", 0, 120 },
	{ "kitchen", 0, 100 }, { "toys", 0, 90 }, { "garden", 0, 80 },
	{ "sports", 0, 80 }, { "beauty", 0, 70 }, { "grocery", 0, 70 },
	{ "automotive", 0, 50 }, { "music", 0, 40 }, { "office", 0, 30 }
};
struct corpus_table corpus_categories = TABLE(categories, false);

static const struct corpus_choice item_counts[] = {
	{ "1", 1, 400 }, { "2", 2, 300 }, { "3", 3, 200 }, { "4", 4, 100 }
};
struct corpus_table corpus_item_counts = TABLE(item_counts, true);

static const struct corpus_choice qtys[] = {
	{ "1", 1, 500 }, { "2", 2, 250 }, { "3", 3, 120 }, { "4", 4, 80 },
	{ "5", 5, 50 }
};
struct corpus_table corpus_qtys = TABLE(qtys, true);

static const struct corpus_choice coupon_state[] = {
	{ "present", COUPON_PRESENT, 250 }, { "null", COUPON_NULL, 350 },
	{ "absent", COUPON_ABSENT, 400 }
};
struct corpus_table corpus_coupon_state = TABLE(coupon_state, false);

static const struct corpus_choice tiers[] = {
	{ "bronze", 0, 600 }, { "silver", 0, 300 }, { "gold", 0, 100 }
};
struct corpus_table corpus_tiers = TABLE(tiers, false);

static const struct corpus_choice email_domains[] = {
	{ "example.com", 0, 400 }, { "mail.example.org", 0, 200 },
	{ "corp.example.net", 0, 150 }, { "shop.example.co.uk", 0, 100 },
	{ "EXAMPLE.IO", 0, 50 }, { "example.de", 0, 50 },
	{ "example.jp", 0, 50 }
};
struct corpus_table corpus_email_domains = TABLE(email_domains, false);

static const struct corpus_choice countries[] = {
	{ "US", 0, 400 }, { "GB", 0, 100 }, { "DE", 0, 100 }, { "FR", 0, 70 },
	{ "JP", 0, 60 }, { "CA", 0, 60 }, { "BR", 0, 50 }, { "IN", 0, 50 },
	{ "AU", 0, 40 }, { "ES", 0, 30 }, { "IT", 0, 20 }, { "NL", 0, 10 },
	{ "SE", 0, 10 }
};
struct corpus_table corpus_countries = TABLE(countries, false);

static const struct corpus_choice channels[] = {
	{ "web", 0, 500 }, { "mobile", 0, 350 }, { "pos", 0, 150 }
};
struct corpus_table corpus_channels = TABLE(channels, false);

static const struct corpus_choice ship_methods[] = {
	{ "ground", 0, 550 }, { "express", 0, 250 }, { "overnight", 0, 100 },
	{ "pickup", 0, 100 }
};
struct corpus_table corpus_ship_methods = TABLE(ship_methods, false);

static const struct corpus_choice cities[] = {
	{ "New York", 0, 120 }, { "London", 0, 100 }, { "Berlin", 0, 80 },
	{ "Paris", 0, 70 }, { "Seattle", 0, 70 }, { "Austin", 0, 60 },
	{ "Toronto", 0, 60 }, { "München", 0, 60 }, { "São Paulo", 0, 60 },
	{ "東京", 0, 60 }, { "Zürich", 0, 50 }, { "Kraków", 0, 50 },
	{ "Montréal", 0, 50 }, { "Sydney", 0, 40 }, { "Mumbai", 0, 30 },
	{ "Reykjavík", 0, 40 }
};
struct corpus_table corpus_cities = TABLE(cities, false);

/* IPv4 pools are /16 networks, IPv6 pools /48 networks. */
static const struct corpus_choice ipv4_pools[] = {
	{ "203.0", 0, 200 }, { "198.51", 0, 150 }, { "192.0", 0, 100 },
	{ "100.64", 0, 100 }, { "81.2", 0, 100 }, { "62.30", 0, 100 },
	{ "151.101", 0, 80 }, { "172.217", 0, 70 }, { "45.33", 0, 50 },
	{ "5.9", 0, 50 }
};
struct corpus_table corpus_ipv4_pools = TABLE(ipv4_pools, false);

static const struct corpus_choice ipv6_pools[] = {
	{ "2001:db8:1", 0, 500 }, { "2001:db8:2", 0, 300 },
	{ "2a00:1450:4001", 0, 200 }
};
struct corpus_table corpus_ipv6_pools = TABLE(ipv6_pools, false);

/* Application logs. */
static const struct corpus_choice log_levels[] = {
	{ "DEBUG", 0, 170 }, { "INFO", 0, 600 }, { "WARN", 0, 150 },
	{ "ERROR", 0, 80 }
};
struct corpus_table corpus_log_levels = TABLE(log_levels, false);

static const struct corpus_choice services[] = {
	{ "cart", 0, 150 }, { "catalog", 0, 150 }, { "checkout", 0, 150 },
	{ "search", 0, 150 }, { "payments", 0, 100 }, { "auth", 0, 100 },
	{ "shipping", 0, 80 }, { "recommendations", 0, 70 },
	{ "inventory", 0, 50 }
};
struct corpus_table corpus_services = TABLE(services, false);

static const struct corpus_choice http_methods[] = {
	{ "GET", 0, 600 }, { "POST", 0, 250 }, { "PUT", 0, 80 },
	{ "DELETE", 0, 50 }, { "PATCH", 0, 20 }
};
struct corpus_table corpus_http_methods = TABLE(http_methods, false);

/* Path templates: {n} a number, {h} hex digits, {q} a search term. */
static const struct corpus_choice http_paths[] = {
	{ "/api/v2/orders/{n}", 0, 200 },
	{ "/api/v2/orders/{n}/items", 0, 100 },
	{ "/api/v2/cart", 0, 150 }, { "/api/v2/search?q={q}", 0, 150 },
	{ "/api/v1/products/SKU-{n}", 0, 150 }, { "/health", 0, 50 },
	{ "/api/v2/payments/{n}/capture", 0, 50 },
	{ "/static/js/app.{h}.js", 0, 100 },
	{ "/api/v2/users/{n}/profile", 0, 50 }
};
struct corpus_table corpus_http_paths = TABLE(http_paths, false);

static const struct corpus_choice http_status[] = {
	{ "200", 200, 740 }, { "201", 201, 50 }, { "204", 204, 30 },
	{ "301", 301, 20 }, { "304", 304, 30 }, { "400", 400, 30 },
	{ "401", 401, 20 }, { "403", 403, 10 }, { "404", 404, 30 },
	{ "429", 429, 10 }, { "500", 500, 15 }, { "502", 502, 5 },
	{ "503", 503, 10 }
};
struct corpus_table corpus_http_status = TABLE(http_status, true);

/* aws.s3 */
static const struct corpus_choice s3_types[] = {
	{ "Object Created", 0, 750 }, { "Object Deleted", 0, 250 }
};
struct corpus_table corpus_s3_types = TABLE(s3_types, false);

static const struct corpus_choice buckets[] = {
	{ "mystore-uploads", 0, 300 }, { "mystore-images", 0, 200 },
	{ "mystore-logs", 0, 150 }, { "mystore-backups", 0, 100 },
	{ "mystore-exports", 0, 100 }, { "mystore-media", 0, 80 },
	{ "mystore-tmp", 0, 50 }, { "mystore-reports", 0, 20 }
};
struct corpus_table corpus_buckets = TABLE(buckets, false);

static const struct corpus_choice s3_folders[] = {
	{ "uploads", 0, 300 }, { "images", 0, 200 }, { "logs", 0, 150 },
	{ "backups", 0, 100 }, { "exports", 0, 100 }, { "media", 0, 80 },
	{ "tmp", 0, 50 }, { "reports", 0, 20 }
};
struct corpus_table corpus_s3_folders = TABLE(s3_folders, false);

static const struct corpus_choice s3_exts[] = {
	{ ".jpg", 0, 300 }, { ".png", 0, 150 }, { ".json", 0, 150 },
	{ ".csv", 0, 100 }, { ".gz", 0, 100 }, { ".pdf", 0, 80 },
	{ ".mp4", 0, 50 }, { ".parquet", 0, 50 }, { ".txt", 0, 20 }
};
struct corpus_table corpus_s3_exts = TABLE(s3_exts, false);

static const struct corpus_choice s3_create_reasons[] = {
	{ "PutObject", 0, 700 }, { "CompleteMultipartUpload", 0, 150 },
	{ "CopyObject", 0, 100 }, { "PostObject", 0, 50 }
};
struct corpus_table corpus_s3_create_reasons = TABLE(s3_create_reasons,
    false);

static const struct corpus_choice s3_deletion_types[] = {
	{ "Permanently Deleted", 0, 600 }, { "Delete Marker Created", 0, 400 }
};
struct corpus_table corpus_s3_deletion_types = TABLE(s3_deletion_types,
    false);

/* aws.ec2 */
static const struct corpus_choice ec2_states[] = {
	{ "pending", 0, 150 }, { "running", 0, 300 }, { "stopping", 0, 100 },
	{ "stopped", 0, 200 }, { "shutting-down", 0, 100 },
	{ "terminated", 0, 150 }
};
struct corpus_table corpus_ec2_states = TABLE(ec2_states, false);

static const struct corpus_choice ec2_types[] = {
	{ "t3.micro", 0, 200 }, { "t3.small", 0, 150 }, { "t3.medium", 0, 150 },
	{ "m5.large", 0, 150 }, { "m5.xlarge", 0, 100 },
	{ "c5.2xlarge", 0, 100 }, { "r5.large", 0, 80 },
	{ "g4dn.xlarge", 0, 40 }, { "p3.2xlarge", 0, 30 }
};
struct corpus_table corpus_ec2_types = TABLE(ec2_types, false);

static const struct corpus_choice envs[] = {
	{ "prod", 0, 500 }, { "staging", 0, 300 }, { "dev", 0, 200 }
};
struct corpus_table corpus_envs = TABLE(envs, false);

/* Inventory. */
static const struct corpus_choice inventory_types[] = {
	{ "StockLevelChanged", 0, 800 }, { "ReorderRequested", 0, 200 }
};
struct corpus_table corpus_inventory_types = TABLE(inventory_types, false);

/* Uniform lists. */
static const char *const adjectives[] = {
	"Classic", "Deluxe", "Eco", "Compact", "Smart", "Vintage", "Ultra",
	"Mini", "Pro", "Organic"
};
static const char *const nouns[] = {
	"Mug", "Lamp", "Backpack", "Headphones", "Novel", "Sneakers",
	"Blender", "Puzzle", "Jacket", "Charger", "Notebook", "Kettle",
	"Drone", "Yoga Mat", "Guitar Strings"
};
static const char *const coupons[] = {
	"SPRING10", "WELCOME5", "VIP20", "FREESHIP", "BLACKFRIDAY"
};
static const char *const first[] = {
	"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
	"ivan", "judy", "mallory", "oscar", "peggy", "sybil", "trent",
	"victor", "walter", "zoë"
};
static const char *const last[] = {
	"smith", "jones", "garcia", "müller", "tanaka", "dubois", "rossi",
	"silva", "kowalski", "nguyen"
};
static const char *const logger_classes[] = {
	"Controller", "Repository", "Client", "Scheduler", "Cache", "Handler"
};
static const char *const search_terms[] = {
	"mug", "red shoes", "usb-c", "café", "lego", "running", "tea",
	"headphones"
};
static const char *const user_agents[] = {
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
	    "(KHTML, like Gecko) Chrome/122.0 Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) "
	    "AppleWebKit/605.1.15 Mobile/15E148",
	"MyStoreApp/4.12.0 (Android 14; Pixel 8)",
	"curl/8.5.0",
	"python-requests/2.31.0"
};
static const char *const log_tags[] = {
	"canary", "beta", "eu", "us", "batch", "retry", "internal"
};
static const char *const ec2_azs[] = {
	"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e",
	"us-east-1f"
};
static const char *const ec2_vpcs[] = {
	"vpc-0a1b2c3d", "vpc-1f2e3d4c", "vpc-77aa88bb", "vpc-c0ffee00",
	"vpc-deadbeef"
};
static const char *const teams[] = {
	"checkout", "search", "platform", "data", "ml", "payments", "web",
	"mobile"
};
static const char *const suppliers[] = {
	"Acme Corp", "Globex", "Initech", "Umbrella", "Soylent",
	"Stark Industries"
};
/* Quotes, a newline, a backslash and an emoji: all need care in JSON. */
static const char *const gift_messages[] = {
	"Happy birthday, \"Sam\"!", "Joyeux anniversaire 🎉",
	"Congrats\nfrom all of us", "For you \\o/"
};
static const char *const pay_providers[] = { "card", "paypal", "giftcard" };
static const char *const pay_codes[] = {
	"insufficient_funds", "card_declined", "expired_card", "timeout"
};
static const char *const login_cities[] = {
	"Zürich", "São Paulo", "東京", "Berlin", "Austin"
};
static const char *const ec2_roles[] = { "api", "worker", "db" };

const struct corpus_list corpus_adjectives = LIST(adjectives);
const struct corpus_list corpus_nouns = LIST(nouns);
const struct corpus_list corpus_coupons = LIST(coupons);
const struct corpus_list corpus_first = LIST(first);
const struct corpus_list corpus_last = LIST(last);
const struct corpus_list corpus_logger_classes = LIST(logger_classes);
const struct corpus_list corpus_search_terms = LIST(search_terms);
const struct corpus_list corpus_user_agents = LIST(user_agents);
const struct corpus_list corpus_log_tags = LIST(log_tags);
const struct corpus_list corpus_ec2_azs = LIST(ec2_azs);
const struct corpus_list corpus_ec2_vpcs = LIST(ec2_vpcs);
const struct corpus_list corpus_teams = LIST(teams);
const struct corpus_list corpus_suppliers = LIST(suppliers);
const struct corpus_list corpus_gift_messages = LIST(gift_messages);
const struct corpus_list corpus_pay_providers = LIST(pay_providers);
const struct corpus_list corpus_pay_codes = LIST(pay_codes);
const struct corpus_list corpus_login_cities = LIST(login_cities);
const struct corpus_list corpus_ec2_roles = LIST(ec2_roles);

unsigned
corpus_total(struct corpus_table *t)
{
	if (t->total == 0)
		for (size_t i = 0; i < t->n; i++)
			t->total += t->v[i].w;
	return t->total;
}

size_t
corpus_pick(struct rng *r, struct corpus_table *t)
{
	unsigned x = rng_below(r, corpus_total(t));
	size_t i;

	for (i = 0; i + 1 < t->n && x >= t->v[i].w; i++)
		x -= t->v[i].w;
	return i;
}

const char *
corpus_pick_s(struct rng *r, struct corpus_table *t)
{
	return t->v[corpus_pick(r, t)].s;
}

long
corpus_pick_n(struct rng *r, struct corpus_table *t)
{
	return t->v[corpus_pick(r, t)].n;
}

const char *
corpus_choose(struct rng *r, const struct corpus_list *l)
{
	return l->v[rng_below(r, (uint32_t)l->n)];
}

double
corpus_share(struct corpus_table *t, size_t i)
{
	return (double)t->v[i].w / corpus_total(t);
}

int
corpus_find(const struct corpus_table *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].s, s) == 0)
			return (int)i;
	return -1;
}
