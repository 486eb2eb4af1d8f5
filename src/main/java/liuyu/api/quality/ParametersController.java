package liuyu.api.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liuyu.quality.Parameter;
import liuyu.quality.Profile;
import liuyu.quality.WaterClass;
import liuyu.quality.Waterbody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /quality/parameters}: the GB 3838-2002 Table 1 items the service knows — the codes and
 * units ingest and classify accept, the class limits, and which profile evaluates each.
 */
@RestController
public class ParametersController {

    public record ClassName(WaterClass code, String nameZh) {}

    public record ParameterView(
            String code,
            String nameZh,
            String nameEn,
            List<String> names,
            String unit,
            String acceptedUnits,
            String limitKind,
            List<BigDecimal> riverLimits,
            List<BigDecimal> lakeReservoirLimits,
            List<Profile> evaluatedIn) {}

    public record Reply(String standard, List<ClassName> classes, List<ParameterView> parameters, List<String> notes) {}

    @GetMapping("/quality/parameters")
    public Reply parameters() {
        List<ClassName> classes = new ArrayList<>();
        for (WaterClass c : WaterClass.values()) {
            classes.add(new ClassName(c, c.nameZh()));
        }
        List<ParameterView> out = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            List<Profile> profiles = new ArrayList<>();
            for (Profile profile : Profile.values()) {
                if (profile.evaluated().contains(p)) {
                    profiles.add(profile);
                }
            }
            BigDecimal[] river = p.limits(Waterbody.RIVER);
            BigDecimal[] lake = p.limits(Waterbody.LAKE_RESERVOIR);
            out.add(new ParameterView(
                    p.code(),
                    p.nameZh(),
                    p.nameEn(),
                    p.names(),
                    p.unit().code(),
                    p.unit().accepted(),
                    p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    river == null ? null : List.of(river),
                    lake == null ? null : List.of(lake),
                    profiles));
        }
        return new Reply(
                "GB 3838-2002 Table 1 (basic items), classes I–V",
                classes,
                out,
                List.of(
                        "limits are for classes I, II, III, IV, V in order; a value equal to a limit belongs to that class",
                        "pH must lie within [6, 9] for every class; water temperature is not classed",
                        "lakes and reservoirs report TN beside the class (never in it) and use the lake TP limits",
                        "values are accepted in any of a parameter's acceptedUnits and stored in its unit; every conversion is a power of ten",
                        "a parameter may be named by its code or any of its names (Chinese, English, common aliases)",
                        "conductivity, turbidity, chlorophyll a, algal density and flow are recorded, never classed: they are no Table 1 items"));
    }
}
