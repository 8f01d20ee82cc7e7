#!/usr/bin/env bash
# Proves what one token create costs: Argon2id evaluations and SQL statements, counted (not timed) by
# TokenCreateCostTests against a real PostgreSQL. Target: 1 Argon2id evaluation and 1 INSERT into AccessTokens.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f artifacts/bench/token-create.txt
scripts/test --filter "FullyQualifiedName~TokenCreateCostTests" >artifacts/token-create-test.log 2>&1 || {
  tail -40 artifacts/token-create-test.log >&2; exit 1; }
cat artifacts/bench/token-create.txt
