package dev.wren.guard.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.servlet.whiteboard.Preprocessor;

import dev.wren.guard.internal.LoginThrottle.Admission;
import dev.wren.guard.internal.LoginThrottle.Failure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Servlet Whiteboard preprocessor: runs before the web server picks a servlet context, so before the
 * web console's authentication, for every request the gateway's web server answers. In order:
 * <ol>
 * <li>a state-changing request without same-origin proof ({@link SameOrigin}) is answered 403 with the
 * reason, and logged at WARN with the source address;</li>
 * <li>a request with credentials from a locked-out source ({@link LoginThrottle}) is answered 429 with
 * {@code Retry-After}, before the credentials are looked at;</li>
 * <li>a configuration POST that replaces ({@code apply=true}) is passed on as an update
 * ({@link UpdateNotReplace}), so properties it does not name keep their values;</li>
 * <li>after the console answered, a 401 to a request under the console's path that carried credentials
 * is a failed login (counted, logged with the source address within the log budget), anything else a
 * success; requests elsewhere are not accounted (no authentication ran there).</li>
 * <li>beyond {@code keepalive.max} connections kept open between requests, the answer closes its
 *     connection ({@link KeepAlives}): the web server's buffers stay bounded whatever the number of pollers;</li>
 * </ol>
 */
final class ConsoleGuard implements Preprocessor {

    private record Policy(Settings settings, SameOrigin sameOrigin, LoginThrottle throttle) {
    }

    private final GuardLog log;
    private volatile Policy policy;
    private final KeepAlives keepAlives = new KeepAlives();

    ConsoleGuard(GuardLog log, Settings settings) {
        this.log = log;
        configure(settings);
    }

    /** Takes new settings; the throttle's memory survives unless its own settings changed. */
    void configure(Settings s) {
        Policy old = policy;
        LoginThrottle throttle = old != null && old.settings().freeFailures() == s.freeFailures()
                && old.settings().initialLockoutMs() == s.initialLockoutMs()
                && old.settings().maxLockoutMs() == s.maxLockoutMs()
                ? old.throttle()
                : new LoginThrottle(s.freeFailures(), s.initialLockoutMs(), s.maxLockoutMs());
        policy = new Policy(s, new SameOrigin(s.allowedOrigins()), throttle);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest r) || !(res instanceof HttpServletResponse w)) {
            chain.doFilter(req, res);
            return;
        }
        Policy p = policy;
        String source = r.getRemoteAddr();
        boolean safe = r.getMethod().equals("GET") || r.getMethod().equals("HEAD");
        SameOrigin.Verdict verdict = p.sameOrigin().check(new SameOrigin.Request(r.getMethod(),
                safe && r.getParameter("post") != null, r.getScheme(), host(r), r.getHeader("Origin"),
                r.getHeader("Referer"), r.getHeader("Sec-Fetch-Site"), r.getHeader("Cookie")));
        if (!verdict.allowed()) {
            log.warn("Refused " + r.getMethod() + " " + r.getRequestURI() + " from " + source + ": " + verdict.reason());
            answer(w, HttpServletResponse.SC_FORBIDDEN, "Refused: " + verdict.reason());
            return;
        }
        String uri = r.getRequestURI();
        String console = p.settings().consolePath();
        // only under the console does its authentication run: elsewhere a 404 would pass for a success
        String credential = uri != null && (uri.equals(console) || uri.startsWith(console + "/"))
                ? r.getHeader("Authorization") : null;
        long now = now();
        Admission admission = p.throttle().admit(source, credential, now);
        if (admission == Admission.LOCKED) {
            long seconds = Math.max(1, (p.throttle().lockedFor(source, now) + 999) / 1000);
            w.setHeader("Retry-After", Long.toString(seconds));
            answer(w, 429, "Too many failed logins from " + source + ": locked out for another " + seconds + " s");
            return;
        }
        if (admission == Admission.BUSY) {
            w.setHeader("Retry-After", "1");
            answer(w, 429, "Too many login attempts from " + source + " at once");
            return;
        }
        if (!keepAlives.keep(source + ":" + r.getRemotePort(), p.settings().keepAliveMax(), now)) {
            w.setHeader("Connection", "close");
        }
        HttpServletRequest forward = UpdateNotReplace.applies(r, p.settings().consolePath()) ? new UpdateNotReplace(r) : r;
        boolean answered = false;
        try {
            chain.doFilter(forward, w);
            answered = true;
        } finally {
            if (credential != null) {
                account(p.throttle(), r, w, source, credential, admission, answered);
            }
        }
    }

    private void account(LoginThrottle throttle, HttpServletRequest r, HttpServletResponse w, String source,
                         String credential, Admission admission, boolean answered) {
        int status = w.getStatus();
        boolean logout = r.getRequestURI().equals(policy.settings().consolePath() + "/logout");
        if (status == HttpServletResponse.SC_UNAUTHORIZED && !logout) {
            Failure f = throttle.failed(source, credential, admission, now());
            if (f.firstOfBurst()) {
                log.info("Failed login from " + source);
            }
            if (f.warn()) {
                log.warn(f.failures() + " failed logins from " + source + ", locked out for "
                        + f.lockoutMs() / 1000 + " s");
            }
        } else if (status != HttpServletResponse.SC_UNAUTHORIZED && answered) {
            int before = throttle.succeeded(source, credential, admission, now());
            if (before > 0) {
                log.info("Login from " + source + " after " + before + " failed attempts");
            }
        } else {
            throttle.abandoned(source, admission);
        }
    }

    private static String host(HttpServletRequest r) {
        String host = r.getHeader("Host");
        return host != null && !host.isBlank() ? host.trim() : r.getServerName() + ":" + r.getServerPort();
    }

    private static void answer(HttpServletResponse w, int status, String text) throws IOException {
        if (w.isCommitted()) {
            return;
        }
        w.resetBuffer();
        w.setStatus(status);
        w.setContentType("text/plain;charset=UTF-8");
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        w.setContentLength(body.length);
        w.getOutputStream().write(body);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
