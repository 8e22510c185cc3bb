package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.power.PowerMode;

/** CPU frequency policies on a fake sysfs laid out as a Raspberry Pi 4's (one policy) plus a second one. */
class CpuPoliciesTest {

    @TempDir
    Path sys;

    @TempDir
    Path data;

    Path kept;
    Path policy0;
    Path policy4;

    @BeforeEach
    void board() throws IOException {
        kept = data.resolve("power/cpu-frequency.found");
        policy0 = policy("policy0", "ondemand", "1500000", "600000 700000 800000 900000 1000000 1100000 1200000 1300000 1400000 1500000");
        policy4 = policy("policy4", "schedutil", "1800000", null);
    }

    private Path policy(String name, String governor, String max, String listed) throws IOException {
        Path p = Files.createDirectories(sys.resolve("devices/system/cpu/cpufreq").resolve(name));
        Files.writeString(p.resolve("scaling_governor"), governor + "\n");
        Files.writeString(p.resolve("scaling_available_governors"), "conservative ondemand userspace powersave performance schedutil \n");
        Files.writeString(p.resolve("scaling_max_freq"), max + "\n");
        Files.writeString(p.resolve("cpuinfo_max_freq"), max + "\n");
        Files.writeString(p.resolve("cpuinfo_min_freq"), "600000\n");
        if (listed != null) {
            Files.writeString(p.resolve("scaling_available_frequencies"), listed + " \n");
        }
        return p;
    }

    private CpuPolicies policies(List<String> problems) throws IOException {
        return new CpuPolicies(new Sysfs(sys), CpuPolicies.asks("conservative", 80, "powersave", 50),
                new Remembered(kept), problems);
    }

    private static String read(Path p, String attribute) throws IOException {
        return Files.readString(p.resolve(attribute)).strip();
    }

    @Test
    void eachModeWritesItsGovernorAndCapAndFullGivesBackWhatWasFound() throws IOException {
        List<String> problems = new ArrayList<>();
        CpuPolicies cpu = policies(problems);
        List<String> done = cpu.apply(PowerMode.MINIMAL, problems);
        assertEquals(List.of(), problems);
        assertEquals("powersave", read(policy0, "scaling_governor"));
        assertEquals("700000", read(policy0, "scaling_max_freq"), "50 % of 1.5 GHz is 750 MHz, down to a listed 700");
        assertEquals("powersave", read(policy4, "scaling_governor"));
        assertEquals("900000", read(policy4, "scaling_max_freq"), "no list: 50 % of 1.8 GHz");
        assertEquals(List.of("policy0 governor powersave", "policy0 max 700 MHz", "policy4 governor powersave",
                "policy4 max 900 MHz"), done);

        cpu.apply(PowerMode.DEGRADED, problems);
        assertEquals("conservative", read(policy0, "scaling_governor"));
        assertEquals("1200000", read(policy0, "scaling_max_freq"));

        cpu.apply(PowerMode.FULL, problems);
        assertEquals("ondemand", read(policy0, "scaling_governor"));
        assertEquals("1500000", read(policy0, "scaling_max_freq"));
        assertEquals("schedutil", read(policy4, "scaling_governor"));
        assertEquals("1800000", read(policy4, "scaling_max_freq"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aGovernorTheKernelLacksIsNotWrittenAndSaysSo() throws IOException {
        Files.writeString(policy0.resolve("scaling_available_governors"), "ondemand performance\n");
        List<String> problems = new ArrayList<>();
        CpuPolicies cpu = policies(problems);
        cpu.apply(PowerMode.MINIMAL, problems);
        assertEquals("ondemand", read(policy0, "scaling_governor"));
        assertEquals("700000", read(policy0, "scaling_max_freq"), "the cap is applied all the same");
        assertEquals("powersave", read(policy4, "scaling_governor"));
        assertEquals(List.of("policy0: governor powersave is not offered by the kernel (offers ondemand, performance);"
                + " kept ondemand"), problems);
    }

    @Test
    void aMissingOrRefusingAttributeIsNamedAndTheRestIsStillApplied() throws IOException {
        List<String> problems = new ArrayList<>();
        CpuPolicies cpu = policies(problems);
        Files.delete(policy4.resolve("cpuinfo_max_freq"));
        Files.delete(policy0.resolve("scaling_governor"));
        Files.createDirectory(policy0.resolve("scaling_governor"));
        cpu.apply(PowerMode.MINIMAL, problems);
        assertEquals("700000", read(policy0, "scaling_max_freq"));
        assertEquals("powersave", read(policy4, "scaling_governor"));
        assertEquals("1800000", read(policy4, "scaling_max_freq"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("policy0: " + policy0.resolve("scaling_governor") + " refused powersave"),
                problems.get(0));
        assertEquals("policy4: " + policy4.resolve("cpuinfo_max_freq") + " is missing", problems.get(1));
    }

    @Test
    void noCpufreqAndBadSettingsAreRefusedWithTheirReason(@TempDir Path empty) {
        IOException none = assertThrows(IOException.class,
                () -> new CpuPolicies(new Sysfs(empty), CpuPolicies.asks("", 80, "", 50), new Remembered(null),
                        new ArrayList<>()));
        assertTrue(none.getMessage().contains("no CPU frequency scaling"), none.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> CpuPolicies.asks("", 0, "", 50));
        assertEquals("max.percent: 0 is not within 1..100", bad.getMessage());
    }

    @Test
    void anEmptyGovernorKeepsTheBoardsOwn() throws IOException {
        List<String> problems = new ArrayList<>();
        CpuPolicies cpu = new CpuPolicies(new Sysfs(sys), CpuPolicies.asks("", 80, "", 50), new Remembered(null), problems);
        cpu.apply(PowerMode.MINIMAL, problems);
        assertEquals("ondemand", read(policy0, "scaling_governor"));
        assertEquals("schedutil", read(policy4, "scaling_governor"));
        assertEquals("700000", read(policy0, "scaling_max_freq"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aRunKilledInALeanModeLeavesWhatItFoundForTheNextRun() throws IOException {
        List<String> problems = new ArrayList<>();
        policies(problems).apply(PowerMode.MINIMAL, problems);
        assertTrue(Files.exists(kept), "what was found is kept while the CPU is capped");
        List<String> next = new ArrayList<>();
        CpuPolicies again = policies(next);
        assertEquals(1, next.size(), next.toString());
        assertTrue(next.get(0).startsWith("the last run did not give the CPU back"), next.get(0));
        again.apply(PowerMode.FULL, problems);
        assertEquals("ondemand", read(policy0, "scaling_governor"), "the governor the first run found, not powersave");
        assertEquals("1500000", read(policy0, "scaling_max_freq"));
        assertEquals("1800000", read(policy4, "scaling_max_freq"));
        again.forget();
        assertFalse(Files.exists(kept));
        assertEquals(List.of(), problems);
    }
}
