package liuyu.api.quality;

import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.quality.Profile;
import liuyu.quality.QualityService;
import liuyu.quality.Section;
import liuyu.quality.Trace;
import liuyu.quality.Tracing;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sections/{id}/trace?period=&distance=}: 联动溯源 (beijing-outfall-supervision-2023/4.2), outfalls upstream of a section that got worse. */
@RestController
public class TraceController {
    public static final double MAX_DISTANCE_KM = 500;

    private final QualityService quality;
    private final Tracing tracing;

    public TraceController(QualityService quality, Tracing tracing) {
        this.quality = quality;
        this.tracing = tracing;
    }

    @GetMapping("/sections/{id}/trace")
    public Trace trace(
            @PathVariable String id,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String distance,
            @RequestParam(required = false) String profile,
            @RequestParam(required = false) String rounding) {
        Section s = SectionsController.section(quality, id);
        double km = Params.number("distance", distance, 0, MAX_DISTANCE_KM);
        if (km == 0) {
            throw ApiProblem.badRequest(
                    "distance", "distance must be more than 0 km (at most " + (int) MAX_DISTANCE_KM + ")");
        }
        Profile p = SectionsController.profile(profile, s.profile());
        return tracing.trace(s, SectionsController.period(period), km, p, SectionsController.rounding(rounding, p));
    }
}
