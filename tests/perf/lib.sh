# Shared by the tests/perf scripts (sourced, not run): the fake OpenAI-protocol server as a child process, and medians.
# Needs $work (a scratch folder) and $repo set by the caller.

server_dll=${server_dll:-$repo/tests/EvalHarness.FakeServer/bin/Release/net10.0/EvalHarness.FakeServer.dll}
server_pid=""
server_url=""
server_in=""
server_out=""
server_count=0
server_requests=0

# start_server DELAY_MS: starts a fresh server; sets server_url (…/v1/) and server_out (its output file).
start_server() {
  server_count=$((server_count + 1))
  server_out=$work/server.$server_count.out   # a file per server: no reading the previous server's "listening" line
  local fifo=$work/server.$server_count.in
  mkfifo "$fifo"
  exec {server_in}<>"$fifo"   # our end keeps the server's stdin open; closing it stops the server
  dotnet "$server_dll" --delay-ms "$1" <"$fifo" >"$server_out" 2>&1 {server_in}>&- &
  server_pid=$!
  for _ in $(seq 1200); do
    if grep -q '^listening ' "$server_out" 2>/dev/null; then break; fi
    sleep 0.05
  done
  server_url=$(sed -n 's/^listening //p' "$server_out")
  [ -n "$server_url" ] || { cat "$server_out" >&2; echo "fake server did not start within 60 s" >&2; exit 2; }
}

# stop_server: stops it (if running) and sets server_requests to the number of requests it answered.
stop_server() {
  [ -n "$server_pid" ] || return 0
  exec {server_in}>&-
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  server_requests=$(sed -n 's/^requests \([0-9]*\).*/\1/p' "$server_out")
}

# median: of the numbers on stdin, one a line (the mean of the middle two for an even count).
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
