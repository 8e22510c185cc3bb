package dev.wren.guard.internal;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A configuration POST of the web console passed on as an update. The console's configuration plugin
 * replaces a configuration with the properties a POST names in {@code propertylist} when it says
 * {@code apply=true} (its own form does: it names every property), and merges them into the stored
 * ones when it says {@code apply=update}. Turning the first into the second changes nothing for the
 * form and keeps the properties a script did not name; a property the form empties is still removed.
 */
final class UpdateNotReplace extends HttpServletRequestWrapper {

    private static final String APPLY = "apply";

    UpdateNotReplace(HttpServletRequest request) {
        super(request);
    }

    /** @return whether {@code r} replaces a configuration through the console at {@code consolePath} */
    static boolean applies(HttpServletRequest r, String consolePath) {
        String uri = r.getRequestURI();
        if (uri == null || !uri.startsWith(consolePath + "/configMgr/")) {
            return false;
        }
        boolean post = r.getMethod().equals("POST")
                || (r.getMethod().equals("GET") && "true".equals(r.getParameter("post")));
        return post && "true".equals(r.getParameter(APPLY));
    }

    @Override
    public String getParameter(String name) {
        return APPLY.equals(name) ? "update" : super.getParameter(name);
    }

    @Override
    public String[] getParameterValues(String name) {
        return APPLY.equals(name) ? new String[] {"update"} : super.getParameterValues(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> params = new HashMap<>(super.getParameterMap());
        params.put(APPLY, new String[] {"update"});
        return params;
    }
}
