package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.JavaProcess;
import dev.mentorship.devstack.KafkaBroker;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import dev.mentorship.devstack.Postgres;
import dev.mentorship.devstack.TestKafka;
import dev.mentorship.events.Topics;
import dev.mentorship.eventsourcing.store.NewIds;
import dev.mentorship.matching.round.CohortAssignment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/platform bench}: every figure is measured in this one run, on this machine, against a
 * platform started on free ports; ratios compare the platform with a baseline measured alongside.
 */
public final class Benchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    /**
     * On two shared cores matching-service compiles for three to four minutes under load (~16,000
     * methods, ~160 s of compiler CPU) before its rate levels off; measured earlier, the figure is
     * the JIT's, not the service's.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 210));
    /** The relay, the broker and the consumer on the 1,000 events/s path. */
    private static final Duration LAG_WARM_UP = Duration.ofSeconds(Long.getLong("bench.lag.warmup.seconds", 60));
    /** How long PostgreSQL stays stopped in the outage phase, and the command rate offered meanwhile. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("bench.outage.seconds", 5));
    private static final double OUTAGE_RATE = Double.parseDouble(System.getProperty("bench.outage.rate", "100"));
    /** Creates per second, with keys and without, that a retrying client sends beside them in the PostgreSQL outage. */
    private static final double RETRYING_RATE = Double.parseDouble(System.getProperty("bench.outage.retrying-rate", "20"));
    /**
     * The kernel's append of an event with its outbox row: one statement (EventStore.INSERT_EVENT_AND_OUTBOX), committed on its
     * own, as a command that starts a stream with one event issues it (CommandHandler.handleNew).
     */
    private static final String APPEND_SQL = "with event as (insert into events (stream_id, version, event_id, type, schema_version, payload, metadata, recorded_at) "
            + "values (?, 1, ?::uuid, 'CohortOpened', 1, ?::jsonb, '{}'::jsonb, now())) "
            + "insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload) "
            + "values (?::uuid, 'mentorship.matching.events', ?, 'mentorship.matching.CohortOpened.v1', '/matching-service', ?, now(), ?)";

    private final Map<String, String> results = new LinkedHashMap<>();
    private Platform platform;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cohort-progress")) {
            new Benchmark().cohortProgressOnly();
            return;
        }
        if (args.length > 0 && args[0].equals("hr-webhooks")) {
            new Benchmark().webhooksOnly();
            return;
        }
        new Benchmark().run();
    }

    /** {@code bin/platform bench cohort-progress}: section 6 alone, on a platform of its own. */
    private void cohortProgressOnly() throws Exception {
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        platform = new Platform(Platform.Settings.isolated(root, Files.createTempDirectory("mentorship-bench-")));
        try {
            platform.ensurePostgres();
            platform.ensureKafka();
            cohortProgress();
            print();
        } finally {
            platform.downAndDelete();
        }
    }

    /** {@code bin/platform bench hr-webhooks}: section 7 alone, on a platform of its own. */
    private void webhooksOnly() throws Exception {
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("mentorship-bench-");
        platform = new Platform(Platform.Settings.isolated(root, data));
        try {
            platform.ensurePostgres();
            platform.ensureKafka();
            webhooks(data);
            print();
        } finally {
            platform.downAndDelete();
        }
    }

    /** Section 7: HR webhook deliveries (see {@link WebhookBench}); the aim is an answer within a second. */
    private void webhooks(Path data) throws Exception {
        WebhookBench.Result result = WebhookBench.run(platform, data);
        report(String.format("7. HR webhook deliveries, %.0f a second for %d s (Standard Webhooks, signed)", WebhookBench.RATE,
                WebhookBench.SECONDS), "%d sent, %d refused", result.sent(), result.refused());
        report("   answered (verified and stored)", "p50 %.1f / p99 %.1f ms", result.answered().percentileMillis(50),
                result.answered().percentileMillis(99));
        report("   stored to worked out", "p50 %.0f / p99 %.0f ms (the last done %.1f s after the last sent)", result.workedP50(),
                result.workedP99(), result.drainSeconds());
    }

    /** Section 6: the cohort progress read model (see {@link CohortProgressBench}); the aim is p99 under 50 ms. */
    private void cohortProgress() throws Exception {
        CohortProgressBench.Result cohort = CohortProgressBench.run(platform);
        report("6. GET /cohorts/{id}/progress, " + CohortProgressBench.APPRENTICES + " apprentices, " + cohort.events()
                + " events in the store", "");
        report("   the journey projection catching up on them", "%.1f s (%.0f events/s)", cohort.catchUpSeconds(),
                cohort.events() / cohort.catchUpSeconds());
        report("   JSON, one request at a time", "p50 %.1f / p99 %.1f ms (%d requests, %d kB, %d at risk)", cohort.json().percentileMillis(50),
                cohort.json().percentileMillis(99), cohort.json().count(), cohort.bytes() / 1024, cohort.atRisk());
        report("   CSV, one request at a time", "p50 %.1f / p99 %.1f ms", cohort.csv().percentileMillis(50), cohort.csv().percentileMillis(99));
    }

    private void run() throws Exception {
        matchingRound();
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        String token = DevTokens.mint("program-office", "bench");
        Figures before = baseline(root, token);

        Path data = Files.createTempDirectory("mentorship-bench-");
        platform = new Platform(Platform.Settings.isolated(root, data));
        try {
            long began = System.nanoTime();
            platform.ensurePostgres();
            platform.ensureKafka();
            report("infrastructure ready", "%.1f s", (System.nanoTime() - began) / 1e9);
            Postgres postgres = platform.postgres();

            double pg = rawPostgres(postgres);
            report("1. raw PostgreSQL append tx (JDBC, " + CLIENTS + " clients)", "%.0f tx/s", pg);
            double messageDb = messageDb(postgres);

            Figures now = measure(service -> platform, token);
            double rest = now.commands().okPerSecond();
            report("2. POST /cohorts through matching-service (" + CLIENTS + " clients)", "%.0f req/s", rest);
            report("   ratio to raw PostgreSQL", "%.2f", rest / pg);
            report("   ratio to message-db's bare write", "%.2f", rest / messageDb);
            report("   p50 / p99 at saturation", "%.1f / %.1f ms", now.saturated().percentileMillis(50), now.saturated().percentileMillis(99));
            if (!now.cpuPerCommand().isEmpty()) {
                report("   CPU per command at saturation (ms)", "%s", cpuSplit(now.cpuPerCommand()));
            }
            settle(postgres);
            Latencies half = new Latencies();
            drive(token, CLIENTS, rest / 2, half);
            report(String.format("   p50 / p99 at half that rate (%.0f req/s)", rest / 2), "%.1f / %.1f ms",
                    half.percentileMillis(50), half.percentileMillis(99));

            int recordSize = averagePayloadSize(postgres);
            // The platform's broker creates no topic on first use; three partitions, as the services' topics have.
            TestKafka.createTopics(platform.kafkaBootstrap(), 3, "bench-producer-performance", "mentorship.bench.relay");
            double producerPerf = producerPerformance(recordSize);
            report("3. Kafka ProducerPerformance (" + recordSize + " B records, acks=all, idempotent)", "%.0f records/s", producerPerf);
            double relay = relayThroughput(postgres, recordSize);
            report("   outbox relay draining 50,000 rows", "%.0f records/s", relay);
            report("   ratio to ProducerPerformance", "%.2f", relay / producerPerf);

            Lag crossService = crossServiceLag(token, postgres, 1000);
            report("4. enrolment append -> progress-service inbox lag, 1,000/s, first " + LAG_WARM_UP.toSeconds() + " s (warm-up)",
                    "p50 %.1f / p99 %.1f ms (%d events)", crossService.warmUp().percentileMillis(50),
                    crossService.warmUp().percentileMillis(99), crossService.warmUp().count());
            Hops lag = crossService.measured();
            report("   the next " + RUN.toSeconds() + " s (measured)", "p50 %.1f / p99 %.1f ms (%d of %d events)",
                    lag.total().percentileMillis(50), lag.total().percentileMillis(99), lag.total().count(), 1000 * RUN.toSeconds());
            report("   of which commit -> on Kafka (NOTIFY, outbox relay, broker)", "p50 %.1f / p99 %.1f ms",
                    lag.toKafka().percentileMillis(50), lag.toKafka().percentileMillis(99));
            report("   of which on Kafka -> inbox transaction (fetch, consumer)", "p50 %.1f / p99 %.1f ms",
                    lag.fromKafka().percentileMillis(50), lag.fromKafka().percentileMillis(99));
            double enrolments = rest / 2;
            Latencies restLag = crossServiceLagThroughRest(token, postgres, enrolments);
            report(String.format("   same, enrolments through POST /apprentices at %.0f/s", enrolments), "p50 %.1f / p99 %.1f ms (%d events)",
                    restLag.percentileMillis(50), restLag.percentileMillis(99), restLag.count());

            for (Service service : Service.values()) {
                report(service.module + " resident memory after load", "%d MB", rssMegabytes(service));
            }
            postgresOutage(token, postgres);
            kafkaOutage(token, postgres);
            compare(before, now);
            cohortProgress();
            webhooks(data);
            print();
        } finally {
            platform.downAndDelete();
        }
    }

    /**
     * What the start-up comparison measures of one way of running the services, each service run by
     * the platform {@code platforms} gives for it: launch to ready and to first answer relaunched
     * alone and all three at once, then the command path's saturation after the benchmark's warm-up,
     * with CPU per command and each service's resident memory right after.
     */
    private record Figures(Map<Service, StartupTimes.Launch> alone, Map<Service, StartupTimes.Launch> together, HttpLoad.Result commands,
            Latencies saturated, Map<String, Double> cpuPerCommand, Map<Service, Resident> resident) {
    }

    /**
     * A process's resident memory in MB ({@code VmRSS}), and how much of it is its own ({@code RssAnon})
     * and how much pages of files it maps ({@code RssFile}: the class-data archive or AOT cache, the
     * JDK's modules), which are clean, reclaimable, and shared by the processes that map the same file.
     */
    private record Resident(long total, long anonymous, long file) {

        @Override
        public String toString() {
            return String.format("%d MB (own %d, mapped files %d)", total, anonymous, file);
        }
    }

    private Figures measure(java.util.function.Function<Service, Platform> platforms, String token) throws Exception {
        for (Service service : Service.values()) {
            platforms.apply(service).ensureService(service);
        }
        Map<Service, StartupTimes.Launch> alone = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            alone.put(service, StartupTimes.relaunch(platforms.apply(service), service));
        }
        Map<Service, StartupTimes.Launch> together = StartupTimes.together(platforms);
        Postgres postgres = platform.postgres();
        warmUp(token);
        settle(postgres);
        Latencies saturated = new Latencies();
        CpuUse cpu = new CpuUse(parts());
        Map<String, Double> cpuBefore = cpu.snapshot();
        HttpLoad.Result commands = drive(token, CLIENTS, 0, saturated);
        Map<String, Double> cpuPerCommand = CpuUse.perUnit(cpuBefore, cpu.snapshot(), commands.ok());
        Map<Service, Resident> resident = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            resident.put(service, resident(service));
        }
        return new Figures(alone, together, commands, saturated, cpuPerCommand, resident);
    }

    /**
     * The baseline's figures (see {@link Baseline}), on a platform of its own that is gone when this
     * returns: each service's first launch records its class-data archive as it stops, as
     * {@code bin/platform} did, and every later launch maps it.
     */
    private Figures baseline(Path root, String token) throws Exception {
        Baseline baseline = Baseline.prepare(root);
        Path data = Files.createTempDirectory("mentorship-bench-baseline-");
        Path archives = Files.createDirectories(data.resolve("cds"));
        Platform.Settings settings = Platform.Settings.isolated(root, data);
        platform = new Platform(settings);
        try {
            platform.ensurePostgres();
            platform.ensureKafka();
            Map<Service, Platform> platforms = new java.util.EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                Path archive = archives.resolve(service.module + ".jsa");
                Platform recording = new Platform(baseline.settings(settings, "-XX:ArchiveClassesAtExit=" + archive));
                recording.ensureService(service);
                // Writing the archive takes 10-15 s on two cores, on the way out.
                if (!JavaProcess.stop(recording.running(service.module).orElseThrow(), 120) || !Files.isRegularFile(archive)
                        || Files.size(archive) == 0) {
                    throw new IllegalStateException(service.module + " on JDK 17 wrote no class-data archive");
                }
                recording.stop(service.module);
                // -Xshare:on: a JVM that cannot map the archive fails instead of starting without it.
                platforms.put(service, new Platform(baseline.settings(settings, "-XX:SharedArchiveFile=" + archive, "-Xshare:on")));
            }
            return measure(platforms::get, token);
        } finally {
            platform.downAndDelete();
        }
    }

    /** Section 5: the baseline's figures against this build's, with their ratios (this build's over the baseline's). */
    private void compare(Figures before, Figures now) {
        String versus = "JDK 17 + class-data archive / JDK 25 + AOT cache";
        report("5. start-up and footprint, " + versus, "");
        for (Service service : Service.values()) {
            StartupTimes.Launch then = before.alone().get(service);
            StartupTimes.Launch launch = now.alone().get(service);
            report("   " + service.module + " relaunched alone: ready", "%.2f / %.2f s (%.2f)", then.ready(), launch.ready(),
                    launch.ready() / then.ready());
            report("   " + service.module + " relaunched alone: first answer", "%.2f / %.2f s (%.2f)", then.firstAnswer(), launch.firstAnswer(),
                    launch.firstAnswer() / then.firstAnswer());
        }
        double allThen = slowest(before.together());
        double allNow = slowest(now.together());
        report("   all three launched at once: last ready", "%.2f / %.2f s (%.2f)", allThen, allNow, allNow / allThen);
        report("   POST /cohorts at saturation", "%.0f / %.0f req/s (%.2f)", before.commands().okPerSecond(), now.commands().okPerSecond(),
                now.commands().okPerSecond() / before.commands().okPerSecond());
        report("   matching-service CPU per command", "%.3f / %.3f ms", before.cpuPerCommand().getOrDefault(Service.MATCHING.module, 0.0),
                now.cpuPerCommand().getOrDefault(Service.MATCHING.module, 0.0));
        report("   CPU per command, every part", "%.2f / %.2f ms", total(before.cpuPerCommand()), total(now.cpuPerCommand()));
        for (Service service : Service.values()) {
            report("   " + service.module + " resident memory after saturation", "%s / %s", before.resident().get(service),
                    now.resident().get(service));
        }
    }

    private static double slowest(Map<Service, StartupTimes.Launch> launches) {
        return launches.values().stream().mapToDouble(StartupTimes.Launch::ready).max().orElseThrow();
    }

    private static double total(Map<String, Double> cpuPerCommand) {
        return cpuPerCommand.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String cpuSplit(Map<String, Double> cpuPerCommand) {
        StringBuilder split = new StringBuilder();
        cpuPerCommand.forEach((part, millis) -> split.append(split.length() == 0 ? "" : ", ").append(part).append(String.format(" %.2f", millis)));
        return split + String.format("; total %.2f", total(cpuPerCommand));
    }

    /**
     * A whole-cohort assignment of 500 apprentices to 200 mentors, on random but fixed data.
     * Package-private for {@code BenchmarkRoundTest}, which runs it on the benchmark's own classpath.
     */
    void matchingRound() {
        java.util.Random random = new java.util.Random(42);
        List<String> skills = List.of("observability", "incident-response", "on-call", "kubernetes", "linux", "networking",
                "databases", "postmortems", "cloud", "chaos-engineering");
        List<java.time.ZoneId> zones = List.of(java.time.ZoneId.of("America/Los_Angeles"), java.time.ZoneId.of("America/New_York"),
                java.time.ZoneId.of("Europe/London"), java.time.ZoneId.of("Europe/Berlin"), java.time.ZoneId.of("Asia/Kolkata"));
        List<CohortAssignment.MentorCandidate> mentors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<String> offered = new ArrayList<>(skills);
            java.util.Collections.shuffle(offered, random);
            mentors.add(new CohortAssignment.MentorCandidate("m" + i, offered.subList(0, 2 + random.nextInt(4)),
                    zones.get(random.nextInt(zones.size())), 1 + random.nextInt(3), 0, "boss" + random.nextInt(40)));
        }
        List<CohortAssignment.ApprenticeCandidate> apprentices = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            List<String> wanted = new ArrayList<>(skills);
            java.util.Collections.shuffle(wanted, random);
            apprentices.add(new CohortAssignment.ApprenticeCandidate("a" + i, wanted.subList(0, 1 + random.nextInt(3)),
                    zones.get(random.nextInt(zones.size())), "boss" + random.nextInt(40)));
        }
        CohortAssignment.Input input = new CohortAssignment.Input(mentors, apprentices, Map.of(), Set.of(),
                CohortAssignment.Weights.standard(), Instant.parse("2026-03-02T12:00:00Z"));
        CohortAssignment.assign(input); // warm-up
        long start = System.nanoTime();
        CohortAssignment.Result result = CohortAssignment.assign(input);
        double seconds = (System.nanoTime() - start) / 1e9;
        report("0. matching round, 500 apprentices x 200 mentors", "%.2f s (%d proposed, %d unmatched)", seconds,
                result.proposals().size(), result.unmatched().size());
    }

    /** The kernel's schema, as the services run it: its migrations ({@code V<n>__*.sql}) in version order. */
    private List<Path> kernelMigrations() throws IOException {
        try (var files = Files.list(platform.settings().root().resolve("eventsourcing/src/main/resources/db/eventsourcing"))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(
                            file -> Integer.parseInt(file.getFileName().toString().replaceFirst("^V(\\d+)__.*", "$1"))))
                    .toList();
        }
    }

    private double rawPostgres(Postgres postgres) throws Exception {
        postgres.createDatabase("bench_raw", true);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("bench_raw"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            for (Path migration : kernelMigrations()) {
                statement.execute(Files.readString(migration));
            }
        }
        // Drawn as the kernel draws stream and event ids: time-ordered, so index inserts stay local.
        return JdbcLoad.run(postgres, postgres.jdbcUrl("bench_raw"), CLIENTS, RUN, APPEND_SQL, (client, append) -> {
            String id = NewIds.next().toString();
            String payload = cohortOpened(id);
            append.setString(1, "cohort-" + id);
            append.setString(2, id);
            append.setString(3, payload);
            append.setString(4, id);
            append.setString(5, id);
            append.setString(6, id);
            append.setString(7, payload);
        }).perSecond();
    }

    /** The payload of the CohortOpened event both database baselines write. */
    static String cohortOpened(String cohortId) {
        return "{\"cohortId\":\"" + cohortId + "\",\"name\":\"Bench\",\"startDate\":null,\"openedAt\":\"2026-01-01T00:00:00Z\"}";
    }

    /** message-db's bare write in a database of its own on the same server, as many clients. */
    private double messageDb(Postgres postgres) throws Exception {
        String url = MessageDb.install(postgres, "bench_message_db");
        double oneCategory = MessageDb.writeNewStreams(postgres, url, CLIENTS, RUN, false).perSecond();
        report("   message-db write_message, new streams of one category (" + CLIENTS + " clients)", "%.0f writes/s", oneCategory);
        report("   message-db write_message, each client a category of its own", "%.0f writes/s",
                MessageDb.writeNewStreams(postgres, url, CLIENTS, RUN, true).perSecond());
        return oneCategory;
    }

    /** One answer to a command sent during an outage phase. */
    private record Answer(long sentNanos, long answeredNanos, int status, String id) {
    }

    /**
     * {@code POST /cohorts} at a steady rate from its own thread until {@link #stop()}, every answer
     * kept with its status and the id it returned. A fault phase's load is light, so the JDK client
     * does: what is measured is how the platform answers, not how fast.
     */
    private final class SteadyCommands {

        private final java.util.concurrent.ConcurrentLinkedQueue<Answer> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<java.util.concurrent.CompletableFuture<?>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Pacer pacer;

        SteadyCommands(String token, double rate) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.serviceUrl(Service.MATCHING) + "/cohorts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Outage cohort\"}")).build();
            pacer = new Pacer("bench-steady-commands", rate, i -> {
                long sent = System.nanoTime();
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    answers.add(new Answer(sent, System.nanoTime(), response == null ? -1 : response.statusCode(),
                            RetryingCreates.createdId(response)));
                    return null;
                }));
            });
        }

        /** Stops sending and waits for every answer. */
        List<Answer> stop() throws Exception {
            pacer.stop();
            java.util.concurrent.CompletableFuture.allOf(pending.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
            return List.copyOf(answers);
        }
    }

    private static long count(List<Answer> answers, int status) {
        return answers.stream().filter(answer -> answer.status() == status).count();
    }

    private static String statuses(List<Answer> answers) {
        long created = count(answers, 201);
        long unavailable = count(answers, 503);
        long failed = count(answers, 500);
        return String.format("%d requests: %d x 201, %d x 503, %d x 500, %d other", answers.size(), created, unavailable, failed,
                answers.size() - created - unavailable - failed);
    }

    private static List<String> acknowledged(List<Answer> answers) {
        return answers.stream().filter(answer -> answer.status() == 201 && answer.id() != null).map(Answer::id).toList();
    }

    /**
     * 5. PostgreSQL stopped and started again under a steady stream of commands: how the service
     * answers meanwhile (503 with Retry-After, never 500), how soon it accepts commands once the
     * server takes connections again, and whether every acknowledged command is in the store.
     */
    private void postgresOutage(String token, Postgres postgres) throws Exception {
        SteadyCommands commands = new SteadyCommands(token, OUTAGE_RATE);
        URI cohorts = URI.create(platform.serviceUrl(Service.MATCHING) + "/cohorts");
        RetryingCreates keyed = new RetryingCreates(cohorts, token, RETRYING_RATE, true);
        RetryingCreates keyless = new RetryingCreates(cohorts, token, RETRYING_RATE, false);
        TimeUnit.SECONDS.sleep(3);
        long stopped = System.nanoTime();
        platform.stop("postgres");
        TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
        platform.ensurePostgres(); // returns once the server accepts connections
        long back = System.nanoTime();
        TimeUnit.SECONDS.sleep(10);
        List<Answer> answers = commands.stop();
        List<RetryingCreates.Outcome> withKeys = keyed.stop();
        List<RetryingCreates.Outcome> withoutKeys = keyless.stop();

        long firstAfter = answers.stream().filter(answer -> answer.status() == 201 && answer.sentNanos() >= back)
                .mapToLong(Answer::answeredNanos).min().orElse(-1);
        long[] created = answers.stream().filter(answer -> answer.status() == 201).mapToLong(Answer::answeredNanos).sorted().toArray();
        long longestGap = 0;
        for (int i = 1; i < created.length; i++) {
            longestGap = Math.max(longestGap, created[i] - created[i - 1]);
        }
        List<String> acknowledged = acknowledged(answers);
        long stored;
        RetryingCreates.Count storedWithKeys;
        RetryingCreates.Count storedWithoutKeys;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement("select count(*) from events where stream_id = any(?)")) {
            query.setArray(1, connection.createArrayOf("text", acknowledged.stream().map(id -> "cohort-" + id).toArray()));
            stored = count(query);
            storedWithKeys = RetryingCreates.stored(connection, withKeys);
            storedWithoutKeys = RetryingCreates.stored(connection, withoutKeys);
        }
        report(String.format("5. PostgreSQL stopped for %d s under %.0f POST /cohorts per second", OUTAGE.toSeconds(), OUTAGE_RATE),
                "%s", statuses(answers));
        report("   server down (stop called -> accepting connections again)", "%.1f s", (back - stopped) / 1e9);
        report("   first 201 after the server accepts connections", firstAfter < 0 ? "none" : "%.0f ms", (firstAfter - back) / 1e6);
        report("   longest time without a 201", "%.1f s", longestGap / 1e9);
        report("   acknowledged (201) cohorts missing from the store", "%d of %d", acknowledged.size() - stored, acknowledged.size());
        report(String.format("   %.0f/s more, retried after a 503 with the same Idempotency-Key", RETRYING_RATE), "%s",
                RetryingCreates.describe(withKeys, storedWithKeys));
        report(String.format("   %.0f/s more, retried after a 503 without a key", RETRYING_RATE), "%s",
                RetryingCreates.describe(withoutKeys, storedWithoutKeys));
        if (count(answers, 500) > 0) {
            // What the service logged for them, since the benchmark's folder goes when it ends.
            try (Stream<String> lines = Files.lines(platform.settings().data().resolve("logs/matching-service.log"))) {
                lines.filter(line -> line.contains("Unexpected failure")).limit(5).forEach(line -> System.err.println("  500: " + line));
            }
        }
    }

    /**
     * 5b. Kafka stopped under the same stream of commands: commands keep succeeding (their events wait
     * in the outbox); once the broker is back the relay publishes the backlog. Commands stop when the
     * broker is started again, so the drain is the backlog's alone.
     */
    private void kafkaOutage(String token, Postgres postgres) throws Exception {
        Instant since = Instant.now();
        SteadyCommands commands = new SteadyCommands(token, OUTAGE_RATE);
        TimeUnit.SECONDS.sleep(3);
        platform.stop("kafka");
        TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
        List<Answer> answers = commands.stop();
        long backlog;
        long restarted;
        long ready;
        long drained = -1;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password());
                PreparedStatement outbox = connection.prepareStatement("select count(*) from outbox")) {
            backlog = count(outbox);
            restarted = System.nanoTime();
            platform.ensureKafka();
            ready = System.nanoTime();
            while (System.nanoTime() - ready < TimeUnit.SECONDS.toNanos(120)) {
                if (count(outbox) == 0) {
                    drained = System.nanoTime();
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        Set<String> published = new java.util.HashSet<>();
        for (var record : TestKafka.readSince(platform.kafkaBootstrap(), Topics.MATCHING, since.minusSeconds(1), Duration.ofSeconds(3))) {
            published.add(TestKafka.header(record, "ce_subject"));
        }
        List<String> acknowledged = acknowledged(answers);
        report(String.format("5b. Kafka stopped for %d s under %.0f POST /cohorts per second", OUTAGE.toSeconds(), OUTAGE_RATE),
                "%s", statuses(answers));
        report("   outbox backlog when the broker is started again", "%d rows", backlog);
        report("   broker start / backlog published after it", drained < 0 ? "%.1f s / not within 120 s" : "%.1f s / %.1f s",
                (ready - restarted) / 1e9, (drained - ready) / 1e9);
        report("   acknowledged (201) cohorts missing from Kafka", "%d of %d",
                acknowledged.stream().filter(id -> !published.contains(id)).count(), acknowledged.size());
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The command path, then enrolments, which progress-service consumes: both paths reach their steady state. */
    private void warmUp(String token) throws Exception {
        drive(token, CLIENTS, 0, new Latencies(), WARM_UP.minus(WARM_UP.dividedBy(4)));
        drive(token, "/apprentices", enrolment(token), CLIENTS, 0, new Latencies(), WARM_UP.dividedBy(4));
    }

    private HttpLoad.Result drive(String token, int concurrency, double ratePerSecond, Latencies latencies) throws Exception {
        return drive(token, concurrency, ratePerSecond, latencies, RUN);
    }

    private HttpLoad.Result drive(String token, int concurrency, double ratePerSecond, Latencies latencies, Duration duration) throws Exception {
        return drive(token, "/cohorts", () -> "{\"name\":\"Bench cohort\"}", concurrency, ratePerSecond, latencies, duration);
    }

    /** Closed loop when {@code ratePerSecond} is 0, otherwise paced at that rate with at most {@code concurrency} in flight. */
    private HttpLoad.Result drive(String token, String path, java.util.function.Supplier<String> body, int concurrency, double ratePerSecond,
            Latencies latencies, Duration duration) throws Exception {
        HttpLoad.Result result = new HttpLoad(URI.create(platform.serviceUrl(Service.MATCHING)), token)
                .post(path, body, 201, concurrency, ratePerSecond, latencies, duration);
        if (result.failed() > 0) {
            System.err.printf("  (%d requests failed)%n", result.failed());
        }
        return result;
    }

    private int averagePayloadSize(Postgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select coalesce(avg(octet_length(payload::text)), 120)::int from events")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private double producerPerformance(int recordSize) throws Exception {
        Path log = platform.settings().data().resolve("logs/producer-performance.log");
        Process process = JavaProcess.start(List.of("-Xmx256m", "-cp", KafkaBroker.classpath(),
                        "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider", "-Dlog4j2.level=warn"),
                List.of("org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-producer-performance",
                        "--num-records", "200000", "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + platform.kafkaBootstrap(), "acks=all", "enable.idempotence=true",
                        "linger.ms=2"),
                Map.of(), log);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish");
        }
        Matcher matcher = Pattern.compile("200000 records sent, ([0-9.]+) records/sec").matcher(Files.readString(log));
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected ProducerPerformance output; see " + log);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private double relayThroughput(Postgres postgres, int recordSize) throws Exception {
        int rows = 50_000;
        String payload = "{\"pad\":\"" + "x".repeat(Math.max(1, recordSize - 10)) + "\"}";
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password())) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload) "
                            + "select gen_random_uuid(), 'mentorship.bench.relay', g::text, 'mentorship.bench.Filler.v1', '/bench', g::text, now(), ? "
                            + "from generate_series(1, ?) g")) {
                insert.setString(1, payload);
                insert.setInt(2, rows);
                insert.executeUpdate();
            }
            long start = System.nanoTime();
            connection.commit();
            notifyRelay(connection);
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                while (true) {
                    try (ResultSet rs = statement.executeQuery("select count(*) from outbox")) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            break;
                        }
                    }
                    Thread.sleep(20);
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Wakes the relay as the kernel does after an append's commit (CommitNotifier): a NOTIFY in a
     * transaction of its own that does not wait for its WAL flush.
     */
    private static void notifyRelay(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local synchronous_commit to off");
            statement.execute("select pg_notify('outbox', '')");
        }
        connection.commit();
    }

    /** The whole lag and its two halves, split at the broker's timestamp of each record (set by the relay's producer). */
    private record Hops(Latencies total, Latencies toKafka, Latencies fromKafka) {
    }

    /**
     * Writes ApprenticeEnrolled outbox rows at {@code rate} per second straight into matching-service's
     * database, in transactions of ten every 10 ms, and measures from each commit to the event's row in
     * progress-service's inbox: relay, broker, consumer, schema check and inbox transaction. The payload
     * is that of a real enrolment made through the API, with a fresh apprentice id each time. The same
     * stream first runs for the warm-up (the relay, the broker and the consumer were only just started
     * and their JIT has not seen this path at this rate), then for the measured run. The command path
     * itself cannot offer 1,000 requests/s on two shared cores; its own lag is measured separately at
     * the rate it sustains.
     */
    private Lag crossServiceLag(String token, Postgres postgres, int rate) throws Exception {
        Instant before = Instant.now();
        drive(token, "/apprentices", enrolment(token), 1, 2, new Latencies(), Duration.ofSeconds(1));
        String[] template = consumedEnrolment(postgres, before);
        Instant warmUpSince = Instant.now();
        Map<String, Instant> warmUp = appendEnrolments(postgres, template, rate, LAG_WARM_UP);
        Latencies cold = between(warmUp, awaitReceived(postgres, warmUp.keySet(), warmUpSince));
        Instant since = Instant.now();
        Map<String, Instant> appended = appendEnrolments(postgres, template, rate, RUN);
        Map<String, Instant> received = awaitReceived(postgres, appended.keySet(), since);
        Map<String, Instant> onKafka = kafkaTimestamps(appended.keySet(), since);
        return new Lag(cold, new Hops(between(appended, received), between(appended, onKafka), between(onKafka, received)));
    }

    private record Lag(Latencies warmUp, Hops measured) {
    }

    /**
     * The broker's timestamp of each event in {@code ids}, read from the matching topic from shortly
     * before {@code since} on: earlier phases leave hundreds of thousands of records there, which need
     * not be read or kept.
     */
    private Map<String, Instant> kafkaTimestamps(Set<String> ids, Instant since) {
        Map<String, Instant> found = new HashMap<>();
        for (var record : TestKafka.readSince(platform.kafkaBootstrap(), Topics.MATCHING, since.minusSeconds(5), Duration.ofSeconds(3))) {
            String id = TestKafka.header(record, "ce_id");
            if (id != null && ids.contains(id)) {
                found.put(id, Instant.ofEpochMilli(record.timestamp()));
            }
        }
        return found;
    }

    /** Appends copies of {@code template} (apprentice id, payload), rate/100 per transaction; returns event id -> commit time. */
    private static Map<String, Instant> appendEnrolments(Postgres postgres, String[] template, int rate, Duration duration) throws Exception {
        String apprenticeId = template[0];
        Map<String, Instant> appended = new HashMap<>();
        try (Connection matching = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password());
                PreparedStatement outbox = matching.prepareStatement(
                        "insert into outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time, payload) "
                                + "values (?::uuid, 'mentorship.matching.events', ?, 'mentorship.matching.ApprenticeEnrolled.v1', "
                                + "'/matching-service', ?, ?, ?)")) {
            matching.setAutoCommit(false);
            long start = System.nanoTime();
            long total = rate * duration.toSeconds();
            int perTransaction = Math.max(1, rate / 100);
            for (long sent = 0; sent < total; sent += perTransaction) {
                long wait = start + (long) (sent * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perTransaction; i++) {
                    String id = NewIds.next().toString();
                    String eventId = NewIds.next().toString();
                    outbox.setString(1, eventId);
                    outbox.setString(2, id);
                    outbox.setString(3, id);
                    outbox.setTimestamp(4, now);
                    outbox.setString(5, template[1].replace(apprenticeId, id));
                    outbox.addBatch();
                    ids.add(eventId);
                }
                outbox.executeBatch();
                matching.commit();
                Instant committed = Instant.now();
                notifyRelay(matching);
                ids.forEach(id -> appended.put(id, committed));
            }
        }
        return appended;
    }

    private static Latencies between(Map<String, Instant> from, Map<String, Instant> to) {
        Latencies latencies = new Latencies();
        from.forEach((id, at) -> {
            Instant later = to.get(id);
            if (later != null) {
                latencies.add(Math.max(0, Duration.between(at, later).toNanos() / 1000));
            }
        });
        return latencies;
    }

    /** The apprentice id and payload of the first enrolment progress-service consumed after {@code since}. */
    private String[] consumedEnrolment(Postgres postgres, Instant since) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try (Connection progress = DriverManager.getConnection(postgres.jdbcUrl("progress"), postgres.user(), postgres.password());
                    PreparedStatement select = progress.prepareStatement("select stream_id, payload::text from events "
                            + "where type like '%ApprenticeEnrolled%' and recorded_at >= ? order by position desc limit 1")) {
                select.setObject(1, java.sql.Timestamp.from(since.minusSeconds(1)));
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        String stream = rs.getString(1);
                        return new String[] {stream.substring(stream.lastIndexOf('/') + 1), rs.getString(2)};
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("progress-service consumed no enrolment within 30 s");
    }

    /**
     * Waits until the relay has published every outbox row the last phase left behind, and two more
     * seconds for the consumers, so the next phase measures its own rate and not that phase's backlog.
     */
    private static void settle(Postgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = statement.executeQuery("select count(*) from outbox")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
        Thread.sleep(2_000);
    }

    /** The processes whose CPU a command costs: the services, the broker, the database and this client. */
    private Map<String, ProcessHandle> parts() {
        Map<String, ProcessHandle> parts = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            platform.running(service.module).ifPresent(process -> parts.put(service.module, process));
        }
        platform.running("kafka").ifPresent(process -> parts.put("kafka", process));
        postmaster().ifPresent(process -> parts.put("postgres", process));
        parts.put("load client", ProcessHandle.current());
        return parts;
    }

    /** PostgreSQL's server daemonises away from its launcher; its data folder names the server process. */
    private Optional<ProcessHandle> postmaster() {
        try (Stream<Path> files = Files.walk(platform.settings().data().resolve("postgres"), 2)) {
            return files.filter(file -> file.getFileName().toString().equals("postmaster.pid")).findFirst()
                    .flatMap(file -> {
                        try {
                            return ProcessHandle.of(Long.parseLong(Files.readAllLines(file).get(0).trim()));
                        } catch (IOException | RuntimeException e) {
                            return java.util.Optional.empty();
                        }
                    });
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Enrolments are what progress-service keeps, so they measure the whole path into its inbox. */
    private Latencies crossServiceLagThroughRest(String token, Postgres postgres, double rate) throws Exception {
        Instant since = Instant.now();
        drive(token, "/apprentices", enrolment(token), CLIENTS, rate, new Latencies(), RUN);
        return lagSince(postgres, since);
    }

    private java.util.function.Supplier<String> enrolment(String token) throws Exception {
        String cohort = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(Service.MATCHING) + "/cohorts"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Lag cohort\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        return () -> {
            String who = UUID.randomUUID().toString();
            return "{\"name\":\"Bench\",\"email\":\"" + who + "@bench.example\",\"subject\":\"" + who + "\","
                    + "\"goals\":[\"observability\"],\"timezone\":\"Europe/Berlin\",\"cohortId\":\"" + cohort + "\"}";
        };
    }

    /** From each ApprenticeEnrolled appended in matching-service since {@code since} to its row in progress-service's inbox. */
    private Latencies lagSince(Postgres postgres, Instant since) throws Exception {
        Map<String, Instant> appended = new HashMap<>();
        try (Connection matching = DriverManager.getConnection(postgres.jdbcUrl("matching"), postgres.user(), postgres.password());
                PreparedStatement select = matching.prepareStatement(
                        "select event_id::text, recorded_at from events where recorded_at >= ? and type = 'ApprenticeEnrolled'")) {
            select.setObject(1, java.sql.Timestamp.from(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    appended.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return between(appended, awaitReceived(postgres, appended.keySet(), since));
    }

    /** progress-service's inbox since {@code since}, once it holds every one of {@code ids} (or after 30 s). */
    private static Map<String, Instant> awaitReceived(Postgres postgres, Set<String> ids, Instant since) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, Instant> received = received(postgres, since);
        while (!received.keySet().containsAll(ids) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            received = received(postgres, since);
        }
        return received;
    }

    /** When progress-service's inbox took each event since {@code since} (the start of its transaction). */
    private static Map<String, Instant> received(Postgres postgres, Instant since) throws Exception {
        Map<String, Instant> received = new HashMap<>();
        try (Connection progress = DriverManager.getConnection(postgres.jdbcUrl("progress"), postgres.user(), postgres.password());
                PreparedStatement select = progress.prepareStatement("select event_id::text, received_at from inbox where received_at >= ?")) {
            select.setObject(1, java.sql.Timestamp.from(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    received.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return received;
    }

    private long rssMegabytes(Service service) throws IOException {
        return resident(service).total();
    }

    private Resident resident(Service service) throws IOException {
        long pid = platform.running(service.module).orElseThrow().pid();
        Map<String, Long> kilobytes = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                kilobytes.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return new Resident(kilobytes.getOrDefault("VmRSS", -1024L) / 1024, kilobytes.getOrDefault("RssAnon", -1024L) / 1024,
                kilobytes.getOrDefault("RssFile", -1024L) / 1024);
    }

    Map<String, String> results() {
        return Map.copyOf(results);
    }

    private void report(String name, String format, Object... values) {
        String value = String.format(format, values);
        results.put(name, value);
        System.out.printf("%-70s %s%n", name, value);
    }

    private void print() {
        System.out.println();
        System.out.println("| measurement | value |");
        System.out.println("|---|---|");
        results.forEach((name, value) -> System.out.printf("| %s | %s |%n", name.strip(), value));
    }
}
