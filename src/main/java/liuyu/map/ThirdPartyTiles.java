package liuyu.map;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Optional raster tiles from a third party under the map page's own base (天地图 with the user's own key, or any
 * XYZ template), from one setting, {@code liuyu.map.xyz-tiles}: an https template with {@code {z}}, {@code {x}},
 * {@code {y}} and optionally {@code {s}}, whose subdomains come from {@code liuyu.map.xyz-subdomains}. Off when unset;
 * the page never needs it. {@link #hosts()} are the origins the Content-Security-Policy then lets images come from.
 */
public record ThirdPartyTiles(String template, List<String> subdomains, String attribution) {
    public static final String SETTING = "liuyu.map.xyz-tiles";
    public static final String SUBDOMAINS = "liuyu.map.xyz-subdomains";
    public static final String ATTRIBUTION = "liuyu.map.xyz-attribution";

    /** The configured tiles, or null when the setting is empty; a malformed template stops start-up with the reason. */
    public static ThirdPartyTiles of(String template, String subdomains, String attribution) {
        if (template == null || template.isBlank()) {
            return null;
        }
        String t = template.trim();
        for (String part : List.of("{z}", "{x}", "{y}")) {
            if (!t.contains(part)) {
                throw new IllegalArgumentException(SETTING + " must contain " + part + ", got: " + t);
            }
        }
        List<String> subs = new ArrayList<>();
        if (subdomains != null) {
            for (String s : subdomains.split(",")) {
                if (!s.isBlank()) {
                    subs.add(s.trim());
                }
            }
        }
        if (t.contains("{s}") && subs.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " uses {s}: set " + SUBDOMAINS + " (e.g. 0,1,2,3,4,5,6,7)");
        }
        ThirdPartyTiles tiles =
                new ThirdPartyTiles(t, List.copyOf(subs), attribution == null ? "" : attribution.trim());
        tiles.hosts(); // checks the scheme and host of every expansion
        return tiles;
    }

    /** {@code https://host[:port]} of every subdomain's expansion, as a CSP source list wants them. */
    public List<String> hosts() {
        List<String> expansions = new ArrayList<>();
        if (template.contains("{s}")) {
            subdomains.forEach(s -> expansions.add(template.replace("{s}", s)));
        } else {
            expansions.add(template);
        }
        List<String> hosts = new ArrayList<>();
        for (String e : expansions) {
            String origin = origin(e);
            if (!hosts.contains(origin)) {
                hosts.add(origin);
            }
        }
        return hosts;
    }

    private static String origin(String url) {
        URI uri;
        try {
            uri = new URI(url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(SETTING + " is not a URL template: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(SETTING + " must be an https URL with a host, got: " + url);
        }
        return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
