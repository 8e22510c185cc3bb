package dev.wren.itests.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.wren.deploy.testing.PackageServer;
import dev.wren.itests.process.load.LoadPackage;
import dev.wren.uplink.testing.Mosquitto;

/**
 * The remote deployment agent of a running gateway (launcher flags, shipped configuration with the
 * agent on and the development key trusted), driven over a real mosquitto with packages from an
 * HTTP server on the same machine:
 * <ol>
 * <li>a signed model package installed remotely while a bundle of the benchmark's, installed remotely too,
 * runs 10 000 inferences a second on the serving models: failed inferences and the rate before, during
 * and after, and the time from request to serving;</li>
 * <li>{@code installs} remote installs of a signed model package: request to COMPLETED and to the
 * model serving, beside Deployment Admin's own install time (the baseline);</li>
 * <li>{@code cuts} downloads cut at half by SIGKILL and resumed after the restart: bytes sent again,
 * against the bytes a download started over would send again;</li>
 * <li>{@code kills} SIGKILLs at a random moment between the request and the end of the install, each
 * followed by a restart: the installed set afterwards is the old one (package absent, bundle absent)
 * or the new one (package listed, its bundle installed once and active), never a mix.</li>
 * </ol>
 * {@code ./wren bench DeployBenchmark -Dwren.home=$PWD -Dinstalls=10 -Dcuts=5 -Dkills=50}
 */
public final class DeployBenchmark {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String MODEL = "vibration-classifier-int8-1.0.0";
    static final String BSN = "dev.wren.model." + MODEL;

    public static void main(String[] args) throws Exception {
        int installs = Integer.getInteger("installs", 10);
        int cuts = Integer.getInteger("cuts", 5);
        int kills = Integer.getInteger("kills", 50);
        Path work = Files.createTempDirectory("wren-deploy-bench");
        byte[] pkg = DeployIT.modelPackage(MODEL);
        String sha = DeployIT.sha256(pkg);
        System.out.printf(Locale.ROOT, "package %s: %d bytes; %d cores, java %s%n", BSN, pkg.length,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path config = work.resolve("config");
        Path data = work.resolve("data");
        Random random = new Random(Long.getLong("seed", 1));
        try (Mosquitto broker = Mosquitto.in(work.resolve("broker")).start();
                PackageServer files = new PackageServer();
                Requester op = new Requester(broker, DeployIT.GATEWAY)) {
            String url = files.put("m.dp", pkg);
            int n = 0;
            List<Double> done = new ArrayList<>();
            List<Double> serving = new ArrayList<>();
            List<Double> admin = new ArrayList<>();
            GatewayProcess gw = DeployIT.gateway(broker, config, data);
            try {
                for (int i = 0; i < installs; i++) {
                    String job = "a" + i;
                    int lines = gw.output().size();
                    long t0 = System.nanoTime();
                    op.send(DeployIT.download(job, url, sha));
                    String end = op.notification(job, "\"COMPLETED\"", WAIT);
                    done.add((System.nanoTime() - t0) / 1e6);
                    awaitLine(gw, lines, "Model vibration-classifier-int8: 1.0.0 installed, serving");
                    serving.add((System.nanoTime() - t0) / 1e6);
                    admin.add(JsonParser.parseString(end).getAsJsonObject().get("ms").getAsDouble());
                    uninstall(op, "u" + (n++));
                }
                underLoad(gw, op, files, work, config);
                System.out.printf(Locale.ROOT, "%n| remote install of a signed model package (%d) | median ms | min-max |%n"
                        + "|---|---|---|%n", installs);
                row("request to COMPLETED notification", done);
                row("request to model serving (gateway log)", serving);
                row("of which Deployment Admin's install (baseline)", admin);
                System.out.printf(Locale.ROOT, "ratio request-to-serving / Deployment Admin install: %.1f%n",
                        median(serving) / median(admin));

                List<Double> resent = new ArrayList<>();
                List<Double> cutAt = new ArrayList<>();
                for (int c = 0; c < cuts; c++) {
                    String job = "b" + c;
                    files.slow(256, 20);
                    long before = files.sent.get();
                    op.send(DeployIT.download(job, url, sha));
                    Operator.await(WAIT, () -> files.sent.get() - before >= pkg.length / 2 ? true : null, "half");
                    gw.kill();
                    cutAt.add((double) (files.sent.get() - before));
                    files.slow(64 * 1024, 0);
                    gw = DeployIT.gateway(broker, config, data);
                    op.notification(job, "\"COMPLETED\"", WAIT);
                    resent.add((double) (files.sent.get() - before - pkg.length));
                    uninstall(op, "u" + (n++));
                }
                System.out.printf(Locale.ROOT, "%n| download cut by SIGKILL at half, resumed after restart (%d) | median bytes |"
                        + " min-max |%n|---|---|---|%n", cuts);
                row("received before the kill", cutAt);
                row("sent again after the restart (resumed)", resent);
                row("a download started over would send again (baseline)", cutAt);

                int mixed = 0;
                int inInstall = 0;
                int inDownload = 0;
                int installed = 0;
                for (int k = 0; k < kills; k++) {
                    String job = "c" + k;
                    long delay = (long) ((0.2 + random.nextDouble() * 0.9) * median(done));
                    op.send(DeployIT.download(job, url, sha));
                    Thread.sleep(delay);
                    gw.kill();
                    gw = DeployIT.gateway(broker, config, data);
                    String phaseAtKill = gw.output().stream().filter(l -> l.contains("Deployment job " + job + " was "))
                            .findFirst().orElse("");
                    if (phaseAtKill.contains(" was INSTALLING ")) {
                        inInstall++;
                    } else if (phaseAtKill.contains(" was DOWNLOADING ")) {
                        inDownload++;
                    }
                    JsonObject status = awaitSettled(op, "s" + (n++));
                    JsonObject list = JsonParser.parseString(op.answer(op.send("{\"verb\":\"list\"}"), WAIT))
                            .getAsJsonObject();
                    boolean listed = false;
                    for (JsonElement p : list.getAsJsonArray("packages")) {
                        listed |= p.getAsJsonObject().get("name").getAsString().equals(BSN);
                    }
                    int active = 0;
                    int present = 0;
                    for (JsonElement b : list.getAsJsonArray("bundles")) {
                        JsonObject o = b.getAsJsonObject();
                        if (o.get("name").getAsString().equals(BSN)) {
                            present++;
                            active += o.get("state").getAsString().equals("ACTIVE") ? 1 : 0;
                        }
                    }
                    boolean newSet = listed && present == 1 && active == 1;
                    boolean oldSet = !listed && present == 0;
                    if (!newSet && !oldSet) {
                        mixed++;
                        System.out.printf("kill %d: MIXED: package listed %s, bundle present %d, active %d, job %s%n", k,
                                listed, present, active, status);
                    }
                    if (listed) {
                        installed++;
                        uninstall(op, "u" + (n++));
                    }
                }
                System.out.printf(Locale.ROOT, "%n%d SIGKILLs %.0f-%.0f ms after the request: %d landed in the download"
                        + " phase, %d in the install phase (the job file said so at the restart), the rest before or after;"
                        + " %d ended with the new package, %d with the old set; mixed states: %d%n", kills,
                        0.2 * median(done), 1.1 * median(done), inDownload, inInstall, installed,
                        kills - installed - mixed, mixed);
            } finally {
                gw.close();
            }
        }
        System.exit(0);
    }

    /**
     * A signed model package installed remotely while {@code InferenceLoad} (installed remotely first)
     * runs 10 000 inferences a second on the serving models: the load's rate and failures each second
     * before, during (request to serving, and 2 s after) and after the install.
     */
    private static void underLoad(GatewayProcess gw, Requester op, PackageServer files, Path work, Path config)
            throws Exception {
        byte[] load = Files.readAllBytes(LoadPackage.build(work, DeployIT.home()));
        op.send(DeployIT.download("load", files.put("load.dp", load), DeployIT.sha256(load)));
        op.notification("load", "\"COMPLETED\"", WAIT);
        awaitLine(gw, 0, "LOAD 10 ");
        byte[] model = DeployIT.modelPackage("vibration-trigger-int8-1.0.0");
        int lines = gw.output().size();
        long t0 = System.nanoTime();
        int secondAtRequest = lastLoadSecond(gw);
        op.send(DeployIT.download("under-load", files.put("t8.dp", model), DeployIT.sha256(model)));
        awaitLine(gw, lines, "Model vibration-trigger-int8: 1.0.0 installed, serving");
        double servingMs = (System.nanoTime() - t0) / 1e6;
        int secondAtServing = lastLoadSecond(gw);
        awaitLine(gw, lines, "LOAD " + (secondAtServing + 12) + " ");
        List<long[]> before = new ArrayList<>();
        List<long[]> during = new ArrayList<>();
        List<long[]> after = new ArrayList<>();
        for (String l : gw.output()) {
            if (l.startsWith("LOAD ")) {
                String[] f = l.split(" ");
                int second = Integer.parseInt(f[1]);
                long[] v = {Long.parseLong(f[2].substring(5)), Long.parseLong(f[3].substring(7))};
                if (second > secondAtRequest - 10 && second <= secondAtRequest) {
                    before.add(v);
                } else if (second > secondAtRequest && second <= secondAtServing + 2) {
                    during.add(v);
                } else if (second > secondAtServing + 2 && second <= secondAtServing + 12) {
                    after.add(v);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n| %d inferences/s on the serving models from inside the gateway | seconds |"
                + " inferences/s, median | failed |%n|---|---|---|---|%n", 10_000);
        loadRow("before the install (baseline)", before);
        loadRow("request to serving, and 2 s after", during);
        loadRow("after", after);
        System.out.printf(Locale.ROOT, "request to vibration-trigger-int8 serving under that load: %.0f ms%n", servingMs);
        gw.output().stream().filter(l -> l.startsWith("LOAD ") && !l.contains("failed=0 ")).limit(3)
                .forEach(l -> System.out.println("  " + l));
        uninstall(op, "u-load-model", "dev.wren.model.vibration-trigger-int8-1.0.0");
        uninstall(op, "u-load", LoadPackage.NAME);
    }

    private static int lastLoadSecond(GatewayProcess gw) {
        List<String> out = gw.output();
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.get(i).startsWith("LOAD ")) {
                return Integer.parseInt(out.get(i).split(" ")[1]);
            }
        }
        return 0;
    }

    private static void loadRow(String what, List<long[]> seconds) {
        List<Double> rates = new ArrayList<>();
        long failed = 0;
        for (long[] s : seconds) {
            rates.add((double) s[0]);
            failed += s[1];
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %d |%n", what, seconds.size(), rates.isEmpty() ? 0 : median(rates),
                failed);
    }

    /** Waits until the job is over (no job runs), asking for status. */
    private static JsonObject awaitSettled(Requester op, String id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            JsonObject a = JsonParser.parseString(op.answer(op.send("{\"verb\":\"status\"}"), WAIT)).getAsJsonObject();
            JsonElement job = a.get("job");
            if (job == null || job.isJsonNull()) {
                return a;
            }
            String phase = job.getAsJsonObject().get("phase").getAsString();
            if (phase.equals("COMPLETED") || phase.equals("FAILED") || phase.equals("CANCELLED")) {
                return job.getAsJsonObject();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not settle: " + id);
    }

    private static void uninstall(Requester op, String id) throws Exception {
        uninstall(op, id, BSN);
    }

    private static void uninstall(Requester op, String id, String name) throws Exception {
        String a = op.answer(op.send("{\"verb\":\"uninstall\",\"name\":\"" + name + "\"}"), WAIT);
        String job = JsonParser.parseString(a).getAsJsonObject().get("job").getAsString();
        op.notification(job, "\"COMPLETED\"", WAIT);
    }

    private static void awaitLine(GatewayProcess gw, int from, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> out = gw.output();
            for (int i = from; i < out.size(); i++) {
                if (out.get(i).contains(text)) {
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no '" + text + "' in the log");
    }

    private static void row(String what, List<Double> v) {
        if (v.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f-%.0f |%n", what, median(v), Collections.min(v), Collections.max(v));
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
