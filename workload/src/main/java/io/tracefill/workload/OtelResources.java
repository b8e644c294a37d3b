package io.tracefill.workload;

import io.opentelemetry.proto.resource.v1.Resource;

import java.util.HashMap;
import java.util.Map;

/**
 * The OTLP resource of each instrumented pod, as its SDK and the Collector's {@code k8sattributes}
 * processor make it. {@code k8s.pod.name} and {@code k8s.deployment.name} are the names DeepFlow's
 * rows carry for the same pod, so the decoded spans and the rows name one instance
 * (docs/otlp-input.md, "Instances").
 */
final class OtelResources {
    private final Map<String, Resource> byPod = new HashMap<>();

    Resource of(Cluster.Pod pod) {
        return byPod.computeIfAbsent(pod.name(), n -> build(pod));
    }

    private static Resource build(Cluster.Pod pod) {
        Cluster.Service s = pod.service();
        Otel.Attrs a = new Otel.Attrs()
                .str("service.name", s.name())
                .str("service.version", version(s.name()))
                // the OpenTelemetry Operator's form: namespace.pod.container
                .str("service.instance.id", s.namespace() + "." + pod.name() + "." + s.name())
                .str("host.name", pod.name());
        switch (s.sdk()) {
            case JAVA -> a.str("host.arch", "amd64").str("os.type", "linux").num("process.pid", 1)
                    .str("process.runtime.name", "OpenJDK Runtime Environment")
                    .str("process.runtime.version", "17.0.12+7")
                    .str("telemetry.sdk.language", "java").str("telemetry.sdk.name", "opentelemetry")
                    .str("telemetry.sdk.version", "1.32.0").str("telemetry.auto.version", "1.32.0");
            case GO -> a.str("telemetry.sdk.language", "go").str("telemetry.sdk.name", "opentelemetry")
                    .str("telemetry.sdk.version", "1.32.0");
            case PYTHON -> a.str("telemetry.sdk.language", "python").str("telemetry.sdk.name", "opentelemetry")
                    .str("telemetry.sdk.version", "1.28.2").str("telemetry.auto.version", "0.49b2");
            case NONE -> throw new IllegalStateException(pod.name() + " has no OpenTelemetry SDK");
        }
        // added by the Collector's k8sattributes processor
        a.str("k8s.namespace.name", s.namespace()).str("k8s.pod.name", pod.name())
                .str("k8s.deployment.name", s.name()).str("k8s.node.name", pod.node().name())
                .str("k8s.pod.ip", pod.ip()).str("k8s.container.name", s.name());
        return Resource.newBuilder().addAllAttributes(a.list).build();
    }

    private static String version(String service) {
        return switch (service) {
            case "frontend" -> "2.4.1";
            case "catalog" -> "1.9.0";
            case "cart" -> "1.3.7";
            case "checkout" -> "3.0.2";
            case "payment" -> "0.12.4";
            default -> "1.1.0";
        };
    }
}
