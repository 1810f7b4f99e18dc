package dev.referent.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A coreference cluster (entity): its mentions in document order and, once chosen, its representative mention.
 *
 * @param id cluster id, unique within its document
 * @param mentions the mentions, in {@link Mention#DOCUMENT_ORDER}
 * @param representative the representative mention (one of {@code mentions}), or {@code null} if none was chosen
 */
public record Cluster(int id, List<Mention> mentions, Mention representative) {

    public Cluster {
        Objects.requireNonNull(mentions, "mentions");
        List<Mention> sorted = new ArrayList<>(mentions);
        sorted.sort(Mention.DOCUMENT_ORDER);
        mentions = List.copyOf(sorted);
        if (representative != null && !mentions.contains(representative)) {
            throw new IllegalArgumentException("representative " + representative + " is not a mention of cluster " + id);
        }
    }

    public Cluster(int id, List<Mention> mentions) {
        this(id, mentions, null);
    }

    public Optional<Mention> representativeMention() {
        return Optional.ofNullable(representative);
    }

    public Cluster withRepresentative(Mention newRepresentative) {
        return new Cluster(id, mentions, newRepresentative);
    }

    public int size() {
        return mentions.size();
    }
}
