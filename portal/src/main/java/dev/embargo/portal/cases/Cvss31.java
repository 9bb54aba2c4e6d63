package dev.embargo.portal.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CVSS 3.1 base metrics as the editor offers them (one group of choices per metric), and the vector built from the
 * choices. Scoring is the cvss-calculator library's, in {@link CvssScores}.
 */
public final class Cvss31 {

    /** One base metric and its values, in the specification's order. */
    public record Metric(String key, String name, List<Choice> choices) {
    }

    public record Choice(String value, String label) {
    }

    public static final List<Metric> METRICS = List.of(
            new Metric("AV", "Attack vector",
                    List.of(new Choice("N", "Network"), new Choice("A", "Adjacent"), new Choice("L", "Local"),
                            new Choice("P", "Physical"))),
            new Metric("AC", "Attack complexity", List.of(new Choice("L", "Low"), new Choice("H", "High"))),
            new Metric("PR", "Privileges required",
                    List.of(new Choice("N", "None"), new Choice("L", "Low"), new Choice("H", "High"))),
            new Metric("UI", "User interaction", List.of(new Choice("N", "None"), new Choice("R", "Required"))),
            new Metric("S", "Scope", List.of(new Choice("U", "Unchanged"), new Choice("C", "Changed"))),
            new Metric("C", "Confidentiality",
                    List.of(new Choice("H", "High"), new Choice("L", "Low"), new Choice("N", "None"))),
            new Metric("I", "Integrity",
                    List.of(new Choice("H", "High"), new Choice("L", "Low"), new Choice("N", "None"))),
            new Metric("A", "Availability",
                    List.of(new Choice("H", "High"), new Choice("L", "Low"), new Choice("N", "None"))));

    private static final Pattern PART = Pattern.compile("([A-Z]{1,3}):([A-Z])");

    private Cvss31() {
    }

    /** The metric values of a 3.1 vector ({@code AV → N}, …); empty for none or another version. */
    public static Map<String, String> parse(String vector) {
        Map<String, String> values = new LinkedHashMap<>();
        if (vector == null || !vector.startsWith("CVSS:3.1/")) {
            return values;
        }
        for (String part : vector.substring(9).split("/")) {
            var m = PART.matcher(part);
            if (m.matches()) {
                values.put(m.group(1), m.group(2));
            }
        }
        return values;
    }

    /** The vector of the chosen values; null unless every base metric has a valid choice. */
    public static String vector(Map<String, String> chosen) {
        var b = new StringBuilder("CVSS:3.1");
        for (Metric m : METRICS) {
            String v = chosen.get(m.key());
            if (v == null || m.choices().stream().noneMatch(c -> c.value().equals(v))) {
                return null;
            }
            b.append('/').append(m.key()).append(':').append(v);
        }
        return b.toString();
    }
}
