/*
 * Helpers shared by the unit suites.
 */
#include "unit.h"

#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

bool
unit_forking(void)
{
	const char *env = getenv("CK_FORK");

	return env == NULL || strcmp(env, "no") != 0;
}

char *
unit_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	struct evb_buf b = EVB_BUF_INIT;
	char *dir;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	evb_buf_printf(&b, "%s/evb-unit.XXXXXX", base);
	dir = evb_buf_take(&b, NULL);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s", dir);
	return dir;
}

void
unit_rmtree(char *dir)
{
	DIR *d;
	struct dirent *e;

	if (dir == NULL)
		return;
	if ((d = opendir(dir)) != NULL) {
		int fd = dirfd(d);

		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0)
				(void)unlinkat(fd, e->d_name, 0);
		closedir(d);
	}
	ck_assert_msg(rmdir(dir) == 0, "rmdir %s", dir);
	free(dir);
}

char *
unit_file(const char *dir, const char *name, const void *p, size_t n)
{
	struct evb_buf b = EVB_BUF_INIT;
	char *path;
	int fd;

	evb_buf_printf(&b, "%s/%s", dir, name);
	path = evb_buf_take(&b, NULL);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, p, n), (ssize_t)n);
	ck_assert_int_eq(close(fd), 0);
	return path;
}
