/*
 * Unicode simple lowercase mapping.
 */
#include "casefold.h"

#include <utf8proc.h>

void
evb_casefold(struct evb_buf *out, const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		utf8proc_uint8_t enc[4];

		/* ASCII, the common case, without a table look-up. */
		if (p[i] < 0x80) {
			char c = (char)p[i++];

			evb_buf_addc(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			evb_buf_addc(out, (char)p[i++]);
			continue;
		}
		i += (size_t)k;
		k = utf8proc_encode_char(utf8proc_tolower(cp), enc);
		evb_buf_add(out, enc, (size_t)k);
	}
}
