#!/usr/bin/env bash
# The digest fan-out scenario: 10,000 subscriptions due in the same minute over 20 tenants, through the real dispatcher,
# rate limiter and connector client to a loopback connector that enforces Teams' per-conversation limits.
# Usage: bash bench/run-digest.sh [subscriptions] [tenants]; SOCIALBOT_BENCH_REDIS=127.0.0.1:6379 uses a real Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/SocialBot.Benchmarks -c Release -nologo -v quiet
dotnet artifacts/bin/SocialBot.Benchmarks/release/SocialBot.Benchmarks.dll digest-scenario "${1:-10000}" "${2:-20}"
