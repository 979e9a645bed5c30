#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine, using Debian's docker-compose v1
# (installed on demand). Exits non-zero if the file is invalid.
#
#   1. with docker/.env.example: the file must be valid (`config -q`);
#   2. with no variables at all: it must be REJECTED (proves the secrets are required
#      variables rather than defaults).
set -euo pipefail

cd "$(dirname "$0")/.."

COMPOSE_FILE=docker-compose.yml
ENV_EXAMPLE=docker/.env.example

if ! command -v docker-compose >/dev/null 2>&1; then
    echo "docker-compose not found: installing Debian's docker-compose (v1)" >&2
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    # apt-get update only when the package lists don't know the package yet.
    # (output captured first: with pipefail, `grep -q` closing the pipe early would fail it)
    policy="$(apt-cache policy docker-compose 2>/dev/null || true)"
    if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
        $SUDO apt-get update
    fi
    $SUDO apt-get install -y --no-install-recommends docker-compose
fi

echo "docker-compose: $(docker-compose version --short 2>/dev/null || echo unknown)"

# 1. Valid with the documented variables.
if ! docker-compose -f "$COMPOSE_FILE" --env-file "$ENV_EXAMPLE" config -q; then
    echo "FAIL: $COMPOSE_FILE is not valid with $ENV_EXAMPLE" >&2
    exit 1
fi
echo "OK: $COMPOSE_FILE is valid with $ENV_EXAMPLE"

# 2. Must fail when the required secrets are missing (clean environment, empty env file).
empty_env="$(mktemp)"
trap 'rm -f "$empty_env"' EXIT
if out="$(env -i PATH="$PATH" HOME="${HOME:-/root}" \
        docker-compose -f "$COMPOSE_FILE" --env-file "$empty_env" config -q 2>&1)"; then
    echo "FAIL: $COMPOSE_FILE is accepted without any secrets set (expected required \${VAR:?...} variables)" >&2
    exit 1
fi
if ! grep -q 'Missing mandatory value' <<<"$out"; then
    echo "FAIL: without variables, $COMPOSE_FILE failed for another reason than a missing required variable:" >&2
    echo "$out" >&2
    exit 1
fi
echo "OK: $COMPOSE_FILE is rejected when the required secrets are unset"
