# Sourced by the launchers: the testbed's JVM sizing (TESTBED_JVM_OPTS, TESTBED_JVM_MAX_HEAP).
# testbed_jvm_flags FLAGS... prints FLAGS with the testbed's options appended, any GC the flags
# select dropped when TESTBED_JVM_OPTS selects one, and -Xmx/-Xms capped at TESTBED_JVM_MAX_HEAP
# (a -Xmx is added when none is given, as ZooKeeper 3.4 starts without one).

testbed_heap_bytes() { # 512m / 2G / 1024 -> bytes
  local v="${1,,}" n unit
  n="${v%[kmgt]}"; unit="${v:${#n}}"
  [[ "$n" =~ ^[0-9]+$ ]] || { echo 0; return; }
  case "$unit" in
    k) echo $((n * 1024)) ;; m) echo $((n * 1024 * 1024)) ;;
    g) echo $((n * 1024 * 1024 * 1024)) ;; t) echo $((n * 1024 * 1024 * 1024 * 1024)) ;;
    *) echo "$n" ;;
  esac
}

testbed_jvm_flags() {
  local extra="${TESTBED_JVM_OPTS:-}" cap="${TESTBED_JVM_MAX_HEAP:-}" out=() f have_xmx=false cap_b
  local own_gc=false gc_re='^-XX:[+]Use[A-Za-z0-9]*GC$'
  for f in $extra; do [[ "$f" =~ $gc_re ]] && own_gc=true; done
  [[ -n "$cap" ]] && cap_b="$(testbed_heap_bytes "$cap")"
  for f in "$@"; do
    if $own_gc && [[ "$f" =~ $gc_re ]]; then continue; fi
    if [[ -n "$cap" && "$f" =~ ^-Xm[xs](.+)$ ]]; then
      [[ "$f" == -Xmx* ]] && have_xmx=true
      if (($(testbed_heap_bytes "${BASH_REMATCH[1]}") > cap_b)); then f="${f:0:4}$cap"; fi
    fi
    out+=("$f")
  done
  if [[ -n "$cap" ]] && ! $have_xmx; then out+=("-Xmx$cap"); fi
  # shellcheck disable=SC2206
  out+=($extra)
  echo "${out[*]}"
}

# testbed_uses_log4j2 LIBDIR: whether the release logs through log4j2 (Kafka 4.x) rather than
# the log4j 1.x API (2.x: log4j, 3.x: reload4j); decides which logging config file applies.
testbed_uses_log4j2() { compgen -G "$1/log4j-core-*.jar" >/dev/null; }
