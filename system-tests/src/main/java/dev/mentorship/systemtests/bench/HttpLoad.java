package dev.mentorship.systemtests.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The benchmark's HTTP/1.1 load generator: one kept-alive blocking socket per client thread, each
 * request written in one piece and its response read by {@code Content-Length} or chunks.
 * <p>
 * It shares two cores with the platform it measures, so what it costs counts against the platform:
 * the JDK's {@code HttpClient} used half a core to offer ~350 requests/s, this costs a few percent of
 * one, the same order as {@code ab}.
 * <p>
 * Closed loop when the rate is 0: every client sends its next request when the last one is answered.
 * Otherwise requests are due at fixed instants ({@code start + i / rate}); a free client takes the
 * next due instant and waits for it, and a request's latency counts from that instant, so time spent
 * waiting for a free client is measured too rather than hidden (no coordinated omission).
 */
final class HttpLoad {

    private final URI base;
    private final String token;

    HttpLoad(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Requests answered with the expected status; the rest (other statuses, I/O failures); the run's length. */
    record Result(long ok, long failed, double seconds) {

        double okPerSecond() {
            return ok / seconds;
        }
    }

    Result post(String path, Supplier<String> body, int expectedStatus, int clients, double ratePerSecond, Latencies latencies,
            Duration duration) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong next = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            // Connections are opened before the clock starts: their set-up is not what is measured.
            Connection opened = open();
            Thread thread = new Thread(() -> {
                Connection connection = opened;
                try {
                    go.await();
                    long start = window[0];
                    long end = window[1];
                    while (true) {
                        long due;
                        if (ratePerSecond > 0) {
                            due = start + (long) (next.getAndIncrement() * 1e9 / ratePerSecond);
                            if (due >= end) {
                                return;
                            }
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        } else {
                            due = System.nanoTime();
                            if (due >= end) {
                                return;
                            }
                        }
                        try {
                            if (connection == null) {
                                connection = new Connection(base);
                            }
                            int status = connection.exchange(request(path, body.get()));
                            if (status == expectedStatus) {
                                ok.incrementAndGet();
                                latencies.add((System.nanoTime() - due) / 1000);
                            } else {
                                failed.incrementAndGet();
                            }
                            if (connection.closing) {
                                connection.close();
                                connection = null;
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                            if (connection != null) {
                                connection.close();
                                connection = null;
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (connection != null) {
                        connection.close();
                    }
                }
            }, "bench-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(ok.get(), failed.get(), (System.nanoTime() - window[0]) / 1e9);
    }

    /** A connection, or null when it cannot be opened now (the client retries at its first request). */
    private Connection open() {
        try {
            return new Connection(base);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] request(String path, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /** One kept-alive connection; not thread-safe, each client thread owns one. */
    static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder line = new StringBuilder();
        boolean closing;

        Connection(URI base) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Sends one request and reads its whole response; returns the status code. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                closing = true;
                while (in.read() >= 0) {
                    // a body delimited by the connection's end
                }
            }
            return status;
        }

        private void skip(long count) throws IOException {
            for (long left = count; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("Connection closed inside a response body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("Connection closed inside a response");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
