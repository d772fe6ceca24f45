package dev.mentorship.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each overlay renders, every object is valid for its API, and the platform's policies hold. */
class DeploymentChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void the_overlay_renders_and_every_object_is_valid_for_its_api(String overlay) {
        List<ObjectNode> documents = Manifests.overlay(overlay);
        Set<String> kinds = documents.stream().map(document -> document.path("kind").asText()).collect(Collectors.toSet());
        assertThat(kinds).contains("Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ServiceAccount",
                "NetworkPolicy", "ServiceMonitor", "HTTPRoute", "Gateway", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database",
                "Pooler", "Keycloak", "KeycloakRealmImport");
        assertThat(documents).allSatisfy(document -> assertThat(document.path("metadata").path("namespace").asText())
                .isEqualTo(overlay.equals("prod") ? "mentorship" : "mentorship-dev"));
        assertThat(ModelCheck.violations(documents)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void the_overlay_keeps_the_platforms_policies(String overlay) {
        List<ObjectNode> documents = Manifests.overlay(overlay);
        var uses = PolicyCheck.kafkaUses(Manifests.repository());
        assertThat(uses).extracting(PolicyCheck.KafkaUse::service).containsExactlyInAnyOrder("matching", "progress", "feedback");
        assertThat(PolicyCheck.containers(documents)).isEmpty();
        assertThat(PolicyCheck.disruptionBudgets(documents)).isEmpty();
        assertThat(PolicyCheck.networkPeers(documents)).isEmpty();
        assertThat(PolicyCheck.images(documents)).isEmpty();
        assertThat(PolicyCheck.topics(documents, uses)).isEmpty();
        assertThat(PolicyCheck.acls(documents, uses)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void production_runs_two_of_each_service_and_three_database_instances(String overlay) {
        List<ObjectNode> documents = Manifests.overlay(overlay);
        int replicas = overlay.equals("prod") ? 2 : 1;
        // The autoscaler owns the count: a Deployment that set replicas would be scaled back at every apply.
        assertThat(documents.stream().filter(document -> document.path("kind").asText().equals("Deployment")))
                .hasSize(3).allSatisfy(deployment -> assertThat(deployment.path("spec").has("replicas")).isFalse());
        assertThat(documents.stream().filter(document -> document.path("kind").asText().equals("HorizontalPodAutoscaler")))
                .hasSize(3).allSatisfy(autoscaler -> assertThat(autoscaler.path("spec").path("minReplicas").asInt()).isEqualTo(replicas));
        assertThat(documents.stream().filter(document -> document.path("kind").asText().equals("Cluster")))
                .singleElement().satisfies(cluster -> assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(overlay.equals("prod") ? 3 : 1));
    }
}
