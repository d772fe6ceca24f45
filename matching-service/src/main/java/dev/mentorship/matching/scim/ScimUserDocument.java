package dev.mentorship.matching.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.decider.DomainException;
import dev.mentorship.matching.TimeZones;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A SCIM User (RFC 7643, 4.1, with the enterprise extension, 4.3) as this service keeps it: the
 * attributes it knows, checked and in their canonical spelling (attribute names are case-insensitive
 * in SCIM); anything else a client sends (a password, groups, roles, addresses) is not kept.
 */
final class ScimUserDocument {

    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Single-valued strings of the core schema. */
    static final Set<String> STRINGS = Set.of("userName", "externalId", "displayName", "nickName", "title", "userType", "preferredLanguage",
            "locale", "timezone", "profileUrl");
    static final Set<String> NAME_PARTS = Set.of("formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix");
    /** Multi-valued attributes kept, each a list of {value, type, primary, display}. */
    static final Set<String> MULTI = Set.of("emails", "phoneNumbers");
    static final Set<String> MULTI_PARTS = Set.of("value", "type", "primary", "display");
    static final Set<String> ENTERPRISE_STRINGS = Set.of("employeeNumber", "costCenter", "organization", "division", "department");
    static final Set<String> MANAGER_PARTS = Set.of("value", "displayName", "$ref");
    private static final int LONGEST = 1000;
    private static final int MOST_VALUES = 20;

    private ScimUserDocument() {
    }

    /** The canonical spelling of a known attribute of {@code known}, or null. */
    static String canonical(String name, Set<String> known) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The user as kept: known attributes, checked; refused as SCIM refuses invalid values. A user sent
     * without {@code active} keeps {@code activeIfAbsent}: true for a new one, what it was for a change.
     */
    static ObjectNode normalise(JsonNode input, boolean requireSchemas, boolean activeIfAbsent) {
        if (input == null || !input.isObject()) {
            throw ScimException.invalidSyntax("A User is a JSON object");
        }
        JsonNode schemas = field(input, "schemas");
        if (requireSchemas && (schemas == null || !schemas.isArray()
                || java.util.stream.StreamSupport.stream(schemas.spliterator(), false).noneMatch(schema -> CORE.equals(schema.asText())))) {
            throw ScimException.invalidSyntax("schemas must list " + CORE);
        }
        ObjectNode kept = NODES.objectNode();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) input::fields) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            String string = canonical(name, STRINGS);
            if (string != null) {
                kept.put(string, text(value, string));
            } else if ("active".equalsIgnoreCase(name)) {
                kept.put("active", bool(value, "active"));
            } else if ("name".equalsIgnoreCase(name)) {
                kept.set("name", parts(value, "name", NAME_PARTS));
            } else if (canonical(name, MULTI) != null) {
                kept.set(canonical(name, MULTI), multi(value, canonical(name, MULTI)));
            } else if (ENTERPRISE.equalsIgnoreCase(name)) {
                kept.set(ENTERPRISE, enterprise(value));
            }
        }
        if (!kept.hasNonNull("userName") || kept.get("userName").asText().isBlank()) {
            throw ScimException.invalidValue("userName is required");
        }
        if (kept.get("userName").asText().length() > 255 || kept.path("externalId").asText("").length() > 255) {
            throw ScimException.invalidValue("userName and externalId are at most 255 characters");
        }
        if (kept.hasNonNull("timezone")) {
            try {
                TimeZones.require(kept.get("timezone").asText());
            } catch (DomainException e) {
                throw ScimException.invalidValue(e.getMessage());
            }
        }
        if (!kept.has("active")) {
            kept.put("active", activeIfAbsent);
        }
        if (kept.has(ENTERPRISE) && kept.get(ENTERPRISE).isEmpty()) {
            kept.remove(ENTERPRISE);
        }
        return kept;
    }

    /** The resource as answered: what is kept, with its schemas, id and meta. */
    static ObjectNode represent(ScimUserRow row, String location) {
        ObjectNode user = NODES.objectNode();
        ArrayNode schemas = user.putArray("schemas").add(CORE);
        if (row.resource().has(ENTERPRISE)) {
            schemas.add(ENTERPRISE);
        }
        user.put("id", row.id());
        user.setAll(row.resource());
        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", row.created().toString());
        meta.put("lastModified", row.updated().toString());
        meta.put("location", location);
        meta.put("version", etag(row.version()));
        return user;
    }

    static String etag(int version) {
        return "W/\"" + version + "\"";
    }

    /**
     * The user as an HR change's data, in the shape of a Standard Webhooks delivery: the SCIM id as the
     * employee's, name, e-mail, title as job title, the enterprise department and manager, time zone,
     * and the other attributes for rules to match on.
     */
    static ObjectNode change(String id, ObjectNode user) {
        ObjectNode data = NODES.objectNode();
        data.put("id", id);
        JsonNode name = user.path("name");
        String formatted = name.path("formatted").asText(null);
        String given = name.path("givenName").asText(null);
        String family = name.path("familyName").asText(null);
        String full = formatted != null ? formatted : given != null || family != null
                ? ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip() : user.path("displayName").asText(null);
        putIfPresent(data, "name", full);
        putIfPresent(data, "email", email(user));
        putIfPresent(data, "jobTitle", user.path("title").asText(null));
        JsonNode enterprise = user.path(ENTERPRISE);
        putIfPresent(data, "department", enterprise.path("department").asText(null));
        putIfPresent(data, "managerId", enterprise.path("manager").path("value").asText(null));
        putIfPresent(data, "timezone", user.path("timezone").asText(null));
        for (String attribute : List.of("userName", "externalId", "userType", "displayName")) {
            putIfPresent(data, attribute, user.path(attribute).asText(null));
        }
        for (String attribute : List.of("employeeNumber", "costCenter", "organization", "division")) {
            putIfPresent(data, attribute, enterprise.path(attribute).asText(null));
        }
        return data;
    }

    /** The primary work e-mail, else the first, else a userName written as an e-mail address. */
    private static String email(ObjectNode user) {
        JsonNode chosen = null;
        for (JsonNode email : user.path("emails")) {
            if (chosen == null || email.path("primary").asBoolean(false) && !chosen.path("primary").asBoolean(false)) {
                chosen = email;
            }
        }
        if (chosen != null && chosen.hasNonNull("value")) {
            return chosen.get("value").asText();
        }
        String userName = user.path("userName").asText("");
        return userName.matches("[^@\\s]+@[^@\\s]+") ? userName : null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    /** The field of {@code node} named so regardless of case. */
    static JsonNode field(JsonNode node, String name) {
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static ObjectNode enterprise(JsonNode value) {
        if (!value.isObject()) {
            throw ScimException.invalidValue(ENTERPRISE + " is an object");
        }
        ObjectNode kept = NODES.objectNode();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            if (entry.getValue().isNull()) {
                continue;
            }
            String string = canonical(entry.getKey(), ENTERPRISE_STRINGS);
            if (string != null) {
                kept.put(string, text(entry.getValue(), string));
            } else if ("manager".equalsIgnoreCase(entry.getKey())) {
                // Microsoft Entra ID sends the manager as the bare id.
                JsonNode manager = entry.getValue().isTextual() ? NODES.objectNode().put("value", entry.getValue().asText()) : entry.getValue();
                ObjectNode parts = parts(manager, "manager", MANAGER_PARTS);
                if (parts.hasNonNull("value") && !parts.get("value").asText().isBlank()) {
                    kept.set("manager", parts);
                }
            }
        }
        return kept;
    }

    private static ObjectNode parts(JsonNode value, String attribute, Set<String> known) {
        if (!value.isObject()) {
            throw ScimException.invalidValue(attribute + " is an object");
        }
        ObjectNode kept = NODES.objectNode();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            String part = canonical(entry.getKey(), known);
            if (part != null && !entry.getValue().isNull()) {
                if ("primary".equals(part)) {
                    kept.put(part, bool(entry.getValue(), attribute + ".primary"));
                } else {
                    kept.put(part, text(entry.getValue(), attribute + "." + part));
                }
            }
        }
        return kept;
    }

    private static ArrayNode multi(JsonNode value, String attribute) {
        if (!value.isArray()) {
            throw ScimException.invalidValue(attribute + " is a list");
        }
        if (value.size() > MOST_VALUES) {
            throw ScimException.invalidValue(attribute + " has at most " + MOST_VALUES + " values");
        }
        ArrayNode kept = NODES.arrayNode();
        for (JsonNode element : value) {
            ObjectNode parts = parts(element, attribute, MULTI_PARTS);
            if (!parts.hasNonNull("value")) {
                throw ScimException.invalidValue("each of " + attribute + " has a value");
            }
            if ("emails".equals(attribute) && !parts.get("value").asText().matches("[^@\\s]+@[^@\\s]+")) {
                throw ScimException.invalidValue("emails: " + parts.get("value").asText() + " is not an e-mail address");
            }
            kept.add(parts);
        }
        return kept;
    }

    static String text(JsonNode value, String attribute) {
        if (!value.isTextual()) {
            throw ScimException.invalidValue(attribute + " is a string");
        }
        String text = value.asText();
        if (text.length() > LONGEST) {
            throw ScimException.invalidValue(attribute + " is at most " + LONGEST + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i))
                    : !Character.isLowSurrogate(c);
            if (c == '\u0000' || !paired) {
                throw ScimException.invalidValue(attribute + " contains a NUL character or an unpaired surrogate");
            }
        }
        return text;
    }

    /** A boolean; Microsoft Entra ID sends "True" and "False" as strings. */
    static boolean bool(JsonNode value, String attribute) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && List.of("true", "false").contains(value.asText().toLowerCase(Locale.ROOT))) {
            return Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT));
        }
        throw ScimException.invalidValue(attribute + " is true or false");
    }
}
