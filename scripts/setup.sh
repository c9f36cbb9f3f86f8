#!/usr/bin/env bash
# First-time setup on Debian/Ubuntu, as root or as an ordinary user: installs the system packages
# the app and its tests need (Chromium for receipt PDFs and browser mode, CJK fonts, socat for the
# reader simulators, poppler-utils, libusb and iproute2 for the tests, PostgreSQL for the center
# store and its tests; a C++ toolchain for the native modules where no prebuilt binary can be downloaded)
# only when they are missing, with sudo only when not root and only when sudo exists, then the
# npm dependencies. Safe to run again. Usage: bash scripts/setup.sh && npm start
set -euo pipefail
cd "$(dirname "$0")/.."

export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
export DEBIAN_FRONTEND=noninteractive
PACKAGES=(chromium fonts-noto-cjk socat poppler-utils libusb-1.0-0 iproute2 postgresql g++ make python3)

say() { printf '%s\n' "$*" >&2; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "Node.js 20 and npm are needed first (https://nodejs.org, or your distribution's nodejs 20 package)."
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  say "Node.js $(node -v) is too old: version 20 or later is needed."
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Please install these packages with your system's package manager: ${missing[*]}"
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    run=()
  elif command -v sudo >/dev/null 2>&1; then
    run=(sudo)
  else
    say "These system packages are missing: ${missing[*]}"
    say "Install them as root (su -c 'apt-get install -y ${missing[*]}') and run this script again."
    exit 1
  fi
  say "Installing ${missing[*]} ..."
  "${run[@]}" apt-get update -qq
  "${run[@]}" apt-get install -y -qq "${missing[@]}"
else
  say "System packages present: ${PACKAGES[*]}"
fi

# Native modules build against the installed Node's own headers when it ships them (Debian and
# NodeSource packages do), instead of downloading headers.
node_prefix="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi

npm ci --no-audit --no-fund
say "Ready: npm start"
