package dev.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Apache Kafka's broker and tools, resolved from Maven Central by Maven ({@code tests/kafka/pom.xml}), never a
 * downloaded tarball. The classpath is computed once and reused while the pom is unchanged.
 */
final class KafkaDistribution {
    private KafkaDistribution() {
    }

    static String classpath(Path home, PrintStream log) throws IOException, InterruptedException {
        Path pom = home.resolve("tests/kafka/pom.xml");
        Path classpath = home.resolve("tests/kafka/target/kafka.classpath");
        if (Files.notExists(classpath) || Files.getLastModifiedTime(pom).compareTo(
                Files.getLastModifiedTime(classpath)) > 0) {
            log.println("resolving Apache Kafka from Maven Central (" + pom + ")");
            Path output = Files.createTempFile("kafka-resolve", ".log");
            Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-f", pom.toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=" + classpath)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (mvn.waitFor() != 0) {
                throw new IOException("could not resolve Apache Kafka with Maven: " + Files.readString(output).trim());
            }
            Files.delete(output);
        }
        return Files.readString(classpath).trim();
    }
}
