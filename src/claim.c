/*
 * Claim-check storage.
 */
#include "claim.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sha2.h>

int
evb_claim_open(struct evb_claimstore *cs, const char *dir, struct evb_err *err)
{
	char *abs;
	struct stat st;

	memset(cs, 0, sizeof(*cs));
	cs->dirfd = -1;
	errno = 0;
	if ((abs = realpath(dir, NULL)) == NULL) {
		evb_err_set(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	errno = 0;	/* realpath may leave EINVAL from readlink */
	if (stat(abs, &st) == -1 || !S_ISDIR(st.st_mode)) {
		evb_err_set(err, "%s: %s", dir, errno ? strerror(errno) :
		    "Not a directory");
		free(abs);
		return -1;
	}
	if (access(abs, W_OK | X_OK) == -1 ||
	    (cs->dirfd = open(abs, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		evb_err_set(err, "%s: %s", dir, strerror(errno));
		free(abs);
		return -1;
	}
	cs->dir = abs;
	return 0;
}

void
evb_claim_close(struct evb_claimstore *cs)
{
	if (cs->dirfd != -1)
		close(cs->dirfd);
	free(cs->dir);
	cs->dir = NULL;
	cs->dirfd = -1;
}

static int
write_file(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return fsync(fd);
}

/* RFC 8089 file URI: bytes outside RFC 3986's unreserved set and '/' are escaped. */
static char *
file_uri(const char *dir, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	struct evb_buf b = EVB_BUF_INIT;
	const char *parts[] = { dir, "/", name };

	evb_buf_adds(&b, "file://");
	for (size_t k = 0; k < 3; k++)
		for (const unsigned char *s = (const unsigned char *)parts[k];
		    *s != '\0'; s++) {
			if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			    (*s >= '0' && *s <= '9') || strchr("-._~/", *s)) {
				evb_buf_addc(&b, (char)*s);
			} else {
				evb_buf_addc(&b, '%');
				evb_buf_addc(&b, hex[*s >> 4]);
				evb_buf_addc(&b, hex[*s & 15]);
			}
		}
	return evb_buf_take(&b, NULL);
}

int
evb_claim_store(struct evb_claimstore *cs, const char *p, size_t n,
    struct evb_claim *c, struct evb_err *err)
{
	char tmp[] = ".claim.XXXXXX", name[80];
	int fd;

	memset(c, 0, sizeof(*c));
	SHA256Data((const uint8_t *)p, n, c->sha256);
	c->size = n;
	snprintf(name, sizeof(name), "%s.json", c->sha256);
	/* mkstemp needs a path; build it under the store's absolute dir. */
	{
		struct evb_buf path = EVB_BUF_INIT;
		char *tpath;

		evb_buf_printf(&path, "%s/%s", cs->dir, tmp);
		tpath = evb_buf_cstr(&path);
		if ((fd = mkstemp(tpath)) == -1) {
			evb_err_set(err, "%s: %s", cs->dir, strerror(errno));
			evb_buf_fini(&path);
			return -1;
		}
		memcpy(tmp, tpath + strlen(cs->dir) + 1, sizeof(tmp));
		evb_buf_fini(&path);
	}
	if (write_file(fd, p, n) == -1 || close(fd) == -1) {
		int e = errno;

		unlinkat(cs->dirfd, tmp, 0);
		evb_err_set(err, "%s/%s: %s", cs->dir, name, strerror(e));
		return -1;
	}
	if (renameat(cs->dirfd, tmp, cs->dirfd, name) == -1) {
		int e = errno;

		unlinkat(cs->dirfd, tmp, 0);
		evb_err_set(err, "%s/%s: %s", cs->dir, name, strerror(e));
		return -1;
	}
	(void)fsync(cs->dirfd);	/* make the rename durable where supported */
	c->uri = file_uri(cs->dir, name);
	return 0;
}

void
evb_claim_fini(struct evb_claim *c)
{
	free(c->uri);
	c->uri = NULL;
}

static bool
kept(const struct evb_jmember *m, char *const *keep, size_t nkeep)
{
	for (size_t i = 0; i < nkeep; i++)
		if (strlen(keep[i]) == m->klen &&
		    memcmp(keep[i], m->key, m->klen) == 0)
			return true;
	return false;
}

void
evb_claim_write_ref(struct evb_jgen *j, const struct evb_claim *c,
    const struct evb_jv *detail, char *const *keep, size_t nkeep)
{
	evb_jgen_open_object(j);
	evb_jgen_key(j, "claimCheck");
	evb_jgen_open_object(j);
	evb_jgen_key(j, "uri");
	evb_jgen_str(j, c->uri);
	evb_jgen_key(j, "sha256");
	evb_jgen_str(j, c->sha256);
	evb_jgen_key(j, "size");
	evb_jgen_int(j, (long long)c->size);
	evb_jgen_key(j, "contentType");
	evb_jgen_str(j, "application/json");
	evb_jgen_close_object(j);
	if (detail != NULL && detail->type == EVB_JOBJECT)
		for (size_t i = 0; i < detail->n; i++) {
			const struct evb_jmember *m = &detail->u.members[i];

			if (m->klen == 10 && memcmp(m->key, "claimCheck", 10) == 0)
				continue;
			if (kept(m, keep, nkeep)) {
				evb_jgen_keyn(j, m->key, m->klen);
				evb_jgen_value(j, m->val);
			}
		}
	evb_jgen_close_object(j);
}
