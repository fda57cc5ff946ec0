#!/usr/bin/env bash
# Regenerate the completion scripts under completions/ from the command tree
# (tests/release_completions.rs fails while they are stale).
set -euo pipefail
cd "$(dirname "$0")/.."
KUBECTL_KAFKA_UPDATE_COMPLETIONS=1 cargo test --quiet --test release_completions committed_completion_scripts_are_fresh
git status --short completions/
