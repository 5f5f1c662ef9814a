package dev.sluice.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of a broker's {@code /metrics} in the Prometheus text format, parsed into samples, and plain
 * HTTP GETs of its other endpoints.
 */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One sample line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    static Scrape of(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = get(baseUrl + "/metrics", null);
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            String rest;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int close = line.indexOf('}', brace);
                parseLabels(line.substring(brace + 1, close), labels);
                rest = line.substring(close + 1).trim();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            }
            String value = rest.split(" ")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(value)));
        }
        return new Scrape(samples);
    }

    private static void parseLabels(String text, Map<String, String> labels) {
        int at = 0;
        while (at < text.length()) {
            int eq = text.indexOf('=', at);
            int end = text.indexOf('"', eq + 2);
            labels.put(text.substring(at, eq), text.substring(eq + 2, end));
            at = end + 1;
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
    }

    /** Samples of the metric whose labels include every given {@code key=value}. */
    List<Sample> samples(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labels)) {
                found.add(sample);
            }
        }
        return found;
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (String label : labels) {
            int eq = label.indexOf('=');
            if (!label.substring(eq + 1).equals(sample.labels().get(label.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }

    boolean has(String name, String... labels) {
        return !samples(name, labels).isEmpty();
    }

    /** The sum over every matching sample; 0 when none matches. */
    double sum(String name, String... labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The value of the one matching sample. */
    double value(String name, String... labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample of " + name + " " + List.of(labels) + ", found " + found);
        }
        return found.get(0).value();
    }
}
