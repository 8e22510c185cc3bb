package dev.wren.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.wren.deploy.internal.Command.Verb;

class CommandTest {

    static final String SHA = "ab".repeat(32);

    static Command parse(String json) {
        return Command.parse(json.getBytes(StandardCharsets.UTF_8), "job-1");
    }

    @Test
    void aDownloadNamesItsUrlAndHashAndIsInstalledUnlessToldNot() {
        Command c = parse("{\"verb\":\"download\",\"url\":\"https://fleet.example/m.dp\",\"sha256\":\"" + SHA.toUpperCase()
                + "\"}");
        assertEquals(Verb.DOWNLOAD, c.verb());
        assertEquals("job-1", c.job());
        assertEquals("https://fleet.example/m.dp", c.url().toString());
        assertEquals(SHA, c.sha256());
        assertTrue(c.install());
        assertFalse(parse("{\"verb\":\"DOWNLOAD\",\"job\":\"j.7\",\"url\":\"http://h/x\",\"sha256\":\"" + SHA
                + "\",\"install\":false}").install());
    }

    @Test
    void theOtherVerbs() {
        assertEquals(Verb.LIST, parse("{\"verb\":\"list\"}").verb());
        assertEquals(Verb.STATUS, parse(" {\"verb\" : \"status\"} ").verb());
        assertEquals("dev.wren.model.x-1.0.0", parse("{\"verb\":\"uninstall\",\"name\":\"dev.wren.model.x-1.0.0\"}").name());
        assertEquals("j1", parse("{\"verb\":\"install\",\"job\":\"j1\"}").job());
        assertEquals(null, parse("{\"verb\":\"cancel\"}").job());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                                   | malformed request: not JSON",
        "{\"verb\":\"list\"                                 | malformed request: not JSON",
        "{verb:'list'}                                      | malformed request: not JSON",
        "{\"verb\":\"list\"} {}                             | malformed request: text after the JSON object",
        "[\"list\"]                                         | malformed request: a JSON object is expected",
        "{}                                                 | verb: missing",
        "{\"verb\":7}                                       | verb: must be a string",
        "{\"verb\":\"reboot\"}                              | verb: unknown verb 'reboot'",
        "{\"verb\":\"list\",\"url\":\"http://h/x\"}         | url: not a field of list (its fields: none)",
        "{\"verb\":\"download\",\"sha256\":\"" + "0" + "\"} | url: missing",
        "{\"verb\":\"download\",\"url\":\"ftp://h/x\",\"sha256\":\"00\"} | url: only http and https URLs are fetched, was 'ftp://h/x'",
        "{\"verb\":\"download\",\"url\":\"file:///etc/shadow\"} | url: only http and https URLs are fetched",
        "{\"verb\":\"download\",\"url\":\"http:///x\"}      | url: no host",
        "{\"verb\":\"download\",\"url\":\"http://h/ x\"}    | url: not a URL",
        "{\"verb\":\"download\",\"url\":\"http://h/x\",\"sha256\":\"12\"} | sha256: must be 64 hexadecimal digits, was '12'",
        "{\"verb\":\"uninstall\",\"name\":\"../../etc\"}    | name: must be a deployment package's symbolic name",
        "{\"verb\":\"install\",\"job\":\"a/b\"}             | job: must be 1 to 64 letters",
    })
    void badRequestsAreRefusedWithTheirReason(String json, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json == null ? "" : json));
        assertTrue(e.getMessage().startsWith(reason.strip()), e.getMessage());
    }

    @Test
    void aDownloadWithABadInstallFlagIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"verb\":\"download\",\"url\":\"http://h/x\",\"sha256\":\"" + SHA + "\",\"install\":\"yes\"}"));
        assertEquals("install: must be true or false", e.getMessage());
    }
}
