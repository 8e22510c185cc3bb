package dev.wren.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway copy of this machine to install packages into: each {@link #run} starts a shell in new
 * mount, network and PID namespaces, chrooted into an overlay whose lower layer is this system's root
 * file system (read only) and whose upper layer is a directory of this module's target/. Whatever dpkg,
 * adduser or the gateway write lands in that directory and survives from one run to the next; the
 * machine itself is never written. /dev holds only null, zero, random and urandom, /run and /tmp are
 * empty (no running systemd, so maintainer scripts only enable the unit), the folder holding the
 * sandbox (target/, with the packages) is there read-only at its own path, wherever the build runs
 * (a clone under /tmp too), the network has loopback only,
 * and every process started inside ends with the run. {@link #boot} starts the copy's own systemd in
 * it instead. Needs root (or CAP_SYS_ADMIN), overlayfs, iproute2 and systemd-nspawn.
 */
final class Sandbox {

    record Result(int exit, String out) {
        Result expect(int code, String what) {
            assertEquals(code, exit, what + " exited " + exit + ":\n" + out);
            return this;
        }
    }

    private final Path base;

    Sandbox(Path base) throws IOException, InterruptedException {
        this.base = base.toAbsolutePath();
        delete();
        for (String d : List.of("upper", "work", "root")) {
            Files.createDirectories(this.base.resolve(d));
        }
    }

    /** Runs {@code script} with bash (-euo pipefail) as root inside the copy. */
    Result run(String script, Duration timeout) throws IOException, InterruptedException {
        String setup = """
                set -euo pipefail
                m=$1
                mount --make-rprivate /
                mount -t overlay overlay -o lowerdir=/,upperdir=$2,workdir=$3 "$m"
                mount -t proc proc "$m/proc"
                mount -t sysfs -o ro sysfs "$m/sys"
                mount -t tmpfs -o mode=0755 tmpfs "$m/run"
                mount -t tmpfs -o mode=1777 tmpfs "$m/tmp"
                mount -t tmpfs -o mode=0755 tmpfs "$m/dev"
                for d in null zero random urandom; do touch "$m/dev/$d"; mount --bind "/dev/$d" "$m/dev/$d"; done
                ln -s /proc/self/fd "$m/dev/fd"
                mkdir "$m/dev/shm" && mount -t tmpfs -o mode=1777 tmpfs "$m/dev/shm"
                mkdir -p "$m$5" && mount --bind "$5" "$m$5" && mount -o remount,bind,ro "$m$5"
                ip link set lo up
                exec chroot "$m" /bin/bash -euo pipefail -c "$4"
                """;
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--net", "--pid", "--fork", "--kill-child",
                "bash", "-c", setup, "sandbox", base.resolve("root").toString(), base.resolve("upper").toString(),
                base.resolve("work").toString(), script, base.getParent().toString()));
        return exec(cmd, timeout);
    }

    /**
     * Boots the copy with systemd as PID 1 (systemd-nspawn; loopback network only; /run of a private
     * mount namespace, so nspawn's own state stays off this machine too) until it powers itself off.
     */
    Result boot(Duration timeout) throws IOException, InterruptedException {
        String setup = """
                set -euo pipefail
                mount --make-rprivate /
                mount -t overlay overlay -o lowerdir=/,upperdir=$2,workdir=$3 "$1"
                mount -t tmpfs tmpfs /run
                exec systemd-nspawn -q -D "$1" --private-network --link-journal=no --register=no --keep-unit -b
                """;
        return exec(List.of("unshare", "--mount", "--fork", "bash", "-c", setup, "sandbox", base.resolve("root").toString(),
                base.resolve("upper").toString(), base.resolve("work").toString()), timeout);
    }

    void delete() throws IOException, InterruptedException {
        if (Files.exists(base)) {
            exec(List.of("rm", "-rf", "--one-file-system", base.toString()), Duration.ofSeconds(60)).expect(0, "rm");
        }
    }

    static Result exec(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("wren-sandbox", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, "timed out after " + timeout + ": " + cmd.get(0) + "\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
