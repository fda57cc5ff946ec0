
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-kafka' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-kafka'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kubectl-kafka' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'List the Kafka clusters found by label, with their workloads and pod readiness')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Brokers and their pods, controller, racks, leaders and replicas, and cluster health')
            [CompletionResult]::new('topics', 'topics', [CompletionResultType]::ParameterValue, 'List, describe, create, delete and alter topics')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale the brokers out or in, moving the fewest replicas (drains brokers before removing them)')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Plan a balanced layout over today''s brokers with the fewest replica moves, and execute it')
            [CompletionResult]::new('reassign', 'reassign', [CompletionResultType]::ParameterValue, 'Generate, execute, follow or cancel partition reassignments (kafka-reassign-partitions JSON)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Rolling restart, one broker at a time, never taking a partition below min.insync.replicas')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the plugin''s version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;clusters' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;status' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'Exit with 1 when the cluster is unhealthy (offline, under-replicated or under-min-ISR partitions, reassignments in flight, leftover throttles, brokers without pods)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partition count, replication factor and under-replicated partitions')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List topics with partition count, replication factor and under-replicated partitions')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Partitions (leader, replicas, ISR) and non-default configs of a topic')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a topic')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete topics')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Add partitions, set or delete configs of a topic (other configs stay as they are)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;topics;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--internal', '--internal', [CompletionResultType]::ParameterName, 'Include internal topics (__consumer_offsets, __transaction_state)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;ls' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--internal', '--internal', [CompletionResultType]::ParameterName, 'Include internal topics (__consumer_offsets, __transaction_state)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;describe' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;create' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Number of partitions (default: the brokers'' num.partitions)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Number of partitions (default: the brokers'' num.partitions)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Replication factor (default: the brokers'' default.replication.factor)')
            [CompletionResult]::new('--replication-factor', '--replication-factor', [CompletionResultType]::ParameterName, 'Replication factor (default: the brokers'' default.replication.factor)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Topic config as key=value (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Topic config as key=value (repeatable)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--if-not-exists', '--if-not-exists', [CompletionResultType]::ParameterName, 'Succeed without change when the topic already exists')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate with the brokers, create nothing')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be deleted, delete nothing')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;rm' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be deleted, delete nothing')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;alter' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'New total number of partitions (can only grow)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'New total number of partitions (can only grow)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Set a topic config, key=value (repeatable)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Set a topic config, key=value (repeatable)')
            [CompletionResult]::new('--delete-config', '--delete-config', [CompletionResultType]::ParameterName, 'Remove a topic config override, back to the broker default (repeatable)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate with the brokers, change nothing')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;topics;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partition count, replication factor and under-replicated partitions')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Partitions (leader, replicas, ISR) and non-default configs of a topic')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a topic')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Add partitions, set or delete configs of a topic (other configs stay as they are)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;topics;help;list' {
            break
        }
        'kubectl-kafka;topics;help;describe' {
            break
        }
        'kubectl-kafka;topics;help;create' {
            break
        }
        'kubectl-kafka;topics;help;delete' {
            break
        }
        'kubectl-kafka;topics;help;alter' {
            break
        }
        'kubectl-kafka;topics;help;help' {
            break
        }
        'kubectl-kafka;scale' {
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'The number of brokers wanted')
            [CompletionResult]::new('--output-plan', '--output-plan', [CompletionResultType]::ParameterName, 'Also write the plan as a kafka-reassign-partitions JSON file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for pods to become Ready (or to go), brokers to register and the data to move, each (0: no limit)')
            [CompletionResult]::new('--throttle', '--throttle', [CompletionResultType]::ParameterName, 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved and removed when done, on error and on Ctrl-C')
            [CompletionResult]::new('--max-moves-per-broker', '--max-moves-per-broker', [CompletionResultType]::ParameterName, 'Partition moves in flight per broker (as source or destination)')
            [CompletionResult]::new('--max-moves', '--max-moves', [CompletionResultType]::ParameterName, 'Partition moves in flight in the whole cluster')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--no-rebalance', '--no-rebalance', [CompletionResultType]::ParameterName, 'Scale out without moving any data onto the new brokers (run `kubectl kafka rebalance` later)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Move data even though partitions are under-replicated or under min.insync.replicas, or replication throttles are set (each is named); never while partitions are offline or reassignments run')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan, change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Move data without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Move data without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;rebalance' {
            [CompletionResult]::new('--output-plan', '--output-plan', [CompletionResultType]::ParameterName, 'Also write the plan as a kafka-reassign-partitions JSON file')
            [CompletionResult]::new('--throttle', '--throttle', [CompletionResultType]::ParameterName, 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved and removed when done, on error and on Ctrl-C')
            [CompletionResult]::new('--max-moves-per-broker', '--max-moves-per-broker', [CompletionResultType]::ParameterName, 'Partition moves in flight per broker (as source or destination)')
            [CompletionResult]::new('--max-moves', '--max-moves', [CompletionResultType]::ParameterName, 'Partition moves in flight in the whole cluster')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the data may take to move; then stop with exit code 4, saying what still moves (it goes on, throttled, until `kubectl kafka reassign status` sees it done; 0: no limit)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Move data even though partitions are under-replicated or under min.insync.replicas, or replication throttles are set (each is named); never while partitions are offline or reassignments run')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan, change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Move data without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Move data without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;reassign' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Plan a balanced layout (optionally onto a given broker set) and write it as a plan file')
            [CompletionResult]::new('execute', 'execute', [CompletionResultType]::ParameterValue, 'Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Reassignments in flight, progress of a plan file, leftover throttles (removed when idle)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop every reassignment in flight and remove the replication throttles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;reassign;generate' {
            [CompletionResult]::new('--brokers', '--brokers', [CompletionResultType]::ParameterName, 'Brokers that should hold the data afterwards (default: all of today''s); others are drained')
            [CompletionResult]::new('--output-plan', '--output-plan', [CompletionResultType]::ParameterName, 'Write the plan to this file (kafka-reassign-partitions JSON)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;reassign;execute' {
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'The plan file (kafka-reassign-partitions JSON); without it, follow what is in flight to the end (throttle, progress, leader election)')
            [CompletionResult]::new('--throttle', '--throttle', [CompletionResultType]::ParameterName, 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved and removed when done, on error and on Ctrl-C')
            [CompletionResult]::new('--max-moves-per-broker', '--max-moves-per-broker', [CompletionResultType]::ParameterName, 'Partition moves in flight per broker (as source or destination)')
            [CompletionResult]::new('--max-moves', '--max-moves', [CompletionResultType]::ParameterName, 'Partition moves in flight in the whole cluster')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the data may take to move; then stop with exit code 4, saying what still moves (it goes on, throttled, until `kubectl kafka reassign status` sees it done; 0: no limit)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan, change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Move data without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Move data without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;reassign;status' {
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Also report how far this plan file got')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;reassign;cancel' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;reassign;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Plan a balanced layout (optionally onto a given broker set) and write it as a plan file')
            [CompletionResult]::new('execute', 'execute', [CompletionResultType]::ParameterValue, 'Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Reassignments in flight, progress of a plan file, leftover throttles (removed when idle)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop every reassignment in flight and remove the replication throttles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;reassign;help;generate' {
            break
        }
        'kubectl-kafka;reassign;help;execute' {
            break
        }
        'kubectl-kafka;reassign;help;status' {
            break
        }
        'kubectl-kafka;reassign;help;cancel' {
            break
        }
        'kubectl-kafka;reassign;help;help' {
            break
        }
        'kubectl-kafka;restart' {
            [CompletionResult]::new('--brokers', '--brokers', [CompletionResultType]::ParameterName, 'Restart only these broker ids (default: every broker with a pod)')
            [CompletionResult]::new('--settle', '--settle', [CompletionResultType]::ParameterName, 'Under-replicated partitions must have been 0 this long before each restart (0s: no window). Short by default: each restarted broker is already waited for until it is back in the ISR of every partition it hosts, so the window only guards against flapping')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the safety checks before each restart; then stop with exit code 3 (0: no limit)')
            [CompletionResult]::new('--pod-timeout', '--pod-timeout', [CompletionResultType]::ParameterName, 'How long a restarted pod may take to be Ready and its broker back in sync (exit 4 after; 0: no limit)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('--include-controllers', '--include-controllers', [CompletionResultType]::ParameterName, 'Also restart KRaft controller-only pods (first, quorum leader last; each only while the quorum keeps a caught-up majority without it)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Restart even when checks fail (reported loudly); never when a partition would go offline')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the order and the checks'' current verdicts; change nothing')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;completion' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;completion;install' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Directory on PATH to write the helper into (default: where kubectl-kafka is)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;completion;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;completion;help;install' {
            break
        }
        'kubectl-kafka;completion;help;help' {
            break
        }
        'kubectl-kafka;version' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace to look in (default: the kubeconfig context''s namespace, else "default")')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector for the Kafka pods, replacing the built-in label conventions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('--kafka-cluster', '--kafka-cluster', [CompletionResultType]::ParameterName, 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers (host:port,...), instead of the broker pods'' IPs')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'PEM file with the CA certificates to trust for Kafka''s TLS listener')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM client certificate for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name')
            [CompletionResult]::new('--sasl-password', '--sasl-password', [CompletionResultType]::ParameterName, 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Look in every namespace (clusters, status)')
            [CompletionResult]::new('--port-forward', '--port-forward', [CompletionResultType]::ParameterName, 'Reach every broker through a port-forward over the Kubernetes API server')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)')
            [CompletionResult]::new('--tls-insecure', '--tls-insecure', [CompletionResultType]::ParameterName, 'Skip verification of the brokers'' TLS certificates (testing only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-kafka;help' {
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'List the Kafka clusters found by label, with their workloads and pod readiness')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Brokers and their pods, controller, racks, leaders and replicas, and cluster health')
            [CompletionResult]::new('topics', 'topics', [CompletionResultType]::ParameterValue, 'List, describe, create, delete and alter topics')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale the brokers out or in, moving the fewest replicas (drains brokers before removing them)')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Plan a balanced layout over today''s brokers with the fewest replica moves, and execute it')
            [CompletionResult]::new('reassign', 'reassign', [CompletionResultType]::ParameterValue, 'Generate, execute, follow or cancel partition reassignments (kafka-reassign-partitions JSON)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Rolling restart, one broker at a time, never taking a partition below min.insync.replicas')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the plugin''s version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-kafka;help;clusters' {
            break
        }
        'kubectl-kafka;help;status' {
            break
        }
        'kubectl-kafka;help;topics' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partition count, replication factor and under-replicated partitions')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Partitions (leader, replicas, ISR) and non-default configs of a topic')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a topic')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Add partitions, set or delete configs of a topic (other configs stay as they are)')
            break
        }
        'kubectl-kafka;help;topics;list' {
            break
        }
        'kubectl-kafka;help;topics;describe' {
            break
        }
        'kubectl-kafka;help;topics;create' {
            break
        }
        'kubectl-kafka;help;topics;delete' {
            break
        }
        'kubectl-kafka;help;topics;alter' {
            break
        }
        'kubectl-kafka;help;scale' {
            break
        }
        'kubectl-kafka;help;rebalance' {
            break
        }
        'kubectl-kafka;help;reassign' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Plan a balanced layout (optionally onto a given broker set) and write it as a plan file')
            [CompletionResult]::new('execute', 'execute', [CompletionResultType]::ParameterValue, 'Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Reassignments in flight, progress of a plan file, leftover throttles (removed when idle)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Stop every reassignment in flight and remove the replication throttles')
            break
        }
        'kubectl-kafka;help;reassign;generate' {
            break
        }
        'kubectl-kafka;help;reassign;execute' {
            break
        }
        'kubectl-kafka;help;reassign;status' {
            break
        }
        'kubectl-kafka;help;reassign;cancel' {
            break
        }
        'kubectl-kafka;help;restart' {
            break
        }
        'kubectl-kafka;help;completion' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)')
            break
        }
        'kubectl-kafka;help;completion;install' {
            break
        }
        'kubectl-kafka;help;version' {
            break
        }
        'kubectl-kafka;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
