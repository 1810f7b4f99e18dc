package dev.referent.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    void replacesOnlyItsOwnSectionAndAppendsItOnce() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nkept text\n");
        Report.writeInto(file, Report.BEGIN + "\nfirst\n" + Report.END + "\n");
        Files.writeString(file, Files.readString(file) + "\n## After\nkept too\n");
        Report.writeInto(file, Report.BEGIN + "\nsecond\n" + Report.END + "\n");
        String text = Files.readString(file);
        assertEquals("# Benchmarks\n\nkept text\n\n" + Report.BEGIN + "\nsecond\n" + Report.END + "\n\n## After\nkept too\n", text);
    }

    @Test
    void tablesCarryEveryMeasureAndTheRatiosToReferent() {
        List<SystemResult> results = List.of(result("referent", 52.9, 1800, 0.6, 900), result("corenlp-statistical", 53.5, 300, 20, 3000));
        String md = Report.markdown(new Report.Run("2026-11-29", "./referent bench", "2 cores", "test", "validation", 2,
                "3g", 8, 2, 25.0, "chart.svg", "target/p"), results);
        assertTrue(md.contains("| Referent (default model, int8 MiniLM) | **52.90** |"), md);
        assertTrue(md.contains("| CoreNLP statistical (depparse) | **53.50** |"), md);
        assertTrue(md.contains("| 6.0x | 0.03 | 0.30 |"), "words/s, load and RSS ratios: " + md);
        assertTrue(md.contains("![CoNLL-F1 against words per second](chart.svg)"));
    }

    @Test
    void chartIsWellFormedSvgWithAPointPerSystem() throws Exception {
        String svg = Chart.svg(List.of(result("referent", 52.9, 1800, 0.6, 900), result("corenlp-neural", 45, 40, 20, 2500),
                result("corenlp-dcoref", 30, 90, 15, 2400)), "a <title> & more");
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, xml.getElementsByTagName("circle").getLength());
        Element first = (Element) xml.getElementsByTagName("circle").item(0);
        Element second = (Element) xml.getElementsByTagName("circle").item(1);
        assertTrue(Double.parseDouble(first.getAttribute("cx")) > Double.parseDouble(second.getAttribute("cx")),
                "faster system further right");
        assertTrue(Double.parseDouble(first.getAttribute("cy")) < Double.parseDouble(second.getAttribute("cy")),
                "more accurate system higher up");
    }

    @Test
    void resultsReadBackAsWritten() throws Exception {
        SystemResult r = result("corenlp-neural", 51.2, 100, 11, 3300);
        r.speedRounds.add(Map.of("words", 5000.0, "seconds", 40.0));
        Path file = dir.resolve("results.tsv");
        SystemResult.write(file, List.of(result("referent", 54.8, 2000, 0.7, 840), r));
        List<SystemResult> back = SystemResult.read(file);
        assertEquals(List.of("referent", "corenlp-neural"), back.stream().map(x -> x.name).toList());
        assertEquals(r.ontogum, back.get(1).ontogum);
        assertEquals(r.memory, back.get(1).memory);
        assertEquals(r.wordsPerSecond(), back.get(1).wordsPerSecond(), 1e-9);
        assertEquals(2, back.get(1).speedRounds.size());
        assertEquals(Chart.svg(List.of(r), "t"), Chart.svg(List.of(back.get(1)), "t"));
    }

    @Test
    void optionsRejectMistakesAndSmokeStaysOutOfDocs() {
        assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(new String[]{"--systems", "corenlp-foo"}));
        assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(new String[]{"--rounds", "0"}));
        assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(new String[]{"--rounds"}));
        BenchMain.Options smoke = BenchMain.Options.parse(new String[]{"--smoke"});
        assertEquals(1, smoke.ontogumLimit);
        assertFalse(smoke.report.startsWith("docs"));
        assertFalse(smoke.chart.startsWith("docs"));
    }

    private static Map<String, Double> values(Object... keysAndValues) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
        }
        return m;
    }

    private static SystemResult result(String name, double conll, double wordsPerSecond, double load, double rss) {
        SystemResult r = new SystemResult(name);
        r.load.put("load_s", load);
        r.ontogum.putAll(values("conll", conll, "muc", 60.0, "b3", 50.0, "ceafe", 40.0, "lea", 45.0, "mentions_r", 70.0,
                "mentions_p", 80.0, "news_conll", 40.0, "docs", 30.0, "words", 28000.0, "news_docs", 2.0));
        r.gap.putAll(Map.of("f1", 55.0, "masculine", 56.0, "feminine", 54.0, "bias", 0.96, "examples", 454.0));
        r.speedRounds.add(Map.of("words", wordsPerSecond * 10, "seconds", 10.0));
        r.memory.putAll(Map.of("heap_mb", 500.0, "live_mb", 200.0, "rss_mb", rss));
        return r;
    }
}
