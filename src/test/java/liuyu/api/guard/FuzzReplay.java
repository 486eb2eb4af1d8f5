package liuyu.api.guard;

import java.util.Random;
import liuyu.testing.Http;

/** Replays the fuzz stream against a running service: {@code FuzzReplay <port> <outfall> <count>}; prints what hangs or fails. */
final class FuzzReplay {
    public static void main(String[] args) throws Exception {
        Http.Raw raw = new Http.Raw(Integer.parseInt(args[0]), 5000);
        Random random = new Random(HostileFuzzTest.SEED * 31);
        long start = System.nanoTime();
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            HostileFuzzTest.Request r = HostileFuzzTest.request(random, args[1]);
            long t = System.nanoTime();
            try {
                Http.Raw.Answer a = raw.send(r.method(), r.target(), r.headers(), r.body());
                if (a.status() >= 500 || HostileFuzzTest.leaks(a)) {
                    System.out.println("BAD " + a.status() + " " + r.describe() + " -> "
                            + a.body().substring(0, Math.min(300, a.body().length())));
                }
            } catch (Exception e) {
                System.out.println("FAIL " + e + " " + r.describe());
            }
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (ms > 1000) {
                System.out.println("SLOW " + ms + " ms " + r.describe());
            }
        }
        System.out.println("total " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
