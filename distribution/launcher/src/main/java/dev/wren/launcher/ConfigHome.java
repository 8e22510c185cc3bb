package dev.wren.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps Config Admin's files in the data directory ({@code felix.cm.dir}), not in the framework
 * storage, so that the storage is a cache that can be rebuilt from the shipped bundles without
 * losing the operator's configuration, and can live on another file system.
 *
 * <p>Felix Config Admin keeps its files in its bundle's data area by default
 * ({@code <storage>/bundle<id>/data/config}). The first start with {@code felix.cm.dir} set copies
 * them from there (the current storage, or the storage an earlier launcher kept in
 * {@code <data>/framework}) into a temporary directory beside the target, renames it into place
 * (a crash half-way leaves no half-copied configuration behind) and then deletes the source.
 */
final class ConfigHome {

    static final String CM_DIR = "felix.cm.dir";
    static final String CONFIG_ADMIN = "org.apache.felix.configadmin";

    private ConfigHome() {
    }

    /**
     * @param target {@code felix.cm.dir}
     * @param storages framework storage directories to look in, most recent first
     * @return what was done, for the log; empty if the target existed or nothing was found
     */
    static Optional<String> migrate(Path target, List<Path> storages) throws IOException {
        if (Files.isDirectory(target)) {
            return Optional.empty();
        }
        for (Path storage : storages) {
            Optional<Path> source = configAdminData(storage);
            if (source.isPresent()) {
                int files = copy(source.get(), target);
                // one copy only: a later migration (felix.cm.dir deleted) must not bring stale files back
                delete(source.get());
                return Optional.of("Configuration moved out of the framework storage: " + files + " files from "
                        + source.get() + " to " + target);
            }
        }
        return Optional.empty();
    }

    /** @return Config Admin's file directory in a Felix storage directory, if it has one */
    static Optional<Path> configAdminData(Path storage) throws IOException {
        if (!Files.isDirectory(storage)) {
            return Optional.empty();
        }
        try (Stream<Path> bundles = Files.list(storage)) {
            return bundles.filter(b -> b.getFileName().toString().matches("bundle\\d+"))
                    .filter(ConfigHome::isConfigAdmin)
                    .map(b -> b.resolve("data").resolve("config"))
                    .filter(Files::isDirectory)
                    .findFirst();
        }
    }

    /** Felix's {@code bundle.info}: id, then location; the shipped location names the jar. */
    private static boolean isConfigAdmin(Path bundleDir) {
        try {
            List<String> info = Files.readAllLines(bundleDir.resolve("bundle.info"));
            return info.size() > 1 && info.get(1).contains(CONFIG_ADMIN);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static int copy(Path from, Path to) throws IOException {
        Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(to.getFileName() + ".migrating");
        delete(tmp);
        Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int[] files = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path d = tmp.resolve(from.relativize(dir).toString());
                if (!Files.isDirectory(d)) {
                    Files.createDirectory(d);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, tmp.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                files[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        return files[0];
    }

    /** Deletes a file or a directory tree, if present. */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
