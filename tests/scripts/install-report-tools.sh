#!/usr/bin/env bash
# Installs the external tools that the report tests use to prove our outputs are accepted by real consumers:
#   - Allure 3 (npm package `allure`), which must turn allure-results/ into a report;
#   - Chromium, which must render report.html headlessly without a JavaScript error.
# Without these tools the matching tests skip; with them they run. Idempotent: it installs only what is missing.
# Prints the environment variables to export (ALLURE_CLI, CHROMIUM) as `export NAME=value` lines on stdout,
# so CI can do:  eval "$(bash tests/scripts/install-report-tools.sh)"
# Progress and tool noise go to stderr.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools_dir="${REPORT_TOOLS_DIR:-$repo_root/.tools}"   # gitignored
allure_version="3.18.0"

log() { echo "install-report-tools: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt is chatty; keep its output in a log and show it only when it fails.
apt_log="$(mktemp /tmp/install-report-tools-apt.XXXXXX)"
trap 'rm -f "$apt_log"' EXIT
apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        as_root apt-get update >>"$apt_log" 2>&1 || { cat "$apt_log" >&2; exit 1; }
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends "$@" >>"$apt_log" 2>&1 \
        || { cat "$apt_log" >&2; exit 1; }
}

# --- Node and npm (Allure 3 is a Node program) ---
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "installing nodejs and npm with apt"
    apt_install nodejs npm
fi

# --- Allure 3, pinned, into the gitignored tools folder ---
allure_cli="$tools_dir/node_modules/allure/cli.js"
installed_version="$(node -p "require('$tools_dir/node_modules/allure/package.json').version" 2>/dev/null || true)"
if [ "$installed_version" != "$allure_version" ]; then
    log "installing allure@$allure_version into $tools_dir"
    mkdir -p "$tools_dir"
    npm install --no-audit --no-fund --loglevel=error --prefix "$tools_dir" "allure@$allure_version" >&2
fi
[ -f "$allure_cli" ] || { log "allure cli not found at $allure_cli after install"; exit 1; }

# --- Chromium from Debian (no browser download of its own: only registries are reachable) ---
chromium_path="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_path" ]; then
    log "installing chromium with apt"
    apt_install chromium fonts-liberation   # fonts only so that screenshots are legible
    chromium_path="$(command -v chromium || command -v chromium-browser)"
fi

# %q quotes the paths so that eval keeps them whole even with spaces.
printf 'export ALLURE_CLI=%q\n' "$allure_cli"
printf 'export CHROMIUM=%q\n' "$chromium_path"
