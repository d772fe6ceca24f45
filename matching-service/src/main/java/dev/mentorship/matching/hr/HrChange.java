package dev.mentorship.matching.hr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change to one employee, whatever tool sent it. Fields a tool did not send are null; {@code fields}
 * holds everything it sent about the employee, for rules on custom fields.
 */
public record HrChange(Kind kind, String employeeId, String name, String email, String jobTitle, String department, String managerId,
        String timezone, Map<String, String> fields) {

    public enum Kind { HIRED, UPDATED, TERMINATED }

    /** The changes a stored delivery carries; none for a type that changes nothing here. */
    public static List<HrChange> of(String source, JsonNode payload) {
        List<HrChange> changes = new ArrayList<>();
        switch (source) {
            // A SCIM write is recorded in the shape of a Standard Webhooks delivery (ScimUsers).
            case "standard", "scim" -> {
                Kind kind = switch (payload.path("type").asText()) {
                    case "employee.hired" -> Kind.HIRED;
                    case "employee.updated" -> Kind.UPDATED;
                    case "employee.terminated" -> Kind.TERMINATED;
                    default -> null;
                };
                JsonNode data = payload.path("data");
                if (kind != null && data.hasNonNull("id")) {
                    changes.add(new HrChange(kind, data.path("id").asText(), text(data, "name"), text(data, "email"), text(data, "jobTitle"),
                            text(data, "department"), text(data, "managerId"), text(data, "timezone"), flat(data)));
                }
            }
            case "bamboohr" -> {
                for (JsonNode employee : payload.path("employees")) {
                    JsonNode fields = employee.path("fields");
                    // BambooHR reports a leaver as an update: the status turns Inactive, or a termination date is set.
                    boolean leaving = "Inactive".equalsIgnoreCase(fields.path("status").asText())
                            || fields.hasNonNull("terminationDate") && !fields.path("terminationDate").asText().isBlank();
                    Kind kind = switch (employee.path("action").asText()) {
                        case "Created" -> leaving ? Kind.TERMINATED : Kind.HIRED;
                        case "Updated" -> leaving ? Kind.TERMINATED : Kind.UPDATED;
                        case "Deleted" -> Kind.TERMINATED;
                        default -> null;
                    };
                    if (kind != null && employee.hasNonNull("id")) {
                        String first = text(fields, "firstName");
                        String last = text(fields, "lastName");
                        String name = first == null && last == null ? null : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
                        changes.add(new HrChange(kind, employee.path("id").asText(), name, text(fields, "workEmail"), text(fields, "jobTitle"),
                                text(fields, "department"), text(fields, "supervisorEId"), text(fields, "timezone"), flat(fields)));
                    }
                }
            }
            case "hibob" -> {
                // HiBob's v2 deliveries name the employee only; what they changed is read from HiBob's API.
                Kind kind = switch (payload.path("type").asText()) {
                    case "employee.created" -> Kind.HIRED;
                    case "employee.updated" -> Kind.UPDATED;
                    case "employee.left", "employee.deleted" -> Kind.TERMINATED;
                    default -> null;
                };
                if (kind != null && payload.path("data").hasNonNull("employeeId")) {
                    changes.add(new HrChange(kind, payload.path("data").path("employeeId").asText(), null, null, null, null, null, null, Map.of()));
                }
            }
            // Personio's webhooks notify that a person or employment changed and carry no data about them: working them out
            // takes reading the person from Personio's API, which is not built. They are stored and verified, and change nothing.
            case "personio" -> {
            }
            default -> {
            }
        }
        return changes;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText().strip() : null;
    }

    private static Map<String, String> flat(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> all = node.fields(); all.hasNext(); ) {
            Map.Entry<String, JsonNode> field = all.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
        }
        return fields;
    }
}
