# Shared helpers for the command tests.  Each <command>.bats starts with
#
#	bats_require_minimum_version 1.5.0
#	load common
#
# The programs under test are taken from $EVB_BIN (default: build/ at the
# top of the tree), which goes first in PATH.  Nothing here needs jq or
# python3: a fresh CI machine has neither.

bats_load_library bats-support
bats_load_library bats-assert

EVB_TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
EVB_BIN=${EVB_BIN:-$EVB_TOP/build}
PATH="$EVB_BIN:$PATH"
export EVB_BIN EVB_TOP PATH

# Messages are English and numbers use '.', whatever the caller's locale.
export LC_ALL=C

# evb_opts_usage: the option names in a usage line or a SYNOPSIS read on
# stdin, one per line, in order.  "[-hV]" gives -h and -V, "[--keep key]"
# gives --keep; operands and option arguments are left out.
evb_opts_usage() {
	tr ' \t' '\n\n' | sed -n -e 's/^\[*//' -e 's/[]|.]*$//' \
	    -e '/^--[A-Za-z]/{s/^\(--[A-Za-z0-9-]*\).*/\1/p;d;}' \
	    -e '/^-[A-Za-z0-9]/{s/^-//;s/\(.\)/-\1\n/g;s/\n$//;p;}'
}

# evb_opts_help: the option names in a GNU-style --help read on stdin, in
# order: the short name where there is one, else the long name.
evb_opts_help() {
	sed -n -e 's/^  \(-[A-Za-z0-9]\),.*/\1/p' \
	    -e 's/^      \(--[A-Za-z0-9-]*\).*/\1/p'
}

# evb_man_section PAGE SECTION: the text of one section of a man page,
# rendered by mandoc without overstriking, without the heading.
evb_man_section() {
	mandoc -Tascii "$1" | sed 's/.\x08//g' |
	    awk -v sec="$2" '/^[A-Z]/ { on = ($0 == sec); next } on'
}

# evb_check_opts CMD PAGE: --help, the usage line printed on a bad option
# and the SYNOPSIS of PAGE name the same options in the same order.
evb_check_opts() {
	local cmd=$1 page=$2 d="$BATS_TEST_TMPDIR/opts"

	mkdir -p "$d"
	"$cmd" --help </dev/null | evb_opts_help >"$d/help"
	"$cmd" --no-such-option </dev/null 2>&1 >/dev/null |
	    sed -n '/^usage:/,$p' | sed '1s/^usage: *[^ ]*//' |
	    evb_opts_usage >"$d/usage"
	evb_man_section "$page" SYNOPSIS | sed "1s/^ *$cmd//" |
	    evb_opts_usage >"$d/synopsis"
	[ -s "$d/help" ] || { echo "no options in $cmd --help"; return 1; }
	diff -u --label help --label usage "$d/help" "$d/usage" &&
	    diff -u --label help --label SYNOPSIS "$d/help" "$d/synopsis"
}

# evb_man_examples PAGE: the commands shown in the EXAMPLES section of
# PAGE, after the "$ " prompt, continuation lines included.
evb_man_examples() {
	evb_man_section "$1" EXAMPLES |
	    awk '/^ *\$ / { sub(/^ *\$ /, ""); on = 1 }
		on { print; on = /\\$/ }'
}

# evb_prompt LINE CMD [ARG...]: run CMD reading a FIFO that stays open,
# write LINE to it and print the first line CMD writes, read from another
# FIFO under timeout(1).  A command that holds its output back until it
# sees end of input fails: status 124.
evb_prompt() {
	local line=$1 in="$BATS_TEST_TMPDIR/prompt.in"
	local out="$BATS_TEST_TMPDIR/prompt.out" pid rc=0
	shift

	rm -f "$in" "$out"
	mkfifo "$in" "$out"
	"$@" <"$in" >"$out" 2>"$BATS_TEST_TMPDIR/prompt.err" 3>&- &
	pid=$!
	exec 8>"$in"
	printf '%s\n' "$line" >&8
	timeout 5 sh -c 'head -n 1 <"$1"' sh "$out" || rc=$?
	# Opening a FIFO for reading and writing never blocks: it frees an
	# open(2) for writing that met no reader.  Then end the input.
	exec 9<>"$out"
	exec 8>&-
	wait "$pid" 2>/dev/null || true
	exec 9<&-
	return "$rc"
}

# evb_devfull CMD [ARG...]: run CMD with its output on /dev/full.  Use with
# run and give stdin explicitly: run -2 --separate-stderr evb_devfull ...
evb_devfull() {
	"$@" >/dev/full
}

# evb_head1 LINE CMD [ARG...]: feed LINE to CMD forever and pipe its output
# into head -n 1.  Sets status to CMD's exit status and stderr to what it
# wrote there; a pure filter is expected to die of SIGPIPE quietly (141).
evb_head1() {
	local line=$1 d="$BATS_TEST_TMPDIR/head1"
	shift

	mkdir -p "$d"
	yes "$line" | {
		rc=0
		timeout 10 "$@" 2>"$d/err" || rc=$?
		echo "$rc" >"$d/status"
	} | head -n 1 >"$d/out"
	status=$(cat "$d/status")
	stderr=$(cat "$d/err")
	output=$(cat "$d/out")
}

# evb_wait_lines FILE N: wait up to 5 seconds for FILE to hold N lines.
evb_wait_lines() {
	local i=0

	while [ ! -e "$1" ] || [ "$(wc -l <"$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ "$i" -le 50 ] || return 1
		sleep 0.1
	done
}

# evb_repeat CHAR N: N copies of CHAR, without a newline.
evb_repeat() {
	head -c "$2" /dev/zero | tr '\0' "$1"
}
