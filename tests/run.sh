#!/usr/bin/env bash
# Runs every SocialBot test (unit, integration against real redis-server processes, end-to-end in the
# Agents Playground with headless Chromium) and ends with one line: "tests: N passed, M failed".
# Needs: .NET 10 SDK, Node.js 20+, redis-server and chromium on PATH (Debian: apt-get install redis-server chromium).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

missing=()
for tool in dotnet node npm redis-server; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=("chromium")
if [ ${#missing[@]} -gt 0 ]; then
  echo "Missing: ${missing[*]}. On Debian/Ubuntu: sudo apt-get install -y redis-server chromium (and .NET 10 SDK, Node.js 20)." >&2
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

if [ ! -d tests/e2e/node_modules/@microsoft/m365agentsplayground ] || [ ! -d tests/e2e/node_modules/ajv ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in tests/e2e"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build SocialBot.sln -c Debug --nologo -v quiet -clp:ErrorsOnly || { echo "tests: 0 passed, 1 failed"; exit 1; }
dotnet test SocialBot.sln --no-build --nologo -v quiet \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=3000000
status=$?

# The TRX files hold the real counts; sum them across test assemblies.
read -r passed failed < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is not None:
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
