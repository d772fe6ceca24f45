package dev.mentorship.matching.scim;

import static dev.mentorship.matching.scim.ScimUserDocument.CORE;
import static dev.mentorship.matching.scim.ScimUserDocument.ENTERPRISE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCIM PatchOp (RFC 7644, 3.5.2) applied to a kept user: {@code add}, {@code replace} and
 * {@code remove}, with a path ({@code title}, {@code name.givenName}, {@code emails[type eq "work"].value},
 * the enterprise extension's {@code urn:...:enterprise:2.0:User:department}) or, for add and replace,
 * without one (a value object of attributes, as Okta sends). Operation names are case-insensitive, as
 * Microsoft Entra ID sends them capitalised. An operation on an attribute this service does not keep
 * changes nothing; a malformed path is refused (invalidPath). A replace of a filtered value that
 * matches nothing adds it, as Entra expects of {@code emails[type eq "work"].value}.
 */
final class ScimPatch {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Pattern PATH = Pattern.compile(
            "([A-Za-z][\\w$-]*+)(?:\\[\\s*([A-Za-z][\\w$-]*+)\\s+(?i:eq)\\s+\"((?:[^\"\\\\]|\\\\.)*+)\"\\s*\\])?(?:\\.([A-Za-z$][\\w$-]*+))?");
    private static final int MOST_OPERATIONS = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ROOT = union(ScimUserDocument.STRINGS, Set.of("active", "name"), ScimUserDocument.MULTI);
    private static final Set<String> EXTENSION = union(ScimUserDocument.ENTERPRISE_STRINGS, Set.of("manager"));

    /** Where an operation points: an attribute of the core schema or of the extension, maybe filtered, maybe a sub-attribute. */
    private record Target(boolean enterprise, String attribute, String filterAttribute, String filterValue, String sub) {
    }

    private ScimPatch() {
    }

    /** A copy of {@code user} with the request's operations applied in order; it is checked again as a whole afterwards. */
    static ObjectNode apply(ObjectNode user, JsonNode request) {
        if (request == null || !request.isObject()) {
            throw ScimException.invalidSyntax("A PatchOp is a JSON object");
        }
        JsonNode schemas = ScimUserDocument.field(request, "schemas");
        if (schemas == null || !schemas.toString().contains("\"" + SCHEMA + "\"")) {
            throw ScimException.invalidSyntax("schemas must list " + SCHEMA);
        }
        JsonNode operations = ScimUserDocument.field(request, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("Operations is a non-empty list");
        }
        if (operations.size() > MOST_OPERATIONS) {
            throw ScimException.invalidValue("At most " + MOST_OPERATIONS + " operations a request");
        }
        ObjectNode patched = user.deepCopy();
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw ScimException.invalidSyntax("Each operation is an object");
            }
            String op = ScimUserDocument.field(operation, "op") == null ? "" : ScimUserDocument.field(operation, "op").asText("")
                    .toLowerCase(Locale.ROOT);
            JsonNode pathNode = ScimUserDocument.field(operation, "path");
            JsonNode value = ScimUserDocument.field(operation, "value");
            String path = pathNode == null || pathNode.isNull() ? null : ScimUserDocument.text(pathNode, "path");
            switch (op) {
                case "add", "replace" -> {
                    if (value == null) {
                        throw ScimException.invalidSyntax(op + " needs a value");
                    }
                    if (path == null) {
                        writeAll(patched, value, op.equals("add"));
                    } else {
                        write(patched, parse(path), value, op.equals("add"));
                    }
                }
                case "remove" -> {
                    if (path == null) {
                        throw new ScimException(400, "noTarget", "remove needs a path");
                    }
                    remove(patched, parse(path));
                }
                default -> throw ScimException.invalidSyntax("op is add, replace or remove, not " + op);
            }
        }
        return patched;
    }

    /** A value object without a path: each of its attributes as if named by a path. */
    private static void writeAll(ObjectNode user, JsonNode value, boolean add) {
        if (!value.isObject()) {
            throw ScimException.invalidSyntax("Without a path, the value is an object of attributes");
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            if (entry.getKey().equalsIgnoreCase(ENTERPRISE)) {
                if (!entry.getValue().isObject()) {
                    throw ScimException.invalidValue(ENTERPRISE + " is an object");
                }
                for (var part : (Iterable<Map.Entry<String, JsonNode>>) entry.getValue()::fields) {
                    write(user, parse(ENTERPRISE + ":" + ScimUserDocument.text(NODES.textNode(part.getKey()), "attribute name")), part.getValue(),
                            add);
                }
            } else {
                write(user, parse(ScimUserDocument.text(NODES.textNode(entry.getKey()), "attribute name")), entry.getValue(), add);
            }
        }
    }

    private static void write(ObjectNode user, Target target, JsonNode value, boolean add) {
        if (target == null) {
            return;
        }
        if (target.attribute() == null) {
            if (!value.isObject()) {
                throw ScimException.invalidValue(ENTERPRISE + " is an object");
            }
            // RFC 7644, 3.5.2.3: a replace of a complex attribute keeps the sub-attributes it does not name, as an add does.
            container(user, target, true).setAll((ObjectNode) value);
            return;
        }
        ObjectNode container = container(user, target, true);
        String attribute = target.attribute();
        if (target.filterAttribute() != null) {
            ArrayNode values = array(container, attribute);
            List<ObjectNode> matching = matching(values, target);
            if (matching.isEmpty()) {
                ObjectNode added = values.addObject();
                added.put(target.filterAttribute(), target.filterValue());
                matching = List.of(added);
            }
            for (ObjectNode element : matching) {
                if (target.sub() != null) {
                    element.set(target.sub(), value);
                } else if (value.isObject()) {
                    element.setAll((ObjectNode) value);
                } else {
                    throw ScimException.invalidValue(attribute + "[...] takes an object");
                }
            }
        } else if (target.sub() != null) {
            JsonNode current = container.get(attribute);
            if (current instanceof ArrayNode values) {
                if (values.isEmpty()) {
                    values.addObject();
                }
                values.forEach(element -> object(element, attribute).set(target.sub(), value));
            } else {
                ObjectNode object = current instanceof ObjectNode existing ? existing : container.putObject(attribute);
                object.set(target.sub(), value);
            }
        } else if (ScimUserDocument.MULTI.contains(attribute) && add && container.get(attribute) instanceof ArrayNode values) {
            if (value.isArray()) {
                values.addAll((ArrayNode) value);
            } else {
                values.add(value);
            }
        } else if (value.isObject() && container.get(attribute) instanceof ObjectNode existing) {
            // RFC 7644, 3.5.2.3: a replace of a complex attribute keeps the sub-attributes it does not name, as an add does.
            existing.setAll((ObjectNode) value);
        } else {
            container.set(attribute, value);
        }
    }

    private static void remove(ObjectNode user, Target target) {
        if (target == null) {
            return;
        }
        ObjectNode container = container(user, target, false);
        if (container == null) {
            return;
        }
        if (target.attribute() == null) {
            user.remove(ENTERPRISE);
            return;
        }
        JsonNode current = container.get(target.attribute());
        if (target.filterAttribute() != null && current instanceof ArrayNode values) {
            List<ObjectNode> matching = matching(values, target);
            for (int i = values.size() - 1; i >= 0; i--) {
                if (matching.contains(values.get(i))) {
                    if (target.sub() == null) {
                        values.remove(i);
                    } else {
                        object(values.get(i), target.attribute()).remove(target.sub());
                    }
                }
            }
        } else if (target.sub() != null && current instanceof ObjectNode object) {
            object.remove(target.sub());
        } else if (target.sub() != null && current instanceof ArrayNode values) {
            values.forEach(element -> object(element, target.attribute()).remove(target.sub()));
        } else if (target.filterAttribute() == null && target.sub() == null) {
            container.remove(target.attribute());
        }
    }

    /** The object an attribute of the target lives in: the user, or its enterprise extension (made when writing). */
    private static ObjectNode container(ObjectNode user, Target target, boolean make) {
        if (!target.enterprise()) {
            return user;
        }
        if (user.get(ENTERPRISE) instanceof ObjectNode extension) {
            return extension;
        }
        return make ? user.putObject(ENTERPRISE) : null;
    }

    /** Each value of a multi-valued attribute is an object; an earlier operation of the request may have added one that is not. */
    private static ObjectNode object(JsonNode element, String attribute) {
        if (element instanceof ObjectNode object) {
            return object;
        }
        throw ScimException.invalidValue("each of " + attribute + " is an object");
    }

    private static ArrayNode array(ObjectNode container, String attribute) {
        if (container.get(attribute) instanceof ArrayNode values) {
            return values;
        }
        return container.putArray(attribute);
    }

    private static List<ObjectNode> matching(ArrayNode values, Target target) {
        List<ObjectNode> matching = new ArrayList<>();
        for (JsonNode element : values) {
            if (element instanceof ObjectNode object && object.path(target.filterAttribute()).asText("").equalsIgnoreCase(target.filterValue())) {
                matching.add(object);
            }
        }
        return matching;
    }

    /** The target of a path, or null for an attribute this service does not keep. */
    private static Target parse(String path) {
        String rest = path.strip();
        boolean enterprise = false;
        if (rest.equalsIgnoreCase(ENTERPRISE)) {
            return new Target(true, null, null, null, null);
        } else if (rest.regionMatches(true, 0, ENTERPRISE + ":", 0, ENTERPRISE.length() + 1)) {
            enterprise = true;
            rest = rest.substring(ENTERPRISE.length() + 1);
        } else if (rest.regionMatches(true, 0, CORE + ":", 0, CORE.length() + 1)) {
            rest = rest.substring(CORE.length() + 1);
        } else if (rest.regionMatches(true, 0, "urn:", 0, 4)) {
            return null;
        }
        Matcher matcher = PATH.matcher(rest);
        if (!matcher.matches()) {
            throw new ScimException(400, "invalidPath", "Cannot read the path " + path);
        }
        String attribute = ScimUserDocument.canonical(matcher.group(1), enterprise ? EXTENSION : ROOT);
        if (attribute == null) {
            return null;
        }
        Set<String> parts = switch (attribute) {
            case "name" -> ScimUserDocument.NAME_PARTS;
            case "manager" -> ScimUserDocument.MANAGER_PARTS;
            case "emails", "phoneNumbers" -> ScimUserDocument.MULTI_PARTS;
            default -> Set.of();
        };
        String filterAttribute = matcher.group(2) == null ? null : ScimUserDocument.canonical(matcher.group(2), parts);
        if (matcher.group(2) != null && (filterAttribute == null || !ScimUserDocument.MULTI.contains(attribute))) {
            throw new ScimException(400, "invalidPath", "Cannot filter " + attribute + " by " + matcher.group(2));
        }
        String sub = matcher.group(4) == null ? null : ScimUserDocument.canonical(matcher.group(4), parts);
        if (matcher.group(4) != null && sub == null) {
            return null;
        }
        String filterValue = matcher.group(3) == null ? null : matcher.group(3).replaceAll("\\\\(.)", "$1");
        return new Target(enterprise, attribute, filterAttribute, filterValue, sub);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
