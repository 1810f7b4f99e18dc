#!/usr/bin/env bash
# Server benchmark for docs/BENCHMARKS.md: starts `referent serve` on a free port, runs the load generator with
# 1, 4 and 16 concurrent clients posting news articles to /v1/resolve (20 s each after a warm-up), then prints the
# service's peak RSS. Usage: bench/server-load.sh [SECONDS] [ARTICLE...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
shift || true
articles=("$@")
if [[ ${#articles[@]} -eq 0 ]]; then
  articles=("$root/examples/new-start-treaty.txt")
fi
cd "$root"
mvn -q -DskipTests install -pl referent-server -am >&2
mvn -q dependency:build-classpath -pl referent-server -Dmdep.outputFile=target/server-test.cp >&2
mvn -q test-compile -pl referent-server >&2
cp="referent-server/target/test-classes:referent-server/target/classes:$(cat target/server-test.cp 2>/dev/null || cat referent-server/target/server-test.cp)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./referent serve --port "$port" > /tmp/referent-serve-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.5; done
java_pid=$(pgrep -P $pid java || echo $pid)
for clients in 1 4 16; do
  java -cp "$cp" dev.referent.server.LoadGenerator "http://127.0.0.1:$port/v1/resolve" "$seconds" "$clients" "${articles[@]}"
done
echo "peak RSS of the service: $(grep VmHWM /proc/$java_pid/status | awk '{print $2/1024 " MB"}')"
