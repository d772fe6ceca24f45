package dev.mentorship.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.crdgenerator.annotations.DeprecatedProperty;
import io.strimzi.crdgenerator.annotations.Maximum;
import io.strimzi.crdgenerator.annotations.Minimum;
import io.strimzi.crdgenerator.annotations.Pattern;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every object checked against the API it is written for, a field the API does not have being an
 * error (as the API server's strict field validation makes it): built-in kinds, the Gateway API and
 * the Prometheus operator's ServiceMonitor through fabric8's Kubernetes model; Strimzi's kinds through
 * Strimzi's own API model, with its rules for the v1 API (required fields, fields not in v1, deprecated
 * fields, patterns, minimums and maximums); CloudNativePG's,
 * its Barman Cloud plugin's and the Keycloak operator's kinds structurally, against the fields their
 * documentation lists (operator-schemas.yaml).
 */
final class ModelCheck {

    private static final Map<String, Class<?>> STRIMZI = Map.of("kafka.strimzi.io/v1/Kafka", Kafka.class, "kafka.strimzi.io/v1/KafkaNodePool",
            KafkaNodePool.class, "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class, "kafka.strimzi.io/v1/KafkaUser", KafkaUser.class);
    private static final Set<String> STRUCTURAL_GROUPS = Set.of("postgresql.cnpg.io", "barmancloud.cnpg.io", "k8s.keycloak.org", "cert-manager.io");
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    /** Reads each object into its model as the API server reads it: a string is no number, a number no string, no boolean. */
    private static final ObjectMapper JSON = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(config -> config.setAcceptBlankAsEmpty(false)).build();
    private static final JsonNode OPERATOR_SCHEMAS = load("/operator-schemas.yaml");

    private ModelCheck() {
    }

    /** What is wrong with these objects; empty when every one is valid. */
    static List<String> violations(List<ObjectNode> documents) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode document : documents) {
            String apiVersion = document.path("apiVersion").asText();
            String kind = document.path("kind").asText();
            String key = apiVersion + "/" + kind;
            String where = Manifests.describe(document);
            if (apiVersion.isEmpty() || kind.isEmpty() || !document.path("metadata").hasNonNull("name")) {
                violations.add(where + ": apiVersion, kind and metadata.name are required");
                continue;
            }
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            try {
                if (group.equals("kafka.strimzi.io")) {
                    Class<?> type = STRIMZI.get(key);
                    if (type == null) {
                        violations.add(where + ": Strimzi's API has no " + key);
                    } else {
                        walk(JSON.treeToValue(document, type), where, violations, Collections.newSetFromMap(new IdentityHashMap<>()), true);
                    }
                } else if (STRUCTURAL_GROUPS.contains(group)) {
                    JsonNode schema = OPERATOR_SCHEMAS.get(key);
                    if (schema == null) {
                        violations.add(where + ": no documented schema for " + key + " (operator-schemas.yaml)");
                    } else {
                        metadata(document, where, violations);
                        structural(document.path("spec"), schema, where + " spec", violations);
                        for (Iterator<String> fields = document.fieldNames(); fields.hasNext(); ) {
                            String field = fields.next();
                            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
                                violations.add(where + ": unknown field " + field);
                            }
                        }
                    }
                } else {
                    Object resolved = FABRIC8.unmarshal(JSON.writeValueAsString(document));
                    if (resolved instanceof GenericKubernetesResource) {
                        violations.add(where + ": no model knows " + key);
                    } else {
                        walk(JSON.treeToValue(document, resolved.getClass()), where, violations, Collections.newSetFromMap(new IdentityHashMap<>()),
                                false);
                    }
                }
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                violations.add(where + ": does not read as " + key + ": " + e.getMessage());
            }
        }
        return violations;
    }

    /** The unknown fields anywhere in a model object: each keeps them in its additionalProperties. */
    private static void walk(Object value, String path, List<String> violations, Set<Object> seen, boolean strimzi) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>
                || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, child) -> walk(child, path + "." + name, violations, seen, strimzi));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object child : list) {
                walk(child, path + "[" + i++ + "]", violations, seen, strimzi);
            }
            return;
        }
        if (value instanceof Quantity quantity) {
            try {
                Quantity.getAmountInBytes(quantity);
            } catch (RuntimeException e) {
                violations.add(path + ": " + quantity + " is not a quantity");
            }
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is")) || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    violations.add(path + ": unknown field(s) " + unknown.keySet());
                }
                continue;
            }
            if (strimzi) {
                strimziRules(getter, child, path + "." + property(getter), violations);
            }
            walk(child, path + "." + property(getter), violations, seen, strimzi);
        }
    }

    /**
     * What Strimzi's model says of a property in the v1 API beyond its type: required, present in the
     * version at all, deprecated, its pattern, its minimum and maximum.
     */
    private static void strimziRules(Method getter, Object value, String path, List<String> violations) {
        RequiredInVersions required = getter.getAnnotation(RequiredInVersions.class);
        if (value == null && required != null && inV1(required.value())) {
            violations.add(path + ": required in Strimzi's v1 API");
        }
        if (value == null) {
            return;
        }
        PresentInVersions present = getter.getAnnotation(PresentInVersions.class);
        if (present != null && !inV1(present.value())) {
            violations.add(path + ": not part of Strimzi's v1 API");
        }
        if (getter.isAnnotationPresent(DeprecatedProperty.class)) {
            violations.add(path + ": deprecated in Strimzi's API");
        }
        for (Pattern pattern : getter.getAnnotationsByType(Pattern.class)) {
            if (inV1(pattern.apiVersions()) && value instanceof String text && !text.matches(pattern.value())) {
                violations.add(path + ": " + text + " does not match " + pattern.value());
            }
        }
        for (Minimum minimum : getter.getAnnotationsByType(Minimum.class)) {
            if (inV1(minimum.apiVersions()) && value instanceof Number number && number.longValue() < minimum.value()) {
                violations.add(path + ": " + number + " is below " + minimum.value());
            }
        }
        for (Maximum maximum : getter.getAnnotationsByType(Maximum.class)) {
            if (inV1(maximum.apiVersions()) && value instanceof Number number && number.longValue() > maximum.value()) {
                violations.add(path + ": " + number + " is above " + maximum.value());
            }
        }
    }

    private static final List<String> STRIMZI_VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

    /** Whether a Strimzi API version range ({@code all}, {@code v1}, {@code v1beta2+}, {@code v1alpha1-v1beta2}) holds v1. */
    static boolean inV1(String range) {
        if (range == null || range.isBlank() || range.equals("all")) {
            return true;
        }
        int v1 = STRIMZI_VERSIONS.indexOf("v1");
        for (String part : range.split(",")) {
            String bound = part.strip();
            if (bound.endsWith("+") && STRIMZI_VERSIONS.indexOf(bound.substring(0, bound.length() - 1)) <= v1) {
                return true;
            }
            if (bound.contains("-")) {
                int from = STRIMZI_VERSIONS.indexOf(bound.substring(0, bound.indexOf('-')));
                int to = STRIMZI_VERSIONS.indexOf(bound.substring(bound.indexOf('-') + 1));
                if (from <= v1 && v1 <= to) {
                    return true;
                }
            }
            if (bound.equals("v1")) {
                return true;
            }
        }
        return false;
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static void metadata(JsonNode document, String where, List<String> violations) {
        for (Iterator<String> fields = document.path("metadata").fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!Set.of("name", "namespace", "labels", "annotations").contains(field)) {
                violations.add(where + ": unexpected metadata." + field);
            }
        }
    }

    /** {@code value} against a schema of operator-schemas.yaml. */
    static void structural(JsonNode value, JsonNode schema, String path, List<String> violations) {
        if (value == null || value.isMissingNode()) {
            return;
        }
        if (schema.isArray()) {
            if (!value.isArray()) {
                violations.add(path + ": a list is expected");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                structural(value.get(i), schema.get(0), path + "[" + i + "]", violations);
            }
            return;
        }
        if (schema.isTextual()) {
            boolean fits = switch (schema.asText()) {
                case "string" -> value.isTextual();
                case "int" -> value.isIntegralNumber();
                case "bool" -> value.isBoolean();
                case "stringMap" -> value.isObject() && allText(value);
                case "quantity" -> value.isTextual() && value.asText().matches("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
                case "any" -> true;
                default -> throw new IllegalStateException("Unknown type " + schema.asText() + " in operator-schemas.yaml");
            };
            if (!fits) {
                violations.add(path + ": " + schema.asText() + " expected, not " + value);
            }
            return;
        }
        if (!value.isObject()) {
            violations.add(path + ": an object is expected");
            return;
        }
        JsonNode fields = schema.path("fields");
        for (JsonNode required : schema.path("required")) {
            if (!value.hasNonNull(required.asText())) {
                violations.add(path + ": " + required.asText() + " is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode fieldSchema = fields.get(entry.getKey());
            if (fieldSchema == null) {
                violations.add(path + ": unknown field " + entry.getKey());
            } else {
                structural(entry.getValue(), fieldSchema, path + "." + entry.getKey(), violations);
            }
        }
    }

    private static boolean allText(JsonNode object) {
        for (JsonNode child : object) {
            if (!child.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode load(String resource) {
        try (InputStream in = ModelCheck.class.getResourceAsStream(resource)) {
            return Manifests.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
