# Value checks with the names Bitnami's scripts call.
is_boolean_yes() { [[ "${1:-}" =~ ^(1|[Yy]([Ee][Ss])?|[Tt][Rr][Uu][Ee])$ ]]; }
is_empty_value() { [[ -z "${1:-}" ]]; }
is_positive_int() { [[ "${1:-}" =~ ^[0-9]+$ ]]; }
validate_port() { # [-unprivileged] PORT: prints a reason and fails when PORT is unusable
  local unprivileged=false port
  [[ "${1:-}" == -unprivileged ]] && { unprivileged=true; shift; }
  port="${1:-}"
  if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then echo "'$port' is not a valid port"; return 1; fi
  if $unprivileged && ((port < 1024)); then echo "port $port is privileged"; return 1; fi
}
