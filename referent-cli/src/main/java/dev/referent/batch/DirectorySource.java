package dev.referent.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory of {@code .txt} (or {@code .txt.gz}) files, one article each, in file-name order; the id is the file
 * name without its extension.
 */
public final class DirectorySource implements RecordSource {

    private final List<Path> files;
    private final Iterator<Path> iterator;
    private final Fields fields;
    private final long maxRecordBytes;
    private final IdIndex seen = new IdIndex();
    private long row;
    private long bytes;
    private final long size;

    public DirectorySource(Path dir, Fields fields, long maxRecordBytes) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".txt") || n.endsWith(".txt.gz"));
            }).sorted().toList();
        }
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        this.size = total;
        this.iterator = files.iterator();
        this.fields = fields;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public List<String> columns() {
        return List.of(fields.id(), fields.text());
    }

    @Override
    public long position() {
        return bytes;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputRecord next() throws IOException {
        if (!iterator.hasNext()) {
            return null;
        }
        Path file = iterator.next();
        row++;
        String name = file.getFileName().toString();
        String id = name.endsWith(".txt.gz") ? name.substring(0, name.length() - 7) : name.substring(0, name.length() - 4);
        bytes += Files.size(file);
        if (Files.size(file) > maxRecordBytes) {
            return InputRecord.bad(row, 0, id, "file larger than " + maxRecordBytes + " bytes");
        }
        byte[] content;
        try (var in = Inputs.open(file).stream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            return InputRecord.bad(row, 0, id, "cannot read " + file + ": " + e.getMessage());
        }
        String text = CsvSource.decode(content);
        if (text == null) {
            return InputRecord.bad(row, 0, id, "invalid UTF-8 in " + name + " at " + CsvSource.where(content));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(fields.id(), id);
        values.put(fields.text(), text);
        return Records.check(row, 0, values, null, fields, seen);
    }

    @Override
    public void close() {
    }
}
