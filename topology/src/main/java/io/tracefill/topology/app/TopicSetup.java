package io.tracefill.topology.app;

import io.tracefill.topology.config.ConfigException;
import io.tracefill.topology.config.StreamSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the input topics and creates the ones tracefill writes. The two internal topics carry
 * the expansion loop and must have the same number of partitions (Kafka Streams joins them in
 * tasks by partition number): {@code tracefill.internal.partitions}, or as many as the DeepFlow
 * topic has. The output and dead-letter topics are created like the OTLP input when missing.
 */
public final class TopicSetup {
    private static final long TIMEOUT_S = 30;

    private TopicSetup() {
    }

    /** Partition counts the topology is built for. */
    public record Layout(int deepflowPartitions, int otlpPartitions, int internalPartitions) {
    }

    public static Layout prepare(Admin admin, StreamSettings s) {
        TopicDescription deepflow = describe(admin, s.deepflowTopic()).orElseThrow(() -> missing(s.deepflowTopic(),
                StreamSettings.DEEPFLOW_TOPIC));
        TopicDescription otlp = describe(admin, s.otlpTopic()).orElseThrow(() -> missing(s.otlpTopic(),
                StreamSettings.OTLP_TOPIC));
        int internal = s.internalPartitions() > 0 ? s.internalPartitions() : deepflow.partitions().size();
        List<NewTopic> create = new ArrayList<>();
        for (String t : List.of(s.indexTopic(), s.assemblyTopic())) {
            var d = describe(admin, t);
            if (d.isEmpty()) {
                create.add(new NewTopic(t, Optional.of(internal), Optional.empty()));
            } else if (d.get().partitions().size() != internal) {
                throw new ConfigException("topic " + t + " has " + d.get().partitions().size() + " partitions, "
                        + "the pipeline needs " + internal + " (" + StreamSettings.INTERNAL_PARTITIONS
                        + "); use a new application.id or delete the topic");
            }
        }
        List<String> outputs = new ArrayList<>(List.of(s.outputTopic(), s.deadLetterTopic()));
        if (!s.apiJsonTopic().isEmpty()) {
            outputs.add(s.apiJsonTopic());
        }
        for (String t : outputs) {
            if (describe(admin, t).isEmpty()) {
                create.add(new NewTopic(t, Optional.of(otlp.partitions().size()), Optional.empty()));
            }
        }
        if (!create.isEmpty()) {
            try {
                admin.createTopics(create).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw new ConfigException("cannot create topics " + create.stream().map(NewTopic::name).toList()
                            + ": " + e.getCause().getMessage());
                }
            } catch (TimeoutException e) {
                throw unreachable(s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigException("interrupted while creating topics");
            }
        }
        return new Layout(deepflow.partitions().size(), otlp.partitions().size(), internal);
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            return Optional.ofNullable(d.get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new ConfigException("cannot describe topic " + topic + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ConfigException("no answer from Kafka within " + TIMEOUT_S + " s while describing " + topic
                    + " (is bootstrap.servers right and the broker up?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while describing " + topic);
        }
    }

    private static ConfigException missing(String topic, String key) {
        return new ConfigException("input topic " + topic + " does not exist (" + key + "); create it or set " + key);
    }

    private static ConfigException unreachable(StreamSettings s) {
        return new ConfigException("no answer from Kafka at " + s.bootstrapServers() + " within " + TIMEOUT_S + " s");
    }
}
