#!/usr/bin/env bash
# The project's single test command (README and CI): installs what the testbed needs, builds,
# brings the testbed up, runs the unit tests and then the integration tests one at a time.
# Exits non-zero on any failure. The testbed stays up afterwards (tests/testbed/down.sh stops it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"
source "$here/testbed/lib.sh"

"$here/testbed/prepare.sh"

cargo build --workspace --all-targets
"$here/testbed/up.sh"
# The admin-client test and the Kafka CLI cross-checks find the cluster through these.
source "$repo/.testbed/env"
export KAFKA_CLI_CLASSPATH="$KAFKA_LIB/*"

log "unit tests"
cargo test --workspace --lib --bins
log "unit tests of the kubelet streaming server (Go)"
(cd "$here/kubelet-server" && GOTOOLCHAIN="${GOTOOLCHAIN:-local}" go test -count=1 ./...)

log "integration tests (serially)"
status=0
for t in "$repo"/tests/*.rs; do
  name="$(basename "$t" .rs)"
  log "integration test file: $name"
  cargo test -p kubectl-kafka --test "$name" -- --test-threads=1 || status=1
done
log "krew: validate-krew-manifest and kubectl krew install of a release archive"
"$here/krew/check.sh" || status=1

if ((status)); then
  log "integration tests FAILED"
else
  log "all tests passed"
fi
exit "$status"
