package liuyu.stations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The HJ 212 ingest benchmark (bench/hj212.sh, issue 25): {@code registry FILE N} writes a registry of N simulated
 * stations; {@code run HTTP_PORT HJ212_PORT N SECONDS} drives a running service. Phase 1: N stations, each on its
 * own loopback TCP connection, send minute data (CN=2051, 4 values, Flag=5) one after another, each waiting for the
 * acknowledgement (CN=9014); one selector thread drives them all. Phase 2: the same observations (4 per batch, the
 * same values and times, other ids) posted as JSON batches to /sections/{id}/observations by HTTP clients. Prints
 * packets (batches) per second, observations per second, p50/p99 send-to-acknowledgement and the ratios.
 */
public final class Hj212Bench {
    static final String SITE = "gubeikou";
    static final String PASSWORD = "bench1";
    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    private Hj212Bench() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("registry")) {
            registry(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int httpPort = Integer.parseInt(args[1]);
        int hjPort = Integer.parseInt(args[2]);
        int stations = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        System.out.printf(
                "%d stations over HJ 212 vs %d HTTP clients, %d s each (after %d s warm-up)%n",
                stations, clients, seconds, 5);
        Result hj = hj212(hjPort, stations, seconds);
        Result http = http(httpPort, stations, clients, seconds);
        print("HJ 212 (TCP, 1 packet = 4 values)", hj);
        print("HTTP JSON (1 batch = 4 values)", http);
        System.out.printf(
                "ratio HJ 212 / HTTP: throughput %.2f×, p99 %.2f×%n",
                hj.perSecond() / http.perSecond(), (double) hj.p99() / http.p99());
        System.exit(0); // the HTTP client's threads would keep the JVM
    }

    static void registry(Path file, int n) throws IOException {
        // cost 4: the registry is synthetic and the first packet of each station checks its hash once
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        StringBuilder b = new StringBuilder("stations:\n");
        for (int i = 0; i < n; i++) {
            b.append("  - {mn: ")
                    .append(mn(i))
                    .append(", site: ")
                    .append(SITE)
                    .append(", kind: section, method: synthetic, note: benchmark, password: '")
                    .append(hash)
                    .append("'}\n");
        }
        Files.writeString(file, b.toString());
    }

    static String mn(int i) {
        return String.format("LYBENCH0000000000%07d", i);
    }

    record Result(long count, double seconds, long[] latencies, long errors) {
        double perSecond() {
            return count / seconds;
        }

        long p99() {
            return percentile(0.99);
        }

        long percentile(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p * latencies.length) - 1)];
        }
    }

    static void print(String what, Result r) {
        System.out.printf(
                "%-36s %8d in %5.1f s: %8.0f /s (%8.0f values/s), p50 %6.2f ms, p99 %6.2f ms, errors %d%n",
                what,
                r.count(),
                r.seconds(),
                r.perSecond(),
                4 * r.perSecond(),
                r.percentile(0.5) / 1e6,
                r.p99() / 1e6,
                r.errors());
    }

    static String packet(int station, int minute) {
        String time = DATA_TIME.format(START.plusMinutes(minute));
        String data = "QN=" + time + String.format("%03d", station % 1000) + ";ST=21;CN=2051;PW=" + PASSWORD + ";MN="
                + mn(station) + ";Flag=5;CP=&&DataTime=" + time + ";"
                + "w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.061,w21011-Flag=N;w01018-Avg=12.3,w01018-Flag=N;"
                + "w01001-Avg=7.62,w01001-Flag=N&&";
        return new String(Hj212Intake.frame(data), StandardCharsets.US_ASCII);
    }

    /** One station's connection in the selector-driven client. */
    static final class Link {
        final int station;
        final SocketChannel channel;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(4096);
        long sentAt;
        int minute;

        Link(int station, SocketChannel channel) {
            this.station = station;
            this.channel = channel;
        }
    }

    static Result hj212(int port, int stations, int seconds) throws IOException {
        Selector selector = Selector.open();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < stations; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.configureBlocking(false);
            Link l = new Link(i, ch);
            l.minute = 0;
            ch.register(selector, SelectionKey.OP_READ, l);
            links.add(l);
        }
        // warm-up: until every station has had its first packet acknowledged (the first one checks its BCrypt hash)
        long warmEnd = Long.MAX_VALUE;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + seconds);
        int warm = 0;
        long[] lat = new long[1 << 20];
        int n = 0;
        long errors = 0;
        for (Link l : links) {
            send(l);
        }
        while (System.nanoTime() < end) {
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                Link l = (Link) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isWritable()) {
                    l.channel.write(l.out);
                    if (!l.out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isReadable()) {
                    int r = l.channel.read(l.in);
                    if (r < 0) {
                        if (++errors < 5) {
                            System.out.println("station " + l.station + ": connection closed by the service");
                        }
                        key.cancel();
                        continue;
                    }
                    byte[] a = l.in.array();
                    for (int i = 1; i < l.in.position(); i++) {
                        if (a[i - 1] == '\r' && a[i] == '\n') {
                            long now = System.nanoTime();
                            String ack = new String(a, 0, i + 1, StandardCharsets.US_ASCII);
                            if (!ack.contains("CN=9014")) {
                                errors++;
                                System.out.println("station " + l.station + ": unexpected answer " + ack.strip());
                            } else if (now > warmEnd && n < lat.length) {
                                lat[n++] = now - l.sentAt;
                            }
                            l.in.clear();
                            l.minute++;
                            if (l.minute == 1 && ++warm == stations) {
                                warmEnd = now;
                                end = now + TimeUnit.SECONDS.toNanos(seconds);
                                System.out.printf("HJ 212 warm-up: all %d stations acknowledged once%n", stations);
                            }
                            if (now < end) {
                                send(l);
                                if (l.out.hasRemaining()) {
                                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                                }
                            }
                            break;
                        }
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        for (Link l : links) {
            l.channel.close();
        }
        selector.close();
        long[] got = Arrays.copyOf(lat, n);
        Arrays.sort(got);
        if (warmEnd == Long.MAX_VALUE) {
            System.out.printf("HJ 212 warm-up not finished: %d of %d stations acknowledged once%n", warm, stations);
        }
        return new Result(n, seconds, got, errors);
    }

    static void send(Link l) throws IOException {
        l.out = ByteBuffer.wrap(packet(l.station, l.minute).getBytes(StandardCharsets.US_ASCII));
        l.sentAt = System.nanoTime();
        l.channel.write(l.out);
    }

    static String batch(int station, int minute) {
        String at = START.plusMinutes(minute).toString() + ":00+08:00";
        String id = "http:" + mn(station) + ":2051:" + DATA_TIME.format(START.plusMinutes(minute)) + ":";
        StringBuilder b = new StringBuilder("{\"observations\": [");
        String[][] values = {
            {"w21003", "NH3-N", "0.42", "mg/L"},
            {"w21011", "TP", "0.061", "mg/L"},
            {"w01018", "COD", "12.3", "mg/L"},
            {"w01001", "pH", "7.62", ""}
        };
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"id\": \"")
                    .append(id)
                    .append(values[i][0])
                    .append("\", \"sampledAt\": \"")
                    .append(at)
                    .append("\", \"parameter\": \"")
                    .append(values[i][1])
                    .append("\", \"value\": \"")
                    .append(values[i][2])
                    .append("\", \"unit\": \"")
                    .append(values[i][3])
                    .append("\", \"source\": \"automatic\", \"deviceId\": \"")
                    .append(mn(station))
                    .append("\", \"lastCalibration\": \"2023-12-01\", \"method\": \"HJ 212-2017 minute data\"}");
        }
        return b.append("]}").toString();
    }

    static Result http(int port, int stations, int clients, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("monitor:monitor".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/sections/" + SITE + "/observations");
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[clients][];
        int[] counts = new int[clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            lat[c] = new long[1 << 18];
            pool.submit(() -> {
                int minute = 0;
                while (System.nanoTime() < end) {
                    // each client plays stations client, client + clients, …, each sending its minutes in turn
                    for (int s = client; s < stations && System.nanoTime() < end; s += clients) {
                        HttpRequest req = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("X-Liuyu-Client", "bench")
                                .header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.ofString(batch(s, minute)))
                                .build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            long t = System.nanoTime();
                            if (r.statusCode() != 201 && r.statusCode() != 200) {
                                if (errors.incrementAndGet() < 3) {
                                    System.out.println("HTTP " + r.statusCode() + ": " + r.body());
                                }
                            } else if (t > warmEnd && counts[client] < lat[client].length) {
                                lat[client][counts[client]++] = t - t0;
                            }
                        } catch (IOException | InterruptedException e) {
                            errors.incrementAndGet();
                        }
                    }
                    minute++;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(n, seconds, all, errors.get());
    }
}
