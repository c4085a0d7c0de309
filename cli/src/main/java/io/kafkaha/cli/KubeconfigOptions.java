package io.kafkaha.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.kafkaha.operator.runtime.KubernetesConfigs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context}: which Kubernetes API a command talks to, found as kubectl finds it. */
public class KubeconfigOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file. Default: $KUBECONFIG, else ~/.kube/config, else the pod's service"
                    + " account.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "Kubeconfig context to use. Default: the current context.")
    String context;

    public boolean given() {
        return kubeconfig != null || context != null;
    }

    /** The JDK's HTTP client, not fabric8's default Vert.x one: fewer classes, threads and buffers (see the pom). */
    public static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    /** The client configuration; {@code OperatorStartupException} with the fix when it does not load. */
    public Config load() {
        return KubernetesConfigs.load(kubeconfig, context);
    }
}
