package liuyu.api.ogc;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An OGC API link (RFC 8288 fields as JSON). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Link(String href, String rel, String type, String title) {
}
