#!/usr/bin/env bash
# The mention ingestion scenario: 100,000 generated mentions against 5,000 rules, signed and POSTed in batches of 50 by
# 8 clients to the real bot (Release, its own process) on its own redis-server; reports accept rate and latency and the
# worker's lag. Usage: bash bench/run-ingest.sh [mentions] [rules]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Bot -c Release -nologo -v quiet
dotnet build bench/SocialBot.Benchmarks -c Release -nologo -v quiet
dotnet artifacts/bin/SocialBot.Benchmarks/release/SocialBot.Benchmarks.dll ingest-scenario "${1:-100000}" "${2:-5000}"
