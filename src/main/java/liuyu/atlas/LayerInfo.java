package liuyu.atlas;

import java.time.LocalDate;

/**
 * What a layer is and where it came from; {@code version} changes whenever its content does. {@code networkForm}
 * is the form a river-network line layer declares for its attributes ({@code network: {form: …}} in atlas.yaml),
 * null when it declares none.
 */
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
        String origin,
        String networkForm) {

    /** A layer that declares no network form. */
    public LayerInfo(
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
        this(id, titleEn, titleZh, description, geometry, provenance, version, validFrom, citation, origin, null);
    }
}
