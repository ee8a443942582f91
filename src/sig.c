/*
 * Termination signals.
 */
#define _GNU_SOURCE	/* pipe2 */
#include "sig.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught;
static int selfpipe[2] = { -1, -1 };

static void
handler(int sig)
{
	int save = errno;

	if (caught == 0)
		caught = sig;
	if (selfpipe[1] != -1)
		(void)write(selfpipe[1], "", 1);
	errno = save;
}

void
evb_sig_catch(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	if (selfpipe[0] == -1 && pipe2(selfpipe, O_CLOEXEC | O_NONBLOCK) == -1)
		selfpipe[0] = selfpipe[1] = -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* A signal ignored at startup (nohup, a background job) stays so. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

static void
child_handler(int sig)
{
	int save = errno;

	(void)sig;
	if (selfpipe[1] != -1)
		(void)write(selfpipe[1], "", 1);
	errno = save;
}

void
evb_sig_catch_child(void)
{
	struct sigaction sa;

	if (selfpipe[0] == -1 && pipe2(selfpipe, O_CLOEXEC | O_NONBLOCK) == -1)
		selfpipe[0] = selfpipe[1] = -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = child_handler;
	sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
}

int
evb_sig_caught(void)
{
	return caught;
}

int
evb_sig_fd(void)
{
	return selfpipe[0];
}

void
evb_sig_reraise(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}
