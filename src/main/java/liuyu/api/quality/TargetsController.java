package liuyu.api.quality;

import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.quality.QualityService;
import liuyu.quality.Targets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /quality/targets?year=}: a year against the plans' water-quality targets. */
@RestController
public class TargetsController {
    private final QualityService quality;

    public TargetsController(QualityService quality) {
        this.quality = quality;
    }

    @GetMapping("/quality/targets")
    public Targets targets(@RequestParam(required = false) String year) {
        double y = Params.number("year", year, 2000, 2100);
        if (y != Math.rint(y)) {
            throw ApiProblem.badRequest("year", "year must be a whole number, got " + year);
        }
        return quality.targets((int) y);
    }
}
