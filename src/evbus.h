/*
 * evbus: constants shared by every command.
 */
#ifndef EVB_EVBUS_H
#define EVB_EVBUS_H

#ifndef EVB_VERSION
#define EVB_VERSION "0.1.0"
#endif

/* Exit statuses, the same for every command (see evbus(7)). */
enum {
	EVB_EXIT_OK = 0,	/* success; evmatch: something selected */
	EVB_EXIT_NO = 1,	/* no trouble, but the answer is "no" */
	EVB_EXIT_TROUBLE = 2	/* usage, input, output or setup failure */
};

/* Default limits; every command can change them with an option. */
#define EVB_MAX_LINE_DEFAULT	(1024 * 1024)
#define EVB_MAX_DEPTH_DEFAULT	100	/* below yajl_gen's 128 */

#endif
