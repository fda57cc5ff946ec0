# File helpers with the names Bitnami's scripts (and chart init scripts) call.
replace_in_file() { # FILE MATCH_REGEX SUBSTITUTE [POSIX_REGEX=true]
  local file="${1:?missing file}" match="${2:?missing match}" subst="${3:-}" posix="${4:-true}" del=$'\001'
  local expr="s${del}${match}${del}${subst}${del}g"
  if [[ "$posix" == true ]]; then sed -i -E "$expr" "$file"; else sed -i "$expr" "$file"; fi
}
remove_in_file() { # FILE MATCH_REGEX
  sed -i -E "/${2:?missing match}/d" "${1:?missing file}"
}
