# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_kafka_global_optspecs
    string join \n n/namespace= A/all-namespaces context= kubeconfig= l/selector= k/kafka-cluster= o/output= request-timeout= v/v= bootstrap-server= port-forward command-config= tls tls-ca= tls-cert= tls-key= tls-insecure sasl-mechanism= sasl-username= sasl-password= h/help V/version
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "clusters" -d 'List the Kafka clusters found by label, with their workloads and pod readiness'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "status" -d 'Brokers and their pods, controller, racks, leaders and replicas, and cluster health'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_needs_command" -f -a "topics" -d 'List, describe, create, delete and alter topics'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand clusters" -s V -l version -d 'Print version'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l exit-code -d 'Exit with 1 when the cluster is unhealthy (offline, under-replicated or under-min-ISR partitions, reassignments in flight, leftover throttles, brokers without pods)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand status" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and not __fish_seen_subcommand_from list ls describe create delete rm alter help" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l internal -d 'Include internal topics (__consumer_offsets, __transaction_state)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from list" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l internal -d 'Include internal topics (__consumer_offsets, __transaction_state)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from ls" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from describe" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l if-not-exists -d 'Succeed without change when the topic already exists'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l dry-run -d 'Validate with the brokers, create nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from create" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print what would be deleted, delete nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from delete" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Delete without asking (required when stdin is not a terminal)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l dry-run -d 'Print what would be deleted, delete nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from rm" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l dry-run -d 'Validate with the brokers, change nothing'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand topics; and __fish_seen_subcommand_from alter" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s n -l namespace -d 'Namespace to look in (default: the kubeconfig context\'s namespace, else "default")' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s l -l selector -d 'Label selector for the Kafka pods, replacing the built-in label conventions' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s k -l kafka-cluster -d 'Name of the Kafka cluster when a namespace holds several (see `kubectl kafka clusters`)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table'
wide\t'Table with more columns'
json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l request-timeout -d 'Time limit for each Kubernetes and Kafka request, e.g. 30s, 2m, 500ms (0: no limit)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s v -l v -d 'Log verbosity on stderr: -v for info, -v=3 for debug, -v=6 for trace' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l bootstrap-server -d 'Kafka bootstrap servers (host:port,...), instead of the broker pods\' IPs' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand completion" -s V -l version -d 'Print version'
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
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l command-config -d 'Kafka client properties file (security.protocol, ssl.*, sasl.*), as the Kafka CLI tools take' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-ca -d 'PEM file with the CA certificates to trust for Kafka\'s TLS listener' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-cert -d 'PEM client certificate for mutual TLS' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l sasl-mechanism -d 'SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l sasl-username -d 'SASL user name' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l sasl-password -d 'SASL password (prefer the environment variable KAFKA_SASL_PASSWORD)' -r
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s A -l all-namespaces -d 'Look in every namespace (clusters, status)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l port-forward -d 'Reach every broker through a port-forward over the Kubernetes API server'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls -d 'Use TLS to reach Kafka (security.protocol SSL or SASL_SSL)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -l tls-insecure -d 'Skip verification of the brokers\' TLS certificates (testing only)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand version" -s V -l version -d 'Print version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics completion version help" -f -a "clusters" -d 'List the Kafka clusters found by label, with their workloads and pod readiness'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics completion version help" -f -a "status" -d 'Brokers and their pods, controller, racks, leaders and replicas, and cluster health'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics completion version help" -f -a "topics" -d 'List, describe, create, delete and alter topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics completion version help" -f -a "completion" -d 'Print a shell completion script'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics completion version help" -f -a "version" -d 'Print the plugin\'s version'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and not __fish_seen_subcommand_from clusters status topics completion version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "list" -d 'List topics with partition count, replication factor and under-replicated partitions'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "describe" -d 'Partitions (leader, replicas, ISR) and non-default configs of a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "create" -d 'Create a topic'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "delete" -d 'Delete topics'
complete -c kubectl-kafka -n "__fish_kubectl_kafka_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "alter" -d 'Add partitions, set or delete configs of a topic (other configs stay as they are)'
