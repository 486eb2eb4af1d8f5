package liuyu.api.guard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mixed reads against a running service, alone and beside 4 clients sending maximal /checks batches
 * (1,000 features of 600 vertices, about 28 MB): read latency p50/p99 of each phase and their ratio.
 * Outcomes are counted apart: reads by status (or the exception that ended them), batches by status
 * (200 done, 429 refused, anything else a failure) so a failed batch is never taken for a failed read.
 * {@code Soak <port> <seconds-per-phase> [readers=8]}; bench/soak.sh starts the service and runs it.
 */
final class Soak {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int readers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        byte[] batch = maximalBatch();
        System.out.printf(Locale.ROOT, "batch body %.1f MB%n", batch.length / 1e6);
        List<Long> alone = reads(http, base, readers, seconds, false, batch);
        List<Long> beside = reads(http, base, readers, seconds, true, batch);
        double ratio = (double) percentile(beside, 0.99) / percentile(alone, 0.99);
        System.out.printf(Locale.ROOT, "read p99 ratio (with batches / without): %.2f%n", ratio);
    }

    static byte[] maximalBatch() {
        Random r = new Random(22);
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int f = 0; f < 1000; f++) {
            double lon = 115.8 + r.nextDouble() * 1.4;
            double lat = 39.5 + r.nextDouble() * 1.2;
            b.append(f == 0 ? "" : ",")
                    .append(
                            "{\"type\":\"Feature\",\"properties\":{\"activity\":\"dumping\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
            for (int v = 0; v < 600; v++) {
                double a = 2 * Math.PI * v / 600;
                b.append(
                        String.format(Locale.ROOT, "[%.6f,%.6f],", lon + 0.01 * Math.cos(a), lat + 0.01 * Math.sin(a)));
            }
            b.append(String.format(Locale.ROOT, "[%.6f,%.6f]]]}}", lon + 0.01, lat));
        }
        return b.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<Long> reads(HttpClient http, String base, int readers, int seconds, boolean withBatches, byte[] batch)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicInteger> readOutcomes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> batchOutcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; withBatches && i < 4; i++) {
            threads.add(started(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<Void> r = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/checks"))
                                        .header("Content-Type", "application/geo+json")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        count(batchOutcomes, Integer.toString(r.statusCode()));
                        if (r.statusCode() == 429) {
                            Thread.sleep(2000);
                        }
                    } catch (Exception e) {
                        count(batchOutcomes, failure(e));
                    }
                }
            }));
        }
        for (int i = 0; i < readers; i++) {
            Random r = new Random(i);
            threads.add(started(() -> {
                while (!stop.get()) {
                    String path = switch (r.nextInt(3)) {
                        case 0 ->
                            String.format(
                                    Locale.ROOT,
                                    "/locate?lon=%.4f&lat=%.4f",
                                    115.42 + r.nextDouble() * 2.09,
                                    39.44 + r.nextDouble() * 1.64);
                        case 1 -> "/ogc/collections/rivers/items?limit=10&offset=" + r.nextInt(50);
                        default -> "/rules?lon=116.95&lat=40.52";
                    };
                    long t = System.nanoTime();
                    try {
                        HttpResponse<Void> resp = http.send(
                                HttpRequest.newBuilder(URI.create(base + path)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        count(readOutcomes, Integer.toString(resp.statusCode()));
                        latencies.add(System.nanoTime() - t);
                    } catch (Exception e) {
                        count(readOutcomes, failure(e));
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join(120_000);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s: %d reads in %d s, p50 %.1f ms, p99 %.1f ms; reads by outcome %s%s%n",
                withBatches ? "reads beside 4 batch clients" : "reads alone",
                sorted.size(),
                seconds,
                percentile(sorted, 0.5) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                new TreeMap<>(readOutcomes),
                withBatches ? "; batches by outcome " + new TreeMap<>(batchOutcomes) : "");
        return sorted;
    }

    /** An exception as an outcome: its class and the start of its message (enough to tell a reset from a timeout). */
    static String failure(Exception e) {
        String m = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": " + (m.length() > 60 ? m.substring(0, 60) : m);
    }

    static void count(Map<String, AtomicInteger> outcomes, String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }

    static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
