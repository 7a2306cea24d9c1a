#!/bin/sh
# The marsad command as users and scripts call it: help, version, usage
# errors and their exit status, normalize and tokens on stdin.
. "$(dirname "$0")/lib.sh"

expect_status "--version exits 0" 0 "$MARSAD" --version
expect_match "--version prints the version" '^marsad [0-9]+\.[0-9]+\.[0-9]+$' "$T_TMP/out"
expect_status "help exits 0" 0 "$MARSAD" help
expect_match "help lists normalize" '^  normalize ' "$T_TMP/out"
expect_match "help lists tokens" '^  tokens ' "$T_TMP/out"
expect_status "help COMMAND exits 0" 0 "$MARSAD" help tokens
expect_match "help COMMAND shows its usage" '^usage: marsad tokens' "$T_TMP/out"
expect_status "COMMAND --help exits 0" 0 "$MARSAD" normalize --help
expect_match "COMMAND --help shows its usage" '^usage: marsad normalize' "$T_TMP/out"
expect_status "no command is a usage error" 2 "$MARSAD"
expect_status "unknown command exits 2" 2 "$MARSAD" frobnicate
expect_match "unknown command is named" "unknown command 'frobnicate'" "$T_TMP/err"
expect_match "unknown command shows the commands" '^Commands:' "$T_TMP/err"
expect_status "help of an unknown command exits 2" 2 "$MARSAD" help frobnicate
expect_status "unknown option exits 2" 2 "$MARSAD" tokens --bogus
expect_match "unknown option shows usage" '^usage: marsad tokens' "$T_TMP/err"
expect_status "bad --for value exits 2" 2 "$MARSAD" normalize --for nothing
expect_match "bad --for value is explained" "--for takes 'search' or 'display'" "$T_TMP/err"
expect_status "stray argument exits 2" 2 "$MARSAD" normalize file.txt

# normalize: one output line per input line, in both forms
printf 'تعهّدٌ روسيٌّ بكتـــاب\n«سورية» وووفقاً\n\nﺍﻟﻜﺘﺎﺏ ١٣-٠٦-٢٠١٨' >"$T_TMP/in"
"$MARSAD" normalize <"$T_TMP/in" >"$T_TMP/out"
expect_eq "normalize --for search (default)" \
	"$(printf 'تعهد روسي بكتاب\nسوريه ووفقا\n\nالكتاب 13-06-2018')" "$(cat "$T_TMP/out")"
expect_eq "normalize keeps a missing last newline missing" "0" \
	"$(tail -c 1 "$T_TMP/out" | od -An -c | grep -c '\\n')"
"$MARSAD" normalize --for display <"$T_TMP/in" >"$T_TMP/out"
expect_eq "normalize --for display keeps the spelling" \
	"$(printf 'تعهّدٌ روسيٌّ بكتـــاب\n«سورية» وووفقاً\n\nﺍﻟﻜﺘﺎﺏ ١٣-٠٦-٢٠١٨' | "$MARSAD" normalize --for display)" \
	"$(cat "$T_TMP/out")"
expect_eq "display drops ZWNJ only" "كتاب كتـاب" \
	"$(printf 'ك\342\200\214تاب كتـاب\n' | "$MARSAD" normalize --for display)"

# invalid UTF-8: replaced, reported with its offset, status 1, output kept
printf 'سلام \377 عليكم\n' >"$T_TMP/bad"
expect_status "invalid UTF-8 exits 1" 1 sh -c '"$0" normalize <"$1"' "$MARSAD" "$T_TMP/bad"
"$MARSAD" normalize <"$T_TMP/bad" >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "invalid UTF-8: the rest is processed" "سلام عليكم" "$(cat "$T_TMP/out")"
expect_match "invalid UTF-8: offset reported" '^marsad: <stdin>:@9: 1 invalid UTF-8 sequence replaced by U\+FFFD$' "$T_TMP/err"

# tokens: token, stem, offsets (into the whole input), stop flag
printf 'في الكتاب\nوالمسئول' | "$MARSAD" tokens >"$T_TMP/out"
expect_eq "tokens output" "$(printf 'في\tفي\t0\t4\tstop\nالكتاب\tكتاب\t5\t17\nوالمسءول\tمسءول\t18\t34')" \
	"$(cat "$T_TMP/out")"
# offsets slice the input back to the token as written
start=$(sed -n 2p "$T_TMP/out" | cut -f3); end=$(sed -n 2p "$T_TMP/out" | cut -f4)
expect_eq "token offsets slice the original" "الكتاب" \
	"$(printf 'في الكتاب\nوالمسئول' | tail -c +$((start + 1)) | head -c $((end - start)))"
printf 'الـCIA ٢٠١٨' | "$MARSAD" tokens --json >"$T_TMP/out"
expect_match "tokens --json" '^\{"token":"cia","stem":"cia","start":6,"end":9,"kind":"alpha","stop":false\}$' "$T_TMP/out"
expect_match "tokens --json numbers" '"token":"2018".*"kind":"number"' "$T_TMP/out"

# a line longer than the 1 MiB piece size is read in pieces, no token lost
python3 -c 'import sys; sys.stdout.write("كلمة " * 400000 + "نهاية\n")' >"$T_TMP/long" 2>/dev/null ||
	awk 'BEGIN { for (i = 0; i < 400000; i++) printf "كلمة "; print "نهاية" }' >"$T_TMP/long"
expect_eq "a 4 MB line keeps every token" "400001" "$("$MARSAD" tokens <"$T_TMP/long" | wc -l | tr -d ' ')"
expect_eq "a 4 MB line is one output line" "1" "$("$MARSAD" normalize <"$T_TMP/long" | wc -l | tr -d ' ')"
expect_eq "a 4 MB line keeps every word" "400001" "$("$MARSAD" normalize <"$T_TMP/long" | wc -w | tr -d ' ')"

finish
