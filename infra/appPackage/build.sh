#!/usr/bin/env bash
# Build the Teams app package: artifacts/appPackage/SocialBot.zip (manifest.json + icons).
#
#   infra/appPackage/build.sh [APP_ID]
#
# APP_ID is the bot's Entra app id (defaults to $MicrosoftAppId). It becomes bots[0].botId and
# composeExtensions[0].botId; the Teams app id ("id") is $TEAMS_APP_ID if set, else the same GUID.
# $APP_VERSION (semver) overrides the manifest version; $APP_PACKAGE_OUT overrides the output folder.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
app_id="${1:-${MicrosoftAppId:-}}"
teams_app_id="${TEAMS_APP_ID:-$app_id}"
guid='^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'

if [[ ! "$app_id" =~ $guid ]]; then
  echo "usage: $0 <bot app id GUID>   (or set MicrosoftAppId); got '${app_id}'" >&2
  exit 2
fi
if [[ ! "$teams_app_id" =~ $guid ]]; then
  echo "TEAMS_APP_ID must be a GUID; got '${teams_app_id}'" >&2
  exit 2
fi

out="${APP_PACKAGE_OUT:-$repo/artifacts/appPackage}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

python3 - "$here/manifest.json" "$work/manifest.json" "$app_id" "$teams_app_id" "${APP_VERSION:-}" <<'PY'
import json, sys
src, dst, app_id, teams_app_id, version = sys.argv[1:6]
with open(src, encoding="utf-8") as f:
    manifest = json.load(f)
manifest["id"] = teams_app_id
for bot in manifest.get("bots", []):
    bot["botId"] = app_id
for extension in manifest.get("composeExtensions", []):
    extension["botId"] = app_id
if version:
    manifest["version"] = version
with open(dst, "w", encoding="utf-8") as f:
    json.dump(manifest, f, ensure_ascii=False, indent=2)
    f.write("\n")
PY
cp "$here/color.png" "$here/outline.png" "$work/"

package="$out/SocialBot.zip"
rm -f "$package"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$package" manifest.json color.png outline.png)
else
  python3 - "$work" "$package" <<'PY'
import os, sys, zipfile
work, package = sys.argv[1:3]
with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(work, name), name)
PY
fi
echo "$package"
