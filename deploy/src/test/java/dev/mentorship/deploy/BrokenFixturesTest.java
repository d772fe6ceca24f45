package dev.mentorship.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each check refuses an overlay broken for it (src/test/resources/broken: the dev overlay with one thing
 * wrong), naming what is wrong; the overlays themselves pass every check (DeploymentChecksTest).
 */
class BrokenFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unknown-field, models, imagePullPolcy",
            "gateway-unknown-field, models, backendRef",
            "servicemonitor-unknown-field, models, paths",
            "strimzi-unknown-field, models, partition",
            "strimzi-pattern, models, does not match",
            "strimzi-required, models, required in Strimzi's v1 API",
            "cnpg-unknown-field, models, unknown field instance",
            "keycloak-unknown-field, models, unknown field redirectUri",
            "wrong-type, models, does not read as",
            "bad-quantity, models, is not a quantity",
            "cnpg-not-a-string, models, stringMap expected",
            "no-probes, containers, no readinessProbe",
            "no-requests, containers, no requests",
            "privilege-escalation, containers, allowPrivilegeEscalation must be false",
            "egress-peer, network-peers, selects none of the pods",
            "no-limits, containers, no limits",
            "root, containers, may run as root",
            "writable-root, containers, root filesystem is writable",
            "no-pdb, disruption-budgets, no PodDisruptionBudget",
            "latest, images, is not pinned",
            "missing-topic, topics, mentorship.progress.dead-letter",
            "wide-acl, acls, KafkaUser matching-service grants"})
    void a_broken_overlay_fails_its_check(String fixture, String check, String named) {
        List<ObjectNode> documents = Manifests.render(Path.of("src/test/resources/broken").resolve(fixture).toAbsolutePath());
        var uses = PolicyCheck.kafkaUses(Manifests.repository());
        Function<List<ObjectNode>, List<String>> run = switch (check) {
            case "models" -> ModelCheck::violations;
            case "containers" -> PolicyCheck::containers;
            case "disruption-budgets" -> PolicyCheck::disruptionBudgets;
            case "network-peers" -> PolicyCheck::networkPeers;
            case "images" -> PolicyCheck::images;
            case "topics" -> rendered -> PolicyCheck.topics(rendered, uses);
            case "acls" -> rendered -> PolicyCheck.acls(rendered, uses);
            default -> throw new IllegalArgumentException(check);
        };
        assertThat(run.apply(documents)).anySatisfy(violation -> assertThat(violation).contains(named));
    }
}
