/*
 * claim: storing oversized details under their SHA-256 name, and the
 * reference an event carries instead.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "claim.h"
#include "jgen.h"
#include "json.h"
#include "unit.h"

Suite	*claim_suite(void);

#define L(s)	s, sizeof(s) - 1

static char *dir;

static void
setup(void)
{
	dir = unit_tmpdir();
}

static void
teardown(void)
{
	unit_rmtree(dir);
	dir = NULL;
}

/* The names in d, sorted, one per line. */
static void
list_dir(const char *d, struct evb_buf *out)
{
	struct dirent **names;
	int n = scandir(d, &names, NULL, alphasort);

	ck_assert_int_ge(n, 0);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			evb_buf_adds(out, names[i]->d_name);
			evb_buf_addc(out, '\n');
		}
		free(names[i]);
	}
	free(names);
	evb_buf_cstr(out);
}

static void
check_file(const char *path, const char *want, size_t n, mode_t mode)
{
	struct stat st;
	char *got = malloc(n + 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	ck_assert_msg(fd >= 0, "%s", path);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, mode);
	ck_assert_int_eq(st.st_size, (off_t)n);
	ck_assert_int_eq(read(fd, got, n + 1), (ssize_t)n);
	ck_assert_mem_eq(got, want, n);
	close(fd);
	free(got);
}

static const struct {
	const char	*data;
	size_t		 n;
	const char	*sha256;
} stores[] = {
	{ L("{\"big\":1}"), "39e01db343f008da19be4969cfeb7a08"
	    "52a862a950b8c00d9bb5dfd7a9def128" },
	{ L(""), "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855" },
	/* FIPS 180-2's "abc" example. */
	{ L("abc"), "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad" },
	{ L("a\0b\n"), NULL },
};

START_TEST(test_store)
{
	struct evb_claimstore cs;
	struct evb_claim c;
	struct evb_err err;
	struct evb_buf want = EVB_BUF_INIT, names = EVB_BUF_INIT;
	char *abs = realpath(dir, NULL), path[PATH_MAX];
	mode_t old = umask(022);

	ck_assert_int_eq(evb_claim_open(&cs, dir, &err), 0);
	ck_assert_str_eq(cs.dir, abs);
	ck_assert_int_ge(cs.dirfd, 0);
	ck_assert_int_eq(evb_claim_store(&cs, stores[_i].data, stores[_i].n,
	    &c, &err), 0);
	umask(old);
	if (stores[_i].sha256 != NULL)
		ck_assert_str_eq(c.sha256, stores[_i].sha256);
	ck_assert_uint_eq(strlen(c.sha256), 64);
	ck_assert_uint_eq(strspn(c.sha256, "0123456789abcdef"), 64);
	ck_assert_uint_eq(c.size, stores[_i].n);
	evb_buf_printf(&want, "file://%s/%s.json", abs, c.sha256);
	ck_assert_str_eq(c.uri, evb_buf_cstr(&want));
	snprintf(path, sizeof(path), "%s/%s.json", abs, c.sha256);
	check_file(path, stores[_i].data, stores[_i].n, 0600);
	/* Nothing else is left in the directory. */
	list_dir(dir, &names);
	evb_buf_reset(&want);
	evb_buf_printf(&want, "%s.json\n", c.sha256);
	ck_assert_str_eq(names.p, evb_buf_cstr(&want));
	evb_claim_fini(&c);
	ck_assert_ptr_null(c.uri);
	evb_claim_close(&cs);
	ck_assert_int_eq(cs.dirfd, -1);
	evb_buf_fini(&want);
	evb_buf_fini(&names);
	free(abs);
}
END_TEST

/* Storing the same bytes twice is fine; the umask is honoured. */
START_TEST(test_store_twice)
{
	struct evb_claimstore cs;
	struct evb_claim c1, c2, c3;
	struct evb_err err;
	struct evb_buf names = EVB_BUF_INIT;
	char path[PATH_MAX];
	mode_t old = umask(077);

	ck_assert_int_eq(evb_claim_open(&cs, dir, &err), 0);
	ck_assert_int_eq(evb_claim_store(&cs, L("{\"big\":1}"), &c1, &err), 0);
	ck_assert_int_eq(evb_claim_store(&cs, L("{\"big\":1}"), &c2, &err), 0);
	ck_assert_int_eq(evb_claim_store(&cs, L("abc"), &c3, &err), 0);
	umask(old);
	ck_assert_str_eq(c1.uri, c2.uri);
	ck_assert_str_eq(c1.sha256, c2.sha256);
	ck_assert_str_ne(c1.uri, c3.uri);
	snprintf(path, sizeof(path), "%s/%s.json", cs.dir, c1.sha256);
	check_file(path, "{\"big\":1}", 9, 0600);
	list_dir(dir, &names);
	ck_assert_str_eq(names.p,
	    "39e01db343f008da19be4969cfeb7a0852a862a950b8c00d9bb5dfd7a9def128"
	    ".json\n"
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	    ".json\n");
	evb_claim_fini(&c1);
	evb_claim_fini(&c2);
	evb_claim_fini(&c3);
	evb_claim_close(&cs);
	evb_buf_fini(&names);
}
END_TEST

/* A relative path becomes absolute; odd bytes are escaped in the URI. */
START_TEST(test_uri)
{
	struct evb_claimstore cs;
	struct evb_claim c;
	struct evb_err err;
	struct evb_buf sub = EVB_BUF_INIT, want = EVB_BUF_INIT;
	char *abs = realpath(dir, NULL), cwd[PATH_MAX];

	evb_buf_printf(&sub, "%s/a b%%#\xc3\xa9~_-.", dir);
	ck_assert_int_eq(mkdir(evb_buf_cstr(&sub), 0700), 0);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(evb_claim_open(&cs, "./a b%#\xc3\xa9~_-.", &err), 0);
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_int_eq(evb_claim_store(&cs, L("abc"), &c, &err), 0);
	evb_buf_printf(&want, "file://%s/a%%20b%%25%%23%%C3%%A9~_-./"
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	    ".json", abs);
	ck_assert_str_eq(c.uri, evb_buf_cstr(&want));
	evb_claim_fini(&c);
	evb_claim_close(&cs);
	evb_buf_reset(&sub);
	evb_buf_printf(&sub, "%s/a b%%#\xc3\xa9~_-./"
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	    ".json", dir);
	ck_assert_int_eq(unlink(evb_buf_cstr(&sub)), 0);
	evb_buf_reset(&sub);
	evb_buf_printf(&sub, "%s/a b%%#\xc3\xa9~_-.", dir);
	ck_assert_int_eq(rmdir(evb_buf_cstr(&sub)), 0);
	evb_buf_fini(&sub);
	evb_buf_fini(&want);
	free(abs);
}
END_TEST

START_TEST(test_open_errors)
{
	struct evb_claimstore cs;
	struct evb_err err;
	struct evb_buf want = EVB_BUF_INIT, path = EVB_BUF_INIT;
	char *file = unit_file(dir, "plain", "x", 1);

	evb_err_clear(&err);
	ck_assert_int_eq(evb_claim_open(&cs, file, &err), -1);
	evb_buf_printf(&want, "%s: Not a directory", file);
	ck_assert_str_eq(err.msg, evb_buf_cstr(&want));
	ck_assert_ptr_null(cs.dir);
	ck_assert_int_eq(cs.dirfd, -1);
	evb_claim_close(&cs);	/* harmless after a failed open */

	evb_buf_printf(&path, "%s/missing", dir);
	ck_assert_int_eq(evb_claim_open(&cs, evb_buf_cstr(&path), &err), -1);
	evb_buf_reset(&want);
	evb_buf_printf(&want, "%s: No such file or directory", path.p);
	ck_assert_str_eq(err.msg, evb_buf_cstr(&want));

	evb_buf_reset(&path);
	evb_buf_printf(&path, "%s/plain/", dir);
	ck_assert_int_eq(evb_claim_open(&cs, evb_buf_cstr(&path), &err), -1);
	evb_buf_reset(&want);
	evb_buf_printf(&want, "%s: Not a directory", path.p);
	ck_assert_str_eq(err.msg, evb_buf_cstr(&want));
	free(file);
	evb_buf_fini(&want);
	evb_buf_fini(&path);
}
END_TEST

/* A store whose directory went away fails with a message, and no file. */
START_TEST(test_store_error)
{
	struct evb_claimstore cs;
	struct evb_claim c;
	struct evb_err err;
	struct evb_buf sub = EVB_BUF_INIT, want = EVB_BUF_INIT;

	evb_buf_printf(&sub, "%s/gone", dir);
	ck_assert_int_eq(mkdir(evb_buf_cstr(&sub), 0700), 0);
	ck_assert_int_eq(evb_claim_open(&cs, sub.p, &err), 0);
	ck_assert_int_eq(rmdir(sub.p), 0);
	evb_err_clear(&err);
	ck_assert_int_eq(evb_claim_store(&cs, L("abc"), &c, &err), -1);
	evb_buf_printf(&want, "%s: No such file or directory", cs.dir);
	ck_assert_str_eq(err.msg, evb_buf_cstr(&want));
	ck_assert_ptr_null(c.uri);
	evb_claim_fini(&c);
	evb_claim_close(&cs);
	evb_buf_fini(&sub);
	evb_buf_fini(&want);
}
END_TEST

static const struct {
	const char	*detail;	/* NULL: none */
	const char	*keep[3];
	size_t		 nkeep;
	const char	*ref;
} refs[] = {
	{ NULL, { NULL }, 0, "" },
	{ "{\"id\":7}", { NULL }, 0, "" },
	{ "{\"id\":7,\"big\":\"x\",\"tags\":[\"a\",{\"b\":1.50}],"
	    "\"claimCheck\":\"fake\",\"id\":8}",
	    { "id", "tags", "missing" }, 3,
	    ",\"id\":7,\"tags\":[\"a\",{\"b\":1.50}],\"id\":8" },
	{ "{\"claimCheck\":1,\"a\\u0000\":2,\"a\":3}",
	    { "claimCheck", "a" }, 2, ",\"a\":3" },
	{ "[1,2]", { "id" }, 1, "" },
};

START_TEST(test_write_ref)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_buf b = EVB_BUF_INIT, want = EVB_BUF_INIT;
	struct evb_jgen *j = evb_jgen_new(&b);
	struct evb_claim c;
	struct evb_err err;
	const struct evb_jv *detail = NULL;

	memset(&c, 0, sizeof(c));
	strcpy(c.sha256, "ab01");
	c.size = 300000;
	c.uri = xstrdup("file:///var/claims/ab01.json");
	if (refs[_i].detail != NULL) {
		detail = evb_json_parse(&a, refs[_i].detail,
		    strlen(refs[_i].detail), 0, &err);
		ck_assert_ptr_nonnull(detail);
	}
	evb_claim_write_ref(j, &c, detail, (char *const *)refs[_i].keep,
	    refs[_i].nkeep);
	ck_assert(!evb_jgen_failed(j));
	evb_buf_printf(&want, "{\"claimCheck\":{"
	    "\"uri\":\"file:///var/claims/ab01.json\",\"sha256\":\"ab01\","
	    "\"size\":300000,\"contentType\":\"application/json\"}%s}",
	    refs[_i].ref);
	ck_assert_uint_eq(b.len, want.len);
	ck_assert_mem_eq(b.p, want.p, b.len);
	evb_claim_fini(&c);
	evb_jgen_free(j);
	evb_arena_fini(&a);
	evb_buf_fini(&b);
	evb_buf_fini(&want);
}
END_TEST

Suite *
claim_suite(void)
{
	Suite *s = suite_create("claim");
	TCase *tc;

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_store, 0, nitems(stores));
	tcase_add_test(tc, test_store_twice);
	tcase_add_test(tc, test_uri);
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_store_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("ref");
	tcase_add_loop_test(tc, test_write_ref, 0, nitems(refs));
	suite_add_tcase(s, tc);
	return s;
}
