package dev.wren.standalone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsolePasswordTest {

    @Test
    void hashHasTheFormTheWebConsoleVerifies() {
        // vector checked against org.apache.felix.webconsole 5.0.18 Password.matches()
        assertEquals("{sha-256}0123456789abcdef-1000-4qP+5Iyx9Ig7iRxTa4OySMvnQV+P3MiVY4s1z486zaI=",
                ConsolePassword.hash("s3cret", "0123456789abcdef", 1000));
    }

    @Test
    void everyHashIsSaltedAnew() {
        assertNotEquals(ConsolePassword.hash("same"), ConsolePassword.hash("same"));
    }

    @Test
    void generatedPasswordsAreLongAndDistinct() {
        String a = ConsolePassword.generate(20);
        assertEquals(20, a.length());
        assertNotEquals(a, ConsolePassword.generate(20));
    }

    @Test
    void defaultsCountAsUnset() {
        assertTrue(ConsolePassword.isUnset(null));
        assertTrue(ConsolePassword.isUnset(ConsolePassword.LOCKED));
        assertTrue(ConsolePassword.isUnset(ConsolePassword.ADMIN));
    }
}
