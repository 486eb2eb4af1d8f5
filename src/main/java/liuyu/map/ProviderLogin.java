package liuyu.map;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The map page's login through the identity provider (OAuth 2.0 authorization code with PKCE, the page as a public
 * client): on when {@code liuyu.map.login.client-id} is set. The issuer is {@code liuyu.map.login.issuer}, by default
 * the resource server's own issuer; the page reads the provider's endpoints from its OpenID discovery document. The
 * issuer's {@link #origin()} is what the Content-Security-Policy then lets the page's script connect to.
 */
public record ProviderLogin(String issuer, String clientId, String scope) {
    public static final String CLIENT_ID = "liuyu.map.login.client-id";
    public static final String ISSUER = "liuyu.map.login.issuer";
    public static final String SCOPE = "liuyu.map.login.scope";
    /** The resource server's issuer: the default for {@link #ISSUER}. */
    public static final String RESOURCE_SERVER_ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    /** The login, or null when no client id is set; a client id without a usable issuer stops start-up with the reason. */
    public static ProviderLogin of(String clientId, String issuer, String resourceServerIssuer, String scope) {
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        String i = issuer == null || issuer.isBlank() ? resourceServerIssuer : issuer;
        if (i == null || i.isBlank()) {
            throw new IllegalArgumentException(CLIENT_ID + " is set but there is no issuer: set " + ISSUER + " or "
                    + RESOURCE_SERVER_ISSUER + " (docs/map.md)");
        }
        i = i.trim();
        URI uri;
        try {
            uri = new URI(i);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ISSUER + " is not a URL: " + i, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        // plain http only for a provider on this machine (a test or a developer's own); tokens never cross a network in
        // clear
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        if (!(scheme.equals("https") || (scheme.equals("http") && local)) || host.isEmpty()) {
            throw new IllegalArgumentException(ISSUER + " must be an https URL (http only on localhost), got: " + i);
        }
        String s = scope == null || scope.isBlank() ? "openid" : scope.trim();
        if (!(" " + s + " ").contains(" openid ")) {
            throw new IllegalArgumentException(SCOPE + " must include openid, got: " + s);
        }
        return new ProviderLogin(i.endsWith("/") ? i.substring(0, i.length() - 1) : i, clientId.trim(), s);
    }

    /** Scheme, host and port of the issuer: where the page fetches discovery and tokens. */
    public String origin() {
        URI uri = URI.create(issuer);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
