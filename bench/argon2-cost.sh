#!/usr/bin/env bash
# Argon2id cost at the configured parameters: hash and verify p50/p99 over RUNS runs (default 100), one at a
# time, memory per hash by its parameters and the process's peak RSS. No database or portal needed.
# Usage: bench/argon2-cost.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Argon2Cost -c Release -v quiet -nologo >/dev/null
dotnet bench/Argon2Cost/bin/Release/net10.0/Argon2Cost.dll "${1:-100}"
