package dev.sluice.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Kafka-style text checkpoint: a version line ("0"), an entry-count line, then one line per entry. Written
 * to a temporary file, fsynced and atomically renamed. Stateless helpers.
 */
final class CheckpointFile {
    private CheckpointFile() {
    }

    static void write(Path file, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder("0\n").append(lines.size()).append('\n');
        lines.forEach(line -> text.append(line).append('\n'));
        // A unique temporary name: the writer and the background flush may checkpoint the same file at once.
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Entry lines of the file, or an empty list if it is absent or malformed. */
    static List<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            int count = Integer.parseInt(lines.get(1).trim());
            if (!"0".equals(lines.get(0).trim()) || lines.size() < 2 + count) {
                return List.of();
            }
            return lines.subList(2, 2 + count);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static void writeOffset(Path file, long offset) throws IOException {
        write(file, List.of(Long.toString(offset)));
    }

    /** The single offset stored in the file, or {@code otherwise}. */
    static long readOffset(Path file, long otherwise) throws IOException {
        List<String> lines = read(file);
        try {
            return lines.isEmpty() ? otherwise : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
