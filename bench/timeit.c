/*
 * timeit: run a command several times and report its best wall time, the
 * CPU time of that run and the largest resident size, for benchmarks that
 * need no /usr/bin/time.
 *
 *	timeit [-n runs] [-i input] [-o output] command [arg ...]
 *
 * Prints "wall_s user_s sys_s maxrss_kb" on standard output.
 */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int
main(int argc, char *argv[])
{
	const char *in = "/dev/null", *out = "/dev/null";
	int runs = 3, ch;
	double best = 1e30, user = 0, sys = 0;
	long maxrss = 0;

	while ((ch = getopt(argc, argv, "+n:i:o:")) != -1) {
		switch (ch) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			fprintf(stderr, "usage: timeit [-n runs] [-i input] "
			    "[-o output] command [arg ...]\n");
			return 2;
		}
	}
	if (optind >= argc || runs < 1)
		errx(2, "no command");
	for (int r = 0; r < runs; r++) {
		posix_spawn_file_actions_t fa;
		struct rusage ru;
		pid_t pid;
		int st;
		double t0, t;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, out,
		    O_WRONLY | O_CREAT | O_TRUNC, 0644);
		t0 = now();
		if ((errno = posix_spawnp(&pid, argv[optind], &fa, NULL,
		    argv + optind, environ)) != 0)
			err(2, "%s", argv[optind]);
		if (wait4(pid, &st, 0, &ru) == -1)
			err(2, "wait4");
		t = now() - t0;
		posix_spawn_file_actions_destroy(&fa);
		if (!WIFEXITED(st) || WEXITSTATUS(st) > 1)
			errx(2, "%s: exit status %d", argv[optind],
			    WIFEXITED(st) ? WEXITSTATUS(st) : 128 +
			    WTERMSIG(st));
		if (t < best) {
			best = t;
			user = tv(ru.ru_utime);
			sys = tv(ru.ru_stime);
		}
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	printf("%.3f %.3f %.3f %ld\n", best, user, sys, maxrss);
	return 0;
}
