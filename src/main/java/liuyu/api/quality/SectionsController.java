package liuyu.api.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import liuyu.alarms.AnomalyLog;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.atlas.Provenance;
import liuyu.outfalls.LedgerQueries;
import liuyu.quality.Observation;
import liuyu.quality.ObservationService;
import liuyu.quality.Period;
import liuyu.quality.Profile;
import liuyu.quality.QualityService;
import liuyu.quality.Rounding;
import liuyu.quality.Section;
import liuyu.quality.SectionQuality;
import liuyu.quality.WaterClass;
import liuyu.quality.Waterbody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Monitoring sections, their water quality over a month or a year, and their observations with history. */
@RestController
public class SectionsController {
    private final QualityService quality;
    private final ObservationService observations;
    private final AnomalyLog anomalies;
    private final LedgerQueries outfalls;

    public SectionsController(
            QualityService quality, ObservationService observations, AnomalyLog anomalies, LedgerQueries outfalls) {
        this.quality = quality;
        this.observations = observations;
        this.anomalies = anomalies;
        this.outfalls = outfalls;
    }

    /**
     * An observation as stored, with what the anomaly rules found about this version of it (cause
     * {@code auto:<rule>}; the member is left out when they found nothing). The stored observation is never changed.
     */
    public record Shown(
            @JsonUnwrapped Observation observation,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Finding> anomalies) {}

    /** One finding of an anomaly rule about a value (docs/alarms.md); {@code id} is its id under /anomalies. */
    public record Finding(long id, String cause, String rule, String kind, String detail, Instant detectedAt) {}

    public record SectionView(
            String id,
            String nameZh,
            String nameEn,
            String type,
            String river,
            String reach,
            Waterbody waterbody,
            WaterClass targetClass,
            String basin,
            String district,
            double lon,
            double lat,
            Profile profile,
            Provenance provenance,
            String quality,
            String trace) {
        static SectionView of(Section s) {
            return new SectionView(
                    s.id(),
                    s.nameZh(),
                    s.nameEn(),
                    s.type(),
                    s.river(),
                    s.reach(),
                    s.waterbody(),
                    s.targetClass(),
                    s.basin(),
                    s.district(),
                    s.lon(),
                    s.lat(),
                    s.profile(),
                    s.provenance(),
                    "/sections/" + s.id() + "/quality?period=",
                    "/sections/" + s.id() + "/trace?period=&distance=");
        }
    }

    public record SectionList(int count, List<SectionView> sections) {}

    /** A page of observations: {@code count} on this page of {@code numberMatched}; {@code next} reads the following page. */
    public record ObservationList(
            String sectionId,
            String period,
            int count,
            long numberMatched,
            int limit,
            long offset,
            String next,
            List<Shown> observations) {}

    /** A page of an outfall's observations, as {@link ObservationList} for a section. */
    public record OutfallObservationList(
            String outfallId,
            String period,
            int count,
            long numberMatched,
            int limit,
            long offset,
            String next,
            List<Shown> observations) {}

    /** Observations per page by default and at most (a year of a busy section runs to hundreds of thousands). */
    static final int DEFAULT_LIMIT = 1000;

    static final int MAX_LIMIT = 10_000;

    public record History(String id, String sectionId, int versions, List<Observation> history) {}

    @GetMapping("/sections")
    public SectionList sections() {
        List<SectionView> views =
                quality.sections().stream().map(SectionView::of).toList();
        return new SectionList(views.size(), views);
    }

    @GetMapping("/sections/{id}")
    public SectionView section(@PathVariable String id) {
        return SectionView.of(section(quality, id));
    }

    @GetMapping("/sections/{id}/quality")
    public SectionQuality sectionQuality(
            @PathVariable String id,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String profile,
            @RequestParam(required = false) String rounding) {
        Section s = section(quality, id);
        Profile p = profile(profile, s.profile());
        return quality.quality(s, period(period), p, rounding(rounding, p));
    }

    @GetMapping("/sections/{id}/observations")
    public ObservationList observations(
            @PathVariable String id,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        Section s = section(quality, id);
        Period p = period(period);
        int max = Params.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        ObservationService.Page page = observations.latest(s.id(), p, max, skip);
        long matched = page.numberMatched();
        List<Observation> list = page.observations();
        String next = (long) skip + list.size() < matched
                ? "/sections/" + s.id() + "/observations?period=" + p.text() + "&limit=" + max + "&offset="
                        + (skip + list.size())
                : null;
        return new ObservationList(s.id(), p.text(), list.size(), matched, max, skip, next, shown(list));
    }

    /** An outfall's observations (有水皆测 monitoring, HJ 212 stations at outfalls), paged as a section's. */
    @GetMapping("/outfalls/{id}/observations")
    public OutfallObservationList outfallObservations(
            @PathVariable String id,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        String site = outfalls.require(id).outfall().id();
        Period p = period(period);
        int max = Params.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        ObservationService.Page page = observations.latest(site, p, max, skip);
        long matched = page.numberMatched();
        List<Observation> list = page.observations();
        String next = (long) skip + list.size() < matched
                ? "/outfalls/" + URLEncoder.encode(site, StandardCharsets.UTF_8).replace("+", "%20")
                        + "/observations?period=" + p.text() + "&limit=" + max + "&offset=" + (skip + list.size())
                : null;
        return new OutfallObservationList(site, p.text(), list.size(), matched, max, skip, next, shown(list));
    }

    /** Each observation with the findings about the version shown (one query for the page). */
    private List<Shown> shown(List<Observation> list) {
        Map<String, List<AnomalyLog.Anomaly>> found =
                anomalies.about(list.stream().map(Observation::id).toList());
        return list.stream()
                .map(o -> new Shown(
                        o,
                        found.getOrDefault(o.id(), List.of()).stream()
                                .filter(a -> a.observationVersion() == o.version())
                                .map(a ->
                                        new Finding(a.id(), a.cause(), a.rule(), a.kind(), a.detail(), a.detectedAt()))
                                .toList()))
                .toList();
    }

    @GetMapping("/sections/{id}/observations/{observationId}")
    public History history(@PathVariable String id, @PathVariable String observationId) {
        Section s = section(quality, id);
        List<Observation> versions = observations.history(observationId);
        if (versions.isEmpty() || !versions.get(0).siteId().equals(s.id())) {
            throw ApiProblem.notFound(
                    "observationId", "no observation '" + observationId + "' at section '" + id + "'");
        }
        return new History(observationId, s.id(), versions.size(), versions);
    }

    static Section section(QualityService quality, String id) {
        return quality.section(id)
                .orElseThrow(() -> ApiProblem.notFound("id", "no monitoring section '" + id + "'; see /sections"));
    }

    static Period period(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest(
                    "period", "query parameter 'period' is required: a month (2025-06) or a year (2025)");
        }
        Period p = Period.parse(text);
        if (p == null) {
            throw ApiProblem.badRequest(
                    "period", "period must be a month (YYYY-MM, e.g. 2025-06) or a year (YYYY); got '" + text + "'");
        }
        return p;
    }

    static Profile profile(String text, Profile fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Profile p = Profile.parse(text);
        if (p == null) {
            throw ApiProblem.badRequest("profile", "unknown profile '" + text + "'; accepted: " + Profile.ACCEPTED);
        }
        return p;
    }

    /** The rounding asked for, else the profile's default (reported; displayed for cnemc-realtime). */
    static Rounding rounding(String text, Profile profile) {
        if (text == null || text.isBlank()) {
            return profile.defaultRounding(Rounding.REPORTED);
        }
        Rounding r = Rounding.parse(text);
        if (r == null) {
            throw ApiProblem.badRequest("rounding", "unknown rounding '" + text + "'; accepted: " + Rounding.ACCEPTED);
        }
        if (r == Rounding.DISPLAYED && profile != Profile.CNEMC_REALTIME) {
            throw ApiProblem.badRequest(
                    "rounding",
                    "rounding 'displayed' goes with profile 'cnemc-realtime'; got profile '" + profile.code() + "'");
        }
        return r;
    }
}
