package dev.referent.format;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;
import dev.referent.rewrite.Replacement;
import dev.referent.rewrite.Representative;
import dev.referent.rewrite.Rewriter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A self-contained HTML page (no external resources): the article with every mention underlined in its
 * cluster's colour (hovering a mention highlights its whole chain, clicking lists the chain), and the resolved text
 * beside it with each replacement marked.
 */
public final class HtmlFormat {

    public String write(Rewriter.Result result) {
        Document doc = result.document();
        StringBuilder sb = new StringBuilder(doc.text().length() * 4 + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(doc.title().orElse(doc.id()))).append(" — Referent</title>\n<style>\n")
                .append(CSS).append("</style></head>\n<body>\n<header><h1>").append(escape(doc.title().orElse(doc.id())))
                .append("</h1><p>").append(doc.clusters().size()).append(" entities, ")
                .append(result.replacements().size()).append(" replacements</p></header>\n<main>\n")
                .append("<section><h2>Article</h2><div class=\"text\" id=\"article\">");
        appendMentions(sb, doc);
        sb.append("</div></section>\n<section><h2>Resolved</h2><div class=\"text\" id=\"resolved\">");
        appendResolved(sb, result);
        sb.append("</div></section>\n</main>\n<aside id=\"chain\" hidden></aside>\n<script>\nconst chains = {");
        for (Cluster c : doc.clusters()) {
            Representative rep = result.representatives().get(c.id());
            sb.append(c.id()).append(":{rep:").append(Json.quote(rep == null ? "" : rep.text())).append(",mentions:[");
            for (int i = 0; i < c.mentions().size(); i++) {
                sb.append(i > 0 ? "," : "").append(Json.quote(c.mentions().get(i).text()));
            }
            sb.append("]},");
        }
        sb.append("};\n").append(SCRIPT).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void appendMentions(StringBuilder sb, Document doc) {
        record Event(int offset, boolean open, int cluster, int length) {
        }
        List<Event> events = new ArrayList<>();
        for (Cluster c : doc.clusters()) {
            for (Mention m : c.mentions()) {
                events.add(new Event(m.start(), true, c.id(), m.end() - m.start()));
                events.add(new Event(m.end(), false, c.id(), m.end() - m.start()));
            }
        }
        // at one offset: closings first (inner before outer), then openings (outer before inner)
        events.sort(Comparator.comparingInt(Event::offset).thenComparing(e -> e.open())
                .thenComparingInt(e -> e.open() ? -e.length() : e.length()));
        String text = doc.text();
        int pos = 0;
        List<Event> open = new ArrayList<>();
        for (Event e : events) {
            sb.append(escape(text.substring(pos, e.offset())));
            pos = e.offset();
            if (e.open()) {
                sb.append("<span class=\"m\" data-c=\"").append(e.cluster()).append("\" style=\"--c:")
                        .append(colour(e.cluster())).append("\">");
                open.add(e);
            } else {
                sb.append("</span>");
            }
        }
        sb.append(escape(text.substring(pos)));
    }

    private static void appendResolved(StringBuilder sb, Rewriter.Result result) {
        String text = result.text();
        int pos = 0;
        for (Replacement r : result.replacements()) {
            sb.append(escape(text.substring(pos, r.outputStart())));
            sb.append("<mark data-c=\"").append(r.clusterId()).append("\" style=\"--c:").append(colour(r.clusterId()))
                    .append("\" title=\"").append(escape(r.original() + " → " + r.replacement() + " (" + r.rule() + "; "
                            + Math.round(100 * r.confidence()) + " % likely to name the right entity)"))
                    .append("\">").append(escape(r.replacement())).append("</mark>");
            pos = r.outputEnd();
        }
        sb.append(escape(text.substring(pos)));
    }

    /** Well-separated hues by the golden angle. */
    static String colour(int cluster) {
        double hue = (cluster * 137.508) % 360;
        return String.format(java.util.Locale.ROOT, "hsl(%.0f,70%%,45%%)", hue);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body{font:16px/1.6 Georgia,serif;margin:0;color:#222;background:#fafafa}
            header{padding:.5em 2em;background:#263238;color:#fff}header h1{margin:.2em 0;font-size:1.3em}
            header p{margin:0;opacity:.8;font:13px sans-serif}
            main{display:grid;grid-template-columns:1fr 1fr;gap:2em;padding:1em 2em}
            h2{font:600 14px sans-serif;text-transform:uppercase;letter-spacing:.05em;color:#607d8b}
            .text{white-space:pre-wrap;background:#fff;padding:1em 1.2em;border-radius:6px;box-shadow:0 1px 3px #0002}
            .m{border-bottom:2px solid var(--c);cursor:pointer;padding-bottom:1px}
            .m .m{border-bottom-width:2px;padding-bottom:3px}
            .on{background:color-mix(in srgb,var(--c) 22%,transparent)}
            mark{background:color-mix(in srgb,var(--c) 18%,transparent);border-radius:3px;padding:0 2px}
            aside{position:fixed;right:1em;bottom:1em;max-width:28em;background:#fff;border:1px solid #ccc;
            border-radius:6px;padding:.6em 1em;font:14px sans-serif;box-shadow:0 2px 8px #0003}
            @media (max-width:900px){main{grid-template-columns:1fr}}
            """;

    private static final String SCRIPT = """
            const all = document.querySelectorAll('[data-c]');
            function light(c, on) { all.forEach(e => { if (e.dataset.c === c) e.classList.toggle('on', on); }); }
            all.forEach(e => {
              e.addEventListener('mouseover', ev => { ev.stopPropagation(); light(e.dataset.c, true); });
              e.addEventListener('mouseout', ev => { ev.stopPropagation(); light(e.dataset.c, false); });
              e.addEventListener('click', ev => {
                ev.stopPropagation();
                const c = chains[e.dataset.c], box = document.getElementById('chain');
                box.textContent = '';
                const h = document.createElement('b'); h.textContent = c.rep || '(no representative)'; box.append(h);
                const ul = document.createElement('ul');
                c.mentions.forEach(m => { const li = document.createElement('li'); li.textContent = m; ul.append(li); });
                box.append(ul); box.hidden = false;
              });
            });
            document.body.addEventListener('click', () => { document.getElementById('chain').hidden = true; });
            """;
}
