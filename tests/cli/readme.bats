#!/usr/bin/env bats
# README.md: every command it shows is run here.
#
# Commands in ```console blocks follow a "$ " prompt; a line ending in a
# backslash goes on to the next, and a here-document goes on to its end
# word.  The lines up to the next prompt are the output shown.  They run
# one after the other in one shell, as a reader would type them, from a
# directory holding a copy of examples/, with $EVB_BIN first in PATH.  The
# output of each (standard output and standard error) must be the one
# shown, once event ids and times are normalized, and in any order: the
# targets of an event run side by side.  A command that fails must be
# followed by "echo $?", which then shows its status.
#
# Commands in ```sh blocks (building, installing, the other examples) are
# each exercised by a case below; one without a case fails the test.

bats_require_minimum_version 1.5.0
load common

README=$EVB_TOP/README.md

setup() {
	cd "$BATS_TEST_TMPDIR"
	export TMPDIR=$BATS_TEST_TMPDIR
}

# readme_console: the ```console commands of README.md as a bash script,
# readme.sh, that runs them in order, writing the output of command N to
# out/N and its status to out/N.rc; the command itself goes to cmd/N and
# the output shown for it to exp/N.
readme_console() {
	mkdir -p out exp cmd
	awk -v dir="$PWD" -v q="'" '
	function flush_cmd() {
		if (cmd == "")
			return
		printf "(exit $__rc)\n{ %s\n} >\"%s/out/%d\" 2>&1\n", cmd, dir, n
		printf "__rc=$?\necho $__rc >\"%s/out/%d.rc\"\n", dir, n
		printf "%s\n", cmd >(dir "/cmd/" n)
		close(dir "/cmd/" n)
		cmd = ""
	}
	/^```console$/ { inblock = 1; next }
	inblock && /^```$/ { flush_cmd(); inblock = 0; next }
	!inblock { next }
	more {
		cmd = cmd "\n" $0
		if (heredoc != "")
			more = ($0 != heredoc)
		else
			more = /\\$/
		if (!more)
			heredoc = ""
		next
	}
	/^\$ / {
		flush_cmd()
		n++
		printf "" >(dir "/exp/" n)
		cmd = substr($0, 3)
		more = /\\$/
		if (match(cmd, "<<-?" q "?[A-Za-z_]+" q "?")) {
			heredoc = substr(cmd, RSTART, RLENGTH)
			gsub("[<" q "-]", "", heredoc)
			more = 1
		}
		next
	}
	{ print >(dir "/exp/" n) }
	' "$README" >readme.sh
}

# normalize: ids, times and retry delays (which are random) as
# placeholders, lines sorted.
normalize() {
	sed -E -e 's/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/UUID/g' \
	    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' \
	    -e 's/(; retry [0-9]+ of [0-9]+ in )[0-9.]+ s$/\1N s/' "$1" |
	    LC_ALL=C sort
}

# readme_sh: the commands of the ```sh blocks, without their comments.
readme_sh() {
	awk '/^```sh$/ { on = 1; next } /^```$/ { on = 0 } on' "$README" |
	    sed -e 's/[[:space:]]*#.*//' -e '/^[[:space:]]*$/d'
}

@test "README: the console commands run and print what the README shows" {
	local n i bad=0 rc

	cp -R "$EVB_TOP/examples" .
	rm -rf examples/*/state
	readme_console
	n=$(ls cmd | wc -l)
	[ "$n" -ge 20 ] || { echo "only $n commands found in README.md"; return 1; }
	__rc=0 timeout 120 bash readme.sh </dev/null
	for i in $(seq 1 "$n"); do
		if ! diff -u <(normalize "exp/$i") <(normalize "out/$i") >"diff.$i"; then
			echo "# command $i: $(head -n 1 "cmd/$i")"
			cat "diff.$i"
			bad=1
		fi
		rc=$(cat "out/$i.rc")
		if [ "$rc" -ne 0 ] && [ "$(cat "cmd/$((i + 1))" 2>/dev/null)" != 'echo $?' ]; then
			echo "# command $i exited $rc, and the README does not show it:"
			echo "#   $(head -n 1 "cmd/$i")"
			bad=1
		fi
	done
	[ "$bad" -eq 0 ]
}

@test "README: the extraction catches wrong output and failing commands" {
	# A README with a wrong output, a command that does not exist, a
	# continued line and a here-document.
	README=$BATS_TEST_TMPDIR/bad.md
	printf '%s\n' '```console' '$ echo one' 'two' '$ no-such-command-here' \
	    '$ printf "%s\\n" a \' '    b' 'a' 'b' \
	    "\$ cat <<'EOF'" 'x y' 'EOF' 'x y' '```' 'not a command' >"$README"
	readme_console
	[ "$(ls cmd | wc -l)" -eq 4 ]
	__rc=0 bash readme.sh </dev/null
	[ "$(cat exp/1)" = two ]
	run ! diff <(normalize exp/1) <(normalize out/1)
	[ "$(cat out/2.rc)" -eq 127 ]
	[ "$(cat out/3)" = "a
b" ]
	[ "$(cat exp/3)" = "a
b" ]
	[ "$(cat out/4)" = "x y" ]
	[ "$(cat exp/4)" = "x y" ]
}

# dry TARGET TEXT: "make -n TARGET" would run TEXT.
dry() {
	make -s -n -C "$EVB_TOP" "$1" >"dry.$1" 2>&1 &&
	    grep -q -F -e "$2" "dry.$1"
}

# inst DESTDIR ARG...: make ARG... with DESTDIR, from the programs in
# $EVB_BIN, without building anything.
inst() {
	local d=$1
	shift
	make -s -o all -C "$EVB_TOP" B="$EVB_BIN" DESTDIR="$d" "$@" >/dev/null
}

@test "README: every command of the sh blocks is exercised" {
	local cmd d rc=0

	while IFS= read -r cmd; do
		case $cmd in
		# These build and run everything: what they would do is checked.
		"make demo")
			dry demo 'examples/checkout/run' ;;
		"make check")
			dry check 'tests/run-all' ;;
		"make sanitize")
			dry sanitize '-fsanitize=address,undefined' ;;
		"make bench")
			dry bench 'bench/evmatch.sh' ;;
		# Installing: into a directory of the test, from $EVB_BIN as
		# it is ("-o all": nothing is built).
		"make install PREFIX=/usr/local")
			d=$BATS_TEST_TMPDIR/inst1
			inst "$d" PREFIX=/usr/local install &&
			    [ -x "$d/usr/local/bin/evput" ] &&
			    [ -f "$d/usr/local/share/man/man1/evput.1" ] &&
			    [ -f "$d/usr/local/share/man/man5/evbus-bus.5" ] &&
			    [ -f "$d/usr/local/share/man/man7/evbus.7" ] ;;
		"make uninstall PREFIX=/usr/local")
			d=$BATS_TEST_TMPDIR/inst2
			inst "$d" PREFIX=/usr/local install &&
			    [ -n "$(find "$d" -type f)" ] &&
			    inst "$d" PREFIX=/usr/local uninstall &&
			    [ -z "$(find "$d" -type f)" ] ;;
		"make install DESTDIR=/tmp/stage PREFIX=/usr")
			d=$BATS_TEST_TMPDIR/stage
			inst "$d" PREFIX=/usr install &&
			    [ -x "$d/usr/bin/evfan" ] &&
			    [ -f "$d/usr/share/man/man1/evfan.1" ] ;;
		examples/*/run)
			d=$BATS_TEST_TMPDIR/ex
			rm -rf "$d"
			mkdir -p "$d/examples"
			cp -R "$EVB_TOP/${cmd%/run}" "$d/examples/" &&
			    rm -rf "$d/${cmd%/run}/state" &&
			    timeout 60 "$d/$cmd" </dev/null >/dev/null 2>&1 ;;
		*)
			echo "# no test for this README command: $cmd"
			false ;;
		esac || { echo "# failed: $cmd"; rc=1; }
	done < <(readme_sh)
	[ "$rc" -eq 0 ]
}

@test "README: every example directory is shown, and every shown one exists" {
	local d name

	for d in "$EVB_TOP"/examples/*/; do
		name=$(basename "$d")
		grep -q "examples/$name/" "$README" ||
		    { echo "examples/$name is not in README.md"; return 1; }
	done
	for name in $(grep -o 'examples/[a-z-]*/run' "$README" | sort -u); do
		[ -x "$EVB_TOP/$name" ] || { echo "no $name"; return 1; }
	done
}

@test "README: the table names every man page, and those it names exist" {
	local page missing=""

	for page in "$EVB_TOP"/man/*.[157]; do
		grep -q "(man/$(basename "$page"))" "$README" ||
		    { echo "$page is not in the README's table"; return 1; }
	done
	for page in $(grep -o '(man/[a-z-]*\.[157])' "$README" | tr -d '()'); do
		[ -f "$EVB_TOP/$page" ] || missing="$missing $page"
	done
	# evdlq(1) and evschema(1) are announced before they are written.
	case $missing in
	"") ;;
	*)	for page in $missing; do
			case $page in
			man/evdlq.1|man/evschema.1) ;;
			*) echo "README names a missing page: $page"; return 1 ;;
			esac
		done
		skip "not written yet:$missing" ;;
	esac
}

@test "README: every option it shows exists in the --help of its command" {
	local cmd opt

	# The command lines of the code blocks, and the inline code spans.
	{
		awk '/^```console$/ { on = 1; next } /^```$/ { on = 0 }
		    on && /^\$ / { print substr($0, 3) }' "$README"
		readme_sh
		grep -o '`[^`]*`' "$README" | tr -d '`'
	} >code
	for cmd in evput evmatch evfan evdlq; do
		for opt in $(grep -o "\\b$cmd\\( [^|;\$]*\\)\\?" code |
		    grep -o -- ' --\?[A-Za-z][A-Za-z-]*' | sort -u); do
			"$cmd" --help | grep -q -e "^ *$opt[ ,]" -e "^ *-[A-Za-z], $opt\\( \\|\$\\)" ||
			    { echo "$cmd $opt is not in $cmd --help"; return 1; }
		done
	done
}
