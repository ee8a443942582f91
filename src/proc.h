/*
 * Starting target processes.  argv is run directly, never through a shell;
 * the child gets default signal dispositions and an empty signal mask (an
 * ignored SIGPIPE would otherwise survive exec), its own process group (so
 * a timeout can kill everything it started), and no descriptor of ours but
 * the three standard ones.
 */
#ifndef EVB_PROC_H
#define EVB_PROC_H

#include <sys/types.h>

/*
 * Start argv[0] (searched in PATH when it has no '/') with its standard
 * input reading from a new pipe, and standard output and error going to
 * out_fd (our standard error, typically).  Returns the pid and sets *in_fd
 * to the non-blocking, close-on-exec write end; or -1 with errno set.
 */
pid_t	evb_proc_spawn(char *const [], int, int *);

/* Kill the child's whole process group. */
void	evb_proc_kill(pid_t, int);

#endif
