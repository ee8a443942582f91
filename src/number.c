/*
 * Number semantics.
 */
#include "number.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decimal as sign, significant digits (no leading or trailing zeros) and exponent. */
struct decimal {
	bool	 neg;
	char	 digits[800];
	size_t	 ndigits;
	long	 exp;		/* value = 0.digits * 10^exp */
	bool	 overflow;
};

/* Parse JSON number text; returns false if it is not one. */
static bool
decimal_parse(const char *s, size_t n, struct decimal *d)
{
	size_t i = 0;
	long point = 0, e = 0;
	bool seen_point = false, any = false;

	memset(d, 0, sizeof(*d));
	if (i < n && (s[i] == '-' || s[i] == '+'))
		d->neg = s[i++] == '-';
	for (; i < n; i++) {
		char c = s[i];

		if (c == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		if (c < '0' || c > '9')
			break;
		any = true;
		if (d->ndigits == 0 && c == '0') {
			if (seen_point)
				point--;
			continue;
		}
		if (d->ndigits < sizeof(d->digits))
			d->digits[d->ndigits++] = c;
		else if (c != '0')
			d->overflow = true;	/* zeros may yet be trailing */
		if (!seen_point)
			point++;
	}
	if (!any)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		bool eneg = false;

		if (++i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i == n)
			return false;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		if (eneg)
			e = -e;
	}
	if (i != n)
		return false;
	while (d->ndigits > 0 && d->digits[d->ndigits - 1] == '0')
		d->ndigits--;
	d->exp = point + e;
	if (d->ndigits == 0) {
		d->neg = false;
		d->exp = 0;
	}
	return true;
}

static bool
decimal_equal(const struct decimal *a, const struct decimal *b)
{
	return !a->overflow && !b->overflow && a->neg == b->neg &&
	    a->ndigits == b->ndigits && (a->ndigits == 0 || a->exp == b->exp) &&
	    memcmp(a->digits, b->digits, a->ndigits) == 0;
}

/* The shortest text that reads back as v. */
static void
shortest(double v, char *buf, size_t size)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

bool
evb_number_comparable(const char *s, size_t n, double *out)
{
	char stack[64], *text = stack, back[40];
	struct decimal in, rt;
	double v;
	bool ok;

	if (!decimal_parse(s, n, &in))
		return false;
	if (n >= sizeof(stack))
		text = malloc(n + 1);
	if (text == NULL)
		return false;
	memcpy(text, s, n);
	text[n] = '\0';
	v = strtod(text, NULL);
	if (text != stack)
		free(text);
	if (!isfinite(v))
		return false;
	if (v == 0) {
		*out = 0;
		return in.ndigits == 0;
	}
	/*
	 * Up to DBL_DIG significant digits in the normal range, distinct
	 * decimals are distinct doubles, so the shortest form is the input.
	 */
	if (!in.overflow && in.ndigits <= DBL_DIG &&
	    in.exp > DBL_MIN_10_EXP + 1 &&
	    in.exp < DBL_MAX_10_EXP) {
		*out = v;
		return true;
	}
	shortest(v, back, sizeof(back));
	ok = decimal_parse(back, strlen(back), &rt) && decimal_equal(&in, &rt);
	if (ok)
		*out = v;
	return ok;
}

uint64_t
evb_number_key(double v)
{
	uint64_t k;

	if (v == 0)
		v = 0;	/* -0 and 0 are one number */
	memcpy(&k, &v, sizeof(k));
	return k;
}
