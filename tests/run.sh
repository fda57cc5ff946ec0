#!/usr/bin/env bash
# The project's single test command (README and CI): installs what the testbed needs, builds,
# brings the testbed up, runs the unit tests and then the integration tests one at a time, then
# the testbed's own crash and clean-up checks (tests/testbed/lifecycle-check.sh), which end with
# the testbed purged. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"
source "$here/testbed/lib.sh"

"$here/testbed/prepare.sh"

cargo build --workspace --all-targets
status=0
log "image catalog and manifests: resolve and render unit tests, then every image emulation in a throwaway lab"
"$here/testbed/images/resolve-test.sh" || status=1
"$here/testbed/render-test.sh" || status=1
"$here/testbed/images/verify.sh" || status=1
"$here/testbed/up.sh"
# The admin-client test and the Kafka CLI cross-checks find the cluster through these.
source "$TB/env"
export KAFKA_CLI_CLASSPATH="$KAFKA_LIB/*"

log "unit tests"
cargo test --workspace --lib --bins
log "unit tests of the kubelet streaming server (Go)"
(cd "$here/kubelet-server" && GOTOOLCHAIN="${GOTOOLCHAIN:-local}" go test -count=1 ./...) || status=1

log "integration tests (serially)"
for t in "$repo"/tests/*.rs; do
  name="$(basename "$t" .rs)"
  log "integration test file: $name"
  cargo test -p kubectl-kafka --test "$name" -- --test-threads=1 || status=1
done
log "krew: validate-krew-manifest and kubectl krew install of a release archive"
"$here/krew/check.sh" || status=1
log "testbed lifecycle: agent crash, half-finished up.sh, down.sh --purge leaves nothing"
"$here/testbed/lifecycle-check.sh" || status=1

if ((status)); then
  log "integration tests FAILED"
else
  log "all tests passed"
fi
exit "$status"
