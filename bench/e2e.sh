#!/usr/bin/env bash
# The whole path, webhook in -> reply out, side by side with the peers of the shared harness
# (/work/shared/bench: bare Starlette, pywa async and sync) in one run of its run.sh.
#
# What it does, all on 127.0.0.1, stopping only what it started:
#   1. a virtualenv ($VENV) with the harness's requirements and stockbot installed from a
#      snapshot of this checkout's files (tracked and new, not ignored: uncommitted work too);
#   2. a copy of the harness ($HARNESS) in a temporary folder, whose peer_stockbot/ is replaced
#      by this project's maintained copy (bench/peer_stockbot/);
#   3. run.sh there, with the bots and sizes below; the table lands in $OUT/table.md.
#
# Knobs (environment; everything else is run.sh's, see its header):
#   HARNESS  the shared harness (/work/shared/bench)     VENV  (/tmp/stockbot-benchvenv)
#   BOTS     (ceiling-ack ceiling-reply-bg pywa pywa-sync stockbot stockbot-pg)
#            stockbot-pg-worker: PostgreSQL, the web process plus one `stockbot worker`
#   BENCH_PG_DATABASE_URL  scratch PostgreSQL database, schema reset at each start
#                          (postgresql://postgres@127.0.0.1:5432/bench_e2e)
#   GRAPH_PORT BOT_PORT    (18580 18581)   OUT (results folder, default bench/results/<time>)
#   READY_SECONDS          how long a bot may take to start (60; run.sh's own: 10)
# The sizes default to those of the shared README's "Plugging stockbot in" command.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
HARNESS=${HARNESS:-/work/shared/bench}
VENV=${VENV:-/tmp/stockbot-benchvenv}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stockbot-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c "import pywa, aiohttp" 2>/dev/null; then
    echo "== creating $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$HARNESS/requirements.txt"
fi
echo "== stockbot from a snapshot of $ROOT"
mkdir -p "$WORK/src"
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 tar -c 2>/dev/null) |
    tar -x -C "$WORK/src"
"$VENV/bin/pip" install -q "$WORK/src" 2>&1 | grep -v "^WARNING: Location" || true
"$VENV/bin/pip" install -q --force-reinstall --no-deps "$WORK/src" 2>&1 |
    grep -v "^WARNING: Location" || true

cp -r "$HARNESS" "$WORK/harness"
chmod -R u+w "$WORK/harness"
rm -rf "$WORK/harness/peer_stockbot" "$WORK/harness/results"
cp -r "$HERE/peer_stockbot" "$WORK/harness/peer_stockbot"
# run.sh waits 10 s for a bot to answer; stockbot's start (migrations, a store, 1,050 managers:
# about 4 s on a quiet box) takes longer than that on a loaded one: READY_SECONDS (60).
sed -i "s/for _ in \$(seq 100); do/for _ in \$(seq $(( ${READY_SECONDS:-60} * 10 ))); do/" \
    "$WORK/harness/run.sh"

# No PYTHONPYCACHEPREFIX of our own: with a fresh one, every bot start would compile all of its
# imports again (stockbot's take over 10 s on a loaded core, past run.sh's readiness probe); the
# venv keeps the bytecode pip compiled, the harness copy in $WORK is removed at exit.
export PYTHONPATH=$WORK/harness
export VENV GRAPH_PORT=${GRAPH_PORT:-18580} BOT_PORT=${BOT_PORT:-18581}
export BENCH_PG_DATABASE_URL=${BENCH_PG_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/bench_e2e}
export BOTS=${BOTS:-"ceiling-ack ceiling-reply-bg pywa pywa-sync stockbot stockbot-pg"}
export APP_stockbot=${APP_stockbot:-peer_stockbot.app:app}
export APP_stockbot_pg=${APP_stockbot_pg:-peer_stockbot.app_pg:app}
export APP_stockbot_pg_worker=${APP_stockbot_pg_worker:-peer_stockbot.app_pg_worker:app}
export PIN=${PIN:-1} N_BASE=${N_BASE:-1000} N_DUP=${N_DUP:-500} N_LAT=${N_LAT:-1000}
export N_FAIL=${N_FAIL:-500} FAIL_SETTLE=${FAIL_SETTLE:-3}
for bot in stockbot stockbot_pg stockbot_pg_worker; do
    var=FAIL_TIMEOUT_$bot
    export "$var=${!var:-120}"
done
OUT=${OUT:-$HERE/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export OUT
git -C "$ROOT" rev-parse --short HEAD >"$OUT/stockbot-commit.txt"
git -C "$ROOT" status --short >>"$OUT/stockbot-commit.txt"
(cd "$WORK/harness" && bash run.sh)
