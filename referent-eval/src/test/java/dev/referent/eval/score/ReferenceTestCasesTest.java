package dev.referent.eval.score;

import dev.referent.doc.Document;
import dev.referent.eval.TestData;
import dev.referent.eval.io.ConllReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every expected value in the reference scorer's TestCases.README, read from ../shared/data/scorer/test at test
 * time and checked on the matching DataFiles to 0.01.
 */
class ReferenceTestCasesTest {

    private static final Pattern CASE = Pattern.compile("^\\s*(TC-([A-Z])-(\\d+))\\b.*");
    private static final Pattern EXPECTED = Pattern.compile("^Expected:\\s*(BCUB|MUC|CEAFm|CEAFe|BLANC)\\s*(?:=\\s*([^\\[]+?))?\\s*(?:\\[(.*)\\])?\\s*$");
    private static final Pattern BLANC_TOTAL = Pattern.compile("^BLANC\\s*=.*=\\s*([\\d./]+?)\\.?\\s*$");

    /**
     * Values in TestCases.README that contradict the README's own arithmetic, replaced by the value of the scorer's
     * official test configuration (test/CorefMetricTestConfig.pm of the same release). TC-A-9's de-duplicated response
     * is TC-A-7's, whose CEAFm the README gives as 8/13 = 0.61538; the TC-A-9 line repeats the non-de-duplicated 8/14.
     */
    private static final Map<String, Double> README_ERRATA = Map.of("TC-A-9 CEAFm F1", 0.61538);

    record Check(String name, Metric metric, String what, double expected) {
    }

    @TestFactory
    List<DynamicTest> everyExpectedValue() throws IOException {
        Path dir = TestData.dir().resolve("scorer/test");
        List<String> lines = Files.readAllLines(dir.resolve("TestCases.README"));
        List<DynamicTest> tests = new ArrayList<>();
        String current = null;
        boolean skipping = false;
        List<Check> checks = new ArrayList<>();
        for (String line : lines) {
            Matcher c = CASE.matcher(line);
            if (c.matches()) {
                current = c.group(1);
                skipping = false;
                continue;
            }
            if (current == null) {
                continue;
            }
            if (line.toLowerCase(Locale.ROOT).contains("no de-dup")) {
                skipping = true; // values for a scorer that does not de-duplicate; v8.01 does
                continue;
            }
            Matcher b = BLANC_TOTAL.matcher(line.strip());
            if (b.matches() && !skipping) {
                checks.add(new Check(current, Metric.BLANC, "F1", Expression.eval(b.group(1))));
                continue;
            }
            Matcher e = EXPECTED.matcher(line.strip());
            if (!e.matches() || skipping) {
                continue;
            }
            Metric metric = switch (e.group(1)) {
                case "BCUB" -> Metric.BCUBED;
                case "MUC" -> Metric.MUC;
                case "CEAFm" -> Metric.CEAFM;
                case "CEAFe" -> Metric.CEAFE;
                default -> Metric.BLANC;
            };
            String details = e.group(3) == null ? "" : e.group(3);
            if (e.group(2) != null) {
                checks.add(new Check(current, metric, "F1", lastValue(e.group(2))));
            } else if (field(details, "f") != null) {
                checks.add(new Check(current, metric, "F1", lastValue(field(details, "f"))));
            }
            if (metric != Metric.BLANC) {
                String r = field(details, "recall", "r");
                String p = field(details, "prec", "Prec", "p");
                if (r != null) {
                    checks.add(new Check(current, metric, "R", lastValue(r)));
                }
                if (p != null) {
                    checks.add(new Check(current, metric, "P", lastValue(p)));
                }
            }
        }
        assertTrue(checks.size() >= 100, "parsed only " + checks.size() + " expected values from TestCases.README");
        ConllReader reader = new ConllReader();
        for (Check check : checks) {
            String name = check.name();
            String keyName = name.substring(0, name.lastIndexOf('-')) + ".key";
            tests.add(DynamicTest.dynamicTest(name + " " + check.metric().label() + " " + check.what(), () -> {
                List<Document> key = reader.read(dir.resolve("DataFiles/" + keyName));
                List<Document> response = reader.read(dir.resolve("DataFiles/" + name + ".response"));
                CorefScorer.Report report = new CorefScorer().score(key, response);
                double actual = switch (check.what()) {
                    case "R" -> report.recall(check.metric());
                    case "P" -> report.precision(check.metric());
                    default -> report.f1(check.metric());
                };
                double expected = README_ERRATA.getOrDefault(name + " " + check.metric().label() + " " + check.what(),
                        check.expected());
                assertEquals(expected, actual, 0.01, name + " " + check.metric().label() + " " + check.what());
            }));
        }
        return tests;
    }

    /** "3/6=0.5" -> 0.5; "7/18" -> 0.3889. */
    private static double lastValue(String expr) {
        String[] parts = expr.strip().split("=");
        return Expression.eval(parts[parts.length - 1].strip());
    }

    /** The value of {@code name=...} in "recall=3/6=0.5, prec=3/3" (first of the given names present). */
    private static String field(String details, String... names) {
        for (String n : names) {
            Matcher m = Pattern.compile("(?:^|[\\s,])" + n + "=([^,\\s]+(?:=[^,\\s]+)*)").matcher(details);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
