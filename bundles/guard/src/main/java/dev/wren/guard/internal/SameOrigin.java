package dev.wren.guard.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a state-changing request proves that it comes from the console's own pages.
 * <ul>
 * <li>State-changing: every method but GET, HEAD and OPTIONS, and a GET or HEAD with a {@code post}
 * parameter (the configuration plugin applies such a GET as a POST).</li>
 * <li>An {@code Origin} or {@code Referer} header that names another origin than the request's own
 * ({@code scheme://Host}) or one of the configured extra origins refuses the request; so does
 * {@code Origin: null} (sandboxed frames, redirects across origins) and a header that does not parse.</li>
 * <li>With neither header: a {@code Sec-Fetch-Site} of {@code same-origin} or {@code none} (a browser
 * says so itself; pages cannot forge it) allows, any other value refuses. Without that either, a request
 * carrying a {@code Cookie} comes from a browser that hid where it came from and is refused; one without
 * cookies is a plain HTTP client (curl, Wren's tools) and is allowed. Every current browser sends
 * {@code Origin} on a cross-origin POST, so this last case does not reopen the door to pages.</li>
 * </ul>
 * Pure logic, no servlet types: one instance per configuration, thread-safe.
 */
final class SameOrigin {

    /** What a request says about where it comes from; any header may be null. */
    record Request(String method, boolean hasPostParameter, String scheme, String host, String origin,
                   String referer, String secFetchSite, String cookie) {
    }

    /** @param reason null when allowed, else why not (for the 403 body and the log) */
    record Verdict(boolean allowed, String reason) {
        static final Verdict ALLOWED = new Verdict(true, null);

        static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final Set<String> extraOrigins;

    /** @param extraOrigins normalised origins ({@link #normalise}) trusted besides the request's own */
    SameOrigin(Set<String> extraOrigins) {
        this.extraOrigins = Set.copyOf(extraOrigins);
    }

    static boolean isStateChanging(String method, boolean hasPostParameter) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> hasPostParameter;
            case "OPTIONS" -> false;
            default -> true;
        };
    }

    Verdict check(Request r) {
        if (!isStateChanging(r.method(), r.hasPostParameter())) {
            return Verdict.ALLOWED;
        }
        String own = normalise(r.scheme() + "://" + r.host());
        boolean proven = false;
        if (r.origin() != null) {
            Verdict v = compare("Origin", r.origin(), own);
            if (!v.allowed()) {
                return v;
            }
            proven = true;
        }
        if (r.referer() != null) {
            Verdict v = compare("Referer", r.referer(), own);
            if (!v.allowed()) {
                return v;
            }
            proven = true;
        }
        if (proven) {
            return Verdict.ALLOWED;
        }
        if (r.secFetchSite() != null) {
            String site = r.secFetchSite().trim().toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none") ? Verdict.ALLOWED
                    : Verdict.refused("Sec-Fetch-Site is '" + clip(r.secFetchSite()) + "' and the request names no Origin");
        }
        if (r.cookie() != null) {
            return Verdict.refused("a request with cookies (a browser's) must name its Origin or Referer");
        }
        return Verdict.ALLOWED;
    }

    private Verdict compare(String header, String value, String own) {
        if (value.trim().equals("null")) {
            return Verdict.refused(header + " is 'null' (an opaque origin), not " + own);
        }
        String named = normalise(value);
        if (named == null) {
            return Verdict.refused(header + " '" + clip(value) + "' is not a URL");
        }
        if (named.equals(own) || extraOrigins.contains(named)) {
            return Verdict.ALLOWED;
        }
        return Verdict.refused(header + " names " + clip(named) + ", not this console's origin " + own);
    }

    /** @return the normalised origin if {@code s} is one (http or https, a host, no path, query or user), else null */
    static String origin(String s) {
        try {
            URI u = new URI(s.trim());
            boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                    && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null;
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return bare && (scheme.equals("http") || scheme.equals("https")) ? normalise(s) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** @return at most 120 characters of a header value: reasons go to the log and the answer */
    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }

    /**
     * @return {@code scheme://host[:port]} of a URL or origin, lower case, without the scheme's
     *         default port; null if it has no scheme or host
     */
    static String normalise(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            if (port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT);
            }
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
