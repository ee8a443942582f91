/*
 * The schema registry on disk.
 */
#include "registry.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

#define MAX_VERSION_FILE	(64 * 1024 * 1024)

int
evb_registry_open(struct evb_registry *r, const char *dir, bool create,
    struct evb_err *e)
{
	struct evb_buf p = EVB_BUF_INIT;

	memset(r, 0, sizeof(*r));
	r->lockfd = -1;
	if (create && mkdir(dir, 0700) == -1 && errno != EEXIST) {
		evb_err_set(e, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((r->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		evb_err_set(e, "%s: %s", dir, strerror(errno));
		return -1;
	}
	r->dir = xstrdup(dir);
	evb_buf_printf(&p, "%s/.lock", dir);
	r->lockfd = open(p.p, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0),
	    0600);
	if (r->lockfd == -1 && !create)
		r->lockfd = open(p.p, O_RDONLY | O_CLOEXEC);
	if (r->lockfd == -1 && (create || errno != ENOENT)) {
		evb_err_set(e, "%s: %s", p.p, strerror(errno));
		evb_buf_fini(&p);
		evb_registry_close(r);
		return -1;
	}
	evb_buf_fini(&p);
	return 0;
}

void
evb_registry_close(struct evb_registry *r)
{
	if (r->dir == NULL)
		return;
	if (r->lockfd != -1)
		close(r->lockfd);
	if (r->dirfd != -1)
		close(r->dirfd);
	free(r->dir);
	memset(r, 0, sizeof(*r));
	r->dirfd = r->lockfd = -1;
}

int
evb_registry_lock(struct evb_registry *r, bool exclusive, struct evb_err *e)
{
	if (r->lockfd == -1)
		return 0;	/* a registry nobody may write: nothing to fear */
	if (flock(r->lockfd, exclusive ? LOCK_EX : LOCK_SH) == -1) {
		int saved = errno;

		evb_err_set(e, "%s/.lock: %s", r->dir, strerror(errno));
		errno = saved;
		return -1;
	}
	r->locked = true;
	return 0;
}

void
evb_registry_unlock(struct evb_registry *r)
{
	if (r->locked)
		(void)flock(r->lockfd, LOCK_UN);
	r->locked = false;
}

/* The version number of a file name "N.json", or 0. */
static unsigned long
version_of(const char *name)
{
	unsigned long v = 0;
	const char *p = name;

	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (unsigned long)LONG_MAX / 10 - 1)
			return 0;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	return strcmp(p, ".json") == 0 ? v : 0;
}

static int
ulcmp(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

int
evb_registry_versions(const struct evb_registry *r, const char *name,
    unsigned long **out, size_t *n, struct evb_err *e)
{
	struct evb_buf p = EVB_BUF_INIT;
	struct dirent *de;
	DIR *d;

	*out = NULL;
	*n = 0;
	evb_buf_printf(&p, "%s/%s", r->dir, name);
	if ((d = opendir(p.p)) == NULL) {
		int rc = errno == ENOENT || errno == ENOTDIR ? 0 : -1;

		if (rc == -1)
			evb_err_set(e, "%s: %s", p.p, strerror(errno));
		evb_buf_fini(&p);
		return rc;
	}
	while ((de = readdir(d)) != NULL) {
		unsigned long v = version_of(de->d_name);

		if (v == 0)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = v;
	}
	closedir(d);
	evb_buf_fini(&p);
	if (*n > 0)
		qsort(*out, *n, sizeof(**out), ulcmp);
	return 0;
}

long
evb_registry_latest(const struct evb_registry *r, const char *name,
    struct evb_err *e)
{
	unsigned long *v;
	size_t n;
	long latest;

	if (evb_registry_versions(r, name, &v, &n, e) == -1)
		return -1;
	latest = n > 0 ? (long)v[n - 1] : 0;
	free(v);
	return latest;
}

bool
evb_registry_exists(const struct evb_registry *r, const char *name)
{
	struct stat st;

	return fstatat(r->dirfd, name, &st, 0) == 0;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
evb_registry_names(const struct evb_registry *r, char ***out, size_t *n,
    struct evb_err *e)
{
	struct dirent *de;
	DIR *d;

	*out = NULL;
	*n = 0;
	if ((d = opendir(r->dir)) == NULL) {
		evb_err_set(e, "%s: %s", r->dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (de->d_name[0] == '.' || fstatat(r->dirfd, de->d_name, &st,
		    0) == -1 || !S_ISDIR(st.st_mode))
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(*out, *n, sizeof(**out), strpcmp);
	return 0;
}

void
evb_registry_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
evb_registry_read(const struct evb_registry *r, const char *name,
    unsigned long version, char **text, size_t *n, struct evb_err *e)
{
	struct evb_buf p = EVB_BUF_INIT;
	int saved;

	evb_buf_printf(&p, "%s/%s/%lu.json", r->dir, name, version);
	if (evb_read_file(p.p, MAX_VERSION_FILE, text, n) == 0) {
		evb_buf_fini(&p);
		return 0;
	}
	saved = errno;
	evb_err_set(e, "%s: %s", p.p, strerror(errno));
	evb_buf_fini(&p);
	errno = saved;
	return -1;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Write the temporary file tmp and sync it. */
static int
write_temp(const char *tmp, const char *text, size_t n)
{
	int fd;

	/* Left by a process that died with our process id: ours to remove. */
	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd == -1)
		return -1;
	if (write_all(fd, text, n) == -1 || fsync(fd) == -1) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

int
evb_registry_write(const struct evb_registry *r, const char *name,
    unsigned long version, const char *text, size_t n, struct evb_err *e)
{
	struct evb_buf dir = EVB_BUF_INIT, tmp = EVB_BUF_INIT;
	struct evb_buf dst = EVB_BUF_INIT;
	const char *what;
	bool created = false;
	int rc = -1;

	evb_buf_printf(&dir, "%s/%s", r->dir, name);
	evb_buf_printf(&tmp, "%s/.%lu.json.%ld.tmp", dir.p, version,
	    (long)getpid());
	evb_buf_printf(&dst, "%s/%lu.json", dir.p, version);
	what = dir.p;
	if (mkdir(dir.p, 0700) == 0)
		created = true;
	else if (errno != EEXIST)
		goto done;
	what = tmp.p;
	if (write_temp(tmp.p, text, n) == -1)
		goto done;
	/* link(2), not rename(2): an existing version is never replaced. */
	what = dst.p;
	if (link(tmp.p, dst.p) == -1) {
		int saved = errno;

		(void)unlink(tmp.p);
		errno = saved;
		goto done;
	}
	(void)unlink(tmp.p);
	what = dir.p;
	if (sync_dir(dir.p) == -1)
		goto done;
	what = r->dir;
	if (created && fsync(r->dirfd) == -1)
		goto done;
	rc = 0;
done:
	if (rc == -1)
		evb_err_set(e, "%s: %s", what, strerror(errno));
	evb_buf_fini(&dir);
	evb_buf_fini(&tmp);
	evb_buf_fini(&dst);
	return rc;
}
