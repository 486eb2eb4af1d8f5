package liuyu.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * What this running service is, as the start-up log states it and docs/deploy.md asks for: the atlas
 * served and whether it is the demo, where records live, who may write, and whether synthetic demo
 * records are seeded. Synthetic seeding happens only for the bundled demo atlas (its atlas.yaml says
 * {@code demo: true}) read from files, never with the {@code postgis} profile.
 */
public record Deployment(
        String atlasLabel,
        boolean demoAtlas,
        String atlasSource,
        boolean postgisProfile,
        String recordsDatabase,
        Identity identity,
        String issuer) {
    /** The explicit development profile: only it creates the built-in users. */
    public static final String DEV_PROFILE = "dev";

    public static final String POSTGIS_PROFILE = "postgis";
    public static final String ISSUER_SETTING = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    /** The documented clean-up for a records database that holds demo records. */
    public static final String PURGE_COMMAND =
            "java -jar liuyu-exec.jar purge-synthetic --db-url=<the records database URL>";

    public enum Identity {
        IDENTITY_PROVIDER,
        DEVELOPMENT_USERS,
        NONE
    }

    /** Synthetic ledger history and demo observations are written only in demo mode. */
    public boolean seedsSyntheticData() {
        return demoAtlas && !postgisProfile && !atlasSource.equals("PostGIS");
    }

    /**
     * Why this deployment must not start, or null: development users never serve the postgis profile, and
     * outside the embedded demo someone must be able to authenticate writes through an identity provider.
     */
    public String refusal() {
        if (identity == Identity.DEVELOPMENT_USERS && postgisProfile) {
            return "the development users of profile '" + DEV_PROFILE + "' are never active with profile '"
                    + POSTGIS_PROFILE + "': drop '" + DEV_PROFILE + "' and set " + ISSUER_SETTING + " (docs/deploy.md)";
        }
        if (identity == Identity.NONE && (postgisProfile || !demoAtlas)) {
            return "no identity provider is configured: set " + ISSUER_SETTING
                    + " (an OAuth2/OIDC issuer; docs/deploy.md). "
                    + (postgisProfile
                            ? "Profile '" + POSTGIS_PROFILE + "' is a production profile"
                            : "The atlas served, " + atlasLabel + ", is not the demo")
                    + ", so the service does not start with writes open to no one or to built-in users. For a local trial only,"
                    + " activate the development profile (--spring.profiles.active=" + DEV_PROFILE
                    + ") to get the development users.";
        }
        return null;
    }

    /** The start-up statement, one fact a line. */
    public List<String> facts() {
        List<String> out = new ArrayList<>();
        out.add("atlas served: " + atlasLabel + " from " + atlasSource
                + (demoAtlas ? " -- DEMO atlas, not authoritative" : " -- not the demo"));
        out.add("records database: " + recordsDatabase);
        out.add("writes authenticated by: "
                + switch (identity) {
                    case IDENTITY_PROVIDER -> "the identity provider " + issuer;
                    case DEVELOPMENT_USERS ->
                        "the DEVELOPMENT users of profile '" + DEV_PROFILE
                                + "' (monitor/monitor, planner/planner, inspector/inspector, miyun/miyun, admin/admin, operator/operator, auditor/auditor, viewer/viewer) -- never for production";
                    case NONE ->
                        "nobody: no identity provider (" + ISSUER_SETTING
                                + ") and no development profile, so every write is refused";
                });
        out.add("synthetic demo records: "
                + (seedsSyntheticData()
                        ? "seeded (outfall-ledger history, observations), labelled synthetic"
                        : "not seeded (" + (demoAtlas ? "profile " + POSTGIS_PROFILE : "not the demo atlas") + ")"));
        return out;
    }
}
