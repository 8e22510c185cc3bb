package dev.wren.debian;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.wren.debian.Sandbox.Result;

/**
 * The packages build-packages made in this build: their metadata and contents (dpkg-deb), lintian, the
 * unit (systemd-analyze verify), the launcher's refusal of a 32-bit Java, and the amd64 package and the
 * tarball installed, started, upgraded, removed and purged in a {@link Sandbox}, a throwaway copy of
 * this machine (the machine itself is never written). Needs root, dpkg, lintian, systemd (for
 * systemd-analyze), overlayfs and iproute2: without them it fails, it does not skip.
 */
class PackageIT {

    static final Path OUT = Path.of(System.getProperty("wren.deb.dir", "target")).toAbsolutePath();
    static final Path MODULE = OUT.getParent();
    static final Path JAR = MODULE.resolve("../target/wren.jar").normalize();
    static final Path CONFIG = MODULE.resolve("../../config").normalize();
    static final Duration MINUTE = Duration.ofSeconds(60);

    static String version;

    @BeforeAll
    static void version() {
        String mvn = System.getProperty("wren.deb.version", "");
        String qualifier = System.getProperty("wren.deb.qualifier", "");
        assertFalse(mvn.isBlank() || qualifier.isBlank(), "run by Maven (failsafe passes the version and qualifier)");
        version = mvn.endsWith("-SNAPSHOT") ? mvn.substring(0, mvn.length() - 9) + "~" + qualifier : mvn;
    }

    static Path deb(String arch) {
        return OUT.resolve("wren_" + version + "_" + arch + ".deb");
    }

    static Result host(String... cmd) throws Exception {
        return Sandbox.exec(List.of(cmd), MINUTE);
    }

    @Test
    void twoArchitecturesAndATarball() throws Exception {
        try (Stream<Path> s = Files.list(OUT)) {
            List<String> built = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".deb") || n.endsWith(".tar.gz")).sorted().toList();
            assertEquals(List.of("wren-" + version + ".tar.gz", "wren_" + version + "_amd64.deb",
                    "wren_" + version + "_arm64.deb"), built, "no armhf or i386 package: ONNX Runtime has no 32-bit build");
        }
    }

    @Test
    void metadataAndContents() throws Exception {
        String jarMd5 = md5(JAR);
        for (String arch : List.of("arm64", "amd64")) {
            Path deb = deb(arch);
            String fields = host("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture", "Depends",
                    "Maintainer", "Section", "Priority").expect(0, "dpkg-deb -f").out();
            assertAll(arch,
                    () -> assertTrue(fields.contains("Package: wren\n"), fields),
                    () -> assertTrue(fields.contains("Version: " + version + "\n"), fields),
                    () -> assertTrue(fields.contains("Architecture: " + arch + "\n"), fields),
                    () -> assertTrue(fields.contains("Depends: openjdk-17-jre-headless | java17-runtime-headless, adduser"), fields));
            String conffiles = host("dpkg-deb", "-I", deb.toString(), "conffiles").expect(0, "dpkg-deb -I").out();
            List<String> expected = new ArrayList<>(List.of("/etc/default/wren", "/etc/wren/README.md"));
            try (Stream<Path> s = Files.list(CONFIG)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cfg")).forEach(n -> expected.add("/etc/wren/" + n));
            }
            try (Stream<Path> s = Files.list(OUT.resolve("trust"))) { // the signing key's certificate
                s.map(p -> "/etc/wren/trust/" + p.getFileName()).forEach(expected::add);
            }
            assertTrue(expected.stream().anyMatch(n -> n.startsWith("/etc/wren/trust/")), "a trusted certificate");
            assertEquals(expected.stream().sorted().toList(), conffiles.lines().sorted().toList(), "conffiles");
            Map<String, String> listing = listing(host("dpkg-deb", "-c", deb.toString()).expect(0, "dpkg-deb -c").out());
            assertAll(arch,
                    () -> assertEquals("-rw-r--r-- root/root", listing.get("./usr/lib/wren/wren.jar")),
                    () -> assertEquals("-rwxr-xr-x root/root", listing.get("./usr/lib/wren/wren-launch")),
                    () -> assertEquals("-rwxr-xr-x root/root", listing.get("./usr/lib/wren/wren-grant-power")),
                    () -> assertEquals("-rw-r--r-- root/root", listing.get("./usr/share/polkit-1/rules.d/60-wren-power.rules")),
                    () -> assertEquals("-rw-r--r-- root/root", listing.get("./lib/systemd/system/wren.service")),
                    () -> assertEquals("-rw-r--r-- root/root", listing.get("./usr/share/doc/wren/copyright")),
                    () -> assertFalse(listing.keySet().stream().anyMatch(p -> p.contains("maven") || p.endsWith(".pom")),
                            "no Maven on the device: " + listing.keySet()));
            for (String script : List.of("postinst", "prerm", "postrm")) {
                host("dpkg-deb", "-I", deb.toString(), script).expect(0, "the package has a " + script);
            }
            String md5sums = host("dpkg-deb", "-I", deb.toString(), "md5sums").expect(0, "dpkg-deb -I md5sums").out();
            assertTrue(md5sums.contains(jarMd5 + "  usr/lib/wren/wren.jar"), "the package holds this build's wren.jar");
        }
    }

    @Test
    void lintianClean() throws Exception {
        // errors and warnings fail; the one override (jar-not-in-usr-share) carries its reason in the package,
        // and lintian's info tag unused-override would say it is no longer needed (--show-overrides is not
        // used: lintian 2.116 exits 2 with it when a tag is overridden)
        Result r = host("lintian", "--fail-on", "error,warning", "--display-info",
                deb("amd64").toString(), deb("arm64").toString());
        List<String> bad = r.out().lines().filter(l -> l.matches("^[EW]: .*") || l.contains("unused-override")).toList();
        assertTrue(bad.isEmpty(), "lintian:\n" + r.out());
        r.expect(0, "lintian");
    }

    @Test
    void refusesA32BitJava() throws Exception {
        Path dir = Files.createDirectories(OUT.resolve("arch-check"));
        host("dpkg-deb", "-x", deb("amd64").toString(), dir.resolve("x").toString()).expect(0, "dpkg-deb -x");
        // the first 20 bytes of an ELF header: 32-bit (class 1), little-endian, executable, machine 40 (ARM)
        Path java = dir.resolve("java");
        Files.write(java, new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 40, 0});
        java.toFile().setExecutable(true);
        Path data = dir.resolve("data");
        Result r = Sandbox.exec(List.of("env", "WREN_JAVA=" + java, "WREN_DATA=" + data, "WREN_CONFIG=" + CONFIG,
                dir.resolve("x/usr/lib/wren/wren-launch").toString()), MINUTE);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("Wren needs a 64-bit OS (arm64 or amd64): ONNX Runtime has no 32-bit ARM build"), r.out());
        assertFalse(Files.exists(data), "nothing created before the refusal");
        // and the host's own (64-bit) java passes the check
        Sandbox.exec(List.of(dir.resolve("x/usr/lib/wren/wren-launch").toString(), "--check"), MINUTE).expect(0, "--check");
    }

    @Test
    void installStartUpgradeRemovePurge() throws Exception {
        Sandbox box = new Sandbox(OUT.resolve("sandbox-deb"));
        Path deb = deb("amd64");

        // the arm64 package is refused on this amd64 system, as an arm64 one would be on armhf
        Result refused = box.run("dpkg -i " + deb("arm64") + " 2>&1 || echo refused=$?", MINUTE);
        assertTrue(refused.out().contains("does not match system") && refused.out().contains("refused="), refused.out());

        long t0 = System.nanoTime();
        Result install = box.run("dpkg -i " + deb, MINUTE).expect(0, "dpkg -i");
        long installMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(install.out().contains("sudo cat /var/lib/wren/console-password"), install.out());

        String state = box.run("""
                getent passwd wren; id -nG wren; getent group wren-power
                stat -c '%n %a %U:%G' /var/lib/wren /var/cache/wren /etc/wren/dev.wren.sampling.Sampler.cfg
                readlink /etc/systemd/system/multi-user.target.wants/wren.service
                dpkg-query -W -f='${Version} ${Status}\\n' wren
                systemd-analyze verify /lib/systemd/system/wren.service && echo unit-verified
                """, MINUTE).expect(0, "state after install").out();
        assertAll("after install:\n" + state,
                () -> assertTrue(state.contains("wren:x:") && state.contains(":/var/lib/wren:/usr/sbin/nologin"), "system user"),
                () -> assertTrue(state.lines().anyMatch(l -> l.startsWith("wren ") && l.contains(" i2c") && l.contains(" gpio")),
                        "groups i2c and gpio"),
                () -> assertTrue(state.lines().anyMatch(l -> l.matches("wren-power:x:\\d+:")),
                        "the group wren-power, without members: nothing acts on the board until an operator says so"),
                () -> assertTrue(state.contains("/var/lib/wren 700 wren:wren"), "data 0700"),
                () -> assertTrue(state.contains("/var/cache/wren 700 wren:wren"), "cache 0700"),
                () -> assertTrue(state.contains("/etc/wren/dev.wren.sampling.Sampler.cfg 644 root:root"), "defaults"),
                () -> assertTrue(state.contains("/lib/systemd/system/wren.service"), "enabled"),
                () -> assertTrue(state.contains(version + " install ok installed"), "installed"),
                () -> assertTrue(state.contains("unit-verified"), "systemd-analyze verify"));

        // an administrator's setting, kept by the upgrade; then the service's command as systemd runs it
        box.run("sed -i 's/^#WREN_HTTP_PORT=8080/WREN_HTTP_PORT=8181/' /etc/default/wren", MINUTE).expect(0, "edit");
        Result started = box.run(start(8181), Duration.ofSeconds(120)).expect(0, "the service's command");
        String out = started.out();
        assertTrue(out.contains("HTTP/1.1 401"), "the console answers on the configured port:\n" + out);
        assertTrue(out.contains("password 600 wren:wren"), "the password is the gateway user's only:\n" + out);
        assertTrue(out.contains("exit=143"), "SIGTERM stops it in order (SuccessExitStatus=143):\n" + out);
        Matcher ready = Pattern.compile("ready-ms=(\\d+)").matcher(out);
        assertTrue(ready.find(), out);
        String password = box.run("cat /var/lib/wren/console-password", MINUTE).expect(0, "password").out();
        Files.writeString(OUT.resolve("install-timing.txt"), "dpkg -i (amd64): " + installMs + " ms\n"
                + "service command to console ready (first start): " + ready.group(1) + " ms\n", StandardCharsets.UTF_8);

        // upgrade: a later build of the same tree
        Path later = Files.createDirectories(OUT.resolve("upgrade"));
        String laterQualifier = String.valueOf(Long.parseLong(System.getProperty("wren.deb.qualifier")) + 1);
        Sandbox.exec(List.of(MODULE.resolve("build-packages").toString(), JAR.toString(), CONFIG.toString(),
                System.getProperty("wren.deb.version"), laterQualifier, later.toString(), OUT.resolve("trust").toString()), MINUTE).expect(0, "build-packages");
        String laterVersion = version.substring(0, version.indexOf('~') + 1) + laterQualifier;
        assertTrue(host("dpkg", "--compare-versions", laterVersion, "gt", version).exit() == 0, "versions rise");
        box.run("dpkg -i " + later.resolve("wren_" + laterVersion + "_amd64.deb"), MINUTE).expect(0, "upgrade");
        String upgraded = box.run("""
                dpkg-query -W -f='${Version}\\n' wren; grep ^WREN_HTTP_PORT /etc/default/wren
                cat /var/lib/wren/console-password; ls /var/cache/wren
                """, MINUTE).expect(0, "after upgrade").out();
        assertAll("after upgrade:\n" + upgraded,
                () -> assertTrue(upgraded.startsWith(laterVersion + "\n"), "new version"),
                () -> assertTrue(upgraded.contains("WREN_HTTP_PORT=8181"), "the administrator's setting kept"),
                () -> assertTrue(upgraded.contains(password), "data kept"),
                () -> assertTrue(upgraded.contains("cds") && upgraded.contains("framework"), "cache kept"));

        // remove: the program goes, data, configuration and user stay, the unit is masked
        box.run("dpkg -r wren", MINUTE).expect(0, "dpkg -r");
        String removed = box.run("""
                ls /usr/lib/wren 2>&1 || true; cat /var/lib/wren/console-password; ls /etc/wren | wc -l
                getent passwd wren; readlink /etc/systemd/system/wren.service
                dpkg-query -W -f='${Status}\\n' wren
                """, MINUTE).expect(0, "after remove").out();
        assertAll("after remove:\n" + removed,
                () -> assertTrue(removed.contains("No such file or directory"), "program removed"),
                () -> assertTrue(removed.contains(password), "data kept"),
                () -> assertTrue(removed.contains("wren:x:"), "user kept"),
                () -> assertTrue(removed.contains("/dev/null"), "unit masked"),
                () -> assertTrue(removed.contains("deinstall ok config-files"), "configuration kept"));

        // purge: data, cache, configuration and the user go; i2c and gpio stay
        box.run("dpkg -P wren", MINUTE).expect(0, "dpkg -P");
        String purged = box.run("""
                for p in /var/lib/wren /var/cache/wren /etc/wren /etc/default/wren /etc/systemd/system/wren.service \\
                    /etc/systemd/system/multi-user.target.wants/wren.service; do [ -e "$p" ] || [ -L "$p" ] && echo "left $p"; done
                getent passwd wren && echo user-left; getent group wren && echo group-left
                getent group i2c gpio | cut -d: -f1
                """, MINUTE).expect(0, "after purge").out();
        assertFalse(purged.contains("left"), "purge leaves nothing:\n" + purged);
        assertTrue(purged.contains("i2c\ngpio"), "shared groups stay:\n" + purged);
        box.delete();
    }

    /**
     * The unit itself, under systemd 252 as PID 1 in a booted copy of this machine: with all its
     * hardening (system call filter, device policy, read-only system, private /tmp) the gateway starts
     * as wren, loads ONNX Runtime and its models, answers on the console, and stops in order on
     * {@code systemctl stop} with the result success.
     */
    @Test
    void serviceUnderSystemd() throws Exception {
        Sandbox box = new Sandbox(OUT.resolve("sandbox-systemd"));
        box.run("dpkg -i " + deb("amd64") + " >/dev/null && cat > /usr/local/bin/wren-probe <<'PROBE'\n" + """
                #!/bin/bash
                # records what the booted system shows of wren, then powers it off
                for i in $(seq 1 120); do [ -s /var/lib/wren/console-password ] && break; sleep 1; done
                for i in $(seq 1 60); do journalctl -u wren | grep -q 'Model vibration-classifier: 1.0.0 installed, serving' && break; sleep 1; done
                {
                    systemctl show wren -p ActiveState -p SubState -p NRestarts
                    pid=$(systemctl show wren -p MainPID --value)
                    echo "user=$(ps -o user= -p "$pid")"
                    tr '\\0' '\\n' < /proc/$pid/environ | grep ORT_DISABLE_TELEMETRY
                    (exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /system/console HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -1 <&3)
                    systemd-analyze security wren --no-pager | tail -1
                    t0=$(date +%s%N); systemctl stop wren; echo "stop-ms=$(( ($(date +%s%N) - t0) / 1000000 ))"
                    systemctl show wren -p Result -p ExecMainStatus
                    journalctl -u wren --no-pager -o cat
                } > /root/probe.out 2>&1
                systemctl poweroff
                PROBE
                chmod 755 /usr/local/bin/wren-probe
                printf '[Unit]\\nAfter=wren.service\\n[Service]\\nType=oneshot\\nExecStart=/usr/local/bin/wren-probe\\n' \\
                    > /etc/systemd/system/wren-probe.service
                ln -s /etc/systemd/system/wren-probe.service /etc/systemd/system/multi-user.target.wants/
                echo 0123456789abcdef0123456789abcdef > /etc/machine-id
                """, MINUTE).expect(0, "install and probe");
        Result boot = box.boot(Duration.ofSeconds(150));
        String out = box.run("cat /root/probe.out", MINUTE).expect(0, "the probe's record (boot:\n" + boot.out() + ")").out();
        assertAll("under systemd:\n" + out,
                () -> assertTrue(out.contains("ActiveState=active\n") && out.contains("SubState=running\n")
                        && out.contains("NRestarts=0\n"), "running, not restarted"),
                () -> assertTrue(out.contains("user=wren\n"), "as wren"),
                () -> assertTrue(out.contains("ORT_DISABLE_TELEMETRY=1"), "ONNX Runtime telemetry off"),
                () -> assertTrue(out.contains("HTTP/1.1 401"), "console answers"),
                () -> assertTrue(out.contains("Model vibration-classifier: 1.0.0 installed, serving"), "ONNX Runtime loaded"),
                () -> assertTrue(out.contains("Result=success\n") && out.contains("ExecMainStatus=143\n"), "stopped in order"),
                () -> assertTrue(out.contains("Stopped in "), "the launcher's orderly stop"),
                () -> assertFalse(out.contains(" ERROR "), "no error logged"));
        Matcher stop = Pattern.compile("stop-ms=(\\d+)").matcher(out);
        assertTrue(stop.find() && Long.parseLong(stop.group(1)) < 30_000, "stop within TimeoutStopSec:\n" + out);
        Matcher exposure = Pattern.compile("Overall exposure level for wren.service: (.*)").matcher(out);
        assertTrue(exposure.find(), "systemd-analyze security:\n" + out);
        Files.writeString(OUT.resolve("systemd-timing.txt"), "systemd-analyze security: " + exposure.group(1).strip()
                + "\nsystemctl stop (first stop, writes the CDS archive): " + stop.group(1) + " ms\n", StandardCharsets.UTF_8);
        box.delete();
    }

    @Test
    void tarballInstallsAndPurges() throws Exception {
        Sandbox box = new Sandbox(OUT.resolve("sandbox-tar"));
        String tar = OUT.resolve("wren-" + version + ".tar.gz").toString();
        String dir = "/srv/unpacked/wren-" + version;
        String out = box.run("mkdir -p /srv/unpacked && tar -xzf " + tar + " -C /srv/unpacked && " + dir + "/install.sh && " + """
                stat -c '%n %a %U:%G' /var/lib/wren /var/cache/wren /usr/lib/wren/wren-launch /usr/lib/wren/wren-grant-power
                stat -c '%n %a' /usr/share/polkit-1/rules.d/60-wren-power.rules; getent group wren-power
                id -nG wren; readlink /etc/systemd/system/multi-user.target.wants/wren.service
                systemd-analyze verify /lib/systemd/system/wren.service && echo unit-verified
                ls /etc/wren | wc -l
                """, MINUTE).expect(0, "install.sh").out();
        assertAll("install.sh:\n" + out,
                () -> assertTrue(out.contains("/var/lib/wren 700 wren:wren"), "data 0700"),
                () -> assertTrue(out.contains("/var/cache/wren 700 wren:wren"), "cache 0700"),
                () -> assertTrue(out.contains("/usr/lib/wren/wren-launch 755 root:root"), "launcher"),
                () -> assertTrue(out.contains("/usr/lib/wren/wren-grant-power 755 root:root"), "the unit's ExecStartPre"),
                () -> assertTrue(out.contains("/usr/share/polkit-1/rules.d/60-wren-power.rules 644"), "the polkit rule"),
                () -> assertTrue(out.lines().anyMatch(l -> l.matches("wren-power:x:\\d+:")), "wren-power without members"),
                () -> assertTrue(out.contains("i2c") && out.contains("gpio"), "groups"),
                () -> assertTrue(out.contains("unit-verified"), "systemd-analyze verify"),
                () -> assertTrue(out.contains("sudo cat /var/lib/wren/console-password"), "where the password is"));
        String again = box.run("sed -i 's/^#WREN_LOG_LEVEL=INFO/WREN_LOG_LEVEL=DEBUG/' /etc/default/wren && tar -xzf "
                + tar + " -C /srv/unpacked && " + dir + "/install.sh && grep ^WREN_LOG_LEVEL /etc/default/wren && ls /etc/default",
                MINUTE).expect(0, "install.sh again").out();
        assertTrue(again.contains("WREN_LOG_LEVEL=DEBUG") && again.contains("wren.wren-new"), "changed settings kept:\n" + again);
        String purged = box.run("mkdir -p /srv/unpacked && tar -xzf " + tar + " -C /srv/unpacked && " + dir + "/install.sh --purge && "
                + "for p in /usr/lib/wren /var/lib/wren /etc/wren /lib/systemd/system/wren.service /usr/share/polkit-1/rules.d/60-wren-power.rules; do [ -e $p ] && echo left $p; done;"
                + " getent passwd wren || echo user-gone", MINUTE).expect(0, "install.sh --purge").out();
        assertFalse(purged.contains("left"), purged);
        assertTrue(purged.contains("user-gone"), purged);
        box.delete();
    }

    /**
     * The unit's [Service] command as systemd would run it (its user, environment, environment file,
     * working directory and umask; not its sandboxing), until the console answers, then SIGTERM.
     */
    static String start(int port) throws IOException {
        Map<String, String> unit = new LinkedHashMap<>();
        List<String> env = new ArrayList<>();
        for (String line : Files.readAllLines(MODULE.resolve("src/deb/wren.service"))) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq), value = line.substring(eq + 1);
            if (key.equals("Environment")) {
                env.addAll(List.of(value.split(" ")));
            } else {
                unit.put(key, value);
            }
        }
        String envFile = unit.get("EnvironmentFile").replaceFirst("^-", "");
        return """
                mapfile -t fileenv < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' %s || true)
                cd %s; umask %s
                t0=$(date +%%s%%N)
                env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/wren USER=%s \\
                    %s "${fileenv[@]}" \\
                    setpriv --reuid=%s --regid=%s --init-groups --no-new-privs %s </dev/null >/tmp/out 2>&1 &
                pid=$!
                for i in $(seq 1 900); do
                    if [ -s /var/lib/wren/console-password ] && (exec 3<>/dev/tcp/127.0.0.1/%d \\
                            && printf 'GET /system/console HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 \\
                            && head -1 <&3) >/tmp/http 2>/dev/null; then
                        cat /tmp/http; break
                    fi
                    kill -0 $pid || { cat /tmp/out; exit 1; }
                    sleep 0.1
                done
                echo ready-ms=$(( ($(date +%%s%%N) - t0) / 1000000 ))
                stat -c 'password %%a %%U:%%G' /var/lib/wren/console-password
                kill -TERM $pid; rc=0; wait $pid || rc=$?; echo exit=$rc
                tail -3 /tmp/out
                """.formatted(envFile, unit.get("WorkingDirectory"), unit.get("UMask"), unit.get("User"), String.join(" ", env),
                unit.get("User"), unit.get("Group"), unit.get("ExecStart"), port);
    }

    static Map<String, String> listing(String dpkgDebC) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : dpkgDebC.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6) {
                m.put(f[f.length - 1], f[0] + " " + f[1]);
            }
        }
        return m;
    }

    static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
