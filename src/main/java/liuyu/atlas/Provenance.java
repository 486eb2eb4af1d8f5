package liuyu.atlas;

/** Where data came from and how good it is; carried by every layer and every feature. */
public record Provenance(Method method, String source, String licence, String accuracy, boolean authoritative) {
    public static final String[] FIELDS = {"method", "source", "licence", "accuracy", "authoritative"};
}
