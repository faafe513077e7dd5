# Settings shared by start.sh and stop.sh; each can be overridden from the environment.
# Sourced, not run.
REAL_WILDDUCK_HOME="${REAL_WILDDUCK_HOME:-/tmp/real-wildduck}"   # outside git on purpose
REAL_WILDDUCK_VERSION="${REAL_WILDDUCK_VERSION:-1.46.1}"
REAL_WILDDUCK_HOST="${REAL_WILDDUCK_HOST:-127.0.0.1}"
REAL_WILDDUCK_PORT="${REAL_WILDDUCK_PORT:-8090}"                 # the mock keeps 8080
REAL_WILDDUCK_TOKEN="${REAL_WILDDUCK_TOKEN:-real-wildduck-conformance-token}"
REAL_WILDDUCK_MONGO_PORT="${REAL_WILDDUCK_MONGO_PORT:-27117}"
REAL_WILDDUCK_REDIS_PORT="${REAL_WILDDUCK_REDIS_PORT:-16379}"
RUN_DIR="$REAL_WILDDUCK_HOME/run"
