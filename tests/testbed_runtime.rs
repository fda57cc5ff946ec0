//! Integration tests of the testbed's pod runtime (the node agent): pod network identity, mini
//! containers, probes, Service networking and the outside vantage point. Real components only:
//! the testbed's API server and controllers, the node agent's pods, real Kafka brokers.
//! Needs tests/testbed/up.sh; run with --test-threads=1.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Testbed, consume_all, produce_acks_all, unique_ns};

/// The addresses the running testbed uses (from `.testbed/env`).
struct Addresses {
    pod_cidr: String,
    service_cidr: String,
    lb_pool: String,
    node_ips: Vec<Ipv4Addr>,
}

fn env_value(tb: &Testbed, key: &str) -> String {
    let text = std::fs::read_to_string(tb.dir.join("env"))
        .unwrap_or_else(|e| panic!("cannot read the testbed env: {e}"));
    text.lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.trim_matches('\'').to_string())
        .unwrap_or_else(|| panic!("{key} missing in the testbed env: run tests/testbed/up.sh"))
}

fn addresses(tb: &Testbed) -> Addresses {
    Addresses {
        pod_cidr: env_value(tb, "TESTBED_POD_CIDR"),
        service_cidr: env_value(tb, "TESTBED_SERVICE_CIDR"),
        lb_pool: env_value(tb, "TESTBED_LB_POOL"),
        node_ips: env_value(tb, "TESTBED_NODE_IPS")
            .split(',')
            .map(|s| s.parse().unwrap_or_else(|_| panic!("bad node address {s}")))
            .collect(),
    }
}

/// `127.0.110.0/24` → `127.0.110.` (the testbed's ranges are /24s).
fn net24(cidr: &str) -> String {
    let ip = cidr.split('/').next().unwrap_or(cidr);
    let mut parts: Vec<&str> = ip.split('.').collect();
    parts.pop();
    format!("{}.", parts.join("."))
}

fn apply(tb: &Testbed, ns: &str, yaml: &str) {
    let path = std::env::temp_dir().join(format!("{ns}-{}.yaml", unique_ns("m")));
    std::fs::write(&path, yaml).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    tb.kubectl_ok(&["apply", "-n", ns, "-f", &path.display().to_string()]);
    let _ = std::fs::remove_file(&path);
}

fn wait_ready(tb: &Testbed, ns: &str, pod: &str, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let out = tb.kubectl(&[
            "wait",
            "--for=condition=Ready",
            &format!("pod/{pod}"),
            "-n",
            ns,
            "--timeout=10s",
        ]);
        if out.status.success() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "pod {ns}/{pod} not Ready after {secs}s: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            tb.kubectl_ok(&["describe", "pod", pod, "-n", ns])
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn jsonpath(tb: &Testbed, ns: &str, obj: &str, path: &str) -> String {
    tb.kubectl_ok(&["get", obj, "-n", ns, "-o", &format!("jsonpath={path}")])
        .trim()
        .to_string()
}

/// Runs a command inside a container (its network, mount, UTS and PID namespaces, as
/// `kubectl exec` does through the kubelet), with a standard PATH.
fn exec_in(tb: &Testbed, ns: &str, pod: &str, container: &str, cmd: &[&str]) -> Output {
    let pid = tb
        .container_pid(ns, pod, container)
        .unwrap_or_else(|| panic!("{ns}/{pod} has no running container {container}"));
    Command::new("nsenter")
        .args(["-t", &pid.to_string(), "-n", "-m", "-u", "-p", "--"])
        .args(cmd)
        .env(
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run nsenter: {e}"))
}

fn exec_ok(tb: &Testbed, ns: &str, pod: &str, container: &str, cmd: &[&str]) -> String {
    let out = exec_in(tb, ns, pod, container, cmd);
    assert!(
        out.status.success(),
        "{cmd:?} in {ns}/{pod} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A python one-liner client: connects, prints the first line the server sends.
const CLIENT: &str = "import socket,sys\ns=socket.create_connection((sys.argv[1],int(sys.argv[2])),timeout=float(sys.argv[3]))\nprint(s.makefile().readline().strip())";

/// Reads the first line an echo pod sends from `addr`, from the host.
fn read_line(addr: SocketAddr) -> Result<String, String> {
    let mut s =
        TcpStream::connect_timeout(&addr, Duration::from_secs(3)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).map_err(|e| e.to_string())?;
    Ok(buf.trim().to_string())
}

/// Runs the python client in the outside namespace: Ok(line) or Err(what failed).
fn outside_read_line(tb: &Testbed, host: &str, port: u16) -> Result<String, String> {
    let out = Command::new(tb.src.join("outside.sh"))
        .args([
            "/usr/bin/python3",
            "-c",
            CLIENT,
            host,
            &port.to_string(),
            "3",
        ])
        .env("KAFKA_TESTBED_DIR", &tb.dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run outside.sh: {e}"));
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Pods that answer every connection on :9092 with `<hostname> <peer address>`, behind a
/// headless Service `echo` (so they get pod FQDNs).
fn echo_pods(names: &[&str]) -> String {
    let mut yaml = String::from(
        r#"apiVersion: v1
kind: Service
metadata:
  name: echo
spec:
  clusterIP: None
  selector:
    app: echo
  ports:
    - name: echo
      port: 9092
"#,
    );
    for n in names {
        yaml.push_str(&format!(
            r#"---
apiVersion: v1
kind: Pod
metadata:
  name: {n}
  labels:
    app: echo
spec:
  hostname: {n}
  subdomain: echo
  terminationGracePeriodSeconds: 2
  containers:
    - name: echo
      image: python:3.11
      command: ["python3"]
      args:
        - -c
        - |
          import socket
          s = socket.socket()
          s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
          s.bind(("0.0.0.0", 9092))
          s.listen()
          while True:
              c, a = s.accept()
              c.sendall((socket.gethostname() + " " + a[0] + "\n").encode())
              c.close()
      ports:
        - name: echo
          containerPort: 9092
      readinessProbe:
        tcpSocket:
          port: echo
        periodSeconds: 2
"#
        ));
    }
    yaml
}

fn pod_ip(tb: &Testbed, ns: &str, pod: &str) -> Ipv4Addr {
    let ip = jsonpath(tb, ns, &format!("pod/{pod}"), "{.status.podIP}");
    ip.parse()
        .unwrap_or_else(|_| panic!("pod {ns}/{pod} has no IPv4 podIP: {ip:?}"))
}

#[test]
fn pods_share_a_port_each_in_its_own_network_with_its_own_identity() {
    let tb = Testbed::get();
    let a = addresses(tb);
    let ns = unique_ns("netid");
    tb.kubectl_ok(&["create", "namespace", &ns]);
    apply(tb, &ns, &echo_pods(&["echo-a", "echo-b"]));
    wait_ready(tb, &ns, "echo-a", 120);
    wait_ready(tb, &ns, "echo-b", 120);
    let (ip_a, ip_b) = (pod_ip(tb, &ns, "echo-a"), pod_ip(tb, &ns, "echo-b"));
    assert_ne!(ip_a, ip_b);
    for ip in [ip_a, ip_b] {
        assert!(
            ip.to_string().starts_with(&net24(&a.pod_cidr)),
            "{ip} is not in the pod network {}",
            a.pod_cidr
        );
    }
    // Both bind 0.0.0.0:9092; the host reaches each at its own address.
    let line =
        read_line(SocketAddr::from((ip_a, 9092))).unwrap_or_else(|e| panic!("host -> echo-a: {e}"));
    assert!(line.starts_with("echo-a "), "{line}");
    let line =
        read_line(SocketAddr::from((ip_b, 9092))).unwrap_or_else(|e| panic!("host -> echo-b: {e}"));
    assert!(line.starts_with("echo-b "), "{line}");
    let listeners = exec_ok(tb, &ns, "echo-a", "echo", &["cat", "/proc/net/tcp"]);
    assert!(
        listeners.contains("00000000:2384"),
        "echo-a does not listen on 0.0.0.0:9092 in its own namespace:\n{listeners}"
    );

    // Pod to pod by the peer's FQDN (the pod's /etc/hosts), seen from the pod's own address.
    let fqdn_b = format!("echo-b.echo.{ns}.svc.cluster.local");
    let line = exec_ok(
        tb,
        &ns,
        "echo-a",
        "echo",
        &["python3", "-c", CLIENT, &fqdn_b, "9092", "3"],
    );
    assert_eq!(line.trim(), format!("echo-b {ip_a}"), "echo-a -> echo-b");
    // and by the short name a cluster DNS search path would resolve within the namespace
    let line = exec_ok(
        tb,
        &ns,
        "echo-b",
        "echo",
        &["python3", "-c", CLIENT, "echo-a.echo", "9092", "3"],
    );
    assert_eq!(line.trim(), format!("echo-a {ip_b}"), "echo-b -> echo-a");

    // Each pod has its own hostname and a kubelet-style /etc/hosts naming itself.
    for (pod, ip) in [("echo-a", ip_a), ("echo-b", ip_b)] {
        assert_eq!(exec_ok(tb, &ns, pod, "echo", &["hostname"]).trim(), pod);
        let hosts = exec_ok(tb, &ns, pod, "echo", &["cat", "/etc/hosts"]);
        assert!(
            hosts.starts_with("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"),
            "{hosts}"
        );
        assert!(
            hosts.contains(&format!("{ip}\t{pod}.echo.{ns}.svc.cluster.local\t{pod}\n")),
            "{pod}'s /etc/hosts lacks its own entry:\n{hosts}"
        );
    }

    // Pod to host addresses: a listener on a node address, and the API server's ClusterIP.
    let node = a.node_ips[0];
    let host_listener =
        TcpListener::bind((node, 0)).unwrap_or_else(|e| panic!("cannot listen on {node}: {e}"));
    let port = host_listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let server = std::thread::spawn(move || {
        if let Ok((mut c, peer)) = host_listener.accept() {
            let _ = c.write_all(format!("host {}\n", peer.ip()).as_bytes());
        }
    });
    let line = exec_ok(
        tb,
        &ns,
        "echo-a",
        "echo",
        &[
            "python3",
            "-c",
            CLIENT,
            &node.to_string(),
            &port.to_string(),
            "3",
        ],
    );
    assert_eq!(line.trim(), format!("host {ip_a}"), "pod -> node address");
    let _ = server.join();
    let api_ip = jsonpath(tb, "default", "service/kubernetes", "{.spec.clusterIP}");
    assert!(
        api_ip.starts_with(&net24(&a.service_cidr)),
        "kubernetes Service at {api_ip}, not in {}",
        a.service_cidr
    );
    let probe = "import socket,sys\nsocket.create_connection((sys.argv[1],443),timeout=3)\nprint('connected')";
    let line = exec_ok(
        tb,
        &ns,
        "echo-a",
        "echo",
        &["python3", "-c", probe, &api_ip],
    );
    assert_eq!(line.trim(), "connected", "pod -> kubernetes ClusterIP");
    tb.delete_namespace(&ns);
}

#[test]
fn containers_run_image_paths_and_volumes_in_their_own_mount_namespace() {
    let tb = Testbed::get();
    let ns = unique_ns("mnt");
    tb.kubectl_ok(&["create", "namespace", &ns]);
    apply(
        tb,
        &ns,
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: hello
  app.properties: "a=1\n"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: s3cret
---
apiVersion: v1
kind: Pod
metadata:
  name: box
  labels:
    app: box
spec:
  terminationGracePeriodSeconds: 2
  initContainers:
    - name: prepare
      image: python:3.11
      command: ["sh", "-c", "echo prepared-by-init > /work/marker"]
      volumeMounts:
        - name: work
          mountPath: /work
  containers:
    - name: main
      image: python:3.11
      command: ["sh", "-c"]
      args: ["echo started $(GREETING) $HOSTNAME; exec sleep 3600"]
      workingDir: /work
      env:
        - name: GREETING
          valueFrom:
            configMapKeyRef:
              name: settings
              key: greeting
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: creds
              key: password
        - name: ZONE
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels['topology.kubernetes.io/zone']
      envFrom:
        - prefix: CM_
          configMapRef:
            name: settings
      volumeMounts:
        - name: work
          mountPath: /work
        - name: config
          mountPath: /etc/box
  volumes:
    - name: work
      emptyDir: {}
    - name: config
      configMap:
        name: settings
"#,
    );
    wait_ready(tb, &ns, "box", 120);
    let env = exec_ok(
        tb,
        &ns,
        "box",
        "main",
        &["sh", "-c", "cat /proc/1/environ | tr '\\0' '\\n'"],
    );
    for want in [
        "GREETING=hello",
        "PASSWORD=s3cret",
        "CM_greeting=hello",
        "HOSTNAME=box",
    ] {
        assert!(
            env.lines().any(|l| l == want),
            "{want} missing in the container env:\n{env}"
        );
    }
    assert!(
        env.lines().any(|l| l.starts_with("ZONE=zone-")),
        "no zone label in the env:\n{env}"
    );
    assert_eq!(
        exec_ok(tb, &ns, "box", "main", &["cat", "/work/marker"]).trim(),
        "prepared-by-init"
    );
    assert_eq!(
        exec_ok(tb, &ns, "box", "main", &["cat", "/etc/box/app.properties"]),
        "a=1\n"
    );
    let denied = exec_in(
        tb,
        &ns,
        "box",
        "main",
        &["sh", "-c", "echo x > /etc/box/new"],
    );
    assert!(
        !denied.status.success(),
        "a configMap volume must be read-only"
    );
    // PID 1 of the container is its own command; it has its own /tmp.
    let ps = exec_ok(tb, &ns, "box", "main", &["cat", "/proc/1/cmdline"]);
    assert!(ps.starts_with("sleep"), "PID 1 is {ps:?}");
    exec_ok(
        tb,
        &ns,
        "box",
        "main",
        &["sh", "-c", "echo private > /tmp/only-in-box"],
    );
    assert!(
        !PathBuf::from("/tmp/only-in-box").exists(),
        "the container's /tmp is the host's"
    );
    assert!(
        tb.pod_log(&ns, "box").contains("started hello box"),
        "command/args with $(VAR) expansion did not run as expected:\n{}",
        tb.pod_log(&ns, "box")
    );
    let init_state = jsonpath(
        tb,
        &ns,
        "pod/box",
        "{.status.initContainerStatuses[0].state.terminated.reason}",
    );
    assert_eq!(init_state, "Completed");
    tb.delete_namespace(&ns);
}

#[test]
fn exec_readiness_probe_gates_ready_and_liveness_restarts() {
    let tb = Testbed::get();
    let ns = unique_ns("probe");
    tb.kubectl_ok(&["create", "namespace", &ns]);
    apply(
        tb,
        &ns,
        r#"apiVersion: v1
kind: Pod
metadata:
  name: gated
spec:
  terminationGracePeriodSeconds: 2
  containers:
    - name: web
      image: python:3.11
      command: ["python3"]
      args: ["-m", "http.server", "8080", "--bind", "0.0.0.0", "--directory", "/tmp"]
      ports:
        - name: http
          containerPort: 8080
      readinessProbe:
        exec:
          command: ["cat", "/tmp/ready"]
        periodSeconds: 1
      livenessProbe:
        httpGet:
          path: /
          port: http
        # python's http.server can take seconds to listen on a loaded machine; the probe is to
        # pass once it does, not to race its start.
        initialDelaySeconds: 15
        periodSeconds: 2
        failureThreshold: 5
---
apiVersion: v1
kind: Pod
metadata:
  name: doomed
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: main
      image: python:3.11
      command: ["sleep", "3600"]
      livenessProbe:
        exec:
          command: ["test", "-f", "/tmp/alive"]
        periodSeconds: 1
        failureThreshold: 2
"#,
    );
    // Running, probed, but not Ready while the command fails.
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let row = jsonpath(
            tb,
            &ns,
            "pod/gated",
            "{.status.phase} {.status.containerStatuses[0].started}",
        );
        if row == "Running true" {
            break;
        }
        assert!(Instant::now() < deadline, "gated not running: {row}");
        std::thread::sleep(Duration::from_millis(500));
    }
    std::thread::sleep(Duration::from_secs(4));
    let ready = jsonpath(
        tb,
        &ns,
        "pod/gated",
        r#"{.status.conditions[?(@.type=="Ready")].status}"#,
    );
    assert_eq!(
        ready, "False",
        "Ready before the readiness command succeeded"
    );
    let events = tb.kubectl_ok(&[
        "get",
        "events",
        "-n",
        &ns,
        "--field-selector",
        "involvedObject.name=gated",
    ]);
    assert!(
        events.contains("Readiness probe failed"),
        "no Unhealthy event:\n{events}"
    );
    // The probe runs in the container's mount namespace: create the file there.
    exec_ok(tb, &ns, "gated", "web", &["touch", "/tmp/ready"]);
    wait_ready(tb, &ns, "gated", 30);
    assert_eq!(
        jsonpath(
            tb,
            &ns,
            "pod/gated",
            "{.status.containerStatuses[0].restartCount}"
        ),
        "0",
        "the httpGet liveness probe must pass"
    );

    // A failing liveness probe restarts the container (SIGTERM, then SIGKILL: sleep ignores
    // SIGTERM as PID 1), with the restart counted and the last state kept.
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let row = jsonpath(
            tb,
            &ns,
            "pod/doomed",
            "{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}",
        );
        if let Some((count, code)) = row.split_once(' ')
            && count.parse::<u32>().is_ok_and(|c| c >= 1)
        {
            assert_eq!(code, "137", "killed after the grace period: {row}");
            break;
        }
        assert!(Instant::now() < deadline, "doomed never restarted: {row}");
        std::thread::sleep(Duration::from_millis(500));
    }
    let events = tb.kubectl_ok(&[
        "get",
        "events",
        "-n",
        &ns,
        "--field-selector",
        "involvedObject.name=doomed",
    ]);
    assert!(
        events.contains("failed liveness probe, will be restarted"),
        "{events}"
    );
    tb.delete_namespace(&ns);
}

#[test]
fn outside_reaches_the_api_node_ports_and_load_balancers_but_no_pod() {
    let tb = Testbed::get();
    let a = addresses(tb);
    let out = Command::new(tb.src.join("outside.sh"))
        .args([
            tb.kubectl.display().to_string().as_str(),
            "get",
            "nodes",
            "-o",
            "name",
        ])
        .env("KAFKA_TESTBED_DIR", &tb.dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run outside.sh: {e}"));
    assert!(
        out.status.success(),
        "kubectl from outside: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        a.node_ips.len()
    );

    let ns = unique_ns("outside");
    tb.kubectl_ok(&["create", "namespace", &ns]);
    let mut yaml = echo_pods(&["echo-o"]);
    yaml.push_str(
        r#"---
apiVersion: v1
kind: Service
metadata:
  name: echo-np
spec:
  type: NodePort
  selector:
    app: echo
  ports:
    - port: 9092
      targetPort: echo
---
apiVersion: v1
kind: Service
metadata:
  name: echo-lb
spec:
  type: LoadBalancer
  selector:
    app: echo
  ports:
    - port: 9100
      targetPort: 9092
"#,
    );
    apply(tb, &ns, &yaml);
    wait_ready(tb, &ns, "echo-o", 120);
    let node_port: u16 = jsonpath(tb, &ns, "service/echo-np", "{.spec.ports[0].nodePort}")
        .parse()
        .unwrap_or_else(|e| panic!("no nodePort: {e}"));
    let deadline = Instant::now() + Duration::from_secs(30);
    let lb_ip = loop {
        let ip = jsonpath(
            tb,
            &ns,
            "service/echo-lb",
            "{.status.loadBalancer.ingress[0].ip}",
        );
        if !ip.is_empty() {
            break ip;
        }
        assert!(
            Instant::now() < deadline,
            "no load-balancer address written"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(
        lb_ip.starts_with(&net24(&a.lb_pool)),
        "{lb_ip} not in {}",
        a.lb_pool
    );
    let cluster_ip = jsonpath(tb, &ns, "service/echo-np", "{.spec.clusterIP}");
    let pod = pod_ip(tb, &ns, "echo-o").to_string();

    // The proxy stand-in opens a Service's ports when it sees the Service and its endpoints, a
    // moment after the pod is Ready (as kube-proxy does): retry for a while before failing.
    let eventually = |host: &str, port: u16| {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match outside_read_line(tb, host, port) {
                Ok(line) => return Ok(line),
                Err(e) if Instant::now() >= deadline => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(500)),
            }
        }
    };
    for node in &a.node_ips {
        let line = eventually(&node.to_string(), node_port)
            .unwrap_or_else(|e| panic!("outside -> NodePort {node}:{node_port}: {e}"));
        assert!(line.starts_with("echo-o "), "{line}");
    }
    let line =
        eventually(&lb_ip, 9100).unwrap_or_else(|e| panic!("outside -> LB {lb_ip}:9100: {e}"));
    assert!(line.starts_with("echo-o "), "{line}");
    // Nothing of the pod or Service networks: the connection fails (bounded by a 3 s timeout).
    for (what, host, port) in [
        ("pod IP", pod.as_str(), 9092),
        ("ClusterIP", cluster_ip.as_str(), 9092),
    ] {
        let started = Instant::now();
        let r = outside_read_line(tb, host, port);
        assert!(
            r.is_err(),
            "outside reached the {what} {host}:{port}: {r:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    // The same addresses answer from the host (so the failures above are isolation).
    assert!(
        read_line(SocketAddr::new(
            pod.parse().unwrap_or(Ipv4Addr::LOCALHOST).into(),
            9092
        ))
        .is_ok()
    );
    let cip: Ipv4Addr = cluster_ip.parse().unwrap_or(Ipv4Addr::LOCALHOST);
    let line = read_line(SocketAddr::from((cip, 9092)))
        .unwrap_or_else(|e| panic!("host -> ClusterIP: {e}"));
    assert!(line.starts_with("echo-o "), "{line}");
    tb.delete_namespace(&ns);
}

/// A one-node combined KRaft cluster (Bitnami image conventions) with a listener behind each
/// Service type, each advertising the address clients reach it at.
fn services_cluster(ns: &str, cluster_ip: &str, node_port: u16, lb_ip: &str) -> String {
    format!(
        r#"apiVersion: v1
kind: Service
metadata:
  name: kafka-cip
spec:
  clusterIP: {cluster_ip}
  selector:
    app: svc-kafka
  ports:
    - port: 9094
      targetPort: cip
---
apiVersion: v1
kind: Service
metadata:
  name: kafka-np
spec:
  type: NodePort
  selector:
    app: svc-kafka
  ports:
    - port: 9095
      targetPort: np
      nodePort: {node_port}
---
apiVersion: v1
kind: Service
metadata:
  name: kafka-lb
spec:
  type: LoadBalancer
  loadBalancerIP: {lb_ip}
  selector:
    app: svc-kafka
  ports:
    - port: 9096
      targetPort: lb
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  replicas: 1
  selector:
    matchLabels:
      app: svc-kafka
  template:
    metadata:
      labels:
        app: svc-kafka
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: kafka
          image: bitnami/kafka:4.1.1
          ports:
            - {{name: internal, containerPort: 9092}}
            - {{name: cip, containerPort: 9094}}
            - {{name: np, containerPort: 9095}}
            - {{name: lb, containerPort: 9096}}
          readinessProbe:
            tcpSocket:
              port: internal
            periodSeconds: 5
          volumeMounts:
            - name: data
              mountPath: /bitnami/kafka
          env:
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            - name: HOST_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.hostIP
            - name: ALLOW_PLAINTEXT_LISTENER
              value: "yes"
            - name: KAFKA_KRAFT_CLUSTER_ID
              value: c2VydmljZXMtdGVzdC0wMQ
            - name: KAFKA_CFG_NODE_ID
              value: "0"
            - name: KAFKA_CFG_PROCESS_ROLES
              value: broker,controller
            - name: KAFKA_CFG_CONTROLLER_QUORUM_VOTERS
              value: 0@kafka-0.kafka.{ns}.svc.cluster.local:9093
            - name: KAFKA_CFG_CONTROLLER_LISTENER_NAMES
              value: CONTROLLER
            - name: KAFKA_CFG_LISTENERS
              value: INTERNAL://:9092,CONTROLLER://:9093,CIP://:9094,NP://:9095,LB://:9096
            - name: KAFKA_CFG_ADVERTISED_LISTENERS
              value: INTERNAL://$(POD_IP):9092,CIP://{cluster_ip}:9094,NP://$(HOST_IP):{node_port},LB://{lb_ip}:9096
            - name: KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP
              value: INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,CIP:PLAINTEXT,NP:PLAINTEXT,LB:PLAINTEXT
            - name: KAFKA_CFG_INTER_BROKER_LISTENER_NAME
              value: INTERNAL
            - name: KAFKA_CFG_LOG_DIRS
              value: /bitnami/kafka/data
            - name: KAFKA_CFG_OFFSETS_TOPIC_REPLICATION_FACTOR
              value: "1"
            - name: KAFKA_CFG_TRANSACTION_STATE_LOG_REPLICATION_FACTOR
              value: "1"
            - name: KAFKA_CFG_TRANSACTION_STATE_LOG_MIN_ISR
              value: "1"
            - name: KAFKA_CFG_GROUP_INITIAL_REBALANCE_DELAY_MS
              value: "0"
      volumes:
        - name: data
          emptyDir: {{}}
---
apiVersion: v1
kind: Service
metadata:
  name: kafka
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app: svc-kafka
  ports:
    - name: controller
      port: 9093
"#
    )
}

#[test]
fn cluster_ip_node_port_and_load_balancer_services_carry_kafka_traffic() {
    let tb = Testbed::get();
    let a = addresses(tb);
    let ns = unique_ns("svcs");
    tb.kubectl_ok(&["create", "namespace", &ns]);
    // Fixed addresses so the broker can advertise them: a ClusterIP from the range's lower band
    // (kept for static assignment), a NodePort and a pool address; varied per run.
    let salt = u16::try_from(std::process::id() % 10).unwrap_or(0);
    let cluster_ip = format!("{}{}", net24(&a.service_cidr), 2 + salt);
    let node_port = 32000 + salt;
    let lb_ip = format!("{}{}", net24(&a.lb_pool), 200 + salt);
    apply(
        tb,
        &ns,
        &services_cluster(&ns, &cluster_ip, node_port, &lb_ip),
    );
    wait_ready(tb, &ns, "kafka-0", 180);
    let deadline = Instant::now() + Duration::from_secs(30);
    while jsonpath(
        tb,
        &ns,
        "service/kafka-lb",
        "{.status.loadBalancer.ingress[0].ip}",
    ) != lb_ip
    {
        assert!(
            Instant::now() < deadline,
            "spec.loadBalancerIP {lb_ip} not honoured in the status"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    let node = a.node_ips[0];
    let paths: BTreeMap<&str, String> = [
        ("ClusterIP", format!("{cluster_ip}:9094")),
        ("NodePort", format!("{node}:{node_port}")),
        ("LoadBalancer", format!("{lb_ip}:9096")),
    ]
    .into();
    for (kind, bootstrap) in &paths {
        let topic = format!("via-{}", kind.to_ascii_lowercase());
        tb.create_topic(bootstrap, &topic, 2, 1);
        let acked = produce_acks_all(bootstrap, &topic, 20);
        assert_eq!(acked.len(), 20, "{kind}: not every record acknowledged");
        let mut got = consume_all(bootstrap, &topic);
        got.sort();
        let mut want = acked.clone();
        want.sort();
        assert_eq!(got, want, "{kind}: records read back through {bootstrap}");
    }
    // From the outside vantage point through the NodePort and the load balancer (a Kafka CLI
    // there: bootstrap, then the advertised address).
    for bootstrap in [&paths["NodePort"], &paths["LoadBalancer"]] {
        let out = Command::new(tb.src.join("outside.sh"))
            .args([
                tb.src.join("kafka-tool.sh").display().to_string().as_str(),
                "kafka-broker-api-versions",
                "--bootstrap-server",
                bootstrap,
            ])
            .env("KAFKA_TESTBED_DIR", &tb.dir)
            .env("KAFKA_LIB", &tb.kafka_lib)
            .env("JAVA", &tb.java)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run outside.sh: {e}"));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("(id: 0 rack: "),
            "Kafka CLI from outside through {bootstrap}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    tb.delete_namespace(&ns);
}
