package dev.mentorship.systemtests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates sent by a client that retries until it learns their outcome, as a careful client does
 * through an outage: each {@code POST /cohorts} names a cohort of its own and is sent again one
 * second after a 503 or a lost connection, for up to two minutes. With keys, every attempt of a
 * create carries the same {@code Idempotency-Key}; without, the retries are plain repeats. Counting
 * the cohorts of each name afterwards shows whether a retry ever made a second one: the case of a
 * commit that went through while its answer was lost.
 */
final class RetryingCreates {

    /** How one create ended: its last answer, after how many attempts, and whether that answer was a replay. */
    record Outcome(String name, int attempts, int status, String id, boolean replayed) {
    }

    /** The cohorts found per create, by name: how many have none, one, or more than one. */
    record Count(long missing, long once, long duplicated) {
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI cohorts;
    private final String token;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<CompletableFuture<Outcome>> pending = Collections.synchronizedList(new ArrayList<>());
    private final Pacer pacer;

    RetryingCreates(URI cohorts, String token, double rate, boolean keyed) {
        this.cohorts = cohorts;
        this.token = token;
        pacer = new Pacer("bench-retrying-creates", rate, i -> {
            String name = "Retried " + (keyed ? "with" : "without") + " a key " + run + "-" + i;
            pending.add(attempt(name, keyed ? UUID.randomUUID().toString() : null, 1, System.nanoTime() + GIVE_UP.toNanos()));
        });
    }

    private CompletableFuture<Outcome> attempt(String name, String key, int attempt, long deadline) {
        HttpRequest.Builder request = HttpRequest.newBuilder(cohorts).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            int status = response == null ? -1 : response.statusCode();
            if ((status == -1 || status == 503) && System.nanoTime() < deadline) {
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                        .thenCompose(again -> attempt(name, key, attempt + 1, deadline));
            }
            return CompletableFuture.completedFuture(new Outcome(name, attempt, status, createdId(response),
                    response != null && response.headers().firstValue("Idempotent-Replayed").isPresent()));
        }).thenCompose(Function.identity());
    }

    /** The id a create's answer names, if any (null for no answer). */
    static String createdId(HttpResponse<String> response) {
        Matcher id = response == null ? null : ID.matcher(response.body());
        return id != null && id.find() ? id.group(1) : null;
    }

    /** Stops starting creates and waits for every one to end. */
    List<Outcome> stop() throws Exception {
        pacer.stop();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS);
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** How many cohorts each create left in the event store, counted by its name. */
    static Count stored(Connection matching, List<Outcome> outcomes) throws SQLException {
        Map<String, Long> byName = new HashMap<>();
        try (PreparedStatement query = matching.prepareStatement("select payload->>'name', count(*) from events "
                + "where stream_id like 'cohort-%' and version = 1 and payload->>'name' = any(?) group by 1")) {
            query.setArray(1, matching.createArrayOf("text", outcomes.stream().map(Outcome::name).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byName.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        long missing = outcomes.stream().filter(outcome -> byName.getOrDefault(outcome.name(), 0L) == 0).count();
        long duplicated = byName.values().stream().filter(count -> count > 1).count();
        return new Count(missing, byName.size() - duplicated, duplicated);
    }

    /** "N creates: A x 201 (R replays) after T attempts, F failed; cohorts per create: ..." */
    static String describe(List<Outcome> outcomes, Count count) {
        long created = outcomes.stream().filter(outcome -> outcome.status() == 201).count();
        long replays = outcomes.stream().filter(Outcome::replayed).count();
        long attempts = outcomes.stream().mapToLong(Outcome::attempts).sum();
        return String.format("%d creates, %d attempts: %d x 201 (%d of them replays), %d not created; cohorts per create: "
                        + "%d with one, %d with two or more, %d with none", outcomes.size(), attempts, created, replays,
                outcomes.size() - created, count.once(), count.duplicated(), count.missing());
    }
}
