#!/usr/bin/env bash
# Server benchmarks for docs/BENCHMARKS.md; all traffic goes to 127.0.0.1 only and every run stops by itself.
#
#   bench/server-load.sh [SECONDS] [ARTICLE...]
#       throughput: starts `referent serve` on a free port, runs the load generator with 1, 4 and 16 concurrent
#       clients posting news articles to /v1/resolve (SECONDS each, default 20, after a warm-up), then prints the
#       service's peak RSS.
#   bench/server-load.sh --stall [SECONDS] [ARTICLE...]
#       load and fault test: `referent serve --workers 2 --queue 16 --read-timeout 40 --idle-timeout 40`, 200
#       connections that send headers and part of a body and go silent, and with them 100 clients posting articles
#       for SECONDS (default 30; keep it under the 40 s read timeout) while /healthz is probed every 200 ms; then it
#       waits (at most 55 s) for the service to drop the stalled connections and checks that it has recovered. Exit
#       status 1 when a criterion fails (see StallLoadGenerator).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=throughput
if [[ "${1:-}" == "--stall" ]]; then
  mode=stall
  shift
fi
seconds="${1:-$([[ $mode == stall ]] && echo 30 || echo 20)}"
shift || true
articles=("$@")
if [[ ${#articles[@]} -eq 0 ]]; then
  articles=("$root/examples/new-start-treaty.txt")
fi
cd "$root"
# the CLI jar (./referent builds it when stale) and the load generators' classpath, built in the reactor: nothing is
# installed into ~/.m2
./referent --version >/dev/null
mvn -q -B -pl referent-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/referent-server/target/server-test.cp" >&2
cp="referent-server/target/test-classes:referent-server/target/classes:referent-core/target/classes:$(cat referent-server/target/server-test.cp)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp /tmp/referent-serve-bench.XXXXXX.log)
serve_args=(--host 127.0.0.1 --port "$port")
if [[ $mode == stall ]]; then
  serve_args+=(--workers 2 --queue 16 --read-timeout 40 --idle-timeout 40)
fi
./referent serve "${serve_args[@]}" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
java_pid=$(pgrep -P $pid java || echo $pid)
if [[ $mode == stall ]]; then
  status=0
  java -Xmx1g -cp "$cp" dev.referent.server.StallLoadGenerator "$port" "$seconds" 100 200 55 "${articles[@]}" || status=$?
  echo "access log: $(grep -c ' dev.referent.server.access - ' "$log") lines in $log"
else
  for clients in 1 4 16; do
    java -cp "$cp" dev.referent.server.LoadGenerator "http://127.0.0.1:$port/v1/resolve" "$seconds" "$clients" "${articles[@]}"
  done
  status=0
fi
echo "peak RSS of the service: $(grep VmHWM /proc/$java_pid/status | awk '{print $2/1024 " MB"}')"
exit $status
