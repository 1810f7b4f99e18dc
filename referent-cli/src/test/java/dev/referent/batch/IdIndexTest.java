package dev.referent.batch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdIndexTest {

    @Test
    void remembersTheFirstRowOfEveryIdThroughGrowth() {
        IdIndex index = new IdIndex();
        for (int i = 0; i < 100_000; i++) {
            assertEquals(-1, index.putIfAbsent("id-" + i, i + 1));
        }
        assertEquals(100_000, index.size());
        for (int i = 0; i < 100_000; i += 997) {
            assertEquals(i + 1, index.putIfAbsent("id-" + i, 200_000));
        }
        assertEquals(-1, index.putIfAbsent("", 7));
        assertEquals(7, index.putIfAbsent("", 8));
        assertEquals(100_001, index.size());
    }
}
