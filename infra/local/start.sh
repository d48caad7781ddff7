#!/usr/bin/env bash
# Starts SocialBot for local use with the Microsoft 365 Agents Playground (Microsoft's Teams emulator) to talk to it.
#
#   bash infra/local/start.sh            # bot + Redis (if redis-server is installed) + Playground as Ada (author, admin)
#   bash infra/local/start.sh --as bob   # a second Playground as Bob (approver) against the running bot
#
# Ports: BOT_PORT (default 3978), PLAYGROUND_PORT (default 56150, Bob: 56151). Ctrl+C stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

as="ada"
if [ "${1:-}" = "--as" ]; then as="${2:-ada}"; fi
case "$as" in ada|bob) ;; *) echo "Unknown user '$as': use --as ada or --as bob." >&2; exit 2 ;; esac

bot_port="${BOT_PORT:-3978}"
playground_port="${PLAYGROUND_PORT:-$([ "$as" = bob ] && echo 56151 || echo 56150)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required (see README: Prerequisites)." >&2; exit 1; }
done
if [ ! -x tests/e2e/node_modules/.bin/agentsplayground ]; then
  echo "Installing the Agents Playground (npm ci in tests/e2e)…"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

bot_url="http://127.0.0.1:${bot_port}"
if [ "$as" = "ada" ]; then
  if command -v redis-server >/dev/null 2>&1; then
    bash infra/redis/start-local.sh
    export ConnectionStrings__Redis="127.0.0.1:6380"
  else
    echo "redis-server is not installed: using the embedded in-memory store (state is lost when the bot stops)."
  fi

  # Development + AllowUnauthenticated is the only way SocialBot runs without a bot identity; the Playground sends no token.
  export ASPNETCORE_ENVIRONMENT=Development
  export BotFramework__AllowUnauthenticated=true
  export SocialBot__Admins__0="5a1e0000-0000-4000-8000-0000000000a1"           # Ada (the Playground's current user)
  export Approvals__Approvers__0="5a1e0000-0000-4000-8000-0000000000a2"        # Bob
  export Ingestion__Secret="${Ingestion__Secret:-local-dev-secret}"
  export Observability__PrometheusEndpoint=true

  echo "Building and starting SocialBot on ${bot_url} …"
  dotnet build Bot -c Debug --nologo -v quiet -clp:ErrorsOnly
  dotnet run --project Bot --no-build --no-launch-profile --urls "$bot_url" &
  pids+=($!)
  for _ in $(seq 1 60); do
    curl -fsS "${bot_url}/healthz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "${bot_url}/healthz" >/dev/null || { echo "SocialBot did not start; see the output above." >&2; exit 1; }
fi

work="$(mktemp -d)"
cp "infra/local/playground.${as}.yml" "$work/.m365agentsplayground.yml"
(
  cd "$work"
  TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_LOGFILE="$work/playground.log" \
    "$root/tests/e2e/node_modules/.bin/agentsplayground" start \
      -p "$playground_port" -e "${bot_url}/api/messages" -c msteams --disable-telemetry
) &
pids+=($!)

echo
echo "  SocialBot:          ${bot_url}  (health: ${bot_url}/healthz, metrics: ${bot_url}/metrics)"
echo "  Agents Playground:  http://localhost:${playground_port}   ← open this in your browser (you are $( [ "$as" = bob ] && echo 'Bob, an approver' || echo 'Ada, an admin'))"
[ "$as" = "ada" ] && echo "  Act as Bob too:     bash infra/local/start.sh --as bob   (in another terminal)"
echo "  Stop:               Ctrl+C"
echo
wait
