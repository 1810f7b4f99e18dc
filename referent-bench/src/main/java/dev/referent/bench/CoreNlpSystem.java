package dev.referent.bench;

import dev.referent.doc.Document;
import edu.stanford.nlp.coref.CorefCoreAnnotations;
import edu.stanford.nlp.coref.data.CorefChain;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One of Stanford CoreNLP's coreference systems with the pipeline it needs, fed our tokens and sentences. Named
 * entity extras (fine-grained classes, SUTime, numeric classifiers) are off, as the comparison's spec asks.
 */
final class CoreNlpSystem extends CorefSystem {

    enum Kind {
        /** statistical mention-ranking coref over dependency parses (Clark and Manning 2015) */
        STATISTICAL("depparse", "statistical"),
        /** the fast neural mention-ranking model over dependency parses */
        FASTNEURAL("depparse", "fastneural"),
        /** the rule-based sieve system over constituency parses (Lee et al. 2011) */
        DCOREF("parse", null),
        /** the neural mention-ranking model over constituency parses (Clark and Manning 2016) */
        NEURAL("parse", "neural");

        final String parser;
        final String algorithm;

        Kind(String parser, String algorithm) {
            this.parser = parser;
            this.algorithm = algorithm;
        }

        String systemName() {
            return "corenlp-" + name().toLowerCase(Locale.ROOT);
        }

        /** As the report names it, e.g. "CoreNLP statistical (depparse)". */
        String label() {
            return "CoreNLP " + name().toLowerCase(Locale.ROOT) + " (" + parser + ")";
        }

        static Kind bySystemName(String systemName) {
            for (Kind kind : values()) {
                if (kind.systemName().equals(systemName)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown system '" + systemName + "'");
        }
    }

    private final Kind kind;
    private final StanfordCoreNLP pipeline;

    CoreNlpSystem(Kind kind, int threads) {
        super(threads);
        this.kind = kind;
        this.pipeline = new StanfordCoreNLP(properties(kind));
    }

    static Properties properties(Kind kind) {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner," + kind.parser + (kind == Kind.DCOREF ? ",dcoref" : ",coref"));
        if (kind.algorithm != null) {
            p.setProperty("coref.algorithm", kind.algorithm);
        }
        p.setProperty("tokenize.whitespace", "true");
        p.setProperty("ssplit.eolonly", "true");
        p.setProperty("ner.applyFineGrained", "false");
        p.setProperty("ner.useSUTime", "false");
        p.setProperty("ner.applyNumericClassifiers", "false");
        return p;
    }

    @Override
    String name() {
        return kind.systemName();
    }

    @Override
    Document predict(Document doc) {
        Annotation annotation = new Annotation(CoreNlpTokens.text(doc));
        pipeline.annotate(annotation);
        List<CoreMap> sentences = annotation.get(CoreAnnotations.SentencesAnnotation.class);
        int[] lengths = new int[sentences == null ? 0 : sentences.size()];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class).size();
        }
        // all four systems, dcoref included, store their chains under the coref package's key in CoreNLP 4.5
        List<List<CoreNlpTokens.SentenceSpan>> chains = chains(annotation);
        return doc.withClusters(CoreNlpTokens.clusters(doc, lengths, chains));
    }

    /** The chains; CoreNLP's sentence and token numbers are 1-based, ends exclusive. */
    private static List<List<CoreNlpTokens.SentenceSpan>> chains(Annotation annotation) {
        Map<Integer, CorefChain> chains = annotation.get(CorefCoreAnnotations.CorefChainAnnotation.class);
        List<List<CoreNlpTokens.SentenceSpan>> out = new ArrayList<>();
        if (chains != null) {
            for (CorefChain chain : chains.values()) {
                List<CoreNlpTokens.SentenceSpan> spans = new ArrayList<>();
                for (CorefChain.CorefMention m : chain.getMentionsInTextualOrder()) {
                    spans.add(new CoreNlpTokens.SentenceSpan(m.sentNum - 1, m.startIndex - 1, m.endIndex - 1));
                }
                out.add(spans);
            }
        }
        return out;
    }
}
