package liuyu.rules;

import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.network.NetworkImportException;
import liuyu.network.NetworkService;
import liuyu.network.RiverNetwork;
import org.locationtech.jts.geom.Envelope;
import tools.jackson.databind.JsonNode;

/**
 * Project checks as a service: reads a GeoJSON body into projects, refuses shapes no real project has, and
 * checks them on the current atlas and river network. {@code POST /checks} streams its reports; recorded check
 * reports take them all at once ({@link #checkAll}).
 */
public final class ProjectChecks {
    private final ProjectChecker checker;
    private final ProjectReader reader;
    private final AtlasStore atlases;
    private final NetworkService networks;

    public ProjectChecks(ProjectChecker checker, RuleCatalogue rules, AtlasStore atlases, NetworkService networks) {
        this.checker = checker;
        this.reader = new ProjectReader(rules);
        this.atlases = atlases;
        this.networks = networks;
    }

    /** A project and its report. */
    public record Checked(Project project, CheckReport report) {}

    /** A read and accepted batch with the atlas and network it is checked on (no network: nothing downstream is traced). */
    public record Prepared(ProjectReader.Batch batch, Atlas atlas, RiverNetwork river) {}

    /** Reads and accepts the whole batch before any project is checked; refuses with {@link InvalidProject}. */
    public Prepared prepare(JsonNode root) {
        ProjectReader.Batch batch = reader.read(root);
        Atlas atlas = atlases.current();
        sane(batch, atlas);
        return new Prepared(batch, atlas, river());
    }

    public CheckReport check(Prepared prepared, Project project, ProjectChecker.Options options) {
        return checker.check(prepared.atlas(), prepared.river(), project, options);
    }

    /** Checks every project of a body at once (for recording); {@code beforeEach} runs before each project (a time budget). */
    public List<Checked> checkAll(JsonNode root, ProjectChecker.Options options, Runnable beforeEach) {
        Prepared prepared = prepare(root);
        List<Checked> out = new ArrayList<>();
        for (Project p : prepared.batch().projects()) {
            beforeEach.run();
            out.add(new Checked(p, check(prepared, p, options)));
        }
        return out;
    }

    /**
     * Refuses shapes no real project has, which would otherwise be checked as if real (overlap 0): one
     * that crosses the antimeridian or spans half the globe (RFC 7946 splits such shapes at 180°), the
     * whole world, or anything wider or taller than the atlas itself.
     */
    static void sane(ProjectReader.Batch batch, Atlas atlas) {
        Envelope extent = new Envelope();
        atlas.layers().forEach(l -> {
            if (l.extent() != null) {
                extent.expandToInclude(l.extent());
            }
        });
        for (int i = 0; i < batch.projects().size(); i++) {
            Envelope e = batch.projects().get(i).geometry().getEnvelopeInternal();
            String field = batch.single() ? "geometry" : "features[" + i + "].geometry";
            String reason = null;
            if (e.getWidth() >= 360 || e.getHeight() >= 180) {
                reason = "covers the whole world";
            } else if (e.getWidth() > 180) {
                reason =
                        "spans more than 180° of longitude: it crosses the antimeridian or half the globe (split it at ±180°, RFC 7946 3.1.9)";
            } else if (!extent.isNull() && (e.getWidth() > extent.getWidth() || e.getHeight() > extent.getHeight())) {
                reason = String.format(
                        java.util.Locale.ROOT,
                        "is larger than the atlas extent (%.4f° × %.4f° against %.4f° × %.4f°)",
                        e.getWidth(),
                        e.getHeight(),
                        extent.getWidth(),
                        extent.getHeight());
            }
            if (reason != null) {
                throw new InvalidProject(
                        InvalidProject.Kind.UNPROCESSABLE,
                        field,
                        "the project " + reason + "; no real project does",
                        reason.startsWith("covers")
                                ? "whole-world"
                                : reason.startsWith("spans") ? "antimeridian" : "larger-than-atlas");
            }
        }
    }

    private RiverNetwork river() {
        try {
            return networks.current();
        } catch (NetworkImportException e) {
            return null; // the report says nothing downstream was traced
        }
    }
}
