# Process helpers with the names Bitnami's scripts (and chart init scripts) call. The testbed
# runs containers as root and does not switch users (runAsUser is not emulated).
am_i_root() { [[ "$(id -u)" == 0 ]]; }
retry_while() { # "CMD ARGS" [RETRIES=12] [SLEEP=5]
  local cmd="${1:?missing command}" retries="${2:-12}" sleep_time="${3:-5}" i
  local -a command
  read -r -a command <<<"$cmd"
  for ((i = 1; i <= retries; i++)); do
    "${command[@]}" && return 0
    sleep "$sleep_time"
  done
  return 1
}
