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
import org.osgi.service.metatype.annotations.Option;

import dev.wren.data.DataDirectory;

/**
 * Switches the board's HDMI outputs and backlights off in the leaner modes ({@link DisplaySet}),
 * following the power manager; the richer modes and a stop give them back. Off until enabled (enabled=true): Kura seeds a configuration for every component.
 */
@Component(configurationPid = Display.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, Actuator.class}, property = "kura.service.pid=" + Display.PID)
@Designate(ocd = Display.Config.class)
public class Display extends ModeActuator implements ConfigurableComponent {

    public static final String PID = "dev.wren.power.Display";

    @ObjectClassDefinition(id = PID, name = "Wren display by power mode",
            description = "Switches the HDMI outputs (DRM connector status) and backlights (bl_power) off from a power"
                    + " mode on; richer modes and a stop give them back. Needs write access to"
                    + " /sys/class/drm/card*-HDMI-*/status and /sys/class/backlight/*/bl_power.")
    public @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Off by default: Kura gives every component a configuration of its own, and /sys is the"
                        + " board's own. True: act on the board.")
        boolean enabled() default false;

        @AttributeDefinition(name = "Off from", description = "The first mode that switches the display off.",
                options = {@Option(label = "DEGRADED", value = "DEGRADED"), @Option(label = "MINIMAL", value = "MINIMAL")})
        String off_from() default "DEGRADED";

        @AttributeDefinition(name = "sysfs", description = "Where sysfs is mounted (another directory only for tests).")
        String sysfs_root() default "/sys";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    public Display() {
        super("Display");
    }

    @Activate
    void activate(BundleContext context, Config config) {
        start(PID, log, config.enabled(), problems -> new DisplaySet(new Sysfs(Path.of(config.sysfs_root())), offFrom(config.off_from()),
                new Remembered(DataDirectory.of(context).resolve("power").resolve("display.found")), problems));
    }
}
