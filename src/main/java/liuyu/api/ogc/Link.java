package liuyu.api.ogc;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An OGC API link (RFC 8288 fields as JSON); {@code templated} marks a URI template such as a tile's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Link(String href, String rel, String type, String title, Boolean templated) {
    Link(String href, String rel, String type, String title) {
        this(href, rel, type, title, null);
    }
}
