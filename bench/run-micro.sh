#!/usr/bin/env bash
# Hot-path micro benchmarks (BenchmarkDotNet, in-process short job: a few minutes) and the 1,000,000-mention trends scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/SocialBot.Benchmarks -c Release -nologo -v quiet
dll=artifacts/bin/SocialBot.Benchmarks/release/SocialBot.Benchmarks.dll
dotnet "$dll" --filter '*' --job short --inProcess --artifacts artifacts/benchmarks --exporters github "$@"
dotnet "$dll" trends-scenario 1000000
