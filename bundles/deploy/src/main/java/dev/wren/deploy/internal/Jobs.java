package dev.wren.deploy.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.log.Logger;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import dev.wren.deploy.internal.Job.Phase;

/**
 * The one job and its phases: a request starts or moves it on (answered at once), the worker
 * thread carries it out, and every change of phase is written to disk before it is acted on and
 * notified after. After a restart, a download resumes, an interrupted install is done again
 * (Deployment Admin brings every bundle of the package to the new version, so the installed set
 * is the old one or the new one), and an interrupted uninstall is finished.
 */
final class Jobs {

    private final Path dir;
    private final JobFile file;
    private final Replies replies;
    private final Installer installer;
    private final Function<BooleanSupplier, Download> downloads;
    private final int step;
    private final ExecutorService worker;
    private final Logger log;

    private final Object lock = new Object();
    /** The running job, or the last one; guarded by {@link #lock}. */
    private Job current;
    private volatile boolean cancel;
    private volatile boolean stopping;
    private volatile long have = -1;
    private volatile long total = -1;

    Jobs(Path dir, JobFile file, Replies replies, Installer installer, Function<BooleanSupplier, Download> downloads,
            int step, ExecutorService worker, Logger log) {
        this.dir = dir;
        this.file = file;
        this.replies = replies;
        this.installer = installer;
        this.downloads = downloads;
        this.step = step;
        this.worker = worker;
        this.log = log;
    }

    Replies replies() {
        return replies;
    }

    /** Takes up the job a restart interrupted. */
    void recover() {
        Job j;
        try {
            j = file.read();
        } catch (IOException e) {
            log.error("Deployment agent: {}; moved aside, no job resumed", e.getMessage());
            try {
                Files.move(file.path(), dir.resolve("job.json.damaged-" + System.currentTimeMillis()),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moved) {
                log.error("Deployment agent: could not move {} aside: {}", file.path(), moved.getMessage());
            }
            return;
        }
        synchronized (lock) {
            current = j;
        }
        if (j == null || j.phase().settled()) {
            return;
        }
        log.info("Deployment job {} was {} when the gateway stopped: taking it up again", j.id(), j.phase());
        JsonObject note = new JsonObject();
        note.addProperty("resumed", true);
        replies.notify(j, note);
        submit(j);
    }

    void stop() {
        stopping = true;
    }

    void status(String request) {
        JsonObject answer = new JsonObject();
        synchronized (lock) {
            answer.add("job", current == null ? JsonNull.INSTANCE : describe(current));
        }
        replies.ok(request, answer);
    }

    void download(String request, String id, URI url, String sha256, boolean install) {
        Job j = Job.download(id, request, url.toString(), sha256, install);
        synchronized (lock) {
            if (current != null && current.id().equals(id) && url.toString().equals(current.url())
                    && sha256.equals(current.sha256())) {
                replies.ok(request, describe(current));
                return;
            }
            if (busy(request)) {
                return;
            }
            if (!save(request, j)) {
                return;
            }
            cancel = false;
        }
        log.info("Deployment job {}: downloading {} (request {})", id, url, request);
        replies.ok(request, describe(j));
        submit(j);
    }

    void install(String request, String id) {
        Job j;
        synchronized (lock) {
            if (current == null || current.phase() != Phase.DOWNLOADED || (id != null && !id.equals(current.id()))) {
                replies.refused(request, current == null || current.phase() != Phase.DOWNLOADED
                        ? "no downloaded package waits for install" + (current == null ? "" : " (job " + current.id()
                                + " is " + current.phase() + ")")
                        : "job " + id + " is not the current job " + current.id());
                return;
            }
            j = current.phase(Phase.INSTALLING).request(request);
            if (!save(request, j)) {
                return;
            }
        }
        replies.ok(request, describe(j));
        submit(j);
    }

    void uninstall(String request, String name) {
        Job j = Job.uninstall("job-" + System.currentTimeMillis(), request, name);
        synchronized (lock) {
            if (busy(request)) {
                return;
            }
            if (!installer.installed(name)) {
                replies.refused(request, "no deployment package '" + name + "' is installed");
                return;
            }
            if (!save(request, j)) {
                return;
            }
        }
        replies.ok(request, describe(j));
        submit(j);
    }

    void cancel(String request, String id) {
        Job j;
        synchronized (lock) {
            j = current;
            if (j == null || j.phase().over() || (id != null && !id.equals(j.id()))) {
                replies.refused(request, j == null || j.phase().over() ? "no job to cancel"
                        : "job " + id + " is not the current job " + j.id());
                return;
            }
            if (j.phase() == Phase.INSTALLING || j.phase() == Phase.UNINSTALLING) {
                replies.refused(request, "job " + j.id() + " is " + j.phase() + ": Deployment Admin's work is not"
                        + " cancelled (it completes or rolls back as a whole)");
                return;
            }
            if (j.phase() == Phase.DOWNLOADING) {
                cancel = true;
                replies.ok(request, describe(j));
                return;
            }
        }
        replies.ok(request, describe(j));
        finish(j, Phase.CANCELLED, "cancelled by request " + request, null);
    }

    /** Refuses {@code request} when a job runs; lock held. */
    private boolean busy(String request) {
        if (current != null && !current.phase().settled()) {
            replies.refused(request, "busy: job " + current.id() + " is " + current.phase() + progress()
                    + "; one job at a time");
            return true;
        }
        if (current != null && current.phase() == Phase.DOWNLOADED) {
            replies.refused(request, "busy: job " + current.id() + " holds a downloaded package waiting for install;"
                    + " install or cancel it first");
            return true;
        }
        return false;
    }

    private String progress() {
        long h = have;
        long t = total;
        return h < 0 ? "" : t > 0 ? " (" + (h * 100 / t) + " %)" : " (" + h + " bytes)";
    }

    /** Writes {@code j} and makes it current; lock held. On failure refuses the request and keeps the old one. */
    private boolean save(String request, Job j) {
        try {
            file.write(j);
            current = j;
            return true;
        } catch (IOException e) {
            replies.refused(request, "cannot keep the job on disk: " + e.getMessage());
            return false;
        }
    }

    private void submit(Job j) {
        try {
            worker.execute(() -> run(j));
        } catch (RejectedExecutionException e) {
            log.info("Deployment job {} stays {}: the agent is stopping", j.id(), j.phase());
        }
    }

    private void run(Job start) {
        Job j = start;
        try {
            boolean checked = false;
            if (j.phase() == Phase.DOWNLOADING) {
                j = fetch(j);
                checked = true;
            }
            if (j.phase() == Phase.INSTALLING) {
                installIt(j, checked);
            } else if (j.phase() == Phase.UNINSTALLING) {
                uninstallIt(j);
            }
        } catch (Download.Refused | Installer.Refused | InterruptedException | IOException | RuntimeException e) {
            if (stopping) {
                log.info("Deployment job {} stops with the agent while {} ({}); taken up at the next start", j.id(),
                        j.phase(), e.getMessage());
            } else if (e instanceof InterruptedException) {
                finish(j, Phase.CANCELLED, "cancelled by request", null);
            } else if (e instanceof Download.Refused || e instanceof Installer.Refused) {
                finish(j, Phase.FAILED, e.getMessage(), null);
            } else {
                log.error("Deployment job {} failed", j.id(), e);
                finish(j, Phase.FAILED, "error: " + e, null);
            }
        }
    }

    private Job fetch(Job j) throws Download.Refused, Installer.Refused, IOException, InterruptedException {
        Path pkg = packageFile(j);
        int[] notified = {-1};
        long t0 = System.nanoTime();
        Download.Result r = downloads.apply(() -> cancel || stopping).fetch(URI.create(j.url()), pkg, (h, t) -> {
            have = h;
            total = t;
            int pct = t > 0 ? (int) (h * 100 / t) : (int) (h >> 22);
            if (notified[0] < 0 || pct >= notified[0] + step) {
                notified[0] = pct;
                JsonObject o = new JsonObject();
                o.addProperty("bytes", h);
                if (t > 0) {
                    o.addProperty("total", t);
                    o.addProperty("percent", pct);
                }
                replies.notify(j, o);
            }
        });
        Installer.Identity id = Installer.check(pkg, j.sha256());
        Job next = j.named(id.name(), id.version()).phase(j.install() ? Phase.INSTALLING : Phase.DOWNLOADED);
        synchronized (lock) {
            file.write(next);
            current = next;
        }
        JsonObject o = new JsonObject();
        o.addProperty("bytes", r.bytes());
        o.addProperty("resent", r.resent());
        o.addProperty("requests", r.requests());
        o.addProperty("ms", (System.nanoTime() - t0) / 1_000_000);
        replies.notify(next, o);
        log.info("Deployment job {}: downloaded {} {} ({} bytes, {} sent again, {} request(s))", j.id(), id.name(),
                id.version(), r.bytes(), r.resent(), r.requests());
        return next;
    }

    /** @param checked whether the download's hash and manifest were checked in this run already */
    private void installIt(Job j, boolean checked) throws Installer.Refused, IOException {
        Path pkg = packageFile(j);
        if (!Files.exists(pkg)) {
            throw new Installer.Refused("the downloaded package " + pkg + " is gone");
        }
        if (!checked) {
            Installer.check(pkg, j.sha256());
        }
        long t0 = System.nanoTime();
        DeploymentPackage dp = installer.install(pkg);
        JsonObject o = new JsonObject();
        JsonArray bundles = new JsonArray();
        for (BundleInfo b : dp.getBundleInfos()) {
            bundles.add(b.getSymbolicName() + " " + b.getVersion());
        }
        o.add("bundles", bundles);
        o.addProperty("ms", (System.nanoTime() - t0) / 1_000_000);
        finish(j.named(dp.getName(), dp.getVersion().toString()), Phase.COMPLETED, null, o);
    }

    private void uninstallIt(Job j) throws Installer.Refused {
        boolean was = installer.uninstall(j.name());
        JsonObject o = new JsonObject();
        o.addProperty("uninstalled", was);
        finish(j, Phase.COMPLETED, null, o);
    }

    /** Ends the job: its file deleted, the end written and notified. */
    private void finish(Job j, Phase phase, String reason, JsonObject extra) {
        Job end = j.ended(phase, reason);
        try {
            Files.deleteIfExists(packageFile(j));
        } catch (IOException e) {
            log.warn("Deployment job {}: could not delete {}: {}", j.id(), packageFile(j), e.getMessage());
        }
        synchronized (lock) {
            try {
                file.write(end);
            } catch (IOException e) {
                log.error("Deployment job {}: could not write its end ({}): it may be taken up again at the next start",
                        j.id(), e.getMessage());
            }
            current = end;
        }
        have = -1;
        total = -1;
        replies.notify(end, extra);
        if (phase == Phase.COMPLETED) {
            log.info("Deployment job {} completed: {} {}", j.id(), j.phase() == Phase.UNINSTALLING ? "uninstalled"
                    : "installed", j.name() + (j.version() == null ? "" : " " + j.version()));
        } else {
            log.warn("Deployment job {} {}: {}", j.id(), phase == Phase.FAILED ? "failed" : "cancelled", reason);
        }
    }

    private Path packageFile(Job j) {
        return dir.resolve(j.id() + ".dp");
    }

    private JsonObject describe(Job j) {
        JsonObject o = new JsonObject();
        o.addProperty("job", j.id());
        o.addProperty("phase", j.phase().name());
        if (j.url() != null) {
            o.addProperty("url", j.url());
        }
        if (j.name() != null) {
            o.addProperty("name", j.name());
        }
        if (j.version() != null) {
            o.addProperty("version", j.version());
        }
        if (j.reason() != null) {
            o.addProperty("reason", j.reason());
        }
        if (j.phase() == Phase.DOWNLOADING && have >= 0) {
            o.addProperty("bytes", have);
            if (total > 0) {
                o.addProperty("total", total);
            }
        }
        return o;
    }
}
