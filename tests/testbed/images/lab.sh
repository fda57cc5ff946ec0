# A throwaway lab for proving image emulations without the testbed's runtime (sourced by
# verify.sh). The caller runs inside its own network + mount namespaces (lab_enter), so every
# address, bridge and forwarder below vanishes with it. Pods get a network namespace each on a
# bridge, 127.x addresses (the design's recipe: route_localnet, a more specific route for the pod
# range in the local table), one shared hosts file, and containers started by container-run.
#   LAB_NET     first three octets of the pod range (default 127.0.150, slot 5's range)
#   LAB_DIR     work directory (state, logs, hosts); removed by lab_cleanup unless LAB_KEEP=1

LAB_NET="${LAB_NET:-127.0.150}"
LAB_BRIDGE="kklab"
LAB_GW="$LAB_NET.254"
LAB_NODE_IP="$LAB_NET.201"          # a node address: where NodePort / load-balancer stand-ins listen
declare -A POD_HOLDER=() POD_IP=() CONTAINER_PID=()
LAB_PIDS=()                           # every process group started, for cleanup
LAB_NEXT_IP=10                        # pod addresses are not reused within a run either
LAB_VETH_SEQ=0

lab_log() { echo "[lab $(date -u +%T)] $*" >&2; }

# lab_enter "$@": re-executes the calling script in new network and mount namespaces.
lab_enter() {
  if [[ -z "${LAB_INSIDE:-}" ]]; then
    export LAB_INSIDE=1
    exec unshare --net --mount --propagation private -- "$0" "$@"
  fi
}

lab_init() {
  mkdir -p "$LAB_DIR"/{state,logs,files}
  : >"$LAB_DIR/hosts"
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' >>"$LAB_DIR/hosts"
  ip link set lo up
  ip link add "$LAB_BRIDGE" type bridge
  ip addr add "$LAB_GW/24" dev "$LAB_BRIDGE"
  ip addr add "$LAB_NODE_IP/32" dev "$LAB_BRIDGE"
  ip link set "$LAB_BRIDGE" up
  sysctl -qw net.ipv4.conf.all.route_localnet=1 "net.ipv4.conf.$LAB_BRIDGE.route_localnet=1"
  ip route add "$LAB_NET.0/24" dev "$LAB_BRIDGE" src "$LAB_GW" table local
}

# lab_pod NAME [DNS NAMES...]: a pod network namespace with the next address; its names go to
# the hosts file (FQDN first, as a kubelet writes it, so `hostname -f` works).
lab_pod() {
  local name="$1"; shift
  local ip="$LAB_NET.$LAB_NEXT_IP"
  ((LAB_NEXT_IP < 200)) || { lab_log "pod $name: the lab's addresses are used up"; return 1; }
  LAB_NEXT_IP=$((LAB_NEXT_IP + 1))
  setsid unshare --net -- sleep infinity &
  local holder=$!
  LAB_PIDS+=("$holder")
  local tries=0
  until [[ "$(readlink "/proc/$holder/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ]]; do
    sleep 0.05; tries=$((tries + 1)); ((tries < 100)) || { lab_log "pod $name: no network namespace"; return 1; }
  done
  # Host-side names are never reused in a run: a dead pod's veth goes away asynchronously.
  LAB_VETH_SEQ=$((LAB_VETH_SEQ + 1))
  local veth="vlab${LAB_VETH_SEQ}"
  ip link add "$veth" type veth peer name eth0 netns "$holder" &&
    ip link set "$veth" master "$LAB_BRIDGE" up &&
    sysctl -qw "net.ipv4.conf.$veth.route_localnet=1" || { lab_log "pod $name: veth $veth not set up"; return 1; }
  nsenter -t "$holder" -n sh -ec "
    sysctl -qw net.ipv4.conf.all.route_localnet=1 net.ipv4.conf.eth0.route_localnet=1
    ip link set lo up
    ip route del local 127.0.0.0/8 dev lo table local
    ip route replace local 127.0.0.1 dev lo table local
    ip addr add $ip/24 dev eth0
    ip link set eth0 up
    ip route add 127.0.0.0/8 via $LAB_GW dev eth0" || { lab_log "pod $name: network namespace not set up"; return 1; }
  POD_HOLDER[$name]="$holder"
  POD_IP[$name]="$ip"
  echo "$ip $* $name" >>"$LAB_DIR/hosts"
}

# lab_alias IP NAMES...: extra hosts-file names (Service names of the seeds, for example).
lab_alias() { local ip="$1"; shift; echo "$ip $*" >>"$LAB_DIR/hosts"; }

# lab_run POD CONTAINER IMAGE [container-run options...]: starts a container in POD's network
# namespace, its output in $LAB_DIR/logs/POD.CONTAINER.log. Returns at once.
lab_run() {
  local pod="$1" ctr="$2" image="$3"; shift 3
  local holder="${POD_HOLDER[$pod]:?unknown pod $pod}"
  setsid nsenter -t "$holder" -n -- "$IMAGES_DIR/container-run" --state "$LAB_DIR/state/$pod.$ctr" \
    --hostname "$pod" --hosts "$LAB_DIR/hosts" "$@" "$image" >"$LAB_DIR/logs/$pod.$ctr.log" 2>&1 </dev/null &
  CONTAINER_PID["$pod.$ctr"]=$!
  LAB_PIDS+=("$!")
}

# lab_run_to_end POD CONTAINER IMAGE [options...]: runs a container to completion (an init
# container); fails with its log when it fails.
lab_run_to_end() {
  local pod="$1" ctr="$2" image="$3"; shift 3
  lab_run "$pod" "$ctr" "$image" "$@"
  if ! wait "${CONTAINER_PID[$pod.$ctr]}"; then
    lab_log "$pod/$ctr failed:"; tail -n 30 "$LAB_DIR/logs/$pod.$ctr.log" >&2; return 1
  fi
}

# lab_exec POD CONTAINER CMD...: runs CMD inside the running container (its namespaces, root
# and environment), like kubectl exec.
lab_exec() {
  local pid="${CONTAINER_PID[$1.$2]:?unknown container $1/$2}"
  local env=()
  mapfile -d '' env <"$LAB_DIR/state/$1.$2/env"
  shift 2
  nsenter -t "$pid" -n -m -u -- env -i "${env[@]}" "$@"
}

# lab_wait_tcp POD PORT TIMEOUT_S [CONTAINER]: until POD accepts TCP connections on PORT
# (gives up early when CONTAINER's process exits).
lab_wait_tcp() {
  local ip="${POD_IP[$1]}" port="$2" deadline=$((SECONDS + $3)) ctr="${4:-}"
  until timeout 2 bash -c "exec 3<>/dev/tcp/$ip/$port" 2>/dev/null; do
    if ((SECONDS >= deadline)); then lab_log "$1 not listening on $port after $3s"; return 1; fi
    if [[ -n "$ctr" ]] && ! lab_alive "$1" "$ctr"; then lab_log "$1/$ctr exited"; return 1; fi
    sleep 1
  done
}

# lab_alive POD CONTAINER: the container's main process still runs.
lab_alive() { kill -0 "${CONTAINER_PID[$1.$2]}" 2>/dev/null; }

# lab_forward LISTEN_IP:PORT TARGET_IP:PORT: a NodePort / load-balancer stand-in.
lab_forward() {
  setsid socat "TCP-LISTEN:${1##*:},bind=${1%:*},fork,reuseaddr" "TCP:$2" </dev/null >/dev/null 2>&1 &
  LAB_PIDS+=("$!")
}

# lab_stop POD CONTAINER: SIGTERM to the container (its process group), SIGKILL after 30 s.
lab_stop() {
  local pid="${CONTAINER_PID[$1.$2]:-}"
  [[ -n "$pid" ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

lab_cleanup() {
  local p
  for p in "${LAB_PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  local deadline=$((SECONDS + 30))
  for p in "${LAB_PIDS[@]}"; do
    while kill -0 "$p" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL -- "-$p" 2>/dev/null || true
  done
  LAB_PIDS=()
  POD_HOLDER=() POD_IP=() CONTAINER_PID=()
}

# --- pods from manifests ---------------------------------------------------------------------------
# lab_manifest_pod FILE WORKLOAD ORDINAL NAMESPACE [--zone Z] [--node-ip IP] [--secret NAME=DIR]...
#                  [--pod-name NAME] [--set-env NAME=VALUE]...
# Runs one pod of WORKLOAD (a StatefulSet or Deployment in FILE) the way a kubelet would from its
# pod template: pod name (StatefulSet NAME-ORDINAL), hostname/subdomain and DNS names, volumes
# (volumeClaimTemplates and PVCs as lab directories kept per pod, emptyDir, configMap from FILE,
# secret from --secret directories or FILE), env with fieldRef / configMapKeyRef / secretKeyRef and
# $(VAR) expansion, command/args, volumeMounts with subPath and readOnly; init containers run to
# completion first, in order; the pod's containers are then started. Needs kubectl (offline
# `label --local` turns the YAML into JSON) and jq. Sets LAB_POD to the pod name.
LAB_KUBECTL="${LAB_KUBECTL:-${KAFKA_TESTBED_CACHE:-$HOME/.cache/kubectl-kafka-testbed}/k8s-${K8S_VERSION:-v1.36.3}/bin/kubectl}"
declare -A LAB_SECRET_DIRS=()

lab_manifest_json() { # FILE: every object of FILE as one JSON array
  KUBECONFIG=/dev/null "$LAB_KUBECTL" label --local -f "$1" lab.testbed/parsed=1 -o json 2>/dev/null | jq -s .
}

# kubelet-style $(VAR) expansion against the NAME=VALUE lines in $1 ($$ is a literal $).
lab_expand() {
  local s="$2" out="" name val
  while [[ "$s" == *'$'* ]]; do
    out+="${s%%\$*}"; s="${s#*\$}"
    if [[ "$s" == '$'* ]]; then out+='$'; s="${s#\$}"; continue; fi
    if [[ "$s" =~ ^\(([A-Za-z_][A-Za-z0-9_.-]*)\)(.*)$ ]]; then
      name="${BASH_REMATCH[1]}"
      if val="$(grep -m1 -- "^$name=" <<<"$1")"; then
        out+="${val#*=}"; s="${BASH_REMATCH[2]}"; continue
      fi
    fi
    out+='$'
  done
  printf '%s' "$out$s"
}

# lab_secret_dir ALL_JSON NAME: a directory with Secret NAME's keys as files: the one given with
# --secret, else the Secret object of the manifest (stringData, data).
lab_secret_dir() {
  [[ -n "${LAB_SECRET_DIRS[$2]:-}" ]] && return 0
  local obj dir key
  obj="$(jq -c --arg n "$2" '[.[] | select(.kind=="Secret" and .metadata.name==$n)][0]' <<<"$1")"
  [[ "$obj" != null ]] || { lab_log "secret $2: not in the manifest, give --secret $2=DIR"; return 1; }
  dir="$LAB_DIR/secrets/$2"
  mkdir -p "$dir"
  while IFS= read -r key; do
    jq -j --arg k "$key" '.stringData[$k]' <<<"$obj" >"$dir/$key"
  done < <(jq -r '.stringData // {} | keys[]' <<<"$obj")
  while IFS= read -r key; do
    jq -r --arg k "$key" '.data[$k]' <<<"$obj" | base64 -d >"$dir/$key"
  done < <(jq -r '.data // {} | keys[]' <<<"$obj")
  LAB_SECRET_DIRS[$2]="$dir"
}

lab_manifest_pod() {
  local file="$1" workload="$2" ordinal="$3" ns="$4"; shift 4
  local zone="zone-a" node_ip="$LAB_NODE_IP" pod_name=""
  declare -A set_env=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --set-env) set_env[${2%%=*}]="${2#*=}"; shift 2 ;;   # what deploy.sh sizes per broker count
      --zone) zone="$2"; shift 2 ;;
      --node-ip) node_ip="$2"; shift 2 ;;
      --secret) LAB_SECRET_DIRS[${2%%=*}]="${2#*=}"; shift 2 ;;
      --pod-name) pod_name="$2"; shift 2 ;;
      *) lab_log "lab_manifest_pod: unknown option $1"; return 1 ;;
    esac
  done
  local all w kind
  all="$(lab_manifest_json "$file")"
  w="$(jq -c --arg n "$workload" '[.[] | select((.kind=="StatefulSet" or .kind=="Deployment") and .metadata.name==$n)][0]' <<<"$all")"
  [[ "$w" != null ]] || { lab_log "$file has no StatefulSet/Deployment $workload"; return 1; }
  kind="$(jq -r .kind <<<"$w")"
  local fqdn="" sub="" dns=()
  if [[ "$kind" == StatefulSet ]]; then
    pod_name="${pod_name:-$workload-$ordinal}"
    sub="$(jq -r '.spec.serviceName // ""' <<<"$w")"
  else
    pod_name="${pod_name:-$workload-lab}"
    sub="$(jq -r '.spec.template.spec.subdomain // ""' <<<"$w")"
  fi
  [[ -n "$sub" ]] && fqdn="$pod_name.$sub.$ns.svc.cluster.local" && dns=("$fqdn" "$pod_name.$sub.$ns.svc" "$pod_name.$sub")
  lab_pod "$pod_name" "${dns[@]}" || return 1
  LAB_POD="$pod_name"
  local pod_ip="${POD_IP[$pod_name]}" pdir="$LAB_DIR/pods/$pod_name"
  mkdir -p "$pdir"
  local spec labels
  spec="$(jq -c '.spec.template.spec' <<<"$w")"
  labels="$(jq -c --arg z "$zone" '.spec.template.metadata.labels + {"topology.kubernetes.io/zone": $z}' <<<"$w")"

  # Volumes -> host directories.
  declare -A vol=()
  local v name
  while IFS= read -r v; do
    [[ -n "$v" ]] || continue
    name="$(jq -r .name <<<"$v")"
    if jq -e .persistentVolumeClaim <<<"$v" >/dev/null; then
      vol[$name]="$LAB_DIR/pv/$ns/$(jq -r .persistentVolumeClaim.claimName <<<"$v")"
    elif jq -e .emptyDir <<<"$v" >/dev/null; then
      vol[$name]="$pdir/empty/$name"
    elif jq -e .configMap <<<"$v" >/dev/null; then
      local cm mode
      cm="$(jq -r .configMap.name <<<"$v")"
      mode="$(jq -r '.configMap.defaultMode // 420' <<<"$v")"
      vol[$name]="$pdir/configmap/$name"
      mkdir -p "${vol[$name]}"
      jq -r --arg n "$cm" '.[] | select(.kind=="ConfigMap" and .metadata.name==$n) | .data // {} | keys[]' <<<"$all" |
        while IFS= read -r key; do
          jq -j --arg n "$cm" --arg k "$key" '.[] | select(.kind=="ConfigMap" and .metadata.name==$n) | .data[$k]' <<<"$all" >"${vol[$name]}/$key"
          chmod "$(printf '%o' "$mode")" "${vol[$name]}/$key"
        done
    elif jq -e .secret <<<"$v" >/dev/null; then
      local sn
      sn="$(jq -r .secret.secretName <<<"$v")"
      lab_secret_dir "$all" "$sn" || return 1
      vol[$name]="${LAB_SECRET_DIRS[$sn]}"
    else
      lab_log "volume $name of $workload: kind not emulated by the lab"; return 1
    fi
    mkdir -p "${vol[$name]}"
  done < <(jq -c '.volumes // [] | .[]' <<<"$spec")
  while IFS= read -r name; do
    [[ -n "$name" ]] || continue
    vol[$name]="$LAB_DIR/pv/$ns/$name-$pod_name"
    mkdir -p "${vol[$name]}"
  done < <(jq -r '.spec.volumeClaimTemplates // [] | .[].metadata.name' <<<"$w")

  # One container's container-run options, into the array named by $2.
  container_opts() {
    local c="$1" e ename val defined="" fp key cmref skref m src dst wd
    local -n out="$2"
    out=()
    # Items may hold newlines (scripts): one NUL-terminated record each.
    while IFS= read -r -d '' e; do out+=(--command "$e"); done < <(jq -j '.command // [] | .[] | (., "\u0000")' <<<"$c")
    while IFS= read -r -d '' e; do out+=(--arg "$e"); done < <(jq -j '.args // [] | .[] | (., "\u0000")' <<<"$c")
    while IFS= read -r e; do
      ename="$(jq -r .name <<<"$e")"
      if jq -e 'has("value")' <<<"$e" >/dev/null; then
        val="$(lab_expand "$defined" "$(jq -r .value <<<"$e")")"
      elif fp="$(jq -er .valueFrom.fieldRef.fieldPath <<<"$e")"; then
        case "$fp" in
          metadata.name) val="$pod_name" ;;
          metadata.namespace) val="$ns" ;;
          status.podIP) val="$pod_ip" ;;
          status.hostIP) val="$node_ip" ;;
          spec.nodeName) val="node-lab" ;;
          metadata.labels*) key="${fp#metadata.labels[\'}"; key="${key%\']}"; val="$(jq -r --arg k "$key" '.[$k] // ""' <<<"$labels")" ;;
          *) lab_log "fieldRef $fp not emulated"; return 1 ;;
        esac
      elif cmref="$(jq -ec .valueFrom.configMapKeyRef <<<"$e")"; then
        val="$(jq -j --arg n "$(jq -r .name <<<"$cmref")" --arg k "$(jq -r .key <<<"$cmref")" \
          '.[] | select(.kind=="ConfigMap" and .metadata.name==$n) | .data[$k]' <<<"$all")"
      elif skref="$(jq -ec .valueFrom.secretKeyRef <<<"$e")"; then
        lab_secret_dir "$all" "$(jq -r .name <<<"$skref")" || return 1
        val="$(cat "${LAB_SECRET_DIRS[$(jq -r .name <<<"$skref")]}/$(jq -r .key <<<"$skref")")"
      else
        lab_log "env $ename: source not emulated"; return 1
      fi
      [[ -n "${set_env[$ename]+x}" ]] && val="${set_env[$ename]}"
      defined+=$'\n'"$ename=$val"
      out+=(--env "$ename=$val")
    done < <(jq -c '.env // [] | .[]' <<<"$c")
    while IFS= read -r m; do
      src="${vol[$(jq -r .name <<<"$m")]:?unknown volume in $m}"
      if key="$(jq -er .subPath <<<"$m")"; then src="$src/$key"; [[ -e "$src" ]] || mkdir -p "$src"; fi
      dst="$(jq -r .mountPath <<<"$m")"
      if [[ "$(jq -r '.readOnly // false' <<<"$m")" == true ]]; then out+=(--volume "$src:$dst:ro"); else out+=(--volume "$src:$dst"); fi
    done < <(jq -c '.volumeMounts // [] | .[]' <<<"$c")
    if wd="$(jq -er .workingDir <<<"$c")"; then out+=(--workdir "$wd"); fi
  }
  local c cname image opts=()
  while IFS= read -r c; do
    [[ -n "$c" ]] || continue
    cname="$(jq -r .name <<<"$c")"; image="$(jq -r .image <<<"$c")"
    container_opts "$c" opts || return 1
    lab_run_to_end "$pod_name" "$cname" "$image" "${opts[@]}" || return 1
  done < <(jq -c '.initContainers // [] | .[]' <<<"$spec")
  while IFS= read -r c; do
    [[ -n "$c" ]] || continue
    cname="$(jq -r .name <<<"$c")"; image="$(jq -r .image <<<"$c")"
    container_opts "$c" opts || return 1
    lab_run "$pod_name" "$cname" "$image" "${opts[@]}"
  done < <(jq -c '.containers[]' <<<"$spec")
}
