package dev.mentorship.systemtests.bench;

import dev.mentorship.devstack.DevTokens;
import dev.mentorship.devstack.Platform;
import dev.mentorship.devstack.Platform.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * How long a service takes from launch to readiness ({@code /q/health/ready} UP on its management
 * interface) and to its first answered request (an authenticated read that reaches its database),
 * relaunched alone beside the running rest of the platform or all three at once. Both are polled
 * every 25 ms from their own threads.
 */
final class StartupTimes {

    /** Seconds from launch to readiness and to the first request answered. */
    record Launch(double ready, double firstAnswer) {
    }

    private static final Duration POLL = Duration.ofMillis(25);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private StartupTimes() {
    }

    /** Stops {@code service} if it runs, then launches it and measures while the others keep running. */
    static Launch relaunch(Platform platform, Service service) throws Exception {
        platform.stop(service.module);
        return launch(any -> platform, List.of(service)).get(service);
    }

    /** Stops all three services, then launches them at once, each by the platform {@code platforms} gives for it. */
    static Map<Service, Launch> together(Function<Service, Platform> platforms) throws Exception {
        for (Service service : Service.values()) {
            platforms.apply(service).stop(service.module);
        }
        return launch(platforms, List.of(Service.values()));
    }

    private static Map<Service, Launch> launch(Function<Service, Platform> platforms, List<Service> services) throws Exception {
        // The common pool has one thread on two cores; each poller and launch waits on its own.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            long start = System.nanoTime();
            Map<Service, CompletableFuture<Double>> ready = new EnumMap<>(Service.class);
            Map<Service, CompletableFuture<Double>> answered = new EnumMap<>(Service.class);
            List<CompletableFuture<Void>> launched = new ArrayList<>();
            for (Service service : services) {
                Platform platform = platforms.apply(service);
                ready.put(service, CompletableFuture.supplyAsync(() -> firstSuccess(start, readiness(platform, service), Set.of(200)), threads));
                answered.put(service, CompletableFuture.supplyAsync(() -> firstSuccess(start, firstRequest(platform, service), Set.of(200, 404)),
                        threads));
                launched.add(CompletableFuture.runAsync(() -> platform.ensureService(service), threads));
            }
            CompletableFuture.allOf(launched.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            Map<Service, Launch> launches = new EnumMap<>(Service.class);
            for (Service service : services) {
                launches.put(service, new Launch(ready.get(service).get(1, TimeUnit.MINUTES), answered.get(service).get(1, TimeUnit.MINUTES)));
            }
            return launches;
        } finally {
            // A launch that failed leaves its pollers asking; they stop here.
            threads.shutdownNow();
        }
    }

    private static HttpRequest readiness(Platform platform, Service service) {
        return HttpRequest.newBuilder(URI.create(platform.managementUrl(service) + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
    }

    /** A read of each service's API that reaches its database: a list, or a view that does not exist (404). */
    private static HttpRequest firstRequest(Platform platform, Service service) {
        String path = switch (service) {
            case MATCHING -> "/mentors?limit=1";
            case PROGRESS -> "/apprentices/" + UUID.randomUUID() + "/progress";
            case FEEDBACK -> "/mentorships/" + UUID.randomUUID();
        };
        return HttpRequest.newBuilder(URI.create(platform.serviceUrl(service) + path)).timeout(Duration.ofSeconds(2))
                .header("Authorization", "Bearer " + DevTokens.mint("program-office", "bench")).build();
    }

    /** Seconds from {@code start} until {@code request} is first answered with one of {@code statuses} (within 3 minutes). */
    private static double firstSuccess(long start, HttpRequest request, Set<Integer> statuses) {
        long deadline = start + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                if (statuses.contains(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No answer to " + request.uri() + " within 3 minutes");
    }
}
