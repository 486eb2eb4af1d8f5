package liuyu.api.alarms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import liuyu.alarms.AlarmLog;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream: the events after its Last-Event-ID from the log, then the live ones, each once and in order.
 * Live events that arrive while the log is replayed wait and are sent after it, skipping what the replay sent.
 */
final class AlarmStream {
    private final SseEmitter emitter;
    private long sent;
    private boolean replaying = true;
    private boolean closed;
    private final List<AlarmLog.Event> waiting = new ArrayList<>();

    AlarmStream(SseEmitter emitter, long lastEventId) {
        this.emitter = emitter;
        this.sent = lastEventId;
    }

    synchronized void live(AlarmLog.Event e) {
        if (replaying) {
            waiting.add(e);
        } else {
            send(e);
        }
    }

    /** Sends a page of the log; true while the page was full (more may follow). */
    synchronized void replay(List<AlarmLog.Event> page) {
        page.forEach(this::send);
    }

    synchronized void replayed() {
        replaying = false;
        waiting.forEach(this::send);
        waiting.clear();
    }

    synchronized long sent() {
        return sent;
    }

    synchronized void comment(String text) {
        if (closed) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().comment(text));
        } catch (IOException | IllegalStateException gone) {
            close();
        }
    }

    private void send(AlarmLog.Event e) {
        if (closed || e.id() <= sent) {
            return;
        }
        try {
            emitter.send(SseEmitter.event()
                    .id(Long.toString(e.id()))
                    .name(e.action())
                    .data(e, MediaType.APPLICATION_JSON));
            sent = e.id();
        } catch (IOException | IllegalStateException gone) {
            close(); // the client left: the emitter's completion unsubscribes
        }
    }

    private void close() {
        closed = true;
        emitter.complete();
    }
}
