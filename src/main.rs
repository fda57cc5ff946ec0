//! `kubectl-kafka`: the binary krew installs as the kubectl plugin `kafka`.

use std::process::ExitCode;

fn main() -> ExitCode {
    kubectl_kafka::run_from_args(std::env::args_os())
}
