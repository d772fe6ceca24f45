package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.Postgres;
import dev.mentorship.devstack.WebhookSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Section 7: HR webhook deliveries at the rate one source may send (10 a second, the default 600 a
 * minute), signed with the platform's local Standard Webhooks secret: terminations of employees not in
 * the program, each verified, stored and answered, then claimed and worked out by the processor (the
 * leaver recorded). Measured: the answer's latency as the tool sees it, and from storing to worked out
 * (the rows' received_at to processed_at). The aim is an answer within a second.
 */
final class WebhookBench {

    static final double RATE = Double.parseDouble(System.getProperty("bench.webhooks.rate", "10"));
    static final int SECONDS = Integer.getInteger("bench.webhooks.seconds", 30);

    record Result(int sent, int refused, Latencies answered, double workedP50, double workedP99, double drainSeconds) {
    }

    private WebhookBench() {
    }

    static Result run(Platform platform, Path data) throws Exception {
        platform.ensureService(Service.MATCHING);
        String url = platform.serviceUrl(Service.MATCHING) + "/webhooks/hr/standard";
        byte[] key = Base64.getDecoder().decode(WebhookSecrets.in(data).secret("standard").substring("whsec_".length()));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String run = "bench-" + Instant.now().toEpochMilli();
        Latencies answered = new Latencies();
        AtomicInteger refused = new AtomicInteger();
        int deliveries = (int) (RATE * SECONDS);
        Pacer pacer = new Pacer("webhook-bench", RATE, i -> {
            if (i >= deliveries) {
                return;
            }
            try {
                long began = System.nanoTime();
                int status = send(http, url, key, run + "-" + i).statusCode();
                answered.add((System.nanoTime() - began) / 1000);
                if (status != 202) {
                    refused.incrementAndGet();
                }
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        });
        Thread.sleep((long) (deliveries / RATE * 1000) + 500);
        pacer.stop();

        Postgres postgres = platform.postgres();
        long waiting = System.nanoTime();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(Service.MATCHING.database), postgres.user(), postgres.password())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count(db, run, "status in ('PROCESSED', 'IGNORED', 'FAILED')") < answered.count() - refused.get()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double drain = (System.nanoTime() - waiting) / 1e9;
            try (var statement = db.prepareStatement("select percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at)),"
                    + " percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)) from hr_deliveries"
                    + " where source = 'standard' and delivery_id like ? and processed_at is not null")) {
                statement.setString(1, run + "-%");
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return new Result(answered.count(), refused.get(), answered, row.getDouble(1) * 1000, row.getDouble(2) * 1000, drain);
                }
            }
        }
    }

    private static long count(Connection db, String run, String condition) throws Exception {
        try (var statement = db.prepareStatement("select count(*) from hr_deliveries where source = 'standard' and delivery_id like ? and " + condition)) {
            statement.setString(1, run + "-%");
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, String url, byte[] key, String id) throws Exception {
        String body = "{\"type\":\"employee.terminated\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"id\":\"" + id + "\"}}";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", "v1," + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
