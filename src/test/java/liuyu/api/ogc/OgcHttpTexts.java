package liuyu.api.ogc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query-string encoding for test URLs (spaces as %20, as browsers send them). */
final class OgcHttpTexts {
    private OgcHttpTexts() {
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
