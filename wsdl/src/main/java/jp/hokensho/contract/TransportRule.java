package jp.hokensho.contract;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain HTTP stays on the machine: the center and insurers serve or call without TLS only on a loopback host
 * (127.0.0.0/8, ::1, localhost); anywhere else card data and passwords travel over HTTPS. Hosts are judged as
 * written and never resolved, so a name that DNS happens to map to 127.0.0.1 does not pass.
 */
public final class TransportRule {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private TransportRule() {
    }

    /** Whether {@code host} (a bind or connect host, IPv6 possibly in brackets) is a loopback address. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(ipv4.group(1)) == 127;
        }
        if (!name.contains(":")) {
            return false; // a host name: not resolved (see the class comment)
        }
        try {
            // A string with ':' is parsed as an IPv6 literal, never looked up.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Why the service at {@code url} may not be called, or empty when it may: {@code https://} anywhere,
     * {@code http://} only on a loopback host.
     */
    public static Optional<String> refusalOf(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("no address");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            return Optional.of("no host in the address");
        }
        if (scheme.equals("https") || scheme.equals("http") && isLoopbackHost(uri.getHost())) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return Optional.of("plain HTTP to " + uri.getHost() + ", which is not a loopback host: use https://");
        }
        return Optional.of("scheme '" + scheme + "' is neither https nor http");
    }
}
