#!/usr/bin/env bash
# Installs code-server (a real VS Code that runs in a browser) where
# scripts/code-server-session.mjs finds it. Idempotent: does nothing when the pinned
# version is already installed and runs. See ../shared/harness.md for why each step is here.
#
# Where: $TOKEN_DOCTOR_CODE_SERVER_DIR, by default ${XDG_CACHE_HOME:-~/.cache}/token-doctor/
# code-server-VERSION (the same default as code-server-session.mjs). Never inside the repo:
# VS Code treats every built-in extension below the folder of the extension under
# development as that extension's own, and then ignores workbench.colorTheme.
#
# Needs, on Debian: libkrb5-dev (kerberos builds from source), ripgrep (/usr/bin/rg),
# a C/C++ toolchain and Node 20 (code-server 4.100.x refuses other majors).
# Downloads only from the npm registry.
set -euo pipefail

VERSION=4.100.3
RG_VERSION=1.15.11                                   # the @vscode/ripgrep that code-server pulls in
RG_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

dir=${TOKEN_DOCTOR_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/token-doctor/code-server-$VERSION}
bin="$dir/node_modules/.bin/code-server"
marker="$dir/.installed-$VERSION"
log="$dir/install.log"

installed_version() {
  # Prints "4.100.3 <commit> with Code 1.100.3", after a log line when it first writes its
  # config file (--config keeps that file here rather than in ~/.config).
  "$bin" --config "$dir/config.yaml" --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1 | tr -d ' '
}

if [ -f "$marker" ] && [ -x "$bin" ] && [ "$(installed_version)" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $dir"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  echo "install-code-server: code-server $VERSION needs Node 20, this is Node $(node --version)" >&2
  exit 1
fi
missing=()
[ -x /usr/bin/rg ] || missing+=(ripgrep)
command -v krb5-config >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
if ((${#missing[@]})); then
  echo "install-code-server: missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall would download rg from GitHub; it takes a cached
# archive from $TMPDIR first. Give it one made from Debian's ripgrep.
tmp=${TMPDIR:-/tmp}
rg_cache="$tmp/vscode-ripgrep-cache-$RG_VERSION"
if [ ! -s "$rg_cache/$RG_ARCHIVE" ]; then
  mkdir -p "$rg_cache"
  stage=$(mktemp -d)
  cp /usr/bin/rg "$stage/rg"
  tar -czf "$rg_cache/$RG_ARCHIVE.part" -C "$stage" rg
  mv "$rg_cache/$RG_ARCHIVE.part" "$rg_cache/$RG_ARCHIVE"
  rm -rf "$stage"
fi

# Start clean: a half-finished install is not worth repairing. Only ever remove a folder
# this script made (it holds our package.json) or an empty one.
if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && ! grep -qs '"token-doctor-code-server"' "$dir/package.json"; then
  echo "install-code-server: refusing to replace $dir: it is not a folder this script made" >&2
  exit 1
fi
rm -rf "$dir"
mkdir -p "$dir"
cat >"$dir/package.json" <<'EOF'
{ "name": "token-doctor-code-server", "private": true, "description": "code-server for the integration tests (not part of the extension)" }
EOF

echo "Installing code-server $VERSION into $dir (a few minutes; log: $log)"
start=$(date +%s)
# - unsafe_perm: code-server's postinstall refuses to run as root without it.
# - yes: node-pty's postinstall runs `npx node-gyp`, which would stop to ask.
# - dangerously_allow_all_scripts: npm 11 skips dependency install scripts not listed in an
#   allowScripts policy. code-server's postinstall runs two more `npm install`s inside its
#   own lib/vscode and lib/vscode/extensions, whose package.json we do not write, and npm
#   refuses an --allow-scripts list (flag or env) in project installs, so a list cannot reach
#   them. This one pinned tool install into a private folder allows them all; nothing else
#   gets this setting. Older npm versions ignore it.
# - ignore_scripts=false: in case a user config turned scripts off; the postinstall must run.
if ! env \
  TMPDIR="$tmp" \
  npm_config_unsafe_perm=true \
  npm_config_yes=true \
  npm_config_dangerously_allow_all_scripts=true \
  npm_config_ignore_scripts=false \
  npm_config_audit=false \
  npm_config_fund=false \
  npm_config_update_notifier=false \
  npm install --prefix "$dir" --no-save --foreground-scripts --loglevel=warn "code-server@$VERSION" \
  >"$log" 2>&1; then
  echo "install-code-server: npm install failed; last lines of $log:" >&2
  tail -n 60 "$log" >&2
  exit 1
fi

# npm can finish with native modules unbuilt (a skipped script is only a warning): check
# that code-server runs and that the native pieces the server loads were built.
version=$(installed_version || true)
unbuilt=()
for m in node-pty @vscode/spdlog native-watchdog kerberos; do
  found=$(find "$dir/node_modules/code-server/lib/vscode/node_modules/$m" -name '*.node' -path '*Release*' -print -quit 2>/dev/null || true)
  [ -n "$found" ] || unbuilt+=("$m")
done
[ -x "$dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || unbuilt+=(@vscode/ripgrep)
if [ "$version" != "$VERSION" ] || ((${#unbuilt[@]})); then
  echo "install-code-server: install finished but is not usable (version '${version}', unbuilt: ${unbuilt[*]:-none}); last lines of $log:" >&2
  tail -n 60 "$log" >&2
  exit 1
fi
touch "$marker"
echo "code-server $version installed in $(($(date +%s) - start)) s"
