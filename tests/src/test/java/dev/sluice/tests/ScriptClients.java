package dev.sluice.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the kafkajs and kafka-python scripts under {@code tests/clients}, with what each needs installed. */
final class ScriptClients {
    private static final Path CLIENTS = Path.of(System.getProperty("user.dir")).resolve("clients");

    private ScriptClients() {
    }

    /** Runs a kafkajs script, installing kafkajs first if it is missing; returns the last line it printed. */
    static String kafkajs(String script, String... args) throws Exception {
        Path dir = CLIENTS.resolve("kafkajs");
        if (Files.notExists(dir.resolve("node_modules/kafkajs"))) {
            Processes.run(dir, null, List.of("npm", "ci", "--no-audit", "--no-fund")).requireSuccess();
        }
        return lastLine(dir, "node", script, args);
    }

    /** Runs a kafka-python script; returns the last line it printed. */
    static String kafkaPython(String script, String... args) throws Exception {
        return lastLine(CLIENTS.resolve("kafka-python"), pythonWithKafka(), script, args);
    }

    private static String lastLine(Path dir, String program, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program, script));
        command.addAll(List.of(args));
        String stdout = Processes.run(dir, null, command).requireSuccess().stdout();
        return stdout.lines().reduce((first, second) -> second).orElseThrow();
    }

    /** A Python 3 that has kafka-python: the one on the PATH, else the system's (Debian's python3-kafka). */
    private static String pythonWithKafka() throws Exception {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                // Isolated (-I), so that a directory named kafka in the working directory does not count.
                if (Processes.run(null, null, List.of(python, "-I", "-c", "import kafka.admin")).exitCode() == 0) {
                    return python;
                }
            } catch (IOException notInstalled) {
                // Try the next interpreter.
            }
        }
        throw new AssertionError("kafka-python is not installed: apt-get install -y python3-kafka "
                + "(or pip install kafka-python)");
    }
}
