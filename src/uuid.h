/*
 * Version-4 UUIDs from the kernel's random source.
 */
#ifndef EVB_UUID_H
#define EVB_UUID_H

#define EVB_UUID_LEN	36

/*
 * Write a random version-4 UUID in canonical lower-case form and a NUL into
 * out.  Returns 0, or -1 with errno set when getrandom(2) fails.
 */
int	evb_uuid4(char out[EVB_UUID_LEN + 1]);

#endif
