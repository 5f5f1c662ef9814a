package dev.sluice.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One listener address, {@code NAME://host:port}. The name is upper-cased (Kafka matches listener names
 * case-insensitively); an empty host means every interface; port 0 asks the OS for a free port. IPv6
 * hosts are written in brackets and stored without them. Immutable.
 */
public record Endpoint(String name, String host, int port) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOSTNAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    /** What {@link #parse} accepts, in a few words. */
    static final String FORMAT = "NAME://host:port (host may be empty, port 0 to 65535)";

    /**
     * Parses {@code NAME://host:port}.
     *
     * @throws IllegalArgumentException with a reason when the text is not a valid endpoint
     */
    public static Endpoint parse(String text) {
        String s = text.trim();
        int sep = s.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("'" + s + "' is not of the form NAME://host:port");
        }
        String name = s.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("listener name '" + name + "' must be letters, digits and underscores");
        }
        String hostPort = s.substring(sep + 3);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + s + "' has no port");
        }
        String host = parseHost(hostPort.substring(0, colon), s);
        return new Endpoint(name.toUpperCase(Locale.ROOT), host, parsePort(hostPort.substring(colon + 1), s));
    }

    /**
     * Parses {@code host:port} as the address part of a listener, for endpoints that carry no listener name.
     * Returns null for {@code none} or an empty text, which mean no endpoint.
     *
     * @throws IllegalArgumentException with a reason when the text is neither
     */
    public static Endpoint parseHostPort(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return null;
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + s + "' has no port");
        }
        return new Endpoint("", parseHost(s.substring(0, colon), s), parsePort(s.substring(colon + 1), s));
    }

    private static String parseHost(String host, String whole) {
        if (host.startsWith("[") && host.endsWith("]")) {
            String inner = host.substring(1, host.length() - 1);
            if (inner.indexOf(':') >= 0 && IPV6.matcher(inner).matches()) {
                return inner;
            }
        } else if (host.isEmpty() || HOSTNAME.matcher(host).matches()) {
            return host;
        }
        throw new IllegalArgumentException("'" + whole + "' has an invalid host '" + host + "'");
    }

    private static int parsePort(String port, String whole) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole endpoint
        }
        throw new IllegalArgumentException("'" + whole + "' has an invalid port '" + port + "'");
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return name + "://" + h + ":" + port;
    }
}
