package liuyu.rules;

import java.util.Map;

/** Comparing the catalogue's conditions with a project's activity and attributes, and zones' properties. */
final class Facts {
    private Facts() {}

    /** Every key of {@code when} matches: {@code activity} against the activity, the rest against attributes. */
    static boolean matches(Map<String, Object> when, Project project) {
        for (Map.Entry<String, Object> e : when.entrySet()) {
            Object actual = e.getKey().equals("activity")
                    ? project.activity()
                    : project.attributes().get(e.getKey());
            if (!same(e.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    static boolean propertiesMatch(Map<String, Object> where, Map<String, Object> properties) {
        for (Map.Entry<String, Object> e : where.entrySet()) {
            if (!same(e.getValue(), properties.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(RuleFiles.Fact fact, Object value) {
        if (fact.atLeast() != null) {
            return value instanceof Number n && n.doubleValue() >= fact.atLeast();
        }
        if (fact.in() != null) {
            return fact.in().contains(String.valueOf(value));
        }
        return same(fact.equals(), value);
    }

    /** Numbers compare by value (1 equals 1.0); everything else by its text. */
    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return String.valueOf(expected).equals(String.valueOf(actual));
    }
}
