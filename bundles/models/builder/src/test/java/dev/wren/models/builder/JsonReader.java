package dev.wren.models.builder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON this builder writes, for the tests: objects as maps, arrays as lists, numbers as doubles. */
final class JsonReader {

    private final String s;
    private int at;

    private JsonReader(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        Object v = r.value();
        r.space();
        if (r.at != text.length()) {
            throw new IllegalArgumentException("text after the value at " + r.at);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private Object value() {
        space();
        char c = s.charAt(at);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            at++;
            while (!next('}')) {
                String key = (String) value();
                expect(':');
                m.put(key, value());
                next(',');
            }
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            at++;
            while (!next(']')) {
                l.add(value());
                next(',');
            }
            return l;
        }
        if (c == '"') {
            int end = s.indexOf('"', at + 1);
            String text = s.substring(at + 1, end);
            at = end + 1;
            return text;
        }
        int start = at;
        while (at < s.length() && "+-.0123456789eE".indexOf(s.charAt(at)) >= 0) {
            at++;
        }
        return Double.parseDouble(s.substring(start, at));
    }

    private boolean next(char c) {
        space();
        if (at < s.length() && s.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw new IllegalArgumentException("'" + c + "' expected at " + at);
        }
    }

    private void space() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
    }

    static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Double) l.get(i)).floatValue();
        }
        return f;
    }
}
