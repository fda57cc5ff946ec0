# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_kafka_global_optspecs
    string join \n n/namespace= A/all-namespaces context= kubeconfig= l/selector= k/kafka-cluster= o/output= request-timeout= v/v= bootstrap-server= connect= port-forward command-config= tls tls-ca= tls-cert= tls-key= tls-insecure cluster-domain= sasl-mechanism= sasl-username= sasl-password= h/help V/version
end

function __fish_kubectl_kafka_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_kafka_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_kafka_using_subcommand
    set -l cmd (__fish_kubectl_kafka_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "clusters" -d 'List the Kafka clusters found by label, with their workloads and pod readiness'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "status" -d 'Brokers and their pods, controller, racks, leaders and replicas, and cluster health'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "topics" -d 'List, describe, create, delete and alter topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "groups" -d 'Consumer groups: list, describe, lag, reset offsets, delete'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "scale" -d 'Scale the brokers out or in, moving the fewest replicas (drains brokers before removing them)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "rebalance" -d 'Plan a balanced layout over today\'s brokers with the fewest replica moves, and execute it'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "drain" -d 'Move every replica off the given brokers (any ids), rack-safe; they stay registered, empty'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "reassign" -d 'Generate, execute, follow or cancel partition reassignments (kafka-reassign-partitions JSON)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "restart" -d 'Rolling restart, one broker at a time, never taking a partition below min.insync.replicas'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "probe" -d 'Produce to and consume from every broker through a canary topic; exit 1 when one fails'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "rbac" -d 'Print the ClusterRole the plugin needs (and with --user/--service-account a binding)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "version" -d 'Print the plugin\'s version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l timeout -d 'Limit for --until-healthy' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l interval -d 'Pause between polls with --watch and --until-healthy' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l top-partitions -d 'Also list the N largest partitions (the size of their largest replica) with the disk usage; the disk usage itself comes with -o wide|json|yaml' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l exit-code -d 'Exit with 1 when the cluster is unhealthy (offline, under-replicated or under-min-ISR partitions, reassignments in flight, leftover throttles, brokers without pods)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l until-healthy -d 'Poll until the cluster is healthy, then print it and exit 0; exit 4 after --timeout'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s w -l watch -d 'Redraw the status every --interval until Ctrl-C'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "list" -d 'List topics with partition count, replication factor and under-replicated partitions'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "ls" -d 'List topics with partition count, replication factor and under-replicated partitions'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "describe" -d 'Partitions (leader, replicas, ISR) and non-default configs of a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "create" -d 'Create a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "delete" -d 'Delete topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "rm" -d 'Delete topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "alter" -d 'Add partitions, set or delete configs of a topic (other configs stay as they are)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l internal -d 'Include internal topics (__consumer_offsets, __transaction_state)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l internal -d 'Include internal topics (__consumer_offsets, __transaction_state)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s p -l partitions -d 'Number of partitions (default: the brokers\' num.partitions)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s r -l replication-factor -d 'Replication factor (default: the brokers\' default.replication.factor)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s c -l config -d 'Topic config as key=value (repeatable)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l if-not-exists -d 'Succeed without change when the topic already exists'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l dry-run -d 'Validate with the brokers, create nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print what would be deleted, delete nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Delete without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l dry-run -d 'Print what would be deleted, delete nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s p -l partitions -d 'New total number of partitions (can only grow)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s c -l config -d 'Set a topic config, key=value (repeatable)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l delete-config -d 'Remove a topic config override, back to the broker default (repeatable)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l dry-run -d 'Validate with the brokers, change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "list" -d 'List topics with partition count, replication factor and under-replicated partitions'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Partitions (leader, replicas, ISR) and non-default configs of a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "alter" -d 'Add partitions, set or delete configs of a topic (other configs stay as they are)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "list" -d 'List consumer groups with their type and state'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "ls" -d 'List consumer groups with their type and state'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "describe" -d 'State, assignor and members (client id, host, assigned partitions) of a group'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "lag" -d 'Lag per partition, per topic and in total'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "reset-offsets" -d 'Move a group\'s committed offsets (a preview unless --execute)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "delete" -d 'Delete groups and their committed offsets'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "rm" -d 'Delete groups and their committed offsets'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and not __fish_seen_subcommand_from list ls describe lag reset-offsets delete rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l state -d 'Only groups in this state (Stable, Empty, PreparingRebalance, Dead, ...), case-insensitive' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l state -d 'Only groups in this state (Stable, Empty, PreparingRebalance, Dead, ...), case-insensitive' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l sort -d 'Order of the partition rows' -r -f -a "lag\t'Largest lag first (no commit last), then topic and partition'
topic\t'Topic, then partition'
partition\t'Partition number, then topic'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from lag" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l to-datetime -d 'To the first record at or after this time, RFC 3339 (2026-12-03T18:00:00Z)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l to-offset -d 'To this offset (clamped to what the log holds)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l shift-by -d 'By N from the committed offset (negative: back), clamped to what the log holds' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l topic -d 'A topic, or some of its partitions as TOPIC:P,P,... (repeatable)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l to-earliest -d 'To the earliest offset the log still holds'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l to-latest -d 'To the log end (skip everything not yet consumed)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l all-topics -d 'Every topic the group has committed offsets for'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l execute -d 'Commit the new offsets (without it: print what would change)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l force -d 'Go on although the group has active members (the coordinator may still refuse the commit)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from reset-offsets" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print what would be deleted, delete nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Delete without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l dry-run -d 'Print what would be deleted, delete nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "list" -d 'List consumer groups with their type and state'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "describe" -d 'State, assignor and members (client id, host, assigned partitions) of a group'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "lag" -d 'Lag per partition, per topic and in total'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "reset-offsets" -d 'Move a group\'s committed offsets (a preview unless --execute)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete groups and their committed offsets'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l replicas -d 'The number of brokers wanted' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l output-plan -d 'Also write the plan as a kafka-reassign-partitions JSON file' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l timeout -d 'How long to wait for pods to become Ready (or to go), brokers to register and the data to move, each (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l balance -d 'What to balance after the rack rule: disk (bytes per broker; the default when every broker reports its log dirs) or count (replicas per broker, moving the smallest)' -r -f -a "disk\t'Bytes per broker within --disk-tolerance of the mean, then replica counts'
count\t'Replica counts only, moving the smallest replicas'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l disk-tolerance -d 'How far a broker\'s bytes may end from its share under --balance disk: a percentage (5%) or a fraction (0.05)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l throttle -d 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved, kept while anything moves (also after an error or Ctrl-C) and removed once nothing does' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l max-moves-per-broker -d 'Partition moves in flight per broker (as source or destination)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l max-moves -d 'Partition moves in flight in the whole cluster' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l no-rebalance -d 'Scale out without moving any data onto the new brokers (run `kubectl kafka rebalance` later)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l keep-rack-violations -d 'Leave partitions that break the rack rule as they are (by default they are healed, and those moves are counted apart)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l force -d 'Move data even though partitions are under-replicated or under min.insync.replicas, or replication throttles are set (each is named); never while partitions are offline or reassignments run'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l dry-run -d 'Print the plan, change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s y -l yes -d 'Move data without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand scale" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l output-plan -d 'Also write the plan as a kafka-reassign-partitions JSON file' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l balance -d 'What to balance after the rack rule: disk (bytes per broker; the default when every broker reports its log dirs) or count (replicas per broker, moving the smallest)' -r -f -a "disk\t'Bytes per broker within --disk-tolerance of the mean, then replica counts'
count\t'Replica counts only, moving the smallest replicas'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l disk-tolerance -d 'How far a broker\'s bytes may end from its share under --balance disk: a percentage (5%) or a fraction (0.05)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l throttle -d 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved, kept while anything moves (also after an error or Ctrl-C) and removed once nothing does' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l max-moves-per-broker -d 'Partition moves in flight per broker (as source or destination)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l max-moves -d 'Partition moves in flight in the whole cluster' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l timeout -d 'How long the data may take to move; then stop with exit code 4, saying what still moves (it goes on, throttled, until `kubectl kafka reassign status` sees it done; 0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l keep-rack-violations -d 'Leave partitions that break the rack rule as they are (by default they are healed, and those moves are counted apart)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l force -d 'Move data even though partitions are under-replicated or under min.insync.replicas, or replication throttles are set (each is named); never while partitions are offline or reassignments run'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l dry-run -d 'Print the plan, change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s y -l yes -d 'Move data without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rebalance" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l brokers -d 'The brokers to empty (they stay registered)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l output-plan -d 'Also write the plan as a kafka-reassign-partitions JSON file' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l balance -d 'What to balance after the rack rule: disk (bytes per broker; the default when every broker reports its log dirs) or count (replicas per broker, moving the smallest)' -r -f -a "disk\t'Bytes per broker within --disk-tolerance of the mean, then replica counts'
count\t'Replica counts only, moving the smallest replicas'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l disk-tolerance -d 'How far a broker\'s bytes may end from its share under --balance disk: a percentage (5%) or a fraction (0.05)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l throttle -d 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved, kept while anything moves (also after an error or Ctrl-C) and removed once nothing does' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l max-moves-per-broker -d 'Partition moves in flight per broker (as source or destination)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l max-moves -d 'Partition moves in flight in the whole cluster' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l timeout -d 'How long the data may take to move; then stop with exit code 4, saying what still moves (it goes on, throttled, until `kubectl kafka reassign status` sees it done; 0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l keep-rack-violations -d 'Leave partitions that break the rack rule as they are (by default they are healed, and those moves are counted apart)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l force -d 'Move data even though partitions are under-replicated or under min.insync.replicas, or replication throttles are set (each is named); never while partitions are offline or reassignments run'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l dry-run -d 'Print the plan, change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s y -l yes -d 'Move data without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand drain" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -f -a "generate" -d 'Plan a balanced layout (optionally onto a given broker set) and write it as a plan file'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -f -a "execute" -d 'Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -f -a "status" -d 'Reassignments in flight, progress of a plan file; this tool\'s throttles removed once idle'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -f -a "cancel" -d 'Stop every reassignment in flight, then remove the replication throttles this tool set'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and not __fish_seen_subcommand_from generate execute status cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l brokers -d 'Brokers that should hold the data afterwards, each optionally with its rack (1:rack-a,2:rack-b,3); others are drained. Default: all of today\'s. Required with --current' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l current -d 'Plan offline, with no cluster: today\'s layout as kafka-reassign-partitions JSON' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l log-dirs -d 'With --current: the sizes, as `kafka-log-dirs.sh --describe` prints them (without it the plan balances replica counts)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l output-plan -d 'Write the plan to this file (kafka-reassign-partitions JSON)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l balance -d 'What to balance after the rack rule: disk (bytes per broker; the default when every broker reports its log dirs) or count (replicas per broker, moving the smallest)' -r -f -a "disk\t'Bytes per broker within --disk-tolerance of the mean, then replica counts'
count\t'Replica counts only, moving the smallest replicas'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l disk-tolerance -d 'How far a broker\'s bytes may end from its share under --balance disk: a percentage (5%) or a fraction (0.05)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l keep-rack-violations -d 'Leave partitions that break the rack rule as they are (by default they are healed, and those moves are counted apart)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l plan -d 'The plan file (kafka-reassign-partitions JSON); without it, follow what is in flight to the end (throttle, progress, leader election)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l throttle -d 'Replication throttle while data moves, bytes per second (e.g. 10MiB, 50MB, 1048576); set on the brokers and topics involved, kept while anything moves (also after an error or Ctrl-C) and removed once nothing does' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l max-moves-per-broker -d 'Partition moves in flight per broker (as source or destination)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l max-moves -d 'Partition moves in flight in the whole cluster' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l timeout -d 'How long the data may take to move; then stop with exit code 4, saying what still moves (it goes on, throttled, until `kubectl kafka reassign status` sees it done; 0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l dry-run -d 'Print the plan, change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s y -l yes -d 'Move data without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from execute" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l plan -d 'Also report how far this plan file got' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Plan a balanced layout (optionally onto a given broker set) and write it as a plan file'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from help" -f -a "execute" -d 'Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from help" -f -a "status" -d 'Reassignments in flight, progress of a plan file; this tool\'s throttles removed once idle'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Stop every reassignment in flight, then remove the replication throttles this tool set'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand reassign; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l brokers -d 'Restart only these broker ids (default: every broker with a pod)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l settle -d 'Under-replicated partitions must have been 0 this long before each restart (0s: no window). Short by default: each restarted broker is already waited for until it is back in the ISR of every partition it hosts, so the window only guards against flapping' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l timeout -d 'How long to wait for the safety checks before each restart; then stop with exit code 3 (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l pod-timeout -d 'How long a restarted pod may take to be Ready and its broker back in sync (exit 4 after; 0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l parallel -d 'Restart up to N brokers at once, or a whole rack (`rack`), in batches that keep every partition at min.insync.replicas or more; controllers always go one at a time' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l canary-topic -d 'The canary topic, created on demand like `probe`\'s (one partition led by each broker)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l canary-max-errors -d 'Stop the roll before the next broker (exit 3) once the canary\'s errors exceed N' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l include-controllers -d 'Also restart KRaft controller-only pods (first, quorum leader last; each only while the quorum keeps a caught-up majority without it)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l force -d 'Restart even when checks fail (reported loudly); never when a partition would go offline'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l dry-run -d 'Print the order, the batches and the checks\' current verdicts; change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l canary -d 'Run a canary throughout the roll: produce (acks=all) to and consume from a partition led by each broker, and report per step the worst and p99 produce latency and the errors'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand restart" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l topic -d 'Canary topic, created on demand with one partition led by each broker' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l messages -d 'Records produced to each broker per round' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l timeout -d 'How long a broker may take to acknowledge or deliver a record before it counts as failed' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l interval -d 'Pause between rounds with --watch' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s w -l watch -d 'Keep probing, one round every --interval, until Ctrl-C'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l delete -d 'Delete the canary topic and exit'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand probe" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l user -d 'Also print a binding of the role to this user: a RoleBinding in the -n namespace, or a ClusterRoleBinding with -A' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l service-account -d 'Also print a binding of the role to this service account (NAMESPACE/NAME)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand rbac" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -a "install" -d 'Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and not __fish_seen_subcommand_from install help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l dir -d 'Directory on PATH to write the helper into (default: where kubectl-kafka is)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l connect -d 'How to reach the brokers: auto tries their advertised addresses, then the pod IPs, then port-forward through the Kubernetes API server' -r -f -a "auto\t'The advertised addresses if they answer from here, else the pod IPs, else port-forward'
direct\t'TCP to the pod IPs at the port each listener binds in the pod'
port-forward\t'A tunnel per broker through the Kubernetes API server (pods/portforward)'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l cluster-domain -d 'The cluster\'s DNS domain: under TLS the bootstrap goes by the pods\' names (hostname.subdomain.namespace.svc.DOMAIN), the names their certificates carry' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l port-forward -d 'Same as --connect port-forward'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "clusters" -d 'List the Kafka clusters found by label, with their workloads and pod readiness'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "status" -d 'Brokers and their pods, controller, racks, leaders and replicas, and cluster health'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "topics" -d 'List, describe, create, delete and alter topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "groups" -d 'Consumer groups: list, describe, lag, reset offsets, delete'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "scale" -d 'Scale the brokers out or in, moving the fewest replicas (drains brokers before removing them)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "rebalance" -d 'Plan a balanced layout over today\'s brokers with the fewest replica moves, and execute it'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "drain" -d 'Move every replica off the given brokers (any ids), rack-safe; they stay registered, empty'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "reassign" -d 'Generate, execute, follow or cancel partition reassignments (kafka-reassign-partitions JSON)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "restart" -d 'Rolling restart, one broker at a time, never taking a partition below min.insync.replicas'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "probe" -d 'Produce to and consume from every broker through a canary topic; exit 1 when one fails'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "rbac" -d 'Print the ClusterRole the plugin needs (and with --user/--service-account a binding)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "completion" -d 'Print a shell completion script'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "version" -d 'Print the plugin\'s version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics groups scale rebalance drain reassign restart probe rbac completion version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "list" -d 'List topics with partition count, replication factor and under-replicated partitions'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "describe" -d 'Partitions (leader, replicas, ISR) and non-default configs of a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "create" -d 'Create a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "delete" -d 'Delete topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "alter" -d 'Add partitions, set or delete configs of a topic (other configs stay as they are)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "list" -d 'List consumer groups with their type and state'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "describe" -d 'State, assignor and members (client id, host, assigned partitions) of a group'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "lag" -d 'Lag per partition, per topic and in total'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "reset-offsets" -d 'Move a group\'s committed offsets (a preview unless --execute)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "delete" -d 'Delete groups and their committed offsets'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from reassign" -f -a "generate" -d 'Plan a balanced layout (optionally onto a given broker set) and write it as a plan file'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from reassign" -f -a "execute" -d 'Execute a plan file (kafka-reassign-partitions JSON); resumes a plan already in flight'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from reassign" -f -a "status" -d 'Reassignments in flight, progress of a plan file; this tool\'s throttles removed once idle'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from reassign" -f -a "cancel" -d 'Stop every reassignment in flight, then remove the replication throttles this tool set'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from completion" -f -a "install" -d 'Install kubectl_complete-kafka so that `kubectl kafka <TAB>` completes (kubectl 1.26+)'
