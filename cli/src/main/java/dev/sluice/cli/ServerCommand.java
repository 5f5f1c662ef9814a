package dev.sluice.cli;

import dev.sluice.broker.Broker;
import dev.sluice.broker.metrics.MetricsServer;
import dev.sluice.config.BrokerConfig;
import dev.sluice.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sluice server}: runs a broker in the foreground until it is interrupted. */
@Command(name = "server", description = "Start a broker. Without --config it uses the embedded default "
        + "(listener 127.0.0.1:9092, data under ./data).")
final class ServerCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "server.properties file")
    Path configFile;

    @Option(names = {"-o", "--override"}, paramLabel = "KEY=VALUE",
            description = "Set a configuration key, overriding the file (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The command for {@code sluice server} arguments of the plain shapes, {@code -c}/{@code --config FILE} at
     * most once and {@code -o}/{@code --override KEY=VALUE} (each also as {@code --name=value}), read without
     * picocli, whose setup is a fifth of a broker's start on a fresh JVM; null for anything else (help, version,
     * usage errors, other spellings), which picocli then parses and reports as usual.
     */
    static ServerCommand parsePlain(String[] args) {
        ServerCommand command = new ServerCommand();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            int equals = name.startsWith("--") ? name.indexOf('=') : -1;
            String value;
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            switch (name) {
                case "-c", "--config" -> {
                    if (command.configFile != null) {
                        return null;
                    }
                    command.configFile = Path.of(value);
                }
                case "-o", "--override" -> {
                    int separator = value.indexOf('=');
                    if (separator <= 0) {
                        return null;
                    }
                    command.overrides.put(value.substring(0, separator), value.substring(separator + 1));
                }
                default -> {
                    return null;
                }
            }
        }
        return command;
    }

    @Override
    public Integer call() throws Exception {
        if (configFile != null && Files.notExists(configFile)) {
            // The config module reports a missing file with the bare path as its reason.
            throw new CliException("cannot read configuration file " + configFile + ": no such file");
        }
        BrokerConfig config;
        try {
            config = BrokerConfig.load(configFile, overrides);
        } catch (ConfigException e) {
            throw new CliException("invalid configuration: " + e.getMessage());
        }
        NettyTuning.apply();
        Broker broker;
        try {
            broker = Broker.start(config);
        } catch (MetricsServer.MetricsBindException e) {
            throw new CliException(e.getMessage() + "; stop whatever uses that port, choose another with "
                    + "--override metrics.listener=127.0.0.1:PORT or turn metrics off with metrics.listener=none");
        } catch (BindException e) {
            throw new CliException("cannot listen on " + config.listeners().get(0).host() + ":"
                    + config.listeners().get(0).port() + " (" + e.getMessage() + "); stop whatever uses that port "
                    + "or choose another with --override listeners=PLAINTEXT://127.0.0.1:PORT");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        System.out.println("Sluice broker " + config.nodeId() + " listening on " + broker.node().endpoint().host()
                + ":" + broker.port() + ", data in " + config.logDirs().get(0).toAbsolutePath().normalize()
                + (config.usingEmbeddedDefault() ? " (embedded default config)" : ""));
        System.out.flush();
        markClassArchiveWorthKeeping();
        stopped.await();
        return 0;
    }

    /**
     * The launcher has this run write a class-data archive at exit; the mark tells it the archive comes from a
     * broker that served, not from a run that stopped early with only a few classes loaded.
     */
    private static void markClassArchiveWorthKeeping() {
        String marker = System.getProperty("sluice.cds.served");
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), "");
            } catch (IOException e) {
                System.err.println("cannot write " + marker + " (" + e.getMessage() + "); the next start writes the "
                        + "class-data archive again");
            }
        }
    }
}
