package liuyu.atlas;

import java.time.LocalDate;

/** What a layer is and where it came from; {@code version} changes whenever its content does. */
public record LayerInfo(
    String id,
    String titleEn,
    String titleZh,
    String description,
    GeometryKind geometry,
    Provenance provenance,
    String version,
    LocalDate validFrom,
    String citation,
    String origin) {
}
