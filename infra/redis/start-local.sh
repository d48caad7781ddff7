#!/usr/bin/env bash
# Starts a local redis-server for SocialBot on 127.0.0.1:6380 with data in .redis-data/ at the repo root.
# Does nothing if it already answers. Then: ConnectionStrings__Redis=127.0.0.1:6380
set -euo pipefail

port=6380
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../.." && pwd)"
data_dir="${repo_root}/.redis-data"

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server is not installed. Install it with: sudo apt-get install redis-server" >&2
  exit 1
fi

answers_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "${port}" ping 2>/dev/null)" = "PONG" ]
  else
    # bash /dev/tcp fallback when redis-cli is missing
    exec 3<>"/dev/tcp/127.0.0.1/${port}" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    local reply
    read -r -t 2 reply <&3 || true
    exec 3>&-
    [ "${reply%$'\r'}" = "+PONG" ]
  fi
}

if answers_ping; then
  echo "Redis is already running on 127.0.0.1:${port}."
  exit 0
fi

mkdir -p "${data_dir}"
redis-server "${script_dir}/redis.conf" --dir "${data_dir}" --daemonize yes --logfile "${data_dir}/redis.log" --pidfile "${data_dir}/redis.pid"

for _ in $(seq 1 50); do
  if answers_ping; then
    echo "Redis is running on 127.0.0.1:${port} (data in ${data_dir}). Stop it with: redis-cli -p ${port} shutdown"
    exit 0
  fi
  sleep 0.1
done

echo "Redis did not answer on 127.0.0.1:${port}; see ${data_dir}/redis.log" >&2
exit 1
