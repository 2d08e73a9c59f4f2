#!/usr/bin/env bash
# The address each kind of repository deploys to (scripts/pages-address, run
# by .github/workflows/pages.yml): a project site under its name as GitHub
# spells it, a user site at the root, a custom domain as given, and a base
# that could not work refused.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0
expect() { # description, expected output, arguments...
  local what="$1" want="$2"
  shift 2
  local got
  got="$(scripts/pages-address "$@" 2>/dev/null | paste -sd ' ')"
  if [ "$got" = "$want" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $what: got '$got', want '$want'" >&2
  fi
}
refused() { # description, arguments...
  local what="$1"
  shift
  if scripts/pages-address "$@" >/dev/null 2>&1; then
    failed=$((failed + 1))
    echo "FAIL $what: accepted" >&2
  else
    passed=$((passed + 1))
  fi
}

expect "a project site" "base=/attune/ site_url=https://octo.github.io" octo attune
expect "a mixed-case name keeps its case" "base=/Attune/ site_url=https://octo.github.io" Octo Attune
expect "a user site" "base=/ site_url=https://octo.github.io" octo octo.github.io
expect "a user site in another case" "base=/ site_url=https://octocat.github.io" OctoCat octocat.GitHub.io
expect "another owner's user-site name is a project" "base=/other.github.io/ site_url=https://octo.github.io" octo other.github.io
expect "empty settings are no settings" "base=/attune/ site_url=https://octo.github.io" octo attune "" ""
expect "a custom domain" "base=/ site_url=https://course.example.org" octo attune / https://course.example.org
refused "no repository" octo
refused "a base without its slashes" octo attune attune
refused "a site URL with a path" octo attune / https://example.org/attune

echo "pages-address: $passed passed, $failed failed"
[ "$failed" = 0 ]
