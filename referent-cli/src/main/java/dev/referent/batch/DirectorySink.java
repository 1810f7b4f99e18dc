package dev.referent.batch;

import dev.referent.Resolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory with one {@code <id>.txt} per document: the resolved text, a line break, then the author (the layout
 * fake-news corpus pipelines read). Each file is written to a temporary name and renamed, so it is either complete or
 * absent.
 */
public final class DirectorySink implements Sink {

    private static final String TEMP = ".tmp";

    private final Path dir;
    private final Set<String> done = new HashSet<>();

    public DirectorySink(Path dir, boolean resume) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(TEMP)) {
                    Files.deleteIfExists(p); // left by a killed run
                } else if (name.endsWith(".txt")) {
                    if (!resume) {
                        throw new BatchException("output directory " + dir + " already holds documents; pass --resume to "
                                + "continue that run or --overwrite to replace them");
                    }
                    done.add(name.substring(0, name.length() - 4));
                }
            }
        }
    }

    @Override
    public Set<String> done() {
        return done;
    }

    @Override
    public void write(InputRecord record, Resolver.Resolved resolved) throws IOException {
        String id = record.id();
        if (!usableFileName(id)) {
            throw new BadRowException("id '" + id + "' cannot be a file name");
        }
        Path target = dir.resolve(id + ".txt");
        Path temp = dir.resolve(id + ".txt" + TEMP);
        Files.writeString(temp, resolved.text() + "\n" + record.author(), StandardCharsets.UTF_8);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static boolean usableFileName(String id) {
        return !id.isEmpty() && !id.equals(".") && !id.equals("..") && id.getBytes(StandardCharsets.UTF_8).length <= 200
                && id.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0 || c < 0x20);
    }

    @Override
    public void close() {
    }
}
