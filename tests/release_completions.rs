//! The completion scripts committed under completions/ must match what the command tree generates.
//! Regenerate them with `scripts/gen-completions.sh` (it runs this test with
//! KUBECTL_KAFKA_UPDATE_COMPLETIONS=1, which rewrites the files instead of comparing).

use std::path::Path;

use kubectl_kafka::cli;
use kubectl_kafka::ops::completion::{self, SCRIPTS, install};

#[test]
fn committed_completion_scripts_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    if std::env::var_os("KUBECTL_KAFKA_UPDATE_COMPLETIONS").is_some() {
        let written =
            completion::write_scripts(&cli::command(), &dir).expect("write the completion scripts");
        eprintln!("rewrote {written:?}");
        return;
    }
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let fresh = completion::script_for(cli::command(), shell).expect("generate the script");
        let committed = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(fresh.contains("kubectl-kafka"), "{shell}: {fresh}");
        if committed != fresh {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{stale:?} differ from the command tree: run scripts/gen-completions.sh and commit"
    );
}

#[test]
fn committed_helper_is_the_one_installed() {
    let helper = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/kubectl_complete-kafka");
    let text = std::fs::read_to_string(&helper).expect("read the helper");
    assert_eq!(text, install::HELPER_SCRIPT);
    assert!(text.contains("__complete"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&helper)
            .expect("stat")
            .permissions()
            .mode();
        assert_ne!(
            mode & 0o111,
            0,
            "completions/kubectl_complete-kafka must be executable"
        );
    }
}
