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

    @Test
    void gapRowsBecomePronounNameLinksOverTheirTokens() throws IOException {
        List<TrainingCorpus.GapDocument> rows = TrainingCorpus.gap(DataPaths.dataDir(), "development", 0, 50);
        assertEquals(50, rows.size());
        for (TrainingCorpus.GapDocument r : rows) {
            assertEquals("gap/" + r.row().id(), r.doc().id());
            assertEquals(2, r.links().size());
            CorefExample.NameLink a = r.links().get(0);
            CorefExample.NameLink b = r.links().get(1);
            assertEquals(r.row().pronoun(), r.doc().token(a.pronoun()).text(), r.row().id());
            assertEquals(r.row().nameA(), r.doc().text().substring(r.doc().token(a.name()[0]).start(),
                    r.doc().token(a.name()[a.name().length - 1]).end()), r.row().id());
            assertEquals(r.row().nameB(), r.doc().text().substring(r.doc().token(b.name()[0]).start(),
                    r.doc().token(b.name()[b.name().length - 1]).end()), r.row().id());
            assertEquals(r.row().corefA(), a.coref());
            assertEquals(r.row().corefB(), b.coref());
        }
        List<TrainingCorpus.GapDocument> tail = TrainingCorpus.gap(DataPaths.dataDir(), "development", 1990, Integer.MAX_VALUE);
        assertEquals(10, tail.size(), "GAP development has 2,000 rows");
        assertEquals("development-1991", tail.get(0).row().id());
    }

    @Test
    void aGapRowWhoseNameIsThePronounIsRejectedWithItsRow(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("gap"));
        java.nio.file.Files.writeString(dir.resolve("gap/gap-broken.tsv"),
                "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n"
                        + "broken-1\tAnn met Bo. She left.\tShe\t12\tShe\t12\tTRUE\tBo\t8\tFALSE\thttp://x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCorpus.gap(dir, "broken", 0, 10));
        assertTrue(e.getMessage().contains("gap-broken.tsv") && e.getMessage().contains("broken-1"), e.getMessage());
    }
}
