package dev.sluice.tests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the kcat binary (librdkafka) against a broker and captures what it prints. */
final class Kcat {
    private Kcat() {
    }

    static Processes.Result run(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("kcat");
        command.addAll(List.of(args));
        return Processes.run(null, input, command);
    }
}
