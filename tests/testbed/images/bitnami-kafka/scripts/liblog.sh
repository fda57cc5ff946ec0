# Logging helpers with the names Bitnami's scripts (and chart init scripts) call.
# shellcheck disable=SC2034
MODULE="${MODULE:-kafka}"
_log() { printf '%s %s %s ==> %s\n' "${MODULE}" "$(date '+%H:%M:%S.%2N')" "$1" "$2" >&2; }
stderr_print() { printf '%b\n' "$*" >&2; }
info() { _log INFO "$*"; }
warn() { _log WARN "$*"; }
error() { _log ERROR "$*"; }
debug() { if [[ "${BITNAMI_DEBUG:-false}" =~ ^(1|yes|true)$ ]]; then _log DEBUG "$*"; fi; }
