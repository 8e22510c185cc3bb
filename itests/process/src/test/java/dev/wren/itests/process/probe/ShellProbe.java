package dev.wren.itests.process.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A bundle that runs one Gogo shell command in the gateway when it starts, as an operator typing it
 * would (the standalone runtime's shell reads no terminal: {@code gosh.args=--nointeractive}), and
 * prints {@code wren-probe: <command> -> <result> (started <ms>, returned <ms>)} on the gateway's
 * standard output, times in ms since the epoch. Built by {@link #bundle}, installed through the web
 * console. The shell's API is reached by reflection, so the tests need no Gogo jar to compile.
 */
public final class ShellProbe implements BundleActivator {

    /** The manifest header naming the command. */
    public static final String COMMAND = "Wren-Probe-Command";
    public static final String PREFIX = "wren-probe: ";

    @Override
    public void start(BundleContext bc) throws Exception {
        String command = bc.getBundle().getHeaders().get(COMMAND);
        ClassLoader loader = ShellProbe.class.getClassLoader();
        Class<?> processorType = loader.loadClass("org.apache.felix.service.command.CommandProcessor");
        Class<?> sessionType = loader.loadClass("org.apache.felix.service.command.CommandSession");
        ServiceReference<?> ref = bc.getServiceReference(processorType.getName());
        if (ref == null) {
            System.out.println(PREFIX + command + " -> no Gogo command processor");
            return;
        }
        Object processor = bc.getService(ref);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, new ByteArrayInputStream(new byte[0]), out, out);
        long started = System.currentTimeMillis();
        Object result;
        try {
            result = sessionType.getMethod("execute", CharSequence.class).invoke(session, command);
        } catch (java.lang.reflect.InvocationTargetException e) {
            result = "failed: " + e.getCause();
        }
        long returned = System.currentTimeMillis();
        sessionType.getMethod("close").invoke(session);
        bc.ungetService(ref);
        System.out.println(PREFIX + command + " -> " + String.valueOf(result).strip() + " (started " + started
                + ", returned " + returned + ")");
        System.out.flush();
    }

    @Override
    public void stop(BundleContext bc) {
        // nothing kept
    }

    /** Writes the probe as a bundle that runs {@code command} when started. */
    public static Path bundle(Path dir, String symbolicName, String command) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", ShellProbe.class.getName());
        a.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\","
                + "org.apache.felix.service.command;version=\"[1.0,2)\"");
        a.putValue(COMMAND, command);
        String entry = ShellProbe.class.getName().replace('.', '/') + ".class";
        Path jar = Files.createDirectories(dir).resolve(symbolicName + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(file, mf);
                InputStream in = ShellProbe.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
        return jar;
    }

    /** @return the command's result from a line the probe printed, e.g. {@code ok} */
    public static String result(String line) {
        int arrow = line.indexOf(" -> ");
        int paren = line.lastIndexOf(" (started ");
        return line.substring(arrow + 4, paren);
    }

    /** @return when the command was started, ms since the epoch, from a line the probe printed */
    public static long started(String line) {
        int at = line.lastIndexOf(" (started ") + " (started ".length();
        return Long.parseLong(line.substring(at, line.indexOf(',', at)));
    }
}
