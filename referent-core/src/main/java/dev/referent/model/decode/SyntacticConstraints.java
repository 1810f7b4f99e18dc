package dev.referent.model.decode;

import dev.referent.doc.Document;
import dev.referent.doc.Pronoun;
import dev.referent.model.heads.SyntaxHead;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the predicted dependency tree rules out when clusters are formed:
 * <ul>
 *   <li><b>binding</b> (Principle B): a third-person pronoun that is not reflexive does not corefer with another
 *       subject or object of its own verb ("He thanked her": he and her are two people; "Kim saw him": him is not Kim); the pair may
 *       not share a cluster;</li>
 *   <li><b>expletives</b>: a word the parser attaches as {@code expl} ("it is clear that ...", "there are ...")
 *       refers to nothing and takes no antecedent.</li>
 * </ul>
 */
public final class SyntacticConstraints {

    /**
     * The relations between which the binding rule holds: subjects and objects (with obliques and passive subjects
     * too, it cost more on OntoGUM dev and GENTLE when measured).
     */
    private static final Set<String> BINDING_RELATIONS = Set.of("nsubj", "obj", "iobj");

    /**
     * For each union-find root, the words its cluster may not be joined with (both directions of each disjoint pair;
     * merged as clusters are joined); null where none. Per document: one instance decodes one document.
     */
    private final List<Integer>[] partners;
    private final boolean[] expletive;

    private SyntacticConstraints(List<Integer>[] partners, boolean[] expletive) {
        this.partners = partners;
        this.expletive = expletive;
    }

    /** No constraint (shared: {@link #joined} changes nothing without partners). */
    private static final SyntacticConstraints NONE = new SyntacticConstraints(null, new boolean[0]);

    /** No constraint. */
    public static SyntacticConstraints none() {
        return NONE;
    }

    /**
     * The constraints of one document from the syntax head's analysis (null: none); {@code binding} and {@code
     * expletives} choose which apply.
     */
    public static SyntacticConstraints of(Document doc, SyntaxHead.Analysis syntax, boolean binding, boolean expletives) {
        if (syntax == null || (!binding && !expletives)) {
            return NONE;
        }
        boolean[] expletive = new boolean[doc.size()];
        if (expletives) {
            for (int i = 0; i < expletive.length; i++) {
                expletive[i] = syntax.relation()[i].equals("expl");
            }
        }
        return new SyntacticConstraints(binding ? coArguments(doc, syntax) : null, expletive);
    }

    /**
     * For each word, the other arguments of its verb it may not corefer with: each pair of co-arguments of which one is
     * a non-reflexive third-person pronoun, recorded once in each direction.
     */
    private static List<Integer>[] coArguments(Document doc, SyntaxHead.Analysis syntax) {
        int n = doc.size();
        @SuppressWarnings("unchecked")
        List<Integer>[] partners = new List[n];
        // the arguments of each head word, in document order
        java.util.Map<Integer, List<Integer>> arguments = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            if (BINDING_RELATIONS.contains(syntax.relation()[i]) && syntax.head()[i] >= 0) {
                arguments.computeIfAbsent(syntax.head()[i], h -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> args : arguments.values()) {
            for (int a = 0; a < args.size(); a++) {
                for (int b = a + 1; b < args.size(); b++) {
                    int i = args.get(a);
                    int j = args.get(b);
                    if (bound(doc, i) || bound(doc, j)) {
                        add(partners, i, j);
                        add(partners, j, i);
                    }
                }
            }
        }
        return partners;
    }

    /** Whether word {@code i} is a pronoun that Principle B keeps apart from its co-arguments (not "himself"). */
    private static boolean bound(Document doc, int i) {
        Optional<Pronoun> p = Pronoun.of(doc.token(i).text());
        return p.isPresent() && !p.get().isReflexive() && p.get().isThirdPerson();
    }

    private static void add(List<Integer>[] partners, int a, int b) {
        if (partners[a] == null) {
            partners[a] = new ArrayList<>(2);
        }
        partners[a].add(b);
    }

    /** Whether word {@code i} is an expletive: it takes no antecedent and is no one's antecedent. */
    public boolean expletive(int i) {
        return i < expletive.length && expletive[i];
    }

    /**
     * Whether the clusters with union-find roots {@code ra} and {@code rb} may be joined: no disjoint pair has one
     * word in each.
     */
    boolean joinable(int[] parent, int ra, int rb) {
        if (partners == null || ra == rb) {
            return true;
        }
        List<Integer> small = partners[ra];
        int other = rb;
        if (small == null || (partners[rb] != null && partners[rb].size() < small.size())) {
            small = partners[rb];
            other = ra;
        }
        if (small != null) {
            for (int w : small) {
                if (Clusterer.find(parent, w) == other) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Records that the cluster of root {@code from} was joined into root {@code into}. */
    void joined(int into, int from) {
        if (partners == null || partners[from] == null) {
            return;
        }
        if (partners[into] == null) {
            partners[into] = partners[from];
        } else {
            partners[into].addAll(partners[from]);
        }
        partners[from] = null;
    }
}
