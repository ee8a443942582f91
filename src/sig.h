/*
 * Termination signals for the mains: the handler only records the signal,
 * the main loop notices, finishes cleanly and then dies of the same signal
 * so that a calling script sees it (status 128+N).
 */
#ifndef EVB_SIG_H
#define EVB_SIG_H

/* Catch SIGINT, SIGTERM and SIGHUP without SA_RESTART, so reads return EINTR. */
void	evb_sig_catch(void);
/*
 * Also make the self-pipe readable when a child ends (SIGCHLD), for a
 * poll(2) loop that reaps its children.
 */
void	evb_sig_catch_child(void);
/* The signal caught, or 0. */
int	evb_sig_caught(void);
/* Restore the default action and raise sig; exits 128+sig if still alive. */
void	evb_sig_reraise(int) __attribute__((noreturn));
/* Self-pipe read end, readable once a signal was caught (for poll(2)). */
int	evb_sig_fd(void);

#endif
