package dev.wren.itests.process;

import java.util.concurrent.TimeUnit;

/** A command of the machine the tests run on (mount, umount), with a bounded wait. */
final class Shell {

    private Shell() {
    }

    /** @return the command's exit status; its output goes to standard error when it fails */
    static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + out);
        }
        return p.exitValue();
    }
}
