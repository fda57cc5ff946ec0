# Filesystem helpers with the names Bitnami's scripts call.
ensure_dir_exists() { mkdir -p "${1:?missing directory}"; }
is_dir_empty() { [[ ! -d "${1:?}" || -z "$(ls -A "$1")" ]]; }
