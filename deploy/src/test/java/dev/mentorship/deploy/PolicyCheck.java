package dev.mentorship.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The platform's rules for what it deploys: every container with probes, requests, limits, a non-root
 * user and a read-only root filesystem; every Deployment covered by a PodDisruptionBudget; no image
 * without a pinned tag or digest; every topic a service publishes to or consumes from a KafkaTopic; and
 * each service's KafkaUser allowed exactly what the service does.
 */
final class PolicyCheck {

    /** What a service does with Kafka, read from its configuration and the event contracts. */
    record KafkaUse(String service, Set<String> publishes, Set<String> consumes, String group) {
    }

    private PolicyCheck() {
    }

    static List<String> containers(List<ObjectNode> documents) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode document : workloads(documents)) {
            JsonNode pod = document.path("spec").path("template").path("spec");
            boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            int running = containers.size();
            pod.path("initContainers").forEach(containers::add);
            for (int i = 0; i < containers.size(); i++) {
                JsonNode container = containers.get(i);
                String where = Manifests.describe(document) + " container " + container.path("name").asText();
                // Init containers run to completion before the pod starts: probes are for those that keep running.
                for (String probe : i < running ? List.of("readinessProbe", "livenessProbe", "startupProbe") : List.<String>of()) {
                    JsonNode check = container.path(probe);
                    if (!check.has("httpGet") && !check.has("tcpSocket") && !check.has("exec") && !check.has("grpc")) {
                        violations.add(where + ": no " + probe);
                    }
                }
                for (String kind : List.of("requests", "limits")) {
                    JsonNode resources = container.path("resources").path(kind);
                    if (!resources.hasNonNull("memory") || kind.equals("requests") && !resources.hasNonNull("cpu")) {
                        violations.add(where + ": no " + kind + (kind.equals("requests") ? " for cpu and memory" : " for memory"));
                    }
                }
                JsonNode security = container.path("securityContext");
                boolean nonRoot = security.has("runAsNonRoot") ? security.path("runAsNonRoot").asBoolean() : podNonRoot;
                if (!nonRoot || security.path("runAsUser").asInt(1) == 0 || pod.path("securityContext").path("runAsUser").asInt(1) == 0) {
                    violations.add(where + ": may run as root (runAsNonRoot must be true)");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    violations.add(where + ": root filesystem is writable (readOnlyRootFilesystem must be true)");
                }
                if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    violations.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (!security.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    violations.add(where + ": capabilities must drop ALL");
                }
            }
        }
        return violations;
    }

    /**
     * The labels of the pods the services talk to, as their operators and Kubernetes label them: Strimzi's
     * brokers, CloudNativePG's pooler, the Keycloak operator's server, the cluster's DNS.
     */
    static final List<Map<String, String>> PEERS = List.of(
            Map.of("strimzi.io/cluster", "mentorship-kafka", "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true",
                    "strimzi.io/controller-role", "true", "strimzi.io/pool-name", "dual-role"),
            Map.of("cnpg.io/poolerName", "mentorship-db-pooler-rw", "cnpg.io/podRole", "pooler"),
            Map.of("app", "keycloak", "app.kubernetes.io/instance", "mentorship-keycloak", "app.kubernetes.io/managed-by", "keycloak-operator"),
            Map.of("k8s-app", "kube-dns"));

    /** Every NetworkPolicy peer chosen by pod labels selects pods the platform has (a selector nobody matches blocks the way). */
    static List<String> networkPeers(List<ObjectNode> documents) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode policy : ofKind(documents, "NetworkPolicy")) {
            for (String direction : List.of("egress", "ingress")) {
                for (JsonNode rule : policy.path("spec").path(direction)) {
                    for (JsonNode peer : rule.path(direction.equals("egress") ? "to" : "from")) {
                        if (peer.has("podSelector") && PEERS.stream().noneMatch(labels -> selects(peer.path("podSelector"), labels))) {
                            violations.add(Manifests.describe(policy) + ": " + direction + " peer " + peer.path("podSelector")
                                    + " selects none of the pods the services talk to");
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** Whether a label selector (matchLabels and matchExpressions) selects a pod with these labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Iterator<Map.Entry<String, JsonNode>> wanted = selector.path("matchLabels").fields(); wanted.hasNext(); ) {
            Map.Entry<String, JsonNode> label = wanted.next();
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(item -> values.add(item.asText()));
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    static List<String> disruptionBudgets(List<ObjectNode> documents) {
        List<String> violations = new ArrayList<>();
        List<ObjectNode> budgets = documents.stream().filter(document -> document.path("kind").asText().equals("PodDisruptionBudget")).toList();
        for (ObjectNode deployment : documents.stream().filter(document -> document.path("kind").asText().equals("Deployment")).toList()) {
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            boolean covered = budgets.stream().anyMatch(budget -> {
                JsonNode selector = budget.path("spec").path("selector").path("matchLabels");
                if (selector.isEmpty()) {
                    return false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> wanted = selector.fields(); wanted.hasNext(); ) {
                    Map.Entry<String, JsonNode> label = wanted.next();
                    if (!label.getValue().equals(labels.get(label.getKey()))) {
                        return false;
                    }
                }
                return true;
            });
            if (!covered) {
                violations.add(Manifests.describe(deployment) + ": no PodDisruptionBudget selects its pods");
            }
        }
        return violations;
    }

    static List<String> images(List<ObjectNode> documents) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode document : workloads(documents)) {
            List<JsonNode> containers = new ArrayList<>();
            document.path("spec").path("template").path("spec").path("containers").forEach(containers::add);
            document.path("spec").path("template").path("spec").path("initContainers").forEach(containers::add);
            for (JsonNode container : containers) {
                String image = container.path("image").asText();
                String name = image.contains("/") ? image.substring(image.lastIndexOf('/')) : image;
                if (image.contains("@sha256:")) {
                    continue;
                }
                if (!name.contains(":") || name.endsWith(":latest")) {
                    violations.add(Manifests.describe(document) + ": image " + image + " is not pinned to a version or digest");
                }
            }
        }
        for (ObjectNode document : documents) {
            String image = document.path("spec").path("imageName").asText(document.path("spec").path("image").asText(""));
            String name = image.contains("/") ? image.substring(image.lastIndexOf('/')) : image;
            if (!image.isEmpty() && !image.contains("@sha256:") && (!name.contains(":") || name.endsWith(":latest"))) {
                violations.add(Manifests.describe(document) + ": image " + image + " is not pinned to a version or digest");
            }
        }
        return violations;
    }

    /** Each service's use of Kafka, from its application.properties and {@link Topics}. */
    static List<KafkaUse> kafkaUses(Path repository) {
        List<KafkaUse> uses = new ArrayList<>();
        for (String module : List.of("matching-service", "progress-service", "feedback-service")) {
            Properties settings = new Properties();
            try (Reader in = Files.newBufferedReader(repository.resolve(module).resolve("src/main/resources/application.properties"))) {
                settings.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String service = settings.getProperty("mentorship.service");
            Set<String> consumes = new TreeSet<>();
            for (String topic : settings.getProperty("mentorship.inbox.topics", "").split(",")) {
                if (!topic.isBlank()) {
                    consumes.add(topic.strip());
                }
            }
            uses.add(new KafkaUse(service, new TreeSet<>(Set.of(Topics.of(service), Topics.deadLetter(service))), consumes, service + "-service"));
        }
        return uses;
    }

    static List<String> topics(List<ObjectNode> documents, List<KafkaUse> uses) {
        Set<String> declared = new HashSet<>();
        for (ObjectNode topic : ofKind(documents, "KafkaTopic")) {
            declared.add(topic.path("spec").hasNonNull("topicName") ? topic.path("spec").path("topicName").asText()
                    : topic.path("metadata").path("name").asText());
        }
        List<String> violations = new ArrayList<>();
        for (KafkaUse use : uses) {
            Set<String> needed = new TreeSet<>(use.publishes());
            needed.addAll(use.consumes());
            for (String topic : needed) {
                if (!declared.contains(topic)) {
                    violations.add(use.service() + "-service uses topic " + topic + ", which no KafkaTopic declares");
                }
            }
        }
        return violations;
    }

    /** Each service's KafkaUser: exactly Write and Describe on what it publishes, Read and Describe on what it consumes, Read on its group. */
    static List<String> acls(List<ObjectNode> documents, List<KafkaUse> uses) {
        List<String> violations = new ArrayList<>();
        for (KafkaUse use : uses) {
            String user = use.service() + "-service";
            ObjectNode found = ofKind(documents, "KafkaUser").stream().filter(document -> document.path("metadata").path("name").asText().equals(user))
                    .findFirst().orElse(null);
            if (found == null) {
                violations.add("no KafkaUser " + user);
                continue;
            }
            Map<String, Set<String>> wanted = new TreeMap<>();
            use.publishes().forEach(topic -> wanted.put("topic " + topic, new TreeSet<>(Set.of("Write", "Describe"))));
            use.consumes().forEach(topic -> wanted.put("topic " + topic, new TreeSet<>(Set.of("Read", "Describe"))));
            wanted.put("group " + use.group(), new TreeSet<>(Set.of("Read")));
            Map<String, Set<String>> granted = new TreeMap<>();
            for (JsonNode acl : found.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String name = resource.path("type").asText() + " " + resource.path("name").asText();
                if (!resource.path("patternType").asText("literal").equals("literal") || resource.path("name").asText().contains("*")) {
                    violations.add("KafkaUser " + user + " grants on a pattern: " + name);
                }
                if (!acl.path("type").asText("allow").equalsIgnoreCase("allow")) {
                    continue;
                }
                acl.path("operations").forEach(operation -> granted.computeIfAbsent(name, key -> new TreeSet<>()).add(operation.asText()));
            }
            if (!granted.equals(wanted)) {
                violations.add("KafkaUser " + user + " grants " + granted + "; the service needs exactly " + wanted);
            }
        }
        return violations;
    }

    private static List<ObjectNode> workloads(List<ObjectNode> documents) {
        return documents.stream().filter(document -> Set.of("Deployment", "StatefulSet", "DaemonSet").contains(document.path("kind").asText())).toList();
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream().filter(document -> document.path("kind").asText().equals(kind)).toList();
    }
}
