package dev.wren.power.internal;

import java.nio.file.Path;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;

/**
 * Caps the CPU's frequency and changes its governor in DEGRADED and MINIMAL ({@link CpuPolicies}),
 * following the power manager; FULL and a stop give back what was found. Off until enabled (enabled=true): Kura seeds a configuration for every component.
 */
@Component(configurationPid = CpuFrequency.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, Actuator.class}, property = "kura.service.pid=" + CpuFrequency.PID)
@Designate(ocd = CpuFrequency.Config.class)
public class CpuFrequency extends ModeActuator implements ConfigurableComponent {

    public static final String PID = "dev.wren.power.CpuFrequency";

    @ObjectClassDefinition(id = PID, name = "Wren CPU frequency by power mode",
            description = "Caps the CPU frequency and sets the governor of every cpufreq policy in DEGRADED and"
                    + " MINIMAL; FULL and a stop give back what the board had. Needs write access to"
                    + " /sys/devices/system/cpu/cpufreq/policy*/scaling_governor and scaling_max_freq.")
    public @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Off by default: Kura gives every component a configuration of its own, and /sys is the"
                        + " board's own. True: act on the board.")
        boolean enabled() default false;

        @AttributeDefinition(name = "DEGRADED governor", required = false,
                description = "Governor in DEGRADED (e.g. conservative, powersave); empty = keep the board's.")
        String governor_degraded() default "";

        @AttributeDefinition(name = "DEGRADED cap (%)", min = "1", max = "100",
                description = "Highest frequency in DEGRADED, in per cent of the CPU's maximum, taken down to a listed frequency.")
        int max_percent_degraded() default 80;

        @AttributeDefinition(name = "MINIMAL governor", required = false,
                description = "Governor in MINIMAL; empty = keep the board's.")
        String governor_minimal() default "powersave";

        @AttributeDefinition(name = "MINIMAL cap (%)", min = "1", max = "100",
                description = "Highest frequency in MINIMAL, in per cent of the CPU's maximum.")
        int max_percent_minimal() default 50;

        @AttributeDefinition(name = "sysfs", description = "Where sysfs is mounted (another directory only for tests).")
        String sysfs_root() default "/sys";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    public CpuFrequency() {
        super("CPU frequency");
    }

    @Activate
    void activate(BundleContext context, Config config) {
        start(PID, log, config.enabled(), problems -> new CpuPolicies(new Sysfs(Path.of(config.sysfs_root())),
                CpuPolicies.asks(config.governor_degraded(), config.max_percent_degraded(), config.governor_minimal(),
                        config.max_percent_minimal()),
                new Remembered(DataDirectory.of(context).resolve("power").resolve("cpu-frequency.found")), problems));
    }
}
