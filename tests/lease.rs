//! The lifecycle Lease against the testbed's API server: a holder whose clock is behind ours (its
//! renewTime looks long expired) but who keeps renewing is not taken over; a Lease that stays
//! unchanged for its whole duration, as observed here, is.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Testbed, unique_ns};
use kubectl_kafka::error::Error;
use kubectl_kafka::k8s::lease::{LifecycleLock, lease_name};

fn hour_ago() -> String {
    let out = std::process::Command::new("date")
        .args(["-u", "-d", "-1 hour", "+%Y-%m-%dT%H:%M:%S.000000Z"])
        .output()
        .expect("date");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

struct Ns(String);
impl Drop for Ns {
    fn drop(&mut self) {
        Testbed::get().kubectl(&["delete", "namespace", &self.0, "--wait=false"]);
    }
}

#[test]
fn a_skewed_but_renewing_holder_keeps_the_lease_and_a_silent_one_loses_it() {
    let tb = Testbed::get();
    let ns = Ns(unique_ns("lease-skew"));
    tb.kubectl_ok(&["create", "namespace", &ns.0]);
    let name = lease_name("kafka");
    let t = hour_ago();
    let manifest = format!(
        "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: {name}\n  namespace: {}\nspec:\n  holderIdentity: other-host-1\n  leaseDurationSeconds: 20\n  acquireTime: \"{t}\"\n  renewTime: \"{t}\"\n",
        ns.0
    );
    let path = tb.dir.join(format!("{}-lease.yaml", ns.0));
    std::fs::write(&path, manifest).expect("write lease manifest");
    tb.kubectl_ok(&["apply", "-f", &path.to_string_lossy()]);

    // The holder renews every 2 s, with its clock an hour behind: each renewal changes the object.
    let renewing = Arc::new(AtomicBool::new(true));
    let (flag, ns_name, lease) = (renewing.clone(), ns.0.clone(), name.clone());
    let renewer = std::thread::spawn(move || {
        let mut n = 0;
        while flag.load(Ordering::SeqCst) {
            n += 1;
            Testbed::get().kubectl(&[
                "annotate",
                "lease",
                &lease,
                "-n",
                &ns_name,
                "--overwrite",
                &format!("renewal={n}"),
            ]);
            std::thread::sleep(Duration::from_secs(2));
        }
    });

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let acquire = || {
        rt.block_on(async {
            let kube =
                kubectl_kafka::k8s::connect(Some(&tb.kubeconfig), None, Duration::from_secs(30))
                    .await?;
            LifecycleLock::acquire(&kube.client, &ns.0, "kafka", "test").await
        })
    };
    let r = acquire();
    renewing.store(false, Ordering::SeqCst);
    renewer.join().expect("renewer");
    match r {
        Err(Error::Refused(msg)) => assert!(msg.contains("other-host-1"), "{msg}"),
        Err(e) => panic!("expected a refusal naming the holder, got {e}"),
        Ok(_) => panic!("a live holder's Lease was taken over because its clock is behind"),
    }

    // Now silent: taken over, and only after a whole Lease duration observed unchanged.
    let start = Instant::now();
    let lock = acquire().expect("a silent holder's Lease is taken over");
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_secs(20),
        "taken over after {waited:?}, before the Lease duration was observed"
    );
    rt.block_on(lock.release()).expect("release");
}
