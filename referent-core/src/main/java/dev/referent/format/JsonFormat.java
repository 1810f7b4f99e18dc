package dev.referent.format;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;
import dev.referent.rewrite.Replacement;
import dev.referent.rewrite.Representative;
import dev.referent.rewrite.Rewriter;

import java.util.Locale;
import java.util.Map;

/**
 * The JSON document of a resolved article (schema in docs/FORMATS.md): text, resolved text, clusters with their
 * mentions and representative, and every replacement with its reason; tokens and sentences on request. Offsets
 * are UTF-16 code units of the original text, end exclusive.
 */
public final class JsonFormat {

    private final boolean includeTokens;

    public JsonFormat(boolean includeTokens) {
        this.includeTokens = includeTokens;
    }

    /** The JSON document; each mention's {@code confidence} is its link confidence, when it has one. */
    public String write(Rewriter.Result result, String model) {
        Document doc = result.document();
        StringBuilder sb = new StringBuilder(doc.text().length() * 3 + 256);
        sb.append("{\"id\":").append(Json.quote(doc.id()));
        if (model != null) {
            sb.append(",\"model\":").append(Json.quote(model));
        }
        for (Map.Entry<String, String> e : doc.metadata().entrySet()) {
            if (e.getKey().equals("title") || e.getKey().equals("author")) {
                sb.append(',').append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            }
        }
        sb.append(",\"text\":").append(Json.quote(doc.text()));
        sb.append(",\"resolved\":").append(Json.quote(result.text()));
        if (includeTokens) {
            sb.append(",\"tokens\":[");
            for (Token t : doc.tokens()) {
                if (t.index() > 0) {
                    sb.append(',');
                }
                sb.append("{\"i\":").append(t.index()).append(",\"start\":").append(t.start()).append(",\"end\":")
                        .append(t.end()).append(",\"text\":").append(Json.quote(t.text()));
                if (t.xpos() != null) {
                    sb.append(",\"pos\":").append(Json.quote(t.xpos()));
                }
                sb.append('}');
            }
            sb.append("],\"sentences\":[");
            for (Sentence s : doc.sentences()) {
                if (s.index() > 0) {
                    sb.append(',');
                }
                sb.append("{\"start\":").append(s.start()).append(",\"end\":").append(s.end()).append(",\"tokens\":[")
                        .append(s.tokenStart()).append(',').append(s.tokenEnd()).append("]}");
            }
            sb.append(']');
        }
        sb.append(",\"clusters\":");
        appendClusters(sb, result);
        sb.append(",\"replacements\":");
        appendReplacements(sb, result);
        sb.append('}');
        return sb.toString();
    }

    /**
     * The {@code clusters} array of the JSON document alone: what {@code batch} writes in its JSON Lines and the
     * Spark integration reads into its {@code clusters} column, so that every front end has one schema.
     */
    public static String clusters(Rewriter.Result result) {
        StringBuilder sb = new StringBuilder(256);
        appendClusters(sb, result);
        return sb.toString();
    }

    /** The {@code replacements} array of the JSON document alone (as {@link #clusters}). */
    public static String replacements(Rewriter.Result result) {
        StringBuilder sb = new StringBuilder(256);
        appendReplacements(sb, result);
        return sb.toString();
    }

    private static void appendClusters(StringBuilder sb, Rewriter.Result result) {
        Document doc = result.document();
        sb.append('[');
        boolean firstCluster = true;
        for (Cluster c : doc.clusters()) {
            if (!firstCluster) {
                sb.append(',');
            }
            firstCluster = false;
            sb.append("{\"id\":").append(c.id());
            Representative rep = result.representatives().get(c.id());
            if (rep != null) {
                sb.append(",\"representative\":{\"text\":").append(Json.quote(rep.text())).append(",\"mention\":")
                        .append(c.mentions().indexOf(rep.mention())).append('}');
            } else {
                sb.append(",\"representative\":null");
            }
            sb.append(",\"mentions\":[");
            for (int i = 0; i < c.mentions().size(); i++) {
                Mention m = c.mentions().get(i);
                if (i > 0) {
                    sb.append(',');
                }
                Token head = doc.token(m.head());
                sb.append("{\"start\":").append(m.start()).append(",\"end\":").append(m.end())
                        .append(",\"text\":").append(Json.quote(m.text()))
                        .append(",\"type\":").append(Json.quote(m.type().name().toLowerCase(Locale.ROOT)))
                        .append(",\"tokens\":[").append(m.tokenStart()).append(',').append(m.tokenEnd()).append(']')
                        .append(",\"head\":{\"start\":").append(head.start()).append(",\"end\":").append(head.end())
                        .append(",\"text\":").append(Json.quote(head.text())).append('}');
                if (m.hasLinkConfidence()) {
                    sb.append(",\"confidence\":").append(Json.number(m.linkConfidence()));
                }
                sb.append('}');
            }
            sb.append("]}");
        }
        sb.append(']');
    }

    private static void appendReplacements(StringBuilder sb, Rewriter.Result result) {
        sb.append('[');
        for (int i = 0; i < result.replacements().size(); i++) {
            Replacement r = result.replacements().get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"start\":").append(r.start()).append(",\"end\":").append(r.end())
                    .append(",\"original\":").append(Json.quote(r.original()))
                    .append(",\"replacement\":").append(Json.quote(r.replacement()))
                    .append(",\"cluster\":").append(r.clusterId())
                    .append(",\"rule\":").append(Json.quote(r.rule()))
                    .append(",\"confidence\":").append(Json.number(r.confidence()))
                    .append(",\"resolved_start\":").append(r.outputStart())
                    .append(",\"resolved_end\":").append(r.outputEnd()).append('}');
        }
        sb.append(']');
    }
}
