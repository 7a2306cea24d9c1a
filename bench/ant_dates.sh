#!/bin/sh
# Date coverage on ANT: with its <TIME> field, and from the article text alone
# (the field ignored), compared with <TIME>.
set -eu
cd "$(dirname "$0")/.."
data=../shared/data/ant/ant-v1.1.trec.gz
if [ ! -r "$data" ]; then
	echo "skipped: no ../shared/data"
	exit 0
fi
out=bench/out
mkdir -p "$out"
./marsad clean "$data" >"$out/ant-field.jsonl"
gzip -dc "$data" | sed 's|<TIME>[^<]*</TIME>|<TIME></TIME>|' | ./marsad clean - >"$out/ant-text.jsonl"
gzip -dc "$data" | python3 -c '
import json, re, sys
times = re.findall(r"<TIME>(.*?)</TIME>", sys.stdin.read(), re.S)
field = [json.loads(l) for l in open("bench/out/ant-field.jsonl")]
text = [json.loads(l) for l in open("bench/out/ant-text.jsonl")]
assert len(times) == len(field) == len(text), (len(times), len(field), len(text))
with_time = [t for t in times if re.search(r"\d", t)]
print("| ANT (%d documents) | dated | agrees with <TIME> (same day) |" % len(times))
print("|---|---:|---:|")
def day(t):
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", t)
    if m: return m.group(0)
    m = re.match(r"(\d\d)/(\d\d)/(\d{4})", t)
    return m and "%s-%s-%s" % (m.group(3), m.group(2), m.group(1))
for name, rows in (("<TIME> field, then the text", field), ("the text alone (field ignored)", text)):
    dated = [(r, t) for r, t in zip(rows, times) if r["published"]]
    agree = sum(1 for r, t in dated if day(t) and r["published"][:10] == day(t))
    print("| %s | %d (%.1f%%) | %d (%.1f%% of dated) |" % (name, len(dated), 100 * len(dated) / len(times), agree, 100 * agree / max(1, len(dated))))
print()
print("%d documents have a <TIME> with digits." % len(with_time))
'
