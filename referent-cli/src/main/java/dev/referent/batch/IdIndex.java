package dev.referent.batch;

/**
 * The ids met so far and the row that had each first, kept as 64-bit hashes in an open-addressing table: about 24
 * bytes per row instead of a hundred for a set of strings, so that a corpus of millions of rows stays within a small
 * heap. Two different ids share a hash with probability about n^2 / 2^65 (1e-8 for 600,000 rows); such a pair would
 * be reported as a duplicate.
 */
final class IdIndex {

    private static final long EMPTY = 0;

    private long[] keys = new long[1 << 12];
    private long[] rows = new long[1 << 12];
    private int size;

    /** Records {@code id} for {@code row}; returns the row that had it first, or -1 when it is new. */
    long putIfAbsent(String id, long row) {
        long h = hash(id);
        int mask = keys.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == h) {
                return rows[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = h;
        rows[i] = row;
        if (++size * 3 > keys.length * 2) {
            grow();
        }
        return -1;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            long h = oldKeys[k];
            if (h != EMPTY) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = h;
                rows[i] = oldRows[k];
            }
        }
    }

    /** A 64-bit hash of the id's characters (FNV-1a, then a final mix); never 0, which marks an empty slot. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < id.length(); k++) {
            h ^= id.charAt(k);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
