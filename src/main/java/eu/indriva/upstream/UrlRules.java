package eu.indriva.upstream;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which base URLs Indriva may call with a tenant's secrets. A base URL is admin input, so it must
 * not point Indriva at the host's own services or the cloud's metadata endpoint:
 * <ul>
 *   <li>https only, unless {@code allowInsecure} (the sandbox and tests: plain http and loopback);</li>
 *   <li>never link-local or metadata addresses (169.254.0.0/16, fe80::/10, fd00::/8, metadata host names),
 *       nor the unspecified address, whatever the setting;</li>
 *   <li>loopback (127.0.0.0/8, ::1, localhost) only with {@code allowInsecure};</li>
 *   <li>when a system's allow-list is set, only hosts on it ({@code api.example.com} or {@code *.example.com}).</li>
 * </ul>
 * Checked when a tenant is saved and again, on the resolved addresses, before each call (a name may
 * be re-pointed after it was saved). Redirects are never followed (the HTTP client's default).
 */
public record UrlRules(boolean allowInsecure, List<String> accountingHosts, List<String> agencyHosts) {

    public enum System { ACCOUNTING, AGENCY }

    private static final List<String> METADATA_NAMES = List.of("metadata", "metadata.google.internal", "metadata.azure.internal");

    public UrlRules {
        accountingHosts = normalise(accountingHosts);
        agencyHosts = normalise(agencyHosts);
    }

    /** What is wrong with this base URL, in words, or empty when it may be used (no DNS lookup). */
    public Optional<String> problem(URI url, System system) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        // sftp is encrypted and its host key pinned, like https
        if (!scheme.equals("https") && !scheme.equals("sftp") && !(allowInsecure && scheme.equals("http"))) {
            return Optional.of("must use https" + (allowInsecure ? "" : " (plain http is allowed only with indriva.security.allow-insecure-urls, for a sandbox)"));
        }
        String host = host(url);
        if (METADATA_NAMES.contains(host)) {
            return Optional.of("must not point at a cloud metadata service (" + host + ")");
        }
        if (!allowInsecure && (host.equals("localhost") || host.endsWith(".localhost"))) {
            return Optional.of("must not point at this machine (" + host + ")");
        }
        List<String> allowed = system == System.ACCOUNTING ? accountingHosts : agencyHosts;
        if (!allowed.isEmpty() && allowed.stream().noneMatch(pattern -> matches(pattern, host))) {
            return Optional.of("host " + host + " is not in indriva." + (system == System.ACCOUNTING ? "accounting" : "agency")
                    + ".allowed-hosts " + allowed);
        }
        if (isLiteral(host)) {
            try {
                return addressProblem(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return Optional.of("has an unreadable address " + host);
            }
        }
        return Optional.empty();
    }

    /** {@link #problem} and, for a host name, every address it resolves to now (a name that does not resolve passes here). */
    public Optional<String> problemResolved(URI url, System system) {
        Optional<String> p = problem(url, system);
        if (p.isPresent() || isLiteral(host(url))) {
            return p;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host(url))) {
                Optional<String> q = addressProblem(a);
                if (q.isPresent()) {
                    return Optional.of(q.get() + ", which " + host(url) + " resolves to");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<String> addressProblem(InetAddress a) {
        byte[] b = a.getAddress();
        if (a.isLinkLocalAddress() || b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254) {
            return Optional.of("must not point at a link-local or cloud metadata address (" + a.getHostAddress() + ")");
        }
        if (a instanceof Inet6Address && (b[0] & 0xff) == 0xfd) {
            return Optional.of("must not point at a unique-local fd00::/8 address such as the cloud metadata service (" + a.getHostAddress() + ")");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("must not point at the unspecified address (" + a.getHostAddress() + ")");
        }
        if (a.isLoopbackAddress() && !allowInsecure) {
            return Optional.of("must not point at this machine (" + a.getHostAddress() + ")");
        }
        return Optional.empty();
    }

    private static String host(URI url) {
        String h = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** An IP literal: digits and dots, or anything with a colon (IPv6); never looked up in DNS. */
    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static boolean matches(String pattern, String host) {
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern);
    }

    private static List<String> normalise(List<String> hosts) {
        return hosts == null ? List.of() : hosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }
}
