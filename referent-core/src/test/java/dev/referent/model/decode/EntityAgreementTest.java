package dev.referent.model.decode;

import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What words say of their entity, and which facts the named rules keep apart. */
class EntityAgreementTest {

    @Test
    void pronounsNamesAndTitlesCarryTheirGender() {
        Document doc = new TextAnalyzer().analyze("d", "Maria Lopez met Mr. Park and it in the United States.");
        String[] tags = {"NNP", "NNP", "VBD", "NNP", "NNP", "CC", "PRP", "IN", "DT", "NNP", "NNPS", "."};
        int[] a = EntityAgreement.attributes(doc, tags);
        assertEquals(EntityAgreement.FEMININE, a[1]);          // Lopez, by the first name Maria
        assertEquals(EntityAgreement.MASCULINE, a[4]);         // Park, by "Mr."
        assertTrue((a[6] & EntityAgreement.NEUTER) != 0);      // it
        assertEquals(EntityAgreement.NOT_PERSON, a[10]);       // the United States
    }

    @Test
    void aLoneNameOrAnOrganisationSaysNothing() {
        Document doc = new TextAnalyzer().analyze("d", "Kelly went to John Hopkins University with US officials.");
        String[] tags = {"NNP", "VBD", "TO", "NNP", "NNP", "NNP", "IN", "NNP", "NNS", "."};
        int[] a = EntityAgreement.attributes(doc, tags);
        assertEquals(0, a[0]);
        assertEquals(0, a[5]);
        assertEquals(0, a[7]);                                 // "US" is not "us"
        assertEquals(EntityAgreement.PLURAL_NOUN, a[8]);
    }

    @Test
    void rulesKeepApartOnlyWhatTheyName() {
        EntityAgreement gender = EntityAgreement.of("gender");
        int he = EntityAgreement.MASCULINE | EntityAgreement.SINGULAR_THIRD;
        int she = EntityAgreement.FEMININE | EntityAgreement.SINGULAR_THIRD;
        assertFalse(gender.compatible(he, she));
        assertTrue(gender.compatible(he, EntityAgreement.PLURAL_NOUN));
        assertFalse(EntityAgreement.of("gender,number").compatible(he, EntityAgreement.PLURAL_NOUN));
        assertTrue(EntityAgreement.of("none").compatible(he, she));
        assertTrue(EntityAgreement.of("none").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntityAgreement.of("gendr"));
        assertTrue(e.getMessage().contains("gendr") && e.getMessage().contains("gender"), e.getMessage());
    }
}
