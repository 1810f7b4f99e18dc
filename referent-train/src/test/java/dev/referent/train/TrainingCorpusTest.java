package dev.referent.train;

import dev.referent.doc.Cluster;
import dev.referent.doc.Document;
import dev.referent.eval.io.DataPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingCorpusTest {

    @Test
    void litbankAsExtraTrainingDataFollowsTheOntoNotesScheme() throws IOException {
        List<Document> docs = TrainingCorpus.extra(DataPaths.dataDir(), "litbank");
        assertEquals(100, docs.size());
        Set<String> ids = new HashSet<>();
        long mentions = 0;
        for (Document d : docs) {
            assertTrue(ids.add(d.id()) && d.id().startsWith("litbank/"), d.id());
            assertTrue(d.sentences().size() > 10, d.id() + " keeps its sentences");
            for (Cluster c : d.clusters()) {
                assertTrue(c.size() >= 2, d.id() + ": singleton kept");
                mentions += c.size();
            }
        }
        assertTrue(mentions > 20_000, "LitBank's chains: " + mentions + " mentions");
        assertTrue(TrainingCorpus.extra(DataPaths.dataDir(), "").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TrainingCorpus.extra(DataPaths.dataDir(), "ontonotes"));
    }
}
