package dev.wren.hardware.simulator.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.pi4j.provider.Provider;

import dev.wren.hardware.BoardProfile;
import dev.wren.hardware.IoProviders;
import dev.wren.hardware.simulator.ChipModel;
import dev.wren.hardware.simulator.Scenario;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;

/**
 * Builds the simulated board from configuration (chips, scenario, seed), registers it as a
 * {@link SimBoard} service and its Pi4J providers as {@link IoProviders} for the platform, runs
 * the scenario on the board's clock, and offers {@code wren:sim <command>} in the shell.
 * A configuration change rebuilds the board: drivers see their chips vanish and come back.
 */
@Component(configurationPid = Simulator.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ConfigurableComponent.class, Simulator.class},
        property = {"osgi.command.scope=wren", "osgi.command.function=sim"})
@Designate(ocd = Simulator.Config.class)
public class Simulator implements ConfigurableComponent {

    public static final String PID = "dev.wren.hardware.simulator.Simulator";

    @ObjectClassDefinition(id = PID, name = "Wren simulated board",
            description = "Register-level chip models behind Pi4J providers, for running Wren without hardware.")
    public @interface Config {

        @AttributeDefinition(name = "Chips", description = "Chips plugged into the simulated buses, separated by "
                + "commas: <kind>@<bus>:<address>, kind one of " + Chips.KINDS + " or the sim.chip.kind of an installed chip model.")
        String chips() default "bme280@1:0x76, mpu6050@1:0x68, ina219@1:0x40, max17048@1:0x36, ads1115@1:0x48";

        @AttributeDefinition(name = "Scenario file", required = false,
                description = "A script of events over time (see the simulator's documentation); empty = none.")
        String scenario() default "";

        @AttributeDefinition(name = "Random seed", description = "Seeds noise and fault injection, for repeatable runs.")
        long seed() default 1;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private SimBoard board;
    private final ChipModels extensions = new ChipModels();
    private ScheduledExecutorService scenarioRunner;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext bc, Config config) {
        List<Chips.Plug> plugs = new ArrayList<>();
        for (String entry : config.chips().split(",")) {
            if (!entry.isBlank()) {
                plugs.add(Chips.parse(entry));
            }
        }
        board = new SimBoard(SimClock.system(), config.seed());
        Scenario scenario;
        try {
            scenario = config.scenario().isBlank() ? new Scenario(List.of())
                    : Scenario.parse(Files.readString(Path.of(config.scenario()), StandardCharsets.UTF_8), board);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario: " + config.scenario() + ": " + e.getMessage(), e);
        }
        List<Chips.Plug> external = new ArrayList<>();
        for (Chips.Plug p : plugs) {
            if (!Chips.builtIn(p.kind())) {
                external.add(p);
                continue;
            }
            try {
                board.plug(p.bus(), p.address(), Chips.create(p, board));
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("chips: " + e.getMessage(), e);
            }
        }
        extensions.start(board, external, log);
        start(scenario);
        registrations.add(bc.registerService(SimBoard.class, board, null));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(IoProviders.PROFILE, BoardProfile.SIMULATED);
        List<Provider<?, ?, ?>> providers = board.providers();
        registrations.add(bc.registerService(IoProviders.class, () -> providers, props));
        log.info("Simulated board: {} chip(s) {}{}", plugs.size(), config.chips(),
                scenario.steps().isEmpty() ? "" : ", scenario of " + scenario.steps().size() + " steps");
    }

    private void start(Scenario scenario) {
        if (scenario.steps().isEmpty()) {
            return;
        }
        ScheduledThreadPoolExecutor runner = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wren-sim-scenario");
            t.setDaemon(true);
            return t;
        });
        runner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        for (Scenario.Step step : scenario.steps()) {
            runner.schedule(() -> {
                try {
                    Scenario.apply(board, step.command());
                    log.info("Scenario at {}: {}", step.at(), step.command());
                } catch (RuntimeException e) {
                    log.warn("Scenario line {} ({}) failed: {}", step.line(), step.command(), e.getMessage());
                }
            }, step.at().toMillis(), TimeUnit.MILLISECONDS);
        }
        scenarioRunner = runner;
    }

    /** A chip kind Wren does not ship: plugged wherever the configuration names it. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChipModel(ChipModel model, Map<String, Object> properties) {
        extensions.add(properties.get(ChipModel.KIND), model);
    }

    void removeChipModel(ChipModel model, Map<String, Object> properties) {
        extensions.remove(properties.get(ChipModel.KIND), model);
    }

    @Deactivate
    void deactivate() {
        extensions.stop();
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (scenarioRunner != null) {
            scenarioRunner.shutdownNow();
        }
    }

    /** Shell: applies a scenario command to the board now, e.g. {@code wren:sim fault 1:0x76 nack}. */
    @Descriptor("lists the simulated chips; with a command, applies it to the board now, as a scenario line would")
    public String sim(@Descriptor("a scenario command and its arguments, e.g. fault 1:0x76 nack, vibration imbalance 4,"
            + " battery 20; none lists the chips") String... words) {
        if (words.length == 0) {
            StringBuilder out = new StringBuilder("Simulated chips:\n");
            board.devices().forEach(d -> out.append(String.format("  0x%02X on bus %d  %-12s fault %s, %d transactions%n",
                    d.address(), d.bus(), d.chip().getClass().getSimpleName(), d.fault(), d.transactions())));
            return out.toString();
        }
        return apply(board, words);
    }

    /**
     * @return "ok", or one line saying why the command was refused: how a command with missing arguments is
     *         written, the commands when it names none
     */
    static String apply(SimBoard board, String... words) {
        String command = String.join(" ", words).trim();
        try {
            Scenario.apply(board, command);
            return "ok";
        } catch (RuntimeException e) {
            return "refused: " + e.getMessage();
        }
    }
}
