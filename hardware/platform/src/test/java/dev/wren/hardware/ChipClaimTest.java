package dev.wren.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.pi4j.io.i2c.I2C;

import dev.wren.sensor.SensorException;

class ChipClaimTest {

    private final List<String> events = new ArrayList<>();
    private RuntimeException refusal;

    /** A board that hands out bare I2C devices and records claims and releases, or refuses with {@link #refusal}. */
    private final Board board = (Board) Proxy.newProxyInstance(Board.class.getClassLoader(), new Class<?>[] {Board.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "i2c" -> {
                    if (refusal != null) {
                        throw refusal;
                    }
                    events.add(String.format(Locale.ROOT, "+%d:0x%02X %s", args[0], args[1], args[2]));
                    yield device((int) args[0], (int) args[1]);
                }
                case "release" -> {
                    events.add(String.format(Locale.ROOT, "-%d:0x%02X", ((I2C) args[0]).bus(), ((I2C) args[0]).device()));
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static I2C device(int bus, int address) {
        return (I2C) Proxy.newProxyInstance(I2C.class.getClassLoader(), new Class<?>[] {I2C.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "bus" -> bus;
                    case "device" -> address;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void claimsLazilyKeepsTheSameTargetAndMovesToANewOne() throws SensorException {
        ChipClaim claim = new ChipClaim(board, "bme280 'air'");
        claim.target(1, 0x76);
        assertEquals(List.of(), events, "nothing claimed before the first use");
        I2CRegisters r = claim.registers();
        assertEquals("0x76 on i2c-1", r.where());
        claim.target(1, 0x76);
        assertSame(r, claim.registers());
        claim.target(1, 0x77);
        assertEquals(List.of("+1:0x76 bme280 'air'", "-1:0x76"), events);
        claim.registers();
        claim.close();
        claim.close();
        assertEquals(List.of("+1:0x76 bme280 'air'", "-1:0x76", "+1:0x77 bme280 'air'", "-1:0x77"), events);
    }

    @Test
    void aRefusedClaimIsAnUnavailableSensorThatRetries() throws SensorException {
        ChipClaim claim = new ChipClaim(board, "bme280 'dup'");
        claim.target(1, 0x76);
        refusal = new IllegalStateException("I2C address 0x76 on bus 1 is already used by bme280 'air'");
        SensorException e = assertThrows(SensorException.class, claim::registers);
        assertEquals(SensorException.Fault.UNAVAILABLE, e.fault());
        assertEquals("I2C address 0x76 on bus 1 is already used by bme280 'air'", e.getMessage());

        refusal = new RuntimeException("Sysfs validation failed for I2C bus 1");
        e = assertThrows(SensorException.class, claim::registers);
        assertEquals(SensorException.Fault.UNAVAILABLE, e.fault());
        assertTrue(e.getMessage().startsWith("I2C bus 1 cannot be opened (is I2C enabled"), e.getMessage());

        refusal = null;
        claim.registers();
        assertEquals(List.of("+1:0x76 bme280 'dup'"), events);
    }

    @Test
    void addressesParseInHexOrDecimalAndRefusalsNameTheProperty() {
        assertEquals(0x76, ChipClaim.address("i2c.address", "0x76", 0x76, 0x77));
        assertEquals(0x77, ChipClaim.address("i2c.address", " 119 ", 0x76, 0x77));
        assertEquals("i2c.address: must be one of 0x76, 0x77, was '0x78'", assertThrows(IllegalArgumentException.class,
                () -> ChipClaim.address("i2c.address", "0x78", 0x76, 0x77)).getMessage());
        assertEquals("i2c.address: must be one of 0x76, 0x77, was 'x'", assertThrows(IllegalArgumentException.class,
                () -> ChipClaim.address("i2c.address", "x", 0x76, 0x77)).getMessage());
    }
}
