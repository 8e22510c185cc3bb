package dev.wren.deploy.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;
import dev.wren.store.Outbox;
import dev.wren.trust.Signatures;
import dev.wren.uplink.RequestHandler;

/**
 * The remote deployment agent of the standalone runtime: Kura's DEPLOY-V2 verbs (list, download,
 * install, uninstall, status, cancel) as JSON requests over the uplink's MQTT session
 * (docs/deployment.md), one job at a time, the job kept on disk so that a restart resumes it.
 * Off until its configuration exists; installs only what the trust store accepts.
 */
@Component(configurationPid = DeploymentAgent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {RequestHandler.class, ConfigurableComponent.class},
        property = {RequestHandler.APP + "=" + Replies.APP, "kura.service.pid=" + DeploymentAgent.PID})
@Designate(ocd = DeploymentAgent.Config.class)
public class DeploymentAgent implements RequestHandler, ConfigurableComponent {

    public static final String PID = "dev.wren.deploy.DeploymentAgent";

    @ObjectClassDefinition(id = PID, name = "Wren deployment agent",
            description = "Installs deployment packages on requests over the uplink's MQTT session (topics"
                    + " <prefix>/<gateway>/deploy/req/<request id>, answers on .../deploy/res/<request id>). Off"
                    + " until this configuration is saved; installs only what the trust store accepts.")
    public @interface Config {

        @AttributeDefinition(name = "Download directory", required = false,
                description = "Where packages are downloaded and the job is kept. Empty = 'deploy' in the data directory.")
        String directory() default "";

        @AttributeDefinition(name = "Largest package (MB)", min = "1", max = "4096",
                description = "A package announced or received larger than this is refused.")
        int max_package_mb() default 256;

        @AttributeDefinition(name = "Download attempts", min = "1", max = "100",
                description = "Connections tried for one download (each resumes where the last stopped), waiting"
                        + " 1, 2, 4 ... 30 s between them.")
        int download_attempts() default 5;

        @AttributeDefinition(name = "Read timeout (s)", min = "5", max = "3600",
                description = "A connection that delivers nothing for this long is cut and tried again.")
        int read_timeout_s() default 60;

        @AttributeDefinition(name = "Progress step (%)", min = "1", max = "100",
                description = "A download's progress is notified every this many percent.")
        int progress_step_percent() default 10;

        @AttributeDefinition(name = "Install unsigned packages",
                description = "Install packages while the trust store holds no certificate (nothing can be checked)."
                        + " Off: remote installs need trust configured.")
        boolean unsigned_allowed() default false;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Outbox outbox;

    @Reference
    private DeploymentAdmin admin;

    @Reference
    private Signatures signatures;

    private BundleContext context;
    private Jobs jobs;
    private ExecutorService worker;
    private ScheduledExecutorService watchdog;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        this.context = context;
        check("max.package.mb", config.max_package_mb(), 1, 4096);
        check("download.attempts", config.download_attempts(), 1, 100);
        check("read.timeout.s", config.read_timeout_s(), 5, 3600);
        check("progress.step.percent", config.progress_step_percent(), 1, 100);
        Path dir;
        try {
            dir = config.directory().isBlank() ? DataDirectory.of(context).resolve("deploy") : Path.of(config.directory());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("directory: not a path: " + e.getMessage(), e);
        }
        Files.createDirectories(dir);
        worker = Executors.newSingleThreadExecutor(r -> daemon(r, "wren-deploy"));
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wren-deploy-watchdog"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Replies replies = new Replies(outbox, w -> log.warn("Deployment agent: {}", w));
        jobs = new Jobs(dir, new JobFile(dir), replies, new Installer(admin, signatures, config.unsigned_allowed()),
                cancelled -> new Download(http, Duration.ofSeconds(config.read_timeout_s()), config.download_attempts(),
                        (long) config.max_package_mb() << 20, watchdog, cancelled),
                config.progress_step_percent(), worker, log);
        jobs.recover();
        log.info("Deployment agent on: requests on channel {}/{}/<id>, packages in {}, trust {}", Replies.APP,
                RequestHandler.REQUESTS, dir, signatures.enforced() ? "enforced" : config.unsigned_allowed()
                        ? "not configured (unsigned packages allowed)" : "not configured (installs refused)");
    }

    @Deactivate
    void deactivate() {
        jobs.stop();
        worker.shutdownNow();
        watchdog.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Deployment agent: the job did not stop within 10 s; it is resumed at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void request(String id, byte[] payload) {
        Command c;
        try {
            c = Command.parse(payload, "job-" + System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            log.warn("Deployment request {} refused: {}", id, e.getMessage());
            jobs.replies().refused(id, e.getMessage());
            return;
        }
        switch (c.verb()) {
            case LIST -> jobs.replies().ok(id, Inventory.of(admin, context));
            case STATUS -> jobs.status(id);
            case DOWNLOAD -> jobs.download(id, c.job(), c.url(), c.sha256(), c.install());
            case INSTALL -> jobs.install(id, c.job());
            case UNINSTALL -> jobs.uninstall(id, c.name());
            case CANCEL -> jobs.cancel(id, c.job());
        }
    }

    /** Refuses a value outside its metatype range, naming the property; the agent then stays off. */
    private static void check(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + ": must be " + min + " to " + max + ", was " + value);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
