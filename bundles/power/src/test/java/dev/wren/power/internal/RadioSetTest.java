package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.power.PowerMode;

/**
 * Radios on a fake sysfs laid out as a Raspberry Pi's: Wi-Fi (phy0, interface wlan0) and Bluetooth (hci0),
 * both unblocked, and an Ethernet interface eth0; the kernel's route table in a file of its own.
 */
class RadioSetTest {

    private static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    @TempDir
    Path sys;

    @TempDir
    Path data;

    Path routes;
    Path wifi;
    Path bt;

    @BeforeEach
    void board() throws IOException {
        wifi = radio("rfkill0", "wlan", "phy0");
        bt = radio("rfkill1", "bluetooth", "hci0");
        Files.createDirectories(sys.resolve("class/net/wlan0/wireless"));
        Files.writeString(Files.createDirectories(sys.resolve("class/net/eth0")).resolve("uevent"), "INTERFACE=eth0\nIFINDEX=2\n");
        routes = data.resolve("route");
        via("eth0");
    }

    private Path radio(String dir, String type, String name) throws IOException {
        Path d = Files.createDirectories(sys.resolve("class/rfkill").resolve(dir));
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("name"), name + "\n");
        Files.writeString(d.resolve("soft"), "0\n");
        return d;
    }

    /** The default route over {@code iface}, and the link's own network beside it. */
    private void via(String iface) throws IOException {
        Files.writeString(routes, HEADER + iface + "\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + iface + "\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n");
    }

    private RadioSet radios(Set<String> types, List<String> problems) throws IOException {
        return new RadioSet(new Sysfs(sys), types, PowerMode.DEGRADED, routes, new Remembered(data.resolve("power/radios.found")),
                problems);
    }

    private static String soft(Path radio) throws IOException {
        return Files.readString(radio.resolve("soft")).strip();
    }

    @Test
    void blockedFromItsModeAndBackAsFound() throws IOException {
        List<String> problems = new ArrayList<>();
        RadioSet r = radios(Set.of(), problems);
        assertEquals(List.of("rfkill0 (wlan) blocked", "rfkill1 (bluetooth) blocked"), r.apply(PowerMode.DEGRADED, problems));
        assertEquals("1", soft(wifi));
        assertEquals("1", soft(bt));
        assertEquals(0.2, r.savingW(PowerMode.MINIMAL, BoardProfile.RASPBERRY_PI_4), 1e-9);
        assertEquals(0, r.savingW(PowerMode.FULL, BoardProfile.RASPBERRY_PI_4));
        assertEquals(List.of("rfkill0 (wlan) back to unblocked", "rfkill1 (bluetooth) back to unblocked"),
                r.apply(PowerMode.FULL, problems));
        assertEquals("0", soft(wifi));
        assertEquals(List.of(), problems);
    }

    @Test
    void theRadioTheUplinkGoesOverStaysOn() throws IOException {
        via("wlan0");
        List<String> problems = new ArrayList<>();
        RadioSet r = radios(Set.of(), problems);
        assertEquals(List.of("rfkill0 (wlan) kept: the uplink may need it", "rfkill1 (bluetooth) blocked"),
                r.apply(PowerMode.MINIMAL, problems));
        assertEquals("0", soft(wifi));
        assertEquals(0.1, r.savingW(PowerMode.MINIMAL, BoardProfile.RASPBERRY_PI_4), 1e-9, "Bluetooth only");
        via("eth0");
        r.apply(PowerMode.FULL, problems);
        assertEquals(List.of("rfkill0 (wlan) kept: the uplink may need it", "rfkill1 (bluetooth) blocked"),
                r.apply(PowerMode.DEGRADED, problems), "the default route moved to Ethernet: Wi-Fi, which carried it, stays");
        assertEquals(List.of(), problems);
    }

    @Test
    void withNoDefaultRouteAtAllNoRadioIsBlocked() throws IOException {
        Files.writeString(routes, HEADER);
        List<String> problems = new ArrayList<>();
        RadioSet r = radios(Set.of(), problems);
        assertEquals(List.of("rfkill0 (wlan) kept: the uplink may need it", "rfkill1 (bluetooth) kept: the uplink may need it"),
                r.apply(PowerMode.DEGRADED, problems));
        assertEquals(0, r.savingW(PowerMode.DEGRADED, BoardProfile.RASPBERRY_PI_4));
        via("eth0");
        assertEquals(List.of("rfkill0 (wlan) blocked", "rfkill1 (bluetooth) blocked"), r.apply(PowerMode.MINIMAL, problems),
                "the route is read again at each mode");
    }

    @Test
    void routesThatCannotBeReadBlockNothing() throws IOException {
        Files.delete(routes);
        List<String> problems = new ArrayList<>();
        RadioSet r = radios(Set.of("wlan"), problems);
        assertEquals(List.of("rfkill0 (wlan) kept: the uplink may need it"), r.apply(PowerMode.MINIMAL, problems));
        assertTrue(problems.get(0).startsWith(routes + " cannot be read"), problems.toString());
        assertEquals("0", soft(wifi));
    }

    @Test
    void onlyTheTypesAskedAndAMissingOrRefusingSwitchIsNamed() throws IOException {
        List<String> problems = new ArrayList<>();
        RadioSet r = radios(Set.of("bluetooth"), problems);
        assertEquals(List.of("rfkill1 (bluetooth) blocked"), r.apply(PowerMode.MINIMAL, problems));
        assertEquals("0", soft(wifi), "not asked");
        Files.delete(bt.resolve("soft"));
        r.apply(PowerMode.FULL, problems);
        assertEquals(List.of(bt.resolve("soft") + " is missing"), problems);
        assertThrows(IOException.class, () -> new RadioSet(new Sysfs(data), Set.of(), PowerMode.DEGRADED, routes,
                new Remembered(null), new ArrayList<>()));
        assertThrows(IllegalArgumentException.class, () -> new RadioSet(new Sysfs(sys), Set.of(), PowerMode.FULL, routes,
                new Remembered(null), new ArrayList<>()));
    }
}
