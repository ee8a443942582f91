/*
 * ip: addresses in the forms EventBridge reads, and CIDR blocks with its
 * messages.
 */
#include <string.h>

#include <check.h>

#include "ip.h"
#include "unit.h"

Suite	*ip_suite(void);

static struct evb_ip
addr(const char *s)
{
	struct evb_ip ip;

	ck_assert_msg(evb_ip_parse(s, strlen(s), &ip), "%s is an address", s);
	return ip;
}

static bool
same(const struct evb_ip *a, const struct evb_ip *b)
{
	return a->len == b->len && memcmp(a->b, b->b, a->len) == 0;
}

static const struct {
	const char	*text;
	unsigned char	 b[4];
} ipv4[] = {
	{ "0.0.0.0", { 0, 0, 0, 0 } },
	{ "10.0.0.1", { 10, 0, 0, 1 } },
	{ "192.168.1.10", { 192, 168, 1, 10 } },
	{ "255.255.255.255", { 255, 255, 255, 255 } },
	{ "1.20.100.200", { 1, 20, 100, 200 } },
};

START_TEST(test_ipv4)
{
	struct evb_ip ip = addr(ipv4[_i].text);

	ck_assert_uint_eq(ip.len, 4);
	ck_assert_mem_eq(ip.b, ipv4[_i].b, 4);
}
END_TEST

/* Not addresses: wrong shapes, leading zeros, IPv4 inside IPv6 text. */
static const char *const bad[] = {
	"",
	"1.2.3",
	"1.2.3.4.5",
	"1.2.3.",
	".1.2.3",
	"1..2.3",
	"256.0.0.1",
	"1.2.3.1000",
	"01.2.3.4",		/* leading zeros are refused */
	"1.02.3.4",
	"1.2.3.00",
	"10.000.0.1",
	"1.2.3.4 ",
	" 1.2.3.4",
	"1.2.3.-4",
	"+1.2.3.4",
	"a.b.c.d",
	"1.2.3.4/24",
	"localhost",
	"2001:db8::1::2",
	":::",
	"12345::",
	"2001:db8::g",
	"2001:db8:0:0:0:0:0:0:1",
	"::ffff:1.2.3.4",	/* only hex and colons */
	"[::1]",
	"fe80::1%eth0",
	"abcd",
};

START_TEST(test_bad)
{
	struct evb_ip ip;

	ck_assert_msg(!evb_ip_parse(bad[_i], strlen(bad[_i]), &ip),
	    "%s is not an address", bad[_i]);
}
END_TEST

/* Spellings of one address. */
static const char *const spellings[][5] = {
	{ "2001:db8::1", "2001:0DB8:0:0:0:0:0:1", "2001:db8:0::0:1",
	    "2001:0db8:0000:0000:0000:0000:0000:0001", NULL },
	{ "::", "0:0:0:0:0:0:0:0", "::0", NULL },
	{ "::1", "0:0:0:0:0:0:0:1", "0000::0001", NULL },
	{ "10.0.0.1", "::ffff:a00:1", "::FFFF:0A00:0001",
	    "0:0:0:0:0:ffff:a00:1", NULL },	/* IPv4-mapped is IPv4 */
	{ "fe80::1:2", "FE80:0:0:0:0:0:1:2", NULL },
};

START_TEST(test_spellings)
{
	struct evb_ip first = addr(spellings[_i][0]);

	for (size_t k = 1; spellings[_i][k] != NULL; k++) {
		struct evb_ip ip = addr(spellings[_i][k]);

		ck_assert_msg(same(&first, &ip), "%s = %s", spellings[_i][0],
		    spellings[_i][k]);
	}
	for (size_t g = 0; g < nitems(spellings); g++) {
		struct evb_ip ip = addr(spellings[g][0]);

		if (g != (size_t)_i)
			ck_assert(!same(&first, &ip));
	}
}
END_TEST

START_TEST(test_mapped)
{
	struct evb_ip v4 = addr("10.0.0.1"), m = addr("::ffff:a00:1");
	struct evb_ip compat = addr("::a00:1");

	ck_assert_uint_eq(m.len, 4);
	ck_assert(same(&v4, &m));
	/* IPv4-compatible (not mapped) addresses stay IPv6. */
	ck_assert_uint_eq(compat.len, 16);
	ck_assert(!same(&v4, &compat));
}
END_TEST

START_TEST(test_single)
{
	struct evb_ip a = addr("2001:db8::1"), b = addr("2001:0DB8::0:1");
	struct evb_ip c = addr("2001:db8::2"), d = addr("0.0.0.1");
	struct evb_iprange r;

	evb_iprange_single(&r, &a);
	ck_assert(evb_iprange_has(&r, &a));
	ck_assert(evb_iprange_has(&r, &b));
	ck_assert(!evb_iprange_has(&r, &c));
	ck_assert(!evb_iprange_has(&r, &d));
}
END_TEST

/* CIDR blocks that compile, with addresses in and out. */
static const struct {
	const char	*cidr;
	const char	*in[4];
	const char	*out[4];
} blocks[] = {
	{ "10.0.0.0/24", { "10.0.0.0", "10.0.0.1", "10.0.0.255", NULL },
	    { "10.0.1.0", "9.255.255.255", "::a00:1", NULL } },
	/* The base is not masked: .0 to .4 are outside. */
	{ "10.0.0.5/24", { "10.0.0.5", "10.0.0.6", "10.0.0.255", NULL },
	    { "10.0.0.0", "10.0.0.4", "10.0.1.0", NULL } },
	{ "10.0.0.0/31", { "10.0.0.0", "10.0.0.1", NULL },
	    { "10.0.0.2", NULL } },
	{ "10.0.0.0/8", { "10.255.255.255", "::ffff:a01:203", NULL },
	    { "11.0.0.0", NULL } },
	{ "0.0.0.0/0", { "0.0.0.0", "255.255.255.255", "1.2.3.4", NULL },
	    { "::", "::1", NULL } },
	{ "10.1.2.3/0", { "10.1.2.3", "255.255.255.255", NULL },
	    { "10.1.2.2", "0.0.0.0", NULL } },
	{ "2001:db8:1234:1a00::/64",
	    { "2001:0db8:1234:1a00:0000:0000:0000:0000",
	    "2001:db8:1234:1a00:ffff:ffff:ffff:ffff", "2001:db8:1234:1a00::1",
	    NULL },
	    { "2001:0db8:123f:1a01::", "2001:db8:1234:1a01::", NULL } },
	{ "::/0", { "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", NULL },
	    { "1.2.3.4", "::ffff:102:304", NULL } },
	{ "::ffff:a00:0/24", { "10.0.0.7", NULL }, { "10.0.1.0", NULL } },
	{ "10.0.0.0/+8", { "10.9.9.9", NULL }, { "11.0.0.0", NULL } },
	{ "10.0.0.0/-0", { "10.9.9.9", "255.0.0.0", NULL },
	    { "9.0.0.0", NULL } },
};

START_TEST(test_cidr)
{
	struct evb_iprange r;
	char buf[128];
	const char *why, *s = blocks[_i].cidr;

	why = evb_cidr_parse(s, strlen(s), &r, buf, sizeof(buf));
	ck_assert_msg(why == NULL, "%s: %s", s, why);
	for (size_t k = 0; k < 4 && blocks[_i].in[k] != NULL; k++) {
		struct evb_ip ip = addr(blocks[_i].in[k]);

		ck_assert_msg(evb_iprange_has(&r, &ip), "%s has %s", s,
		    blocks[_i].in[k]);
	}
	for (size_t k = 0; k < 4 && blocks[_i].out[k] != NULL; k++) {
		struct evb_ip ip = addr(blocks[_i].out[k]);

		ck_assert_msg(!evb_iprange_has(&r, &ip), "%s lacks %s", s,
		    blocks[_i].out[k]);
	}
}
END_TEST

/* CIDR blocks EventBridge refuses, with its words. */
static const struct {
	const char	*cidr;
	const char	*why;
} refused[] = {
	{ "10.0.0.0", "Malformed CIDR, one '/' required" },
	{ "10.0.0.0/", "Malformed CIDR, one '/' required" },
	{ "10.0.0.0/8/8", "Malformed CIDR, one '/' required" },
	{ "", "Malformed CIDR, one '/' required" },
	{ "10.0.0.0/x", "Malformed CIDR, mask bits must be an integer" },
	{ "10.0.0.0/2.5", "Malformed CIDR, mask bits must be an integer" },
	{ "10.0.0.0/ 8", "Malformed CIDR, mask bits must be an integer" },
	{ "10.0.0.0/-", "Malformed CIDR, mask bits must be an integer" },
	{ "10.0.0.0/99999999999", "Malformed CIDR, mask bits must be an "
	    "integer" },
	{ "10.0.0.0/-1", "Malformed CIDR, mask bits must not be negative" },
	{ "xx.11.xx/24", "Nonstandard IP address: xx.11.xx" },
	{ "xxxx:db8:1234:1a00::/64",
	    "Nonstandard IP address: xxxx:db8:1234:1a00::" },
	{ "1.2.3.256/24", "Invalid IP address: 1.2.3.256" },
	{ "/0", "Nonstandard IP address: " },
	{ "10.0.0.0/32", "IPv4 mask bits must be < 32" },
	{ "10.0.0.0/33", "IPv4 mask bits must be < 32" },
	{ "::ffff:a00:0/120", "IPv4 mask bits must be < 32" },
	{ "::/128", "IPv6 mask bits must be < 128" },
	{ "2001:db8::/200", "IPv6 mask bits must be < 128" },
};

START_TEST(test_refused)
{
	struct evb_iprange r;
	char buf[128];
	const char *s = refused[_i].cidr;
	const char *why = evb_cidr_parse(s, strlen(s), &r, buf, sizeof(buf));

	ck_assert_msg(why != NULL, "%s is refused", s);
	ck_assert_str_eq(why, refused[_i].why);
}
END_TEST

/* The text of an address in a message is cut short, never overflowed. */
START_TEST(test_long_address)
{
	char text[300], buf[32];
	struct evb_iprange r;
	const char *why;

	memset(text, 'x', sizeof(text));
	memcpy(text + sizeof(text) - 3, "/24", 3);
	why = evb_cidr_parse(text, sizeof(text), &r, buf, sizeof(buf));
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_eq(strlen(why), sizeof(buf) - 1);
	ck_assert(strncmp(why, "Nonstandard IP address: xxx", 27) == 0);
}
END_TEST

Suite *
ip_suite(void)
{
	Suite *s = suite_create("ip");
	TCase *tc;

	tc = tcase_create("address");
	tcase_add_loop_test(tc, test_ipv4, 0, nitems(ipv4));
	tcase_add_loop_test(tc, test_bad, 0, nitems(bad));
	tcase_add_loop_test(tc, test_spellings, 0, nitems(spellings));
	tcase_add_test(tc, test_mapped);
	tcase_add_test(tc, test_single);
	suite_add_tcase(s, tc);
	tc = tcase_create("cidr");
	tcase_add_loop_test(tc, test_cidr, 0, nitems(blocks));
	tcase_add_loop_test(tc, test_refused, 0, nitems(refused));
	tcase_add_test(tc, test_long_address);
	suite_add_tcase(s, tc);
	return s;
}
