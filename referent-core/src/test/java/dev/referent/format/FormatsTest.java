package dev.referent.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referent.doc.Document;
import dev.referent.rewrite.RewriteOptions;
import dev.referent.rewrite.Rewriter;
import dev.referent.text.TextAnalyzer;
import dev.referent.doc.Cluster;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatsTest {

    private static Rewriter.Result example() {
        String text = "John Kelly said \"no\" <today> & left.\nHis aides followed him.";
        Document doc = new TextAnalyzer().analyze("a&b.txt", text);
        int his = doc.tokenAt(text.indexOf("His"));
        int him = doc.tokenAt(text.indexOf("him"));
        Cluster kelly = new Cluster(0, List.of(doc.mention(0, 2), doc.mention(his, his + 1).withLinkConfidence(0.75), doc.mention(him, him + 1)));
        return new Rewriter().rewrite(doc.withClusters(List.of(kelly)), RewriteOptions.defaults());
    }

    @Test
    void jsonIsValidAndComplete() throws Exception {
        Rewriter.Result r = example();
        String json = new JsonFormat(true).write(r, "test-model");
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(r.document().text(), root.get("text").asText());
        assertEquals(r.text(), root.get("resolved").asText());
        assertEquals("test-model", root.get("model").asText());
        assertEquals(r.document().size(), root.get("tokens").size());
        JsonNode cluster = root.get("clusters").get(0);
        assertEquals("John Kelly", cluster.get("representative").get("text").asText());
        assertEquals(3, cluster.get("mentions").size());
        assertEquals("proper", cluster.get("mentions").get(0).get("type").asText());
        // the link confidence is read from the mention itself; a mention without one has no field
        assertEquals(0.75, cluster.get("mentions").get(1).get("confidence").asDouble(), 1e-9);
        assertFalse(cluster.get("mentions").get(0).has("confidence"));
        JsonNode rep = root.get("replacements").get(0);
        assertEquals("His", rep.get("original").asText());
        assertEquals("John Kelly's", rep.get("replacement").asText());
        assertEquals("possessive", rep.get("rule").asText());
        assertEquals("John Kelly's", r.text().substring(rep.get("resolved_start").asInt(), rep.get("resolved_end").asInt()));
        assertFalse(new ObjectMapper().readTree(new JsonFormat(false).write(r, null)).has("tokens"));
    }

    @Test
    void jsonEscapesControlCharactersAndLoneSurrogates() throws Exception {
        Document doc = new TextAnalyzer().analyze("x", "bad \uD800 text\u0001 here");
        String json = new JsonFormat(false).write(new Rewriter().rewrite(doc, RewriteOptions.defaults()), null);
        assertTrue(json.contains("\\ud800") && json.contains("\\u0001"), json);
        assertEquals(doc.text(), new ObjectMapper().readTree(json).get("text").asText());
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        String html = new HtmlFormat().write(example());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("&lt;today&gt; &amp; left"));
        assertTrue(html.contains("data-c=\"0\""));
        assertTrue(html.contains("<mark data-c=\"0\""));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="), "no external resources");
        assertEquals(html.split("<span class=\"m\"", -1).length - 1, html.split("</span>", -1).length - 1);
    }

    @Test
    void conllOutputNestsBrackets() throws Exception {
        Document doc = new TextAnalyzer().analyze("d", "His brother met him.");
        Cluster a = new Cluster(1, List.of(doc.mention(0, 1), doc.mention(3, 4)));
        Cluster b = new Cluster(2, List.of(doc.mention(0, 2)));
        StringWriter out = new StringWriter();
        new ConllWriter().write(doc.withClusters(List.of(a, b)), out);
        String[] lines = out.toString().split("\n");
        assertEquals("#begin document (d); part 000", lines[0]);
        assertTrue(lines[1].endsWith("\t(2|(1)"), lines[1]);
        assertTrue(lines[2].endsWith("\t2)"), lines[2]);
        assertTrue(lines[4].endsWith("\t(1)"), lines[4]);
        assertEquals("#end document", lines[lines.length - 1]);
    }
}
