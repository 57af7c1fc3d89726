package org.weft.core.id;

/**
 * A server name (appendices, "Server Name"): {@code hostname [ ":" port ]}, where the hostname
 * is a dotted-quad IPv4 literal, a bracketed IPv6 literal or a DNS name of 1-255 characters from
 * {@code [A-Za-z0-9.-]}.
 *
 * <p>{@link #host()} keeps the hostname exactly as written, brackets of an IPv6 literal
 * included, because the spec compares server names as case-sensitive strings
 * ({@code matrix.org} and {@code MATRIX.ORG} are different servers); normalising anything would
 * change identities. For the same reason a port with leading zeros ({@code :080}) is refused
 * rather than rewritten to {@code :80}.
 *
 * <p>DNS names are checked against the grammar only (any mix of the allowed characters); the
 * label conventions the appendix merely recommends are not enforced, so identifiers from other
 * servers are not rejected for style. Host names consisting of four dot-separated numbers are
 * read as IPv4 literals and must have octets 0-255. IPv6 literals follow RFC 3513 section 2.2
 * (eight groups, one optional {@code ::}, optional trailing dotted quad).
 *
 * @param host the hostname as written (IPv6 with brackets)
 * @param port the explicit port 1-65535, or null when none was given
 */
public record ServerName(String host, Integer port) {

    /** Longest DNS name the grammar allows ({@code 1*255dns-char}). */
    private static final int MAX_DNS_NAME = 255;

    public ServerName {
        if (host == null) {
            throw new IllegalArgumentException("Server name host is null");
        }
        checkHost(host);
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("Port must be 1-65535: " + port);
        }
    }

    /** A server name without explicit port. */
    public static ServerName of(String host) {
        return new ServerName(host, null);
    }

    /**
     * Parses {@code host[:port]}.
     *
     * @throws IllegalArgumentException if the text does not match the server name grammar
     */
    public static ServerName parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Server name is empty");
        }
        String host;
        String portText = null;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed IPv6 literal in server name: "
                        + IdGrammar.quote(text));
            }
            host = text.substring(0, close + 1);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("Unexpected text after IPv6 literal: "
                            + IdGrammar.quote(text));
                }
                portText = text.substring(close + 2);
            }
        } else {
            // Neither DNS names nor IPv4 literals contain ':', so the first one starts the port.
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        return new ServerName(host, portText == null ? null : parsePort(portText, text));
    }

    private static int parsePort(String portText, String whole) {
        int n = portText.length();
        if (n == 0 || n > 5 || portText.charAt(0) == '0') {
            throw new IllegalArgumentException("Invalid port in server name: " + IdGrammar.quote(whole));
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            char c = portText.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("Invalid port in server name: " + IdGrammar.quote(whole));
            }
            value = value * 10 + (c - '0');
        }
        if (value > 65535) {
            throw new IllegalArgumentException("Port out of range in server name: " + IdGrammar.quote(whole));
        }
        return value;
    }

    private static void checkHost(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Server name host is empty");
        }
        if (host.charAt(0) == '[') {
            if (host.length() < 2 || host.charAt(host.length() - 1) != ']'
                    || !isIpv6(host.substring(1, host.length() - 1))) {
                throw new IllegalArgumentException("Invalid IPv6 literal: " + IdGrammar.quote(host));
            }
            return;
        }
        if (host.length() > MAX_DNS_NAME) {
            throw new IllegalArgumentException("Host name longer than " + MAX_DNS_NAME + " characters");
        }
        boolean digitsAndDots = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean dnsChar = digit || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!dnsChar) {
                throw new IllegalArgumentException("Invalid character in server name: " + IdGrammar.quote(host));
            }
            digitsAndDots &= digit || c == '.';
        }
        if (digitsAndDots && countDots(host) == 3 && !isIpv4(host)) {
            throw new IllegalArgumentException("Invalid IPv4 literal: " + IdGrammar.quote(host));
        }
    }

    private static int countDots(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }

    /** Four decimal numbers 0-255 of 1-3 digits each, separated by dots. */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3513 section 2.2 text forms, within the appendix's 2-45 character limit. */
    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon < 0) {
            return groups(s, true) == 8;
        }
        if (s.indexOf("::", doubleColon + 1) >= 0) {
            return false; // at most one "::" (this also rejects ":::")
        }
        String tail = s.substring(doubleColon + 2);
        int head = groups(s.substring(0, doubleColon), false);
        int rest = groups(tail, true);
        // "::" stands for at least one zero group.
        return head >= 0 && rest >= 0 && head + rest <= 7;
    }

    /**
     * Counts the 16-bit groups of a colon-separated run (empty run: 0). A trailing dotted quad,
     * where allowed, counts as two groups. Returns -1 if the run is malformed.
     */
    private static int groups(String run, boolean ipv4AllowedLast) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] pieces = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && ipv4AllowedLast && piece.indexOf('.') >= 0) {
                if (!isIpv4(piece)) {
                    return -1;
                }
                count += 2;
            } else if (isHexGroup(piece)) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isHexGroup(String piece) {
        if (piece.isEmpty() || piece.length() > 4) {
            return false;
        }
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the host is an IPv4 or bracketed IPv6 literal rather than a DNS name. */
    public boolean isIpLiteral() {
        return host.charAt(0) == '[' || isIpv4(host);
    }

    /** The wire form, {@code host} or {@code host:port}. */
    @Override
    public String toString() {
        return port == null ? host : host + ':' + port;
    }
}
