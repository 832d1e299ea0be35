#!/usr/bin/env bash
# Validates the release configuration (jreleaser.yml) with JReleaser's own `config` goal, as a
# release of version VERSION (default 0.1.0) would see it, without publishing anything: a
# throwaway clone of this checkout, the release version set in its POMs, placeholder credentials.
# Run from anywhere: distribution/src/release/check-release-config.sh [VERSION]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
version=${1:-0.1.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# a detached checkout (as CI systems make) would print git's detached-HEAD advice here
git -c advice.detachedHead=false clone -q "$root" "$work/drydock"
cd "$work/drydock"
# JReleaser reads the GitHub repository from the remote, as on a real release
git remote set-url origin https://github.com/drydock-dev/drydock.git
current=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
find . -name pom.xml -not -path '*/src/it/*' -exec sed -i "s/$current/$version/g" {} +
export JRELEASER_GITHUB_TOKEN=placeholder JRELEASER_MAVENCENTRAL_USERNAME=placeholder \
  JRELEASER_MAVENCENTRAL_PASSWORD=placeholder JRELEASER_GPG_PUBLIC_KEY=placeholder \
  JRELEASER_GPG_SECRET_KEY=placeholder JRELEASER_GPG_PASSPHRASE=placeholder \
  JRELEASER_SDKMAN_CONSUMER_KEY=placeholder JRELEASER_SDKMAN_CONSUMER_TOKEN=placeholder
cd distribution
if ! "$work/drydock/mvnw" -B -Prelease jreleaser:config >"$work/jreleaser.log" 2>&1; then
  grep -E 'ERROR|must not|\[validation\]' "$work/jreleaser.log" >&2 || tail -n 40 "$work/jreleaser.log" >&2
  echo "release configuration of $version is NOT valid (JReleaser's messages above)" >&2
  exit 1
fi
echo "release configuration of $version is valid (JReleaser $(sed -n 's/.*JReleaser \([0-9.]*\)$/\1/p' "$work/jreleaser.log" | head -n 1))"
