package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import liuyu.atlas.Atlas;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * HTTP caching of OGC responses. Everything served derives from the atlas snapshot, so the
 * validators come from it: the ETag names the atlas version and the snapshot (a reload or a ledger
 * change makes a new one), Last-Modified is when that snapshot was first served.
 */
@Component
class Freshness {
    private final Map<Atlas, Stamp> stamps = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicLong serial = new AtomicLong();
    private final String boot = Long.toString(System.currentTimeMillis(), 36);
    private final String cacheControl;

    Freshness(@Value("${liuyu.ogc.cache-max-age:60s}") Duration maxAge) {
        this.cacheControl = "public, max-age=" + maxAge.toSeconds();
    }

    private record Stamp(String tag, Instant since) {}

    /**
     * Sets Cache-Control, Vary, ETag and Last-Modified; answers 304 and returns {@code true} when the
     * client's copy ({@code If-None-Match}, {@code If-Modified-Since}) is current.
     */
    boolean notModified(HttpServletRequest request, HttpServletResponse response, Atlas atlas, Object representation) {
        Stamp stamp = stamps.computeIfAbsent(
                atlas,
                a -> new Stamp(
                        a.version().replaceAll("[^A-Za-z0-9._-]", "") + "-" + boot + "-" + serial.incrementAndGet(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Vary", "Accept");
        String resource = request.getRequestURI() + "?" + request.getQueryString() + "#" + representation;
        String etag = "W/\"" + stamp.tag() + "-" + Integer.toHexString(resource.hashCode()) + "\"";
        return new ServletWebRequest(request, response)
                .checkNotModified(etag, stamp.since().toEpochMilli());
    }
}
