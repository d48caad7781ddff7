#!/usr/bin/env bash
# Invoke latency under load: 2,000 "Submit for approval" presses, then 2,000 "Approve" presses (half at saturation with
# 8 clients, half paced at half of that rate) against the real bot (Release, its own process) on its own redis-server.
# Usage: bash bench/run-invoke.sh [drafts]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Bot -c Release -nologo -v quiet
dotnet build bench/SocialBot.Benchmarks -c Release -nologo -v quiet
dotnet artifacts/bin/SocialBot.Benchmarks/release/SocialBot.Benchmarks.dll invoke-scenario "${1:-2000}"
