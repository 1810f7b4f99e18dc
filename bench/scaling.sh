#!/usr/bin/env bash
# Long documents for docs/BENCHMARKS.md ("Long documents: memory and speed by size"): resolves one synthetic article
# of each size with `./referent resolve` in its own JVM, heap capped with -Xmx1500m (HEAP), and prints words/s,
# peak heap and peak RSS; then shows that an article over the limit (Resolver.MAX_CHARS) is refused with a clear
# error.
#
# The articles are news articles concatenated, in order and cycled, up to the size (then cut at a paragraph or
# space): the 24 GUM news documents rebuilt by bench/news-corpus.py from ../shared/data when present, else the
# bundled examples/*.txt. Words are whitespace-separated words of the input (wc -w). Seconds are the resolve
# command's wall time minus that of a one-sentence article in the same run (JVM start, model load), so words/s is
# the cost per word of the document itself; CPU seconds the same for user + system CPU time, which another job on
# a shared machine disturbs much less than wall time. Peak heap is the most heap in use before any collection or at exit,
# from the JVM's GC log (garbage not yet collected included, so it grows with -Xmx); the most heap in use after a
# collection (same log) is the working set. Peak RSS (heap and ONNX Runtime's native memory) from /usr/bin/time.
#
# Usage: bench/scaling.sh [SIZE_BYTES ...]      (default: 10000 100000 1000000, then 5000000 over the limit)
#        REFERENT_DATA=DIR bench/scaling.sh     (another data directory)
#        HEAP=768m bench/scaling.sh 1000000     (another heap cap: a run that completes shows the working set fits)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
if [[ ${#sizes[@]} -eq 0 ]]; then
  sizes=(10000 100000 1000000)
  over=5000000
else
  over=""
fi
work="$root/target/scaling"
mkdir -p "$work"
cd "$root"
./referent --help > /dev/null # builds the jar first when it is stale, so that no run below times a build

data="${REFERENT_DATA:-$root/../shared/data}"
rm -rf "$work/articles"
if python3 bench/news-corpus.py --articles "$work/articles" "$data" > /dev/null 2>&1; then
  source_desc="the 24 GUM news articles of $data"
else
  mkdir -p "$work/articles" && cp examples/*.txt "$work/articles/"
  source_desc="examples/*.txt"
fi

# article SIZE OUT: the articles concatenated (blank line between them), cycled, cut to at most SIZE bytes
article() {
  python3 - "$work/articles" "$1" "$2" <<'EOF'
import glob, os, sys
folder, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [open(p, encoding='utf-8').read().strip() for p in sorted(glob.glob(os.path.join(folder, '*.txt')))]
parts, total, i = [], 0, 0
while total < size:
    t = texts[i % len(texts)] + '\n\n'
    parts.append(t)
    total += len(t.encode('utf-8'))
    i += 1
data = ''.join(parts).encode('utf-8')[:size].decode('utf-8', 'ignore')
cut = max(data.rfind('\n\n'), data.rfind(' ')) if len(data) >= size else len(data)
open(out, 'w', encoding='utf-8').write(data[:cut].rstrip() + '\n')
EOF
}

# run FILE: prints "seconds cpu_seconds rss_mb peak_heap_mb live_heap_mb exit_status" for ./referent resolve FILE (output discarded)
run() {
  local log="$work/gc.log" timing="$work/time.txt" status=0
  rm -f "$log"
  REFERENT_JAVA_OPTS="-Xmx${HEAP:-1500m} -Xlog:gc,gc+heap+exit:file=$log" /usr/bin/time -f '%e %U %S %M' -o "$timing" \
    ./referent resolve "$1" > /dev/null 2> "$work/stderr.txt" || status=$?
  python3 - "$log" "$timing" "$status" <<'EOF'
import re, sys
log, timing, status = sys.argv[1], sys.argv[2], sys.argv[3]
units = {'K': 1 / 1024, 'M': 1, 'G': 1024}
peak, live = 0.0, 0.0
for line in open(log, encoding='utf-8'):
    m = re.search(r'Pause.*?\s(\d+)([KMG])->(\d+)([KMG])\(', line)
    if m:
        peak = max(peak, int(m.group(1)) * units[m.group(2)])
        live = max(live, int(m.group(3)) * units[m.group(4)])
    m = re.search(r'heap\s+total \d+K, used (\d+)K', line)
    if m:
        peak = max(peak, int(m.group(1)) / 1024)
seconds, user, system, rss_kb = open(timing).read().split()[-4:]
print(f'{float(seconds):.2f} {float(user) + float(system):.2f} {int(rss_kb) / 1024:.0f} {peak:.0f} {live:.0f} {status}')
EOF
}

echo "The Referent delegation met in Prague on Thursday." > "$work/one-sentence.txt"
read -r base_s base_cpu base_rss base_heap base_live base_status < <(run "$work/one-sentence.txt")
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), -Xmx${HEAP:-1500m}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "articles from $source_desc; fixed cost (one-sentence article): ${base_s} s (CPU ${base_cpu} s), peak heap ${base_heap} MB, peak RSS ${base_rss} MB"
echo
echo "| article | characters | words | seconds (less fixed cost) | words/s | CPU seconds (less fixed cost) | words per CPU second | peak heap | most heap in use after a collection | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for size in "${sizes[@]}"; do
  file="$work/article-$size.txt"
  article "$size" "$file"
  chars=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$file")
  words=$(wc -w < "$file")
  read -r s cpu rss heap live status < <(run "$file")
  if [[ "$status" != 0 ]]; then
    echo "| $((size / 1000)) KB | $chars | $words | failed (exit $status): $(tail -1 "$work/stderr.txt") | | | | | | | |"
    continue
  fi
  python3 - "$size" "$chars" "$words" "$s" "$base_s" "$cpu" "$base_cpu" "$heap" "$live" "$rss" <<'EOF'
import sys
size, chars, words, s, base, cpu, base_cpu, heap, live, rss = sys.argv[1:]
net = float(s) - float(base)
net_cpu = float(cpu) - float(base_cpu)
kb = int(size) // 1000
label = f'{kb // 1000} MB' if kb >= 1000 else f'{kb} KB'
print(f'| {label} | {int(chars):,} | {int(words):,} | {net:.1f} | {int(words) / net:,.0f} | {net_cpu:.1f} | {int(words) / net_cpu:,.0f} | {float(heap):,.0f} MB | {float(live):,.0f} MB | {float(rss):,.0f} MB |')
EOF
done
if [[ -n "$over" ]]; then
  file="$work/article-$over.txt"
  article "$over" "$file"
  read -r s cpu rss heap live status < <(run "$file")
  echo
  chars=$(python3 -c 'import sys; print(format(len(open(sys.argv[1], encoding="utf-8").read()), ","))' "$file")
  echo "a $((over / 1000000)) MB article ($chars characters): exit $status, $(tail -1 "$work/stderr.txt")"
fi
