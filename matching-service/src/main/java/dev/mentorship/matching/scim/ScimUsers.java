package dev.mentorship.matching.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.eventsourcing.store.SessionSql;
import dev.mentorship.eventsourcing.store.SqlErrors;
import dev.mentorship.matching.hr.WebhookVerifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Provisioned users, stored as kept, and what each write means for the program: a user created or
 * made active is a hire, a change to an active user an update, one made inactive or deleted a
 * termination. Each such change is stored as an HR delivery (source {@code scim}) in the write's own
 * transaction, and worked out by the HR processor like a webhook's: enrolled by the mapping rules,
 * linked by (scim, user id), withdrawn or offboarded on leaving; retried, audited, replayable.
 */
@ApplicationScoped
public class ScimUsers {

    public static final String SOURCE = "scim";
    private static final String COLUMNS = "id::text, resource, version, created_at, updated_at";
    private static final String USER_NAME_UNIQUE = "scim_users_user_name";

    /** One page of a list and how many match in all. */
    record Page(long total, List<ScimUserRow> users) {
    }

    private final ObjectMapper json;
    private final Clock clock;

    public ScimUsers(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    Uni<ScimUserRow> create(ObjectNode user, String provisionedBy) {
        String id = NewIds.next().toString();
        return Panache.withTransaction(() -> SessionSql.select("insert into scim_users (id, user_name, external_id, active, resource, version)"
                + " values ($1::uuid, $2, $3, $4, $5, 1) returning " + COLUMNS, id, user.get("userName").asText(), externalId(user),
                user.get("active").asBoolean(), text(user)).chain(rows -> {
                    ScimUserRow created = row(rows.getFirst());
                    return record(id, 1, null, user, provisionedBy).replaceWith(created);
                })).onFailure(failure -> SqlErrors.violates(failure, USER_NAME_UNIQUE)).transform(failure -> taken(user));
    }

    Uni<ScimUserRow> get(String id) {
        return Panache.withSession(() -> SessionSql.select("select " + COLUMNS + " from scim_users where id = $1::uuid", id)).map(rows -> {
            if (rows.isEmpty()) {
                throw ScimException.notFound("No User " + id);
            }
            return row(rows.getFirst());
        });
    }

    /** Users in the order they were provisioned; {@code attribute} (userName or externalId) equal to {@code value}, or all. */
    Uni<Page> list(String attribute, String value, int startIndex, int count) {
        String where = attribute == null ? "true" : attribute.equals("userName") ? "lower(user_name) = lower($1)" : "external_id = $1";
        String filter = attribute == null ? null : value;
        return Panache.withSession(() -> SessionSql.value("select count(*) from scim_users where ($1::text is null or " + where + ")", filter)
                .chain(total -> SessionSql.select("select " + COLUMNS + " from scim_users where ($1::text is null or " + where + ")"
                        + " order by created_at, id offset $2 limit $3", filter, (long) startIndex - 1, (long) count)
                        .map(rows -> new Page(((Number) total).longValue(), rows.stream().map(this::row).toList()))));
    }

    /** Replaces the user, or patches it ({@code change} given the user as kept), checked and stored as a new version. */
    Uni<ScimUserRow> change(String id, String ifMatch, UnaryOperator<ObjectNode> change, String provisionedBy) {
        ObjectNode[] changed = new ObjectNode[1];
        return Panache.withTransaction(() -> locked(id, ifMatch).chain(before -> {
            ObjectNode after = change.apply(before.resource());
            changed[0] = after;
            if (after.equals(before.resource())) {
                // Nothing changes: no new version, and nothing for the program to work out.
                return Uni.createFrom().item(before);
            }
            return SessionSql.select("update scim_users set user_name = $2, external_id = $3, active = $4, resource = $5, version = version + 1,"
                    + " updated_at = now() where id = $1::uuid returning " + COLUMNS, id, after.get("userName").asText(), externalId(after),
                    after.get("active").asBoolean(), text(after))
                    .chain(rows -> record(id, before.version() + 1, before.resource(), after, provisionedBy).replaceWith(row(rows.getFirst())));
        })).onFailure(failure -> SqlErrors.violates(failure, USER_NAME_UNIQUE)).transform(failure -> taken(changed[0]));
    }

    Uni<Void> delete(String id, String ifMatch, String provisionedBy) {
        return Panache.withTransaction(() -> locked(id, ifMatch).chain(before -> SessionSql.update("delete from scim_users where id = $1::uuid", id)
                .chain(() -> record(id, before.version() + 1, before.resource(), null, provisionedBy))));
    }

    /** The user under a row lock, at the version If-Match names when it names one. */
    private Uni<ScimUserRow> locked(String id, String ifMatch) {
        return SessionSql.select("select " + COLUMNS + " from scim_users where id = $1::uuid for update", id).map(rows -> {
            if (rows.isEmpty()) {
                throw ScimException.notFound("No User " + id);
            }
            ScimUserRow row = row(rows.getFirst());
            if (ifMatch != null && !ifMatch.isBlank() && !matches(ifMatch, row.version())) {
                throw new ScimException(412, null, "User " + id + " is at version " + ScimUserDocument.etag(row.version()) + ", not " + ifMatch);
            }
            return row;
        });
    }

    /** Whether an If-Match or If-None-Match value names this version: {@code *}, or a list of tags, weak or strong. */
    static boolean matches(String header, int version) {
        return header != null && java.util.Arrays.stream(header.split(",")).map(String::strip).anyMatch(tag -> tag.equals("*")
                || tag.equals(ScimUserDocument.etag(version)) || tag.equals('"' + String.valueOf(version) + '"'));
    }

    /**
     * The HR change a write makes, if any, stored for the processor in the write's transaction; its
     * delivery id names the user and the version the write made ({@code <id>/v<version>}).
     */
    private Uni<Void> record(String id, int version, ObjectNode before, ObjectNode after, String provisionedBy) {
        boolean wasActive = before != null && before.path("active").asBoolean();
        boolean isActive = after != null && after.path("active").asBoolean();
        String type = !wasActive && isActive ? "employee.hired" : wasActive && isActive ? "employee.updated"
                : wasActive ? "employee.terminated" : null;
        if (type == null) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode delivery = json.createObjectNode();
        delivery.put("type", type);
        delivery.put("timestamp", clock.instant().toString());
        delivery.set("data", ScimUserDocument.change(id, after != null ? after : before));
        String body = text(delivery);
        // Received when the user's row is locked, not when the transaction began: the processor works a user's changes out in that order.
        return SessionSql.update("insert into hr_deliveries (source, delivery_id, body_digest, headers, body, status, received_at)"
                + " values ($1, $2, $3, $4, $5, 'RECEIVED', clock_timestamp())", SOURCE, id + "/v" + version,
                WebhookVerifier.digest(body.getBytes(StandardCharsets.UTF_8)), text(json.valueToTree(Map.of("provisioned-by", provisionedBy))), body)
                .replaceWithVoid();
    }

    private static ScimException taken(ObjectNode user) {
        return new ScimException(409, "uniqueness", "userName " + (user == null ? "" : user.get("userName").asText() + " ") + "is taken");
    }

    private static String externalId(ObjectNode user) {
        return user.hasNonNull("externalId") ? user.get("externalId").asText() : null;
    }

    private ScimUserRow row(Object[] row) {
        try {
            JsonNode resource = json.readTree((String) row[1]);
            return new ScimUserRow((String) row[0], (ObjectNode) resource, (Integer) row[2], ((OffsetDateTime) row[3]).toInstant(),
                    ((OffsetDateTime) row[4]).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored SCIM user " + row[0] + " is not JSON", e);
        }
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
