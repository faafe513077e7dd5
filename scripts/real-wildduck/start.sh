#!/usr/bin/env bash
# Start a real WildDuck API server on this machine, for `mock-server conform/compare wildduck`.
#
# Installs on first use (Debian's redis-server, the secantusdb MongoDB-compatible server from
# PyPI into its own venv, the wildduck npm package) under $REAL_WILDDUCK_HOME (default
# /tmp/real-wildduck, outside the git tree), then starts Redis, the database and WildDuck with
# only its HTTP API enabled. Every service listens on 127.0.0.1 only. Data starts empty each
# time (the database directory is wiped), so runs begin from the same state.
#
#   scripts/real-wildduck/start.sh        # prints the URL and token, returns when the API answers
#   scripts/real-wildduck/stop.sh
#
# The API needs the access token (X-Access-Token header, accessToken query or Bearer).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/env.sh"
mkdir -p "$REAL_WILDDUCK_HOME" "$RUN_DIR"
cd "$REAL_WILDDUCK_HOME"

say() { echo "real-wildduck: $*" >&2; }

install_redis() {
    command -v redis-server >/dev/null && return
    say "installing redis-server (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
}

install_database() {
    [ -x venv/bin/secantusd-py ] && return
    say "installing secantusdb (pip, own venv)"
    python3 -m venv venv
    venv/bin/pip install --quiet "secantusdb>=0.7.0b3,<0.8"
}

install_wildduck() {
    [ -f "npm/node_modules/wildduck/server.js" ] && return
    say "installing wildduck@$REAL_WILDDUCK_VERSION (npm)"
    mkdir -p npm
    (cd npm && { [ -f package.json ] || npm init -y >/dev/null; } \
        && npm install --no-audit --no-fund --loglevel=error "wildduck@$REAL_WILDDUCK_VERSION" >/dev/null)
}

already_running() {
    [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null
}

start_in_background() {  # name, command...
    local name="$1"; shift
    if already_running "$name"; then say "$name already running"; return; fi
    nohup "$@" >"$RUN_DIR/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
}

wait_for() {  # what, seconds, command...
    local what="$1" seconds="$2"; shift 2
    for _ in $(seq "$((seconds * 5))"); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    say "$what did not come up; see $RUN_DIR/*.log"
    exit 1
}

write_config() {
    cat >"$RUN_DIR/wildduck.toml" <<TOML
# Only the HTTP API: the mail protocols are not what the contract tests look at.
processes = 1
[log]
level = "warn"
[dbs]
mongo = "mongodb://127.0.0.1:$REAL_WILDDUCK_MONGO_PORT/wildduck"
[dbs.redis]
host = "127.0.0.1"
port = $REAL_WILDDUCK_REDIS_PORT
db = 3
[api]
enabled = true
host = "$REAL_WILDDUCK_HOST"
port = $REAL_WILDDUCK_PORT
accessToken = "$REAL_WILDDUCK_TOKEN"
[imap]
enabled = false
[pop3]
enabled = false
[lmtp]
enabled = false
[acme]
enabled = false
[tasks]
enabled = false
[webhooks]
enabled = false
TOML
}

install_redis
install_database
install_wildduck
write_config

if ! already_running database; then rm -rf "$RUN_DIR/db"; fi
mkdir -p "$RUN_DIR/db"
start_in_background redis redis-server --bind 127.0.0.1 --port "$REAL_WILDDUCK_REDIS_PORT" --save "" --appendonly no
start_in_background database venv/bin/secantusd-py --host 127.0.0.1 --port "$REAL_WILDDUCK_MONGO_PORT" \
    --storage-path "$RUN_DIR/db" --standalone
wait_for redis 30 redis-cli -p "$REAL_WILDDUCK_REDIS_PORT" ping
wait_for database 60 bash -c "exec 3<>/dev/tcp/127.0.0.1/$REAL_WILDDUCK_MONGO_PORT"
start_in_background wildduck bash -c "cd '$REAL_WILDDUCK_HOME/npm/node_modules/wildduck' && exec node server.js --config='$RUN_DIR/wildduck.toml'"
url="http://$REAL_WILDDUCK_HOST:$REAL_WILDDUCK_PORT"
wait_for wildduck 120 curl -fsS -H "X-Access-Token: $REAL_WILDDUCK_TOKEN" "$url/users"
say "up at $url (token in REAL_WILDDUCK_TOKEN)"
echo "export REAL_WILDDUCK_URL=$url REAL_WILDDUCK_TOKEN=$REAL_WILDDUCK_TOKEN"
