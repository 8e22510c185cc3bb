package dev.wren.power.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
import org.osgi.service.metatype.annotations.Option;

import dev.wren.data.DataDirectory;

/**
 * Switches the board's LEDs off in the leaner modes ({@link LedSet}), following the power manager;
 * the richer modes and a stop give back their triggers and brightness. Off until enabled (enabled=true): Kura seeds a configuration for every component.
 */
@Component(configurationPid = Leds.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, Actuator.class}, property = "kura.service.pid=" + Leds.PID)
@Designate(ocd = Leds.Config.class)
public class Leds extends ModeActuator implements ConfigurableComponent {

    public static final String PID = "dev.wren.power.Leds";

    @ObjectClassDefinition(id = PID, name = "Wren LEDs by power mode",
            description = "Switches LEDs off (trigger none, brightness 0) from a power mode on; richer modes and a stop"
                    + " give back what they showed. Needs write access to /sys/class/leds/*/trigger and brightness.")
    public @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Off by default: Kura gives every component a configuration of its own, and /sys is the"
                        + " board's own. True: act on the board.")
        boolean enabled() default false;

        @AttributeDefinition(name = "LEDs", required = false, cardinality = 8,
                description = "Directory names under /sys/class/leds (a Raspberry Pi has ACT and PWR); empty = every LED.")
        String[] leds() default {};

        @AttributeDefinition(name = "Off from", description = "The first mode that switches them off.",
                options = {@Option(label = "DEGRADED", value = "DEGRADED"), @Option(label = "MINIMAL", value = "MINIMAL")})
        String off_from() default "DEGRADED";

        @AttributeDefinition(name = "sysfs", description = "Where sysfs is mounted (another directory only for tests).")
        String sysfs_root() default "/sys";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    public Leds() {
        super("LEDs");
    }

    @Activate
    void activate(BundleContext context, Config config) {
        List<String> names = Arrays.stream(config.leds()).map(String::strip).filter(n -> !n.isEmpty()).toList();
        start(PID, log, config.enabled(), problems -> new LedSet(new Sysfs(Path.of(config.sysfs_root())), names,
                offFrom(config.off_from()), new Remembered(DataDirectory.of(context).resolve("power").resolve("leds.found")),
                problems));
    }
}
