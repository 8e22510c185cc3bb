package dev.wren.deploy.internal;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * One request to the agent, read from its JSON and checked field by field; anything else is an
 * {@link IllegalArgumentException} whose message is the answer ("url: only http and https ...").
 *
 * @param verb    what to do
 * @param job     the job id: the requester's ({@code "job"}) or one given by the agent; download only
 * @param url     where to download from (http or https); download only
 * @param sha256  the package's SHA-256, 64 hex digits, lower case; download only
 * @param install whether a download is installed once complete (default true)
 * @param name    the deployment package to uninstall
 */
record Command(Verb verb, String job, URI url, String sha256, boolean install, String name) {

    enum Verb {
        /** The installed deployment packages and bundles. */
        LIST,
        /** The current or last job. */
        STATUS,
        /** Fetch a package, and install it unless told not to. */
        DOWNLOAD,
        /** Install the package the current job downloaded with {@code "install": false}. */
        INSTALL,
        /** Uninstall a deployment package by name. */
        UNINSTALL,
        /** Stop the current download; its partial file is deleted. */
        CANCEL
    }

    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);
    private static final Pattern WHERE = Pattern.compile("line \\d+ column \\d+");
    private static final Pattern JOB = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Map<Verb, Set<String>> FIELDS = Map.of(
            Verb.LIST, Set.of(),
            Verb.STATUS, Set.of(),
            Verb.DOWNLOAD, Set.of("job", "url", "sha256", "install"),
            Verb.INSTALL, Set.of("job"),
            Verb.UNINSTALL, Set.of("name"),
            Verb.CANCEL, Set.of("job"));

    /**
     * @param payload  the request's bytes, UTF-8 JSON
     * @param newJobId the id of a download that names none
     */
    static Command parse(byte[] payload, String newJobId) {
        JsonObject o;
        try (JsonReader r = new JsonReader(new StringReader(new String(payload, StandardCharsets.UTF_8)))) {
            r.setStrictness(Strictness.STRICT);
            JsonElement e = ELEMENT.read(r);
            if (!end(r)) {
                throw new IllegalArgumentException("malformed request: text after the JSON object");
            }
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("malformed request: a JSON object is expected");
            }
            o = e.getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("malformed request: not JSON (" + firstLine(e) + ")");
        }
        Verb verb = verb(o);
        Set<String> allowed = FIELDS.get(verb);
        for (String key : o.keySet()) {
            if (!key.equals("verb") && !allowed.contains(key)) {
                throw new IllegalArgumentException(key + ": not a field of " + lower(verb) + " (its fields: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())) + ")");
            }
        }
        return switch (verb) {
            case LIST, STATUS -> new Command(verb, null, null, null, false, null);
            case DOWNLOAD -> new Command(verb, o.has("job") ? job(o) : newJobId, url(o), sha256(o),
                    !o.has("install") || bool(o, "install"), null);
            case INSTALL, CANCEL -> new Command(verb, o.has("job") ? job(o) : null, null, null, true, null);
            case UNINSTALL -> new Command(verb, null, null, null, false, matching(o, "name", NAME,
                    "a deployment package's symbolic name"));
        };
    }

    private static boolean end(JsonReader r) {
        try {
            return r.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException | JsonParseException e) {
            return false;
        }
    }

    private static Verb verb(JsonObject o) {
        String v = string(o, "verb");
        try {
            return Verb.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verb: unknown verb '" + shorten(v) + "' (known: list, status, download,"
                    + " install, uninstall, cancel)");
        }
    }

    private static String job(JsonObject o) {
        return matching(o, "job", JOB, "1 to 64 letters, digits, '.', '_' or '-'");
    }

    private static URI url(JsonObject o) {
        String s = string(o, "url");
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url: only http and https URLs are fetched, was '" + shorten(s) + "'");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("url: no host in '" + shorten(s) + "'");
        }
        return u;
    }

    private static String sha256(JsonObject o) {
        return matching(o, "sha256", SHA256, "64 hexadecimal digits").toLowerCase(Locale.ROOT);
    }

    private static String matching(JsonObject o, String field, Pattern p, String what) {
        String s = string(o, field);
        if (!p.matcher(s).matches()) {
            throw new IllegalArgumentException(field + ": must be " + what + ", was '" + shorten(s) + "'");
        }
        return s;
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return p.getAsString();
    }

    private static boolean bool(JsonObject o, String field) {
        if (!(o.get(field) instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw new IllegalArgumentException(field + ": must be true or false");
        }
        return p.getAsBoolean();
    }

    static String lower(Verb v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** Where Gson stopped ("line 1 column 18"), without its advice to parse leniently. */
    private static String firstLine(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        Matcher at = WHERE.matcher(m);
        if (at.find()) {
            return "at " + at.group();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
