package dev.wren.power.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.uplink.Uplink;

/**
 * Duty-cycled sleep in MINIMAL on a board whose real-time clock can power it on ({@link DutyCycler});
 * refused, with the reason, on a board without one. Off until enabled (enabled=true): Kura seeds a configuration for every component.
 */
@Component(configurationPid = DutyCycle.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = ConfigurableComponent.class, property = "kura.service.pid=" + DutyCycle.PID)
@Designate(ocd = DutyCycle.Config.class)
public class DutyCycle implements ConfigurableComponent {

    public static final String PID = "dev.wren.power.DutyCycle";
    private static final long COMMAND_TIMEOUT_S = 60;

    @ObjectClassDefinition(id = PID, name = "Wren duty-cycled sleep",
            description = "In MINIMAL, powers the board off between short wakes: up, sample, run the trigger, hand the"
                    + " outbox to the uplink, set the real-time clock's wake alarm, power off. Needs a board that wakes on"
                    + " its clock (a Raspberry Pi 5 with POWER_OFF_ON_HALT=1 and WAKE_ON_GPIO=0 in its bootloader"
                    + " configuration), write access to /sys/class/rtc/<rtc>/wakealarm and the right to power off.")
    public @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Off by default: Kura gives every component a configuration of its own, and /sys is the"
                        + " board's own. True: act on the board.")
        boolean enabled() default false;

        @AttributeDefinition(name = "Period (s)", min = "180", max = "604800",
                description = "From one power-on to the next.")
        long period_s() default 900;

        @AttributeDefinition(name = "Least time awake (s)", min = "0", max = "604800",
                description = "In MINIMAL at least this long in a cycle: sampling and the trigger.")
        long awake_min_s() default 30;

        @AttributeDefinition(name = "Most time awake (s)", min = "0", max = "604800",
                description = "Powers off this long after MINIMAL began even if the uplink has not had its window; the"
                        + " outbox keeps what was not sent. At most the period less 120 s.")
        long awake_max_s() default 300;

        @AttributeDefinition(name = "Real-time clock", description = "The clock under /sys/class/rtc that wakes the board.")
        String rtc() default "rtc0";

        @AttributeDefinition(name = "Power-off command",
                description = "Run, split at spaces, to power the board off; the Raspberry Pi documentation tests the"
                        + " wake alarm with halt.")
        String poweroff_command() default "systemctl poweroff";

        @AttributeDefinition(name = "sysfs", description = "Where sysfs is mounted (another directory only for tests).")
        String sysfs_root() default "/sys";

        @AttributeDefinition(name = "Uptime file",
                description = "The kernel's time since power-on (another file only for tests).")
        String uptime_file() default "/proc/uptime";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PowerState power;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Draws draws;

    private volatile Map<String, Object> uplink;
    private ScheduledExecutorService ticker;
    /** The last problem of a tick, said once; only the ticker's thread uses it. */
    private String lastProblem;

    @Activate
    void activate(BundleContext context, Config config) {
        if (!config.enabled()) {
            log.info("Duty cycle: off (enabled=false in {})", PID);
            return;
        }
        Path uptime = Path.of(config.uptime_file());
        List<String> command = Arrays.stream(config.poweroff_command().strip().split("\\s+")).filter(w -> !w.isEmpty())
                .toList();
        DutyCycler cycler;
        try {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("poweroff.command: must name a command, was empty");
            }
            DutyCycler.Rules rules = new DutyCycler.Rules(config.period_s(), config.awake_min_s(), config.awake_max_s());
            WakeAlarm alarm = new WakeAlarm(new Sysfs(Path.of(config.sysfs_root())), config.rtc().strip());
            Path dir = DataDirectory.of(context).resolve("power");
            cycler = new DutyCycler(rules, alarm, dir, () -> run(command, dir.resolve("poweroff.out")), log::info,
                    log::warn);
            cycler.start(Instant.now(), uptime(uptime));
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused: {}", PID, e.getMessage());
            return;
        } catch (IOException e) {
            log.warn("Duty cycle refused: {}", e.getMessage());
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wren-duty-cycle");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                PowerState p = power;
                cycler.tick(Instant.now(), uptime(uptime), p == null ? PowerMode.FULL : p.mode(), uplinkDone(), draws);
                lastProblem = null;
            } catch (IOException | RuntimeException e) {
                if (!e.toString().equals(lastProblem)) {
                    lastProblem = e.toString();
                    log.warn("Duty cycle: {} (said once until it changes or passes)", lastProblem);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (ticker != null) {
            ticker.shutdown(); // a power-off under way is not interrupted
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedUplink", unbind = "unbindUplink")
    void bindUplink(Uplink service, Map<String, Object> properties) {
        uplink = properties;
    }

    void updatedUplink(Uplink service, Map<String, Object> properties) {
        uplink = properties;
    }

    void unbindUplink(Uplink service, Map<String, Object> properties) {
        if (uplink == properties) {
            uplink = null;
        }
    }

    /** @return no uplink, one without a broker, or one idle after its connection window */
    private boolean uplinkDone() {
        Map<String, Object> u = uplink;
        return u == null || Uplink.State.DISABLED.name().equals(u.get(Uplink.STATE))
                || Boolean.TRUE.equals(u.get(Uplink.IDLE));
    }

    private static double uptime(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not start with seconds: '" + text + "'", e);
        }
    }

    /** Runs {@code command}, its output to {@code out}; fails naming the command unless it exits 0 in time. */
    private static String run(List<String> command, Path out) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
        String said;
        try (var in = Files.newInputStream(out)) {
            said = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + (said.isEmpty() ? ""
                    : ": " + said));
        }
        return said;
    }
}
