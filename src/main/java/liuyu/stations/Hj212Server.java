package liuyu.stations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 TCP listener on the JDK's NIO: one selector thread frames packets ({@code ##}, four-digit
 * length, data, CRC, CRLF) and a small worker pool stores them. A connection reads nothing more while its
 * packet is being stored, so packets of one station stay in order and a slow store slows the senders.
 * Limits: connections at once, idle time, time to finish a started packet, packets waiting for a worker,
 * refusals per connection; a framing error closes the connection (its byte stream cannot be trusted).
 */
public final class Hj212Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Server.class);
    /** {@code ##}, 4 digits, at most 1024 bytes of data, 4 hex digits, CRLF. */
    static final int MAX_FRAME = 2 + 4 + Hj212Packet.MAX_DATA + 4 + 2;

    /** The limits; see docs/stations.md for the settings that set them. */
    public record Limits(
            int maxConnections,
            Duration idleTimeout,
            Duration packetTimeout,
            int workers,
            int queue,
            int maxRefusals) {}

    private final Hj212Intake intake;
    private final Limits limits;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final ThreadPoolExecutor workers;
    private final Queue<Runnable> onSelector = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    // the connection each station last proved its MN on, to send it the platform's commands
    private final Map<String, Connection> byStation = new ConcurrentHashMap<>();
    private long lastExpiry;
    private final Thread loop;
    private volatile boolean running = true;
    private long lastLimitWarning;

    private Hj212Server(Hj212Intake intake, Limits limits, InetSocketAddress address) throws IOException {
        this.intake = intake;
        this.limits = limits;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(address, 256);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                limits.workers(),
                limits.workers(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queue()),
                r -> {
                    Thread t = new Thread(r, "hj212-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.loop = new Thread(this::run, "hj212-selector");
        loop.setDaemon(true);
    }

    /** Binds and starts listening; port 0 picks a free port ({@link #port()}). */
    public static Hj212Server start(Hj212Intake intake, Limits limits, InetSocketAddress address) throws IOException {
        Hj212Server s = new Hj212Server(intake, limits, address);
        s.loop.start();
        LOG.info("HJ 212 receiver listening on {}", s.server.getLocalAddress());
        return s;
    }

    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connections open now. */
    public int connections() {
        return open.get();
    }

    /** True when the station is connected now (it proved its MN on a connection still open). */
    public boolean connected(String mn) {
        Connection c = byStation.get(mn);
        return c != null && !c.closed;
    }

    /**
     * Queues a packet for a connected station, written by the selector thread between the station's own packets;
     * false when the station is not connected.
     */
    public boolean send(String mn, byte[] packet) {
        Connection c = byStation.get(mn);
        if (c == null || c.closed) {
            return false;
        }
        onSelector.add(() -> {
            if (!c.closed) {
                c.out.add(ByteBuffer.wrap(packet));
                try {
                    c.flush();
                } catch (IOException e) {
                    c.close();
                }
            }
        });
        selector.wakeup();
        return true;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(250);
                Runnable task;
                while ((task = onSelector.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // one connection's failure must never stop the listener
                        LOG.warn("HJ 212 connection task failed: {}", e.toString());
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            Connection c = (Connection) key.attachment();
                            if (key.isWritable()) {
                                c.flush();
                            }
                            if (key.isValid() && key.isReadable()) {
                                c.read();
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        if (key.attachment() instanceof Connection c) {
                            LOG.debug("HJ 212 connection {} failed: {}", c.remote, e.toString());
                            c.close();
                        } else {
                            LOG.warn("HJ 212 accept failed: {}", e.toString());
                        }
                    }
                }
                selector.selectedKeys().clear();
                sweep(System.nanoTime());
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("HJ 212 receiver stopped: {}", e.toString());
        } finally {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                if (key.attachment() instanceof Connection c) {
                    c.close();
                }
            }
            try {
                server.close();
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the HJ 212 listener: {}", e.toString());
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            if (open.get() >= limits.maxConnections()) {
                long now = System.nanoTime();
                if (now - lastLimitWarning > TimeUnit.SECONDS.toNanos(1)) {
                    lastLimitWarning = now;
                    LOG.warn(
                            "HJ 212 connection from {} refused: {} connections open (liuyu.hj212.max-connections)",
                            ch.getRemoteAddress(),
                            open.get());
                }
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                ch.close();
                continue;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            open.incrementAndGet();
            Connection c = new Connection(ch, String.valueOf(ch.getRemoteAddress()));
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
        }
    }

    private void sweep(long now) {
        // only while split messages wait: the task would otherwise take a queue place a station's packet needs
        if (now - lastExpiry > TimeUnit.SECONDS.toNanos(1) && intake.splitsWaiting()) {
            lastExpiry = now;
            try {
                workers.execute(intake::expireSplits);
            } catch (RejectedExecutionException e) {
                LOG.debug("split messages not expired this second: workers busy");
            }
        }
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && !c.closed && !c.busy) {
                if (c.packetStarted != 0
                        && now - c.packetStarted > limits.packetTimeout().toNanos()) {
                    c.refuse(
                            Refusal.SLOW,
                            "a packet was started " + limits.packetTimeout().toSeconds()
                                    + " s ago and is not complete (" + c.in.position() + " bytes so far)",
                            c.seen());
                } else if (now - c.lastActivity > limits.idleTimeout().toNanos()) {
                    if (c.packets == 0) {
                        // half-open or silent: nothing ever arrived on it
                        c.refuse(
                                Refusal.IDLE,
                                "no packet in " + limits.idleTimeout().toSeconds() + " s since connecting",
                                new byte[0]);
                    } else {
                        LOG.debug("HJ 212 connection {} (MN {}) idle, closed", c.remote, c.station);
                        c.close();
                    }
                }
            }
        }
    }

    /** One station's connection: its read buffer, the packet being stored, the answers waiting to be written. */
    private final class Connection {
        final SocketChannel channel;
        final String remote;
        final ByteBuffer in = ByteBuffer.allocate(MAX_FRAME);
        final Queue<ByteBuffer> out = new ArrayDeque<>();
        SelectionKey key;
        long lastActivity = System.nanoTime();
        long packetStarted;
        boolean busy;
        boolean closed;
        int packets;
        int refusals;
        String station;

        Connection(SocketChannel channel, String remote) {
            this.channel = channel;
            this.remote = remote;
        }

        void read() throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                if (in.position() > 0) {
                    refuse(
                            Refusal.LENGTH,
                            "the peer closed the connection in the middle of a packet (" + in.position() + " bytes)",
                            seen());
                } else {
                    close();
                }
                return;
            }
            if (n > 0) {
                lastActivity = System.nanoTime();
                if (packetStarted == 0) {
                    packetStarted = lastActivity;
                }
            }
            next();
        }

        /** Takes the next complete frame from the buffer, if there is one, and hands it to a worker. */
        void next() {
            if (closed || busy) {
                return;
            }
            int have = in.position();
            if (have == 0) {
                packetStarted = 0;
                interest(SelectionKey.OP_READ);
                return;
            }
            byte[] b = in.array();
            if (b[0] != '#' || (have > 1 && b[1] != '#')) {
                refuse(Refusal.HEADER, "the stream does not start with '##'", seen());
                return;
            }
            if (have < 6) {
                interest(SelectionKey.OP_READ);
                return;
            }
            int length = 0;
            for (int i = 2; i < 6; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    refuse(Refusal.LENGTH, "the length after '##' is not four digits", seen());
                    return;
                }
                length = length * 10 + (b[i] - '0');
            }
            if (length > Hj212Packet.MAX_DATA) {
                refuse(Refusal.OVERSIZED, "declared " + length + " bytes", seen());
                return;
            }
            int total = length + 12;
            if (have < total) {
                interest(SelectionKey.OP_READ);
                return;
            }
            if (b[total - 2] != '\r' || b[total - 1] != '\n') {
                refuse(
                        Refusal.LENGTH,
                        "declared " + length + " bytes of data, but no CRC and CRLF follow them",
                        seen());
                return;
            }
            byte[] frame = new byte[total - 2];
            System.arraycopy(b, 0, frame, 0, total - 2);
            in.flip();
            in.position(total);
            in.compact();
            packetStarted = in.position() == 0 ? 0 : System.nanoTime();
            busy = true;
            interest(0);
            try {
                workers.execute(() -> {
                    Hj212Intake.Outcome outcome = intake.receive(remote, frame);
                    onSelector.add(() -> done(outcome));
                    selector.wakeup();
                });
            } catch (RejectedExecutionException e) {
                busy = false;
                refuse(Refusal.BUSY, limits.queue() + " packets already wait for the record store", frame);
            }
        }

        /** On the selector thread, once a worker has handled a packet. */
        void done(Hj212Intake.Outcome outcome) {
            busy = false;
            if (closed) {
                return;
            }
            packets++;
            lastActivity = System.nanoTime();
            if (outcome.station() != null) {
                station = outcome.station();
                byStation.put(station, this);
            }
            if (outcome.ack() != null) {
                out.add(ByteBuffer.wrap(outcome.ack()));
            }
            if (outcome.refusal() != null) {
                refusals++;
                if (outcome.refusal().closes() || refusals >= limits.maxRefusals()) {
                    close();
                    return;
                }
            }
            try {
                flush(); // and then, with nothing left to write, the next packet
            } catch (IOException e) {
                close();
            }
        }

        /** Writes what waits; while something is left, waits for the socket to take it before reading on. */
        void flush() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer head = out.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    interest(SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            if (!busy) {
                next();
            }
        }

        /** Refuses at the connection level: logged (by a worker, off the selector) and closed. */
        void refuse(Refusal refusal, String detail, byte[] seen) {
            String mn = station;
            try {
                workers.execute(() -> intake.refuseConnection(remote, mn, refusal, detail, seen));
            } catch (RejectedExecutionException e) {
                LOG.info(
                        "HJ 212 connection {} (MN {}) refused, not logged (workers busy): {}: {}",
                        remote,
                        mn,
                        refusal.meaning(),
                        detail);
            }
            close();
        }

        byte[] seen() {
            byte[] b = new byte[Math.min(in.position(), 64)];
            System.arraycopy(in.array(), 0, b, 0, b.length);
            return b;
        }

        void interest(int ops) {
            if (key != null && key.isValid()) {
                key.interestOps(ops);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            open.decrementAndGet();
            if (station != null) {
                byStation.remove(station, this);
            }
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", remote, e.toString());
            }
        }
    }
}
