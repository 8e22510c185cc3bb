package dev.wren.power.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

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
 * Soft-blocks the board's radios in the leaner modes ({@link RadioSet}), never one the uplink's default
 * route goes over, following the power manager; the richer modes and a stop give back their state.
 * Off until enabled (enabled=true): Kura seeds a configuration for every component.
 */
@Component(configurationPid = Radios.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, Actuator.class}, property = "kura.service.pid=" + Radios.PID)
@Designate(ocd = Radios.Config.class)
public class Radios extends ModeActuator implements ConfigurableComponent {

    public static final String PID = "dev.wren.power.Radios";

    @ObjectClassDefinition(id = PID, name = "Wren radios by power mode",
            description = "Soft-blocks radios (rfkill) from a power mode on, except one the default route goes over;"
                    + " richer modes and a stop give back their state. Needs write access to /sys/class/rfkill/*/soft.")
    public @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Off by default: Kura gives every component a configuration of its own, and /sys is the"
                        + " board's own. True: act on the board.")
        boolean enabled() default false;

        @AttributeDefinition(name = "Radio types", required = false, cardinality = 8,
                description = "rfkill types to block (wlan, bluetooth, wwan...); empty = every radio.")
        String[] types() default {"wlan", "bluetooth"};

        @AttributeDefinition(name = "Off from", description = "The first mode that blocks them.",
                options = {@Option(label = "DEGRADED", value = "DEGRADED"), @Option(label = "MINIMAL", value = "MINIMAL")})
        String off_from() default "DEGRADED";

        @AttributeDefinition(name = "sysfs", description = "Where sysfs is mounted (another directory only for tests).")
        String sysfs_root() default "/sys";

        @AttributeDefinition(name = "Routes",
                description = "The kernel's IPv4 routes, to keep the uplink's radio on (another file only for tests).")
        String route_file() default "/proc/net/route";
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    public Radios() {
        super("Radios");
    }

    @Activate
    void activate(BundleContext context, Config config) {
        Set<String> types = Arrays.stream(config.types()).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        start(PID, log, config.enabled(), problems -> new RadioSet(new Sysfs(Path.of(config.sysfs_root())), types,
                offFrom(config.off_from()), Path.of(config.route_file()),
                new Remembered(DataDirectory.of(context).resolve("power").resolve("radios.found")), problems));
    }
}
