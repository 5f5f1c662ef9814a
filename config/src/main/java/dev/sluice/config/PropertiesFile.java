package dev.sluice.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code server.properties}-style text: one {@code key=value} per line, surrounding whitespace
 * ignored, blank lines and lines starting with {@code #} or {@code !} skipped. A later line for the same
 * key wins, as with {@link java.util.Properties}. Backslash escapes and continuation lines are not
 * supported. Stateless.
 */
final class PropertiesFile {
    private PropertiesFile() {
    }

    static Map<String, String> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new ConfigException(null, "Cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> readResource(String resource) {
        InputStream in = PropertiesFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + resource + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader, resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + resource, e);
        }
    }

    static Map<String, String> read(Reader reader, String origin) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(reader);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("!")) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(null, origin + ":" + number + ": expected key=value but found '" + s + "'");
            }
            values.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        return values;
    }
}
