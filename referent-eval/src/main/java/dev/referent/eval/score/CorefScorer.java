package dev.referent.eval.score;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.doc.Mention;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coreference scorer that reproduces the reference CoNLL scorer v8.01 (Pradhan et al. 2014): mentions match by
 * exact token span; repeated response mentions are dropped; MUC follows Cai and Strube (2010) for system mentions;
 * B-cubed, CEAFm, CEAFe and BLANC (Luo et al. 2014) work on the chains as given; every metric is micro-averaged by
 * adding numerators and denominators over documents. LEA (Moosavi and Strube 2016) is computed on the same chains.
 * Documents are matched by id; a key document without response counts as an empty response.
 */
public final class CorefScorer {

    /** Scores of a whole key/response pair of corpora. */
    public record Report(Map<Metric, Score> scores, Blanc blanc, Score mentions, int documents) {

        public double recall(Metric m) {
            return m == Metric.BLANC ? blanc.recall() : scores.get(m).recall();
        }

        public double precision(Metric m) {
            return m == Metric.BLANC ? blanc.precision() : scores.get(m).precision();
        }

        public double f1(Metric m) {
            return m == Metric.BLANC ? blanc.f1() : scores.get(m).f1();
        }

        /** Mean of MUC, B-cubed and CEAFe F1, in [0, 1]. */
        public double conllF1() {
            return (f1(Metric.MUC) + f1(Metric.BCUBED) + f1(Metric.CEAFE)) / 3;
        }
    }

    /** BLANC link counts, summed over documents, and the v8.01 way of combining them. */
    public record Blanc(double corefCorrect, double corefKey, double corefResponse,
                        double nonCorefCorrect, double nonCorefKey, double nonCorefResponse) {

        static final Blanc ZERO = new Blanc(0, 0, 0, 0, 0, 0);

        Blanc plus(Blanc o) {
            return new Blanc(corefCorrect + o.corefCorrect, corefKey + o.corefKey, corefResponse + o.corefResponse,
                    nonCorefCorrect + o.nonCorefCorrect, nonCorefKey + o.nonCorefKey, nonCorefResponse + o.nonCorefResponse);
        }

        private double rc() { return corefKey == 0 ? -1 : corefCorrect / corefKey; }
        private double rn() { return nonCorefKey == 0 ? -1 : nonCorefCorrect / nonCorefKey; }
        private double pc() { return corefResponse == 0 ? 0 : corefCorrect / corefResponse; }
        private double pn() { return nonCorefResponse == 0 ? 0 : nonCorefCorrect / nonCorefResponse; }
        private static double f(double p, double r) { return p + r == 0 ? 0 : 2 * p * r / (p + r); }

        public double recall() {
            double rc = rc();
            double rn = rn();
            if (rc == -1 && rn == -1) return 0;
            if (rc == -1) return rn;
            if (rn == -1) return rc;
            return (rc + rn) / 2;
        }

        public double precision() {
            double rc = rc();
            double rn = rn();
            if (rc == -1 && rn == -1) return 0;
            if (rc == -1) return pn();
            if (rn == -1) return pc();
            return (pc() + pn()) / 2;
        }

        public double f1() {
            double rc = rc();
            double rn = rn();
            if (rc == -1 && rn == -1) return 0;
            if (rc == -1) return f(pn(), rn);
            if (rn == -1) return f(pc(), rc);
            return (f(pc(), rc) + f(pn(), rn)) / 2;
        }
    }

    public Report score(List<Document> key, List<Document> response) {
        Map<String, Document> responseById = new HashMap<>();
        for (Document d : response) {
            responseById.put(d.id(), d);
        }
        Map<Metric, Score> totals = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            totals.put(m, Score.ZERO);
        }
        Blanc blanc = Blanc.ZERO;
        Score mentions = Score.ZERO;
        for (Document k : key) {
            Document r = responseById.get(k.id());
            DocumentScore ds = scoreDocument(chains(k), r == null ? List.of() : chains(r));
            for (Metric m : Metric.values()) {
                if (m != Metric.BLANC) {
                    totals.put(m, totals.get(m).plus(ds.scores.get(m)));
                }
            }
            blanc = blanc.plus(ds.blanc);
            mentions = mentions.plus(ds.mentions);
        }
        return new Report(totals, blanc, mentions, key.size());
    }

    /** The clusters of a document as lists of span keys, in cluster order. */
    static List<List<Long>> chains(Document doc) {
        List<List<Long>> chains = new ArrayList<>();
        for (Cluster c : doc.clusters()) {
            List<Long> chain = new ArrayList<>();
            for (Mention m : c.mentions()) {
                chain.add(spanKey(m.tokenStart(), m.tokenEnd() - 1));
            }
            chains.add(chain);
        }
        return chains;
    }

    static long spanKey(int first, int last) {
        return ((long) first << 32) | (last & 0xffffffffL);
    }

    record DocumentScore(Map<Metric, Score> scores, Blanc blanc, Score mentions) {
    }

    /** Scores one document given key and response chains of span keys (mirrors v8.01's IdentifMentions + Eval). */
    static DocumentScore scoreDocument(List<List<Long>> keyChains, List<List<Long>> responseChains) {
        Map<Long, Integer> keyId = new HashMap<>();
        int idCount = 0;
        for (List<Long> chain : keyChains) {
            for (long m : chain) {
                keyId.put(m, idCount++); // a span repeated in the key keeps its last id, as in v8.01
            }
        }
        int keyMentions = keyId.size();
        Map<Long, Integer> responseId = new HashMap<>();
        Set<Integer> assigned = new HashSet<>();
        int exact = 0;
        List<List<Long>> response = new ArrayList<>();
        for (List<Long> chain : responseChains) {
            List<Long> kept = new ArrayList<>();
            for (long m : chain) {
                if (responseId.containsKey(m)) {
                    continue; // repeated mention in the response
                }
                Integer id = keyId.get(m);
                if (id != null && !assigned.contains(id)) {
                    assigned.add(id);
                    responseId.put(m, id);
                    exact++;
                }
                kept.add(m);
            }
            if (!kept.isEmpty()) {
                response.add(kept);
            }
        }
        for (List<Long> chain : response) {
            for (long m : chain) {
                if (!responseId.containsKey(m)) {
                    responseId.put(m, idCount++);
                }
            }
        }
        int responseMentions = responseId.size();
        List<List<Integer>> kOrig = new ArrayList<>();
        for (List<Long> chain : keyChains) {
            List<Integer> ids = new ArrayList<>();
            for (long m : chain) {
                ids.add(keyId.get(m));
            }
            kOrig.add(ids);
        }
        List<List<Integer>> rOrig = new ArrayList<>();
        for (List<Long> chain : response) {
            List<Integer> ids = new ArrayList<>();
            for (long m : chain) {
                ids.add(responseId.get(m));
            }
            rOrig.add(ids);
        }

        Map<Metric, Score> scores = new EnumMap<>(Metric.class);
        scores.put(Metric.MUC, muc(kOrig, rOrig, keyMentions, exact, idCount));
        scores.put(Metric.BCUBED, bcubed(kOrig, rOrig));
        scores.put(Metric.CEAFM, ceaf(kOrig, rOrig, false));
        scores.put(Metric.CEAFE, ceaf(kOrig, rOrig, true));
        scores.put(Metric.LEA, lea(kOrig, rOrig));
        Blanc blanc = blanc(kOrig, rOrig);
        Score mentions = new Score(exact, keyMentions, exact, responseMentions);
        return new DocumentScore(scores, blanc, mentions);
    }

    private static Map<Integer, Integer> index(List<List<Integer>> chains) {
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < chains.size(); i++) {
            for (int m : chains.get(i)) {
                index.put(m, i);
            }
        }
        return index;
    }

    /** MUC with the Cai and Strube (2010) treatment of twinless mentions, as in v8.01. */
    private static Score muc(List<List<Integer>> keys, List<List<Integer>> responseOrig, int keyMentions, int exact,
                             int idCount) {
        List<List<Integer>> response = new ArrayList<>();
        for (List<Integer> chain : responseOrig) {
            response.add(new ArrayList<>(chain));
        }
        Map<Integer, Integer> kIndex = index(keys);
        Map<Integer, Integer> rIndex = index(response);
        if (keyMentions - exact > 0) {
            for (List<Integer> kc : keys) {
                for (int m : kc) {
                    if (!rIndex.containsKey(m)) {
                        List<Integer> single = new ArrayList<>();
                        single.add(m);
                        response.add(single);
                    }
                }
            }
        }
        if (idCount - keyMentions > 0) {
            for (List<Integer> rc : response) {
                if (rc.size() == 1 && !kIndex.containsKey(rc.get(0))) {
                    rc.clear();
                }
            }
        }
        long correct = 0;
        long responseLinks = 0;
        for (List<Integer> r : response) {
            if (r.isEmpty()) {
                continue;
            }
            responseLinks += r.size() - 1;
            for (int i = 0; i < r.size(); i++) {
                Integer ki = kIndex.get(r.get(i));
                if (ki == null) {
                    continue;
                }
                for (int j = i + 1; j < r.size(); j++) {
                    Integer kj = kIndex.get(r.get(j));
                    if (ki.equals(kj)) {
                        correct++;
                        break;
                    }
                }
            }
        }
        long keyLinks = 0;
        for (List<Integer> k : keys) {
            if (!k.isEmpty()) {
                keyLinks += k.size() - 1;
            }
        }
        return new Score(correct, keyLinks, correct, responseLinks);
    }

    private static Score bcubed(List<List<Integer>> keys, List<List<Integer>> response) {
        Map<Integer, Integer> kIndex = index(keys);
        double accP = 0;
        double accR = 0;
        for (List<Integer> r : response) {
            for (int m : r) {
                Integer k = kIndex.get(m);
                List<Integer> kChain = k == null ? List.of() : keys.get(k);
                int common = 0;
                for (int mr : r) {
                    if (kChain.contains(mr)) {
                        common++;
                    }
                }
                accP += (double) common / r.size();
                if (!kChain.isEmpty()) {
                    accR += (double) common / kChain.size();
                }
            }
        }
        long keyMentions = keys.stream().mapToLong(List::size).sum();
        long responseMentions = response.stream().mapToLong(List::size).sum();
        return new Score(accR, keyMentions, accP, responseMentions);
    }

    private static int common(List<Integer> a, List<Integer> b) {
        int n = 0;
        for (int x : a) {
            if (b.contains(x)) {
                n++;
            }
        }
        return n;
    }

    private static Score ceaf(List<List<Integer>> keys, List<List<Integer>> response, boolean entityBased) {
        double[][] cost = new double[keys.size()][response.size()];
        double[][] sim = new double[keys.size()][response.size()];
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < response.size(); j++) {
                int c = common(keys.get(i), response.get(j));
                sim[i][j] = entityBased ? 2.0 * c / (keys.get(i).size() + response.get(j).size()) : c;
                cost[i][j] = -sim[i][j];
            }
        }
        int[] assignment = Hungarian.assign(cost);
        double total = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                total += sim[i][assignment[i]];
            }
        }
        double keyDen;
        double responseDen;
        if (entityBased) {
            keyDen = keys.stream().filter(c -> !c.isEmpty()).count();
            responseDen = response.stream().filter(c -> !c.isEmpty()).count();
        } else {
            keyDen = keys.stream().mapToLong(List::size).sum();
            responseDen = response.stream().mapToLong(List::size).sum();
        }
        return new Score(total, keyDen, total, responseDen);
    }

    /** LEA: link-based entity-aware metric, singletons counted through a self-link (as in the coval scorer). */
    private static Score lea(List<List<Integer>> keys, List<List<Integer>> response) {
        double[] recall = leaSide(keys, response);
        double[] precision = leaSide(response, keys);
        return new Score(recall[0], recall[1], precision[0], precision[1]);
    }

    private static double[] leaSide(List<List<Integer>> input, List<List<Integer>> other) {
        Map<Integer, Integer> otherIndex = index(other);
        double num = 0;
        double den = 0;
        for (List<Integer> c : input) {
            if (c.isEmpty()) {
                continue;
            }
            double all;
            double common = 0;
            if (c.size() == 1) {
                all = 1;
                Integer o = otherIndex.get(c.get(0));
                if (o != null && other.get(o).size() == 1) {
                    common = 1;
                }
            } else {
                all = c.size() * (c.size() - 1) / 2.0;
                for (int i = 0; i < c.size(); i++) {
                    Integer oi = otherIndex.get(c.get(i));
                    if (oi == null) {
                        continue;
                    }
                    for (int j = i + 1; j < c.size(); j++) {
                        if (oi.equals(otherIndex.get(c.get(j)))) {
                            common++;
                        }
                    }
                }
            }
            num += c.size() * common / all;
            den += c.size();
        }
        return new double[] {num, den};
    }

    /** BLANC link counts over the chains' distinct mention-id pairs, as v8.01 computes them. */
    private static Blanc blanc(List<List<Integer>> keys, List<List<Integer>> response) {
        Set<Long> keyCoref = corefLinks(keys);
        Set<Long> responseCoref = corefLinks(response);
        long corefCorrect = keyCoref.stream().filter(responseCoref::contains).count();
        Map<Integer, Set<Integer>> keyChainsOf = chainsOf(keys);
        Map<Integer, Set<Integer>> responseChainsOf = chainsOf(response);
        long nonKey = countNonCoref(keys);
        long nonResponse = countNonCoref(response);
        // A pair is a correct non-coreference link when it is a non-coref link on both sides.
        List<Integer> shared = new ArrayList<>();
        for (Integer m : keyChainsOf.keySet()) {
            if (responseChainsOf.containsKey(m)) {
                shared.add(m);
            }
        }
        long nonCorrect = 0;
        for (int i = 0; i < shared.size(); i++) {
            for (int j = i + 1; j < shared.size(); j++) {
                int a = shared.get(i);
                int b = shared.get(j);
                if (isNonCoref(keyChainsOf, a, b) && isNonCoref(responseChainsOf, a, b)) {
                    nonCorrect++;
                }
            }
        }
        return new Blanc(corefCorrect, keyCoref.size(), responseCoref.size(), nonCorrect, nonKey, nonResponse);
    }

    private static Set<Long> corefLinks(List<List<Integer>> chains) {
        Set<Long> links = new HashSet<>();
        for (List<Integer> c : chains) {
            for (int i = 0; i < c.size(); i++) {
                for (int j = i + 1; j < c.size(); j++) {
                    links.add(pair(c.get(i), c.get(j)));
                }
            }
        }
        return links;
    }

    private static long pair(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }

    private static Map<Integer, Set<Integer>> chainsOf(List<List<Integer>> chains) {
        Map<Integer, Set<Integer>> of = new LinkedHashMap<>();
        for (int i = 0; i < chains.size(); i++) {
            for (int m : chains.get(i)) {
                of.computeIfAbsent(m, k -> new HashSet<>()).add(i);
            }
        }
        return of;
    }

    /** v8.01 puts (a, b) in the non-coreference set when a and b lie in two different chains. */
    private static boolean isNonCoref(Map<Integer, Set<Integer>> chainsOf, int a, int b) {
        Set<Integer> ca = chainsOf.get(a);
        Set<Integer> cb = chainsOf.get(b);
        for (int x : ca) {
            for (int y : cb) {
                if (x != y) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Number of distinct unordered pairs (a, b), a and b in different chains (a == b possible for repeated ids). */
    private static long countNonCoref(List<List<Integer>> chains) {
        Map<Integer, Set<Integer>> chainsOf = chainsOf(chains);
        boolean repeated = chainsOf.values().stream().anyMatch(s -> s.size() > 1)
                || chains.stream().anyMatch(c -> new HashSet<>(c).size() != c.size());
        if (!repeated) {
            long n = chainsOf.size();
            long sameChain = 0;
            for (List<Integer> c : chains) {
                sameChain += (long) c.size() * (c.size() - 1) / 2;
            }
            return n * (n - 1) / 2 - sameChain;
        }
        Set<Long> links = new HashSet<>();
        for (int i = 0; i < chains.size(); i++) {
            for (int j = i + 1; j < chains.size(); j++) {
                for (int a : chains.get(i)) {
                    for (int b : chains.get(j)) {
                        links.add(pair(a, b));
                    }
                }
            }
        }
        return links.size();
    }
}
