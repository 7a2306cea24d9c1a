#!/bin/sh
# The web page in a browser: Debian's chromium, headless, driven by
# playwright-core (tests/browser/page.mjs) against a server this test
# starts on a free loopback port, over the shipped samples and an article
# written here whose text holds <script>, <img onerror> and a javascript:
# link.  Screenshots go to $B/test-output/browser/.
. "$(dirname "$0")/lib.sh"

root="${MARSAD_ROOT:-.}"
B=${B:-build}
out="$root/$B/test-output/browser"
chromium=${CHROMIUM:-/usr/bin/chromium}
pw="$root/$B/npm/node_modules/playwright-core"

# `make test` installs the test packages first; run on its own, this does
[ -x "$chromium" ] && command -v npm >/dev/null 2>&1 || sh "$root/tools/deps.sh" test >&2 || true
if [ ! -x "$chromium" ]; then
	skip "chromium cannot be installed ($chromium missing)"
	finish
	exit
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	skip "node and npm cannot be installed"
	finish
	exit
fi
if [ ! -f "$pw/package.json" ]; then
	if ! npm install --prefix "$root/$B/npm" --no-audit --no-fund --loglevel=error \
		playwright-core@1 >"$T_TMP/npm.log" 2>&1; then
		skip "playwright-core cannot be installed: $(tail -n 1 "$T_TMP/npm.log")"
		finish
		exit
	fi
fi

db="$T_TMP/b.db"
s="$root/samples"
# the untrusted article: markup in the title, the text, the source and the URL
mkdir -p "$T_TMP/in/xss"
cat >"$T_TMP/in/xss/inject.jsonl" <<'JSON'
{"title":"اختبار الحقن <script>alert('title')</script>","date":"2021-08-09","url":"javascript:alert('url')","source":"<img src=x onerror=alert('source')>","text":"خبر اختباري عن مرصدالحقن يحمل نصاً خطراً.\n<script>window.__marsadInjected = 1; alert('script')</script>\nصورة: <img src=x onerror=\"window.__marsadInjected = 2; alert('img')\">\nرابط: <a href=\"javascript:window.__marsadInjected = 3; alert('link')\">اضغط هنا</a>\nوفي الختام سطر عادي عن مرصدالحقن والتحقق من عرض النص كما هو."}
JSON
"$MARSAD" ingest --db "$db" "$s/hidab" "$s/madar" "$s/sahil" "$s/sunbula" "$s/wad" "$s/waha" \
	"$T_TMP/in" >/dev/null 2>&1

pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T_TMP"' EXIT
start_server "$db" --threads 2
if [ -z "$url" ]; then
	not_ok "the server starts" "$(cat "$T_TMP/serve.err")"
	finish
	exit
fi

CHROMIUM="$chromium" node "$root/tests/browser/page.mjs" "$url/" "$out" "$pw" >"$T_TMP/log" 2>&1
rc=$?
cat "$T_TMP/log"
p=$(grep -c '^ok - ' "$T_TMP/log")
f=$(grep -c '^not ok - ' "$T_TMP/log")
T_PASSED=$((T_PASSED + p)) T_FAILED=$((T_FAILED + f))
[ "$rc" != 0 ] && [ "$f" = 0 ] && not_ok "the browser test ended with status $rc"
echo "screenshots: $out"
finish
