package dev.wren.power.internal;

import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.osgi.util.tracker.ServiceTracker;

import dev.wren.hardware.Board;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.power.internal.Inputs.Input;
import dev.wren.power.internal.Inputs.Sample;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;
import dev.wren.uplink.Uplink;

/**
 * The gateway's power manager: a {@link ReadingSink} that takes battery, supply, power,
 * temperature and throttling readings, follows the {@link Uplink} service's
 * {@value Uplink#CONNECTED} property, and decides the {@link PowerMode} with {@link ModeMachine}
 * on every batch and on a tick every {@value #TICK_S} s (uplink grace, dwell, staleness).
 *
 * <p>It registers {@link PowerState} by hand so that each transition changes the
 * {@value PowerState#MODE} property in place (no re-registration), together with
 * {@value #TIME_TO_EMPTY} (hours left at the current mode's draw; absent while charging or with
 * no battery reading), refreshed at most once a minute. Each transition is logged at INFO with
 * its reason and posted on {@value PowerState#TOPIC_MODE_CHANGED}. Shell: {@code wren:power}. The
 * mode, the draw and the time to empty are also readings of a {@link Sensor} it registers
 * ({@code sensor.id}, default {@value #SENSOR_ID}; see {@link EnergySensor}).
 *
 * <p>A configuration that breaks a rule of {@link Settings} is refused and logged at ERROR; on
 * {@code @Modified} the last good settings stay, at activation the defaults are used (a power
 * manager that refused to start would leave every consumer in FULL).
 *
 * <p>Threading: inputs, the machine and the registration's properties change under one lock;
 * {@link #mode()}, {@link #reason()} and {@link #since()} read a volatile snapshot and never block.
 */
@Component(configurationPid = PowerManager.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ReadingSink.class, ConfigurableComponent.class},
        property = {"osgi.command.scope=wren", "osgi.command.function=power",
            ReadingSink.SENSORS_TARGET + "=(sensor.id=*)",
            "kura.service.pid=" + PowerManager.PID})
@Designate(ocd = PowerManager.Config.class)
public class PowerManager implements ReadingSink, ConfigurableComponent, PowerState, Draws {

    public static final String PID = "dev.wren.power.PowerManager";

    /** Service property of the PowerState registration: hours to empty at the current mode, 0.1 h steps. */
    public static final String TIME_TO_EMPTY = PowerState.TIME_TO_EMPTY;

    static final String SENSOR_ID = "energy";
    static final long TICK_S = 5;
    private static final long PROPERTY_REFRESH_MS = 60_000;

    @ObjectClassDefinition(id = PID, name = "Wren power manager",
            description = "Chooses FULL, DEGRADED or MINIMAL from battery, supply, temperature, throttling and uplink.")
    public @interface Config {

        @AttributeDefinition(name = "Sensors",
                description = "LDAP filter over the sensors whose readings feed the decision."
                        + " Becomes sensors.target (the id before; still accepted).")
        String sensors_filter() default "(sensor.id=*)";

        @AttributeDefinition(name = "Sensor id", required = false,
                description = "Id of the sensor whose readings are the mode, the draw and the time to empty; empty = none.")
        String sensor_id() default SENSOR_ID;

        @AttributeDefinition(name = "Mode override", required = false,
                description = "Empty = automatic; FULL, DEGRADED or MINIMAL forces that mode.",
                options = {@Option(label = "automatic", value = ""), @Option(label = "FULL", value = "FULL"),
                    @Option(label = "DEGRADED", value = "DEGRADED"), @Option(label = "MINIMAL", value = "MINIMAL")})
        String mode_override() default "";

        @AttributeDefinition(name = "MINIMAL at or below (%)", min = "0", max = "100",
                description = "Battery charge entering MINIMAL when not charging.")
        double minimal_enter() default Settings.MINIMAL_ENTER;

        @AttributeDefinition(name = "MINIMAL left at (%)", min = "0", max = "100",
                description = "Battery charge leaving MINIMAL; above the entry.")
        double minimal_exit() default Settings.MINIMAL_EXIT;

        @AttributeDefinition(name = "DEGRADED at or below (%)", min = "0", max = "100",
                description = "Battery charge entering DEGRADED when not charging; not below MINIMAL's entry.")
        double degraded_enter() default Settings.DEGRADED_ENTER;

        @AttributeDefinition(name = "DEGRADED left at (%)", min = "0", max = "100",
                description = "Battery charge leaving DEGRADED; above the entry.")
        double degraded_exit() default Settings.DEGRADED_EXIT;

        @AttributeDefinition(name = "Warm (degC)", min = "-60", max = "150",
                description = "Temperature entering DEGRADED (CPU, else air).")
        double temperature_warm() default Settings.TEMPERATURE_WARM;

        @AttributeDefinition(name = "Critical (degC)", min = "-60", max = "150",
                description = "Temperature entering MINIMAL; above warm.")
        double temperature_critical() default Settings.TEMPERATURE_CRITICAL;

        @AttributeDefinition(name = "Temperature hysteresis (degC)", min = "0.1", max = "50",
                description = "A mode entered for heat is left this far below its threshold.")
        double temperature_hysteresis() default Settings.TEMPERATURE_HYSTERESIS;

        @AttributeDefinition(name = "Uplink grace (s)", min = "0", max = "604800",
                description = "How long the uplink may be down before the gateway goes DEGRADED.")
        long uplink_grace_s() default Settings.UPLINK_GRACE_S;

        @AttributeDefinition(name = "Dwell (s)", min = "0", max = "86400",
                description = "Least time in a mode before moving to a richer one.")
        long dwell_s() default Settings.DWELL_S;

        @AttributeDefinition(name = "Staleness (s)", min = "1", max = "86400",
                description = "An input older than this is unknown (and unknown is never treated as bad).")
        long stale_s() default Settings.STALE_S;

        @AttributeDefinition(name = "Board profile",
                description = "What the board draws, from published measurements, until an INA219 measures it; auto ="
                        + " the hardware platform's board (a Raspberry Pi 4 for the simulated one).",
                options = {@Option(label = "the hardware platform's board", value = "auto"),
                    @Option(label = "Raspberry Pi 4", value = "raspberrypi-4"),
                    @Option(label = "Raspberry Pi 5", value = "raspberrypi-5"),
                    @Option(label = "generic aarch64 (RK3588 class)", value = "generic-aarch64")})
        String board_profile() default Settings.BOARD_PROFILE;

        @AttributeDefinition(name = "Draw in FULL (W)", min = "0", max = "1000",
                description = "Used until an INA219 has measured it; 0 = the board profile's idle draw.")
        double power_full_w() default 0;

        @AttributeDefinition(name = "Draw in DEGRADED (W)", min = "0", max = "1000",
                description = "Used until measured; 0 = the board profile's, less what the actuators switch off.")
        double power_degraded_w() default 0;

        @AttributeDefinition(name = "Draw in MINIMAL (W)", min = "0", max = "1000",
                description = "Used until measured; 0 = the board profile's, less what the actuators switch off.")
        double power_minimal_w() default 0;

        @AttributeDefinition(name = "Battery capacity (Wh)", min = "0.1", max = "100000",
                description = "Usable energy at 100 %; 37 Wh is a 10 000 mAh pack at 3.7 V.")
        double battery_capacity_wh() default Settings.BATTERY_CAPACITY_WH;

        @AttributeDefinition(name = "Battery nominal voltage (V)", min = "0.5", max = "100",
                description = "The voltage the capacity is given at; 3.7 V for one Li-ion cell.")
        double battery_nominal_v() default Settings.BATTERY_NOMINAL_V;

        @AttributeDefinition(name = "Battery empty voltage (V)", min = "0.5", max = "100",
                description = "The voltage at which the battery is empty; 3.0 V for one Li-ion cell.")
        double battery_empty_v() default Settings.BATTERY_EMPTY_V;
    }

    /** What the getters return, replaced whole on each transition or reason change. */
    private record Snapshot(PowerMode mode, String reason, Instant since) {
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    /**
     * The actuators configured, tracked rather than bound: they follow {@link PowerState}, and a
     * Declarative Services binding both ways could make the two components wait on each other.
     */
    private ServiceTracker<Actuator, Actuator> actuators;

    private final Object lock = new Object();
    private final Inputs inputs = new Inputs();
    private Object sensorsTarget;
    private final Energy energy = new Energy();
    /** The hardware platform's board service and its {@value Board#PROFILE}, or null without one. */
    private Board platform;
    private volatile Object platformProfile;
    LongSupplier clock = System::currentTimeMillis;
    private Settings settings;
    private ModeMachine machine;
    private ServiceRegistration<?> registration;
    private ServiceRegistration<Sensor> sensor;
    private String sensorId;
    private BundleContext context;
    private ScheduledExecutorService ticker;
    private Uplink uplink;
    /** Why the bound uplink is no input (DISABLED, idle between windows), or null; under {@link #lock}. */
    private String uplinkNote;
    private Double publishedHours;
    private long publishedAt;
    private volatile Snapshot snapshot = new Snapshot(PowerMode.FULL, "starting", Instant.now());

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Settings first;
        String id;
        try {
            first = settings(properties);
            id = sensorId(properties);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, using the defaults: {}", PID, e.getMessage());
            first = Settings.defaults();
            id = SENSOR_ID;
        }
        long now = clock.getAsLong();
        this.context = context;
        actuators = new ServiceTracker<>(context, Actuator.class, null);
        actuators.open();
        synchronized (lock) {
            settings = first;
            sensorsTarget = properties.getOrDefault(SENSORS_TARGET, "(sensor.id=*)");
            machine = new ModeMachine(first, now);
            snapshot = new Snapshot(machine.mode(), machine.reason(), Instant.ofEpochMilli(now));
            registration = context.registerService(new String[] {PowerState.class.getName(), Draws.class.getName()}, this,
                    serviceProperties(now));
            evaluate(now);
        }
        sensor(id);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wren-power");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_S, TICK_S, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Settings next;
        try {
            next = settings(properties);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
            return;
        }
        synchronized (lock) {
            Object target = properties.getOrDefault(SENSORS_TARGET, "(sensor.id=*)");
            if (!target.equals(sensorsTarget)) {
                inputs.forgetReadings();
                sensorsTarget = target;
            }
            settings = next;
            machine.settings(next);
            evaluate(clock.getAsLong());
        }
        sensor(sensorId(properties));
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
        actuators.close();
        sensor("");
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework unregistered it already (bundle stopping)
        }
    }

    /** Registers the {@link EnergySensor} as {@code id}, replacing one of another id; none for "". */
    private synchronized void sensor(String id) {
        if (id.equals(sensorId)) {
            return;
        }
        if (sensor != null) {
            try {
                sensor.unregister();
            } catch (IllegalStateException e) {
                // the framework unregistered it already (bundle stopping)
            }
            sensor = null;
        }
        sensorId = id;
        if (!id.isEmpty()) {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put(Sensor.ID, id);
            p.put(Sensor.KIND, EnergySensor.KIND);
            for (PowerMode m : PowerMode.values()) {
                p.put(Sensor.periodProperty(m), EnergySensor.PERIODS_MS[m.ordinal()]);
            }
            sensor = context.registerService(Sensor.class, new EnergySensor(id, this::figures, clock), p);
        }
    }

    private EnergySensor.Figures figures() {
        long now = clock.getAsLong();
        synchronized (lock) {
            return new EnergySensor.Figures(machine.mode(), watts(machine.mode()), hoursToEmpty(now));
        }
    }

    /** @return what the actuators configured switch off in {@code mode} on this board, W */
    private double savedW(PowerMode mode) {
        double saved = 0;
        for (Actuator a : actuators.getServices(new Actuator[0])) {
            saved += a.savingW(mode, board());
        }
        return saved;
    }

    /** @return the draw of {@code mode}: measured by an INA219, else the operator's, else the board's less the savings */
    @Override
    public double watts(PowerMode mode) {
        synchronized (lock) {
            return energy.watts(mode, settings.modelWatts(mode, board(), savedW(mode)));
        }
    }

    @Override
    public boolean measured(PowerMode mode) {
        synchronized (lock) {
            return energy.samples(mode) > 0;
        }
    }

    @Override
    public BoardProfile board() {
        synchronized (lock) {
            return settings.board(platformProfile);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedBoard", unbind = "unbindBoard")
    synchronized void bindBoard(Board board, Map<String, Object> properties) {
        platform = board;
        platformProfile = properties.get(Board.PROFILE);
    }

    synchronized void updatedBoard(Board board, Map<String, Object> properties) {
        bindBoard(board, properties);
    }

    synchronized void unbindBoard(Board board) {
        if (platform == board) {
            platform = null;
            platformProfile = null;
        }
    }

    /** @throws IllegalArgumentException naming {@code sensor.id} unless it is empty or a valid sensor id */
    static String sensorId(Map<String, Object> properties) {
        String id = String.valueOf(properties.getOrDefault("sensor.id", SENSOR_ID)).trim();
        return id.isEmpty() ? id : Sensor.requireValidId(id);
    }

    /** @throws IllegalArgumentException naming the property and the rule it breaks */
    static Settings settings(Map<String, Object> properties) {
        Object target = properties.getOrDefault(SENSORS_TARGET, "(sensor.id=*)");
        try {
            FrameworkUtil.createFilter(String.valueOf(target));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(SENSORS_TARGET + ": must be an LDAP filter such as (sensor.id=*), was '"
                    + target + "' (" + e.getMessage() + ")");
        }
        sensorId(properties);
        return Settings.of(properties);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedUplink", unbind = "unbindUplink")
    void bindUplink(Uplink service, Map<String, Object> properties) {
        uplink(service, connected(service, properties), note(properties));
    }

    void updatedUplink(Uplink service, Map<String, Object> properties) {
        uplink(service, connected(service, properties), note(properties));
    }

    void unbindUplink(Uplink service, Map<String, Object> properties) {
        synchronized (lock) {
            if (uplink != service) {
                return; // a replacement was bound first
            }
            uplink = null;
        }
        uplink(null, null, null);
    }

    /**
     * @return the {@value Uplink#CONNECTED} property, or the service's state when the property is
     *         missing; null (unknown) while the uplink is DISABLED (no broker configured) or idle between the
     *         connection windows of a lean mode: neither is a link down
     */
    private static Boolean connected(Uplink service, Map<String, Object> properties) {
        if (Uplink.State.DISABLED.name().equals(properties.get(Uplink.STATE))
                || Boolean.TRUE.equals(properties.get(Uplink.IDLE))) {
            return null;
        }
        Object p = properties.get(Uplink.CONNECTED);
        return p != null ? Boolean.valueOf(p.toString()) : service.state() == Uplink.State.CONNECTED;
    }

    /** @return why the uplink of these service properties is no input, as {@code wren:uplink} says it; null if it is one */
    static String note(Map<String, Object> properties) {
        if (Uplink.State.DISABLED.name().equals(properties.get(Uplink.STATE))) {
            return "DISABLED (no broker configured), not counted as down";
        }
        if (Boolean.TRUE.equals(properties.get(Uplink.IDLE))) {
            return "idle between the connection windows of " + properties.getOrDefault(Uplink.STATE, "DISCONNECTED")
                    + ", not counted as down";
        }
        return null;
    }

    private void uplink(Uplink service, Boolean connected, String note) {
        long now = clock.getAsLong();
        synchronized (lock) {
            if (service != null) {
                uplink = service;
            }
            uplinkNote = uplink == null ? null : note;
            inputs.uplink(service == null ? null : connected, now);
            if (machine != null) {
                evaluate(now);
            }
        }
    }

    @Override
    public void accept(List<Reading> readings) {
        long now = clock.getAsLong();
        synchronized (lock) {
            if (machine == null) {
                return;
            }
            Quantities.take(readings, inputs, energy, machine.mode());
            evaluate(now);
        }
    }

    private void tick() {
        try {
            long now = clock.getAsLong();
            synchronized (lock) {
                evaluate(now);
                if (now - publishedAt >= PROPERTY_REFRESH_MS && !java.util.Objects.equals(hoursToEmpty(now),
                        publishedHours)) {
                    registration.setProperties(serviceProperties(now));
                }
            }
        } catch (RuntimeException e) {
            log.error("Power evaluation failed", e);
        }
    }

    /** Caller holds {@link #lock}. */
    private void evaluate(long now) {
        String before = machine.reason();
        Optional<Transition> t = machine.evaluate(inputs, now);
        if (t.isEmpty()) {
            if (!before.equals(machine.reason())) {
                snapshot = new Snapshot(machine.mode(), machine.reason(), snapshot.since());
            }
            return;
        }
        Transition tr = t.get();
        snapshot = new Snapshot(tr.to(), tr.reason(), Instant.ofEpochMilli(tr.at()));
        registration.setProperties(serviceProperties(now));
        log.info("Power mode {} -> {}: {}", tr.from(), tr.to(), tr.reason());
        EventAdmin ea = events;
        if (ea != null) {
            ea.postEvent(new Event(TOPIC_MODE_CHANGED, Map.of(EVENT_FROM, tr.from().name(), EVENT_TO, tr.to().name(),
                    EVENT_REASON, tr.reason())));
        }
    }

    /** Caller holds {@link #lock}; remembers what it published. */
    private Dictionary<String, Object> serviceProperties(long now) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(MODE, machine.mode().name());
        publishedHours = hoursToEmpty(now);
        publishedAt = now;
        if (publishedHours != null) {
            p.put(TIME_TO_EMPTY, publishedHours);
        }
        return p;
    }

    /** @return hours to empty at the current mode, rounded to 0.1 h; null while charging or unknown */
    private Double hoursToEmpty(long now) {
        Sample soc = inputs.fresh(Input.SOC, now, settings.staleMillis());
        Sample external = inputs.fresh(Input.EXTERNAL, now, settings.staleMillis());
        if (soc == null || external != null && external.on()) {
            return null;
        }
        Sample volts = inputs.fresh(Input.BATTERY_VOLTAGE, now, settings.staleMillis());
        double h = Energy.hoursToEmpty(soc.value(), volts == null ? Double.NaN : volts.value(), settings,
                watts(machine.mode()));
        return Math.round(h * 10) / 10.0;
    }

    @Override
    public PowerMode mode() {
        return snapshot.mode();
    }

    @Override
    public String reason() {
        return snapshot.reason();
    }

    @Override
    public Instant since() {
        return snapshot.since();
    }

    /** Gogo {@code wren:power}: mode, reason, inputs with their age, discards and energy figures. */
    @org.apache.felix.service.command.Descriptor("the power mode with its reason, the inputs with their age, the uplink as"
            + " the power manager sees it, discarded readings, the draw in each mode and the time to empty")
    public String power() {
        long now = clock.getAsLong();
        synchronized (lock) {
            Settings s = settings;
            StringBuilder b = new StringBuilder(512);
            b.append("power ").append(machine.mode()).append(" since ").append(Instant.ofEpochMilli(machine.since()))
                    .append(" (").append(Words.duration(now - machine.since())).append("): ").append(machine.reason())
                    .append(s.override() != null ? "\n  override " + s.override() : "").append('\n');
            input(b, "battery", inputs.last(Input.SOC), "%", now, s);
            input(b, "battery voltage", inputs.last(Input.BATTERY_VOLTAGE), "V", now, s);
            input(b, "external power", inputs.last(Input.EXTERNAL), "", now, s);
            input(b, "draw", inputs.last(Input.POWER), "W", now, s);
            input(b, "cpu temperature", inputs.last(Input.CPU_TEMPERATURE), "degC", now, s);
            input(b, "air temperature", inputs.last(Input.AIR_TEMPERATURE), "degC", now, s);
            input(b, "throttled", inputs.last(Input.THROTTLED), "", now, s);
            Boolean up = inputs.uplinkConnected();
            b.append("  uplink ").append(up != null ? (up ? "connected" : "down") + " for "
                    + Words.duration(now - inputs.uplinkSince()) : uplink == null ? "unknown (no uplink service)"
                    : uplinkNote != null ? uplinkNote : "unknown").append('\n');
            b.append("  discarded ").append(inputs.discarded().isEmpty() ? "none" : inputs.discarded()).append('\n');
            BoardProfile board = board();
            b.append("  board ").append(board.id()).append(s.board() != null ? " (configured)"
                    : platformProfile == null ? " (no hardware platform)" : " (the platform's " + platformProfile + ")")
                    .append(", idle ").append(Words.watts(board.idleW())).append(" (published)\n");
            for (PowerMode m : PowerMode.values()) {
                long n = energy.samples(m);
                double w = watts(m);
                double saved = savedW(m);
                b.append("  ").append(m).append(": ").append(Words.watts(w)).append(' ')
                        .append(n > 0 ? "measured (" + n + ")" : !Double.isNaN(s.givenWatts(m)) ? "configured"
                                : saved > 0 ? "modelled (actuators save " + Words.watts(saved) + ")" : "modelled")
                        .append(", full battery ").append(Words.number(Energy.hoursToEmpty(100, Double.NaN, s, w)))
                        .append(" h\n");
            }
            Double h = hoursToEmpty(now);
            b.append("  time to empty at ").append(machine.mode()).append(": ")
                    .append(h != null ? Words.number(h) + " h (" + Words.number(s.capacityWh()) + " Wh battery)"
                            : "none (charging, or no battery reading)");
            return b.toString();
        }
    }

    /** Gogo {@code wren:power} with arguments: the usage. */
    @org.apache.felix.service.command.Descriptor("any arguments: prints the usage")
    public String power(@org.apache.felix.service.command.Descriptor("none taken") String... words) {
        return words.length == 0 ? power() : "usage: power (takes no arguments; the mode is forced by mode.override in "
                + PID + ")";
    }

    private static void input(StringBuilder b, String name, Sample sample, String unit, long now, Settings s) {
        b.append("  ").append(name).append(' ');
        if (sample == null) {
            b.append("never seen\n");
            return;
        }
        b.append(Words.number(sample.value())).append(unit.isEmpty() ? "" : " " + unit)
                .append(sample.note().isEmpty() ? "" : " (" + sample.note() + ")")
                .append(", ").append(Words.duration(now - sample.at())).append(" ago")
                .append(now - sample.at() > s.staleMillis() ? ", stale" : "").append('\n');
    }
}
