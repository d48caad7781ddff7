#!/usr/bin/env bash
# Load benchmarks against real processes on loopback (not part of CI; a few minutes each on 2 cores):
#
#   bash bench/run-load.sh turns   [slice-seconds=15] [workers=64] [conversations=1000] [tenants=100] [rounds=3]
#       `new post …` turns across 1,000 1:1 conversations to SocialBot and to the botbuilder 4.23.3 reference bot
#       (bench/load/reference), same Redis, same JWTs, same loopback connector, in alternating slices: turns/s,
#       p50/p99 saturated and at the same paced rate, peak RSS, CPU per turn, ratios (about 4 minutes).
#   bash bench/run-load.sh invokes [seconds=30]
#       Approve presses (adaptiveCard/action) on submitted drafts: saturation, then p50/p99 at half of it.
#
# Needs redis-server, node and npm on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-turns}"
shift || true
dotnet build bench/load/SocialBot.LoadHost -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/load/SocialBot.Load -c Release -nologo -v quiet -clp:ErrorsOnly
if [ "$scenario" = "turns" ]; then
  # --ignore-scripts: botbuilder-dialogs' postinstall only prunes a duplicate recognizers package with `npx rimraf`.
  [ -d bench/load/reference/node_modules/botbuilder ] || npm ci --prefix bench/load/reference --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(dotnet --version) SDK, node $(node --version), $(redis-server --version | awk '{print $3}')"
exec dotnet artifacts/bin/SocialBot.Load/release/SocialBot.Load.dll "$scenario" "$@"
