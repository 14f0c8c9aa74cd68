package vn.lienthong.gateway.deploy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A container image saved as a tar ({@code docker save} format, as Jib's buildTar writes it), read the way a
 * container engine reads it: the manifest, the image config and the file system its layers make.
 */
final class ImageTar {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files up to this size keep their content for the assertions (configuration, routes, /etc). */
    private static final long KEPT = 512 * 1024;

    /** One path of the image's file system, after every layer is applied. */
    record Entry(String path, int mode, long uid, long gid, boolean directory, String linkTarget, long size,
                 byte[] content) {

        boolean writableByGroupOrOthers() {
            return (mode & 0022) != 0 && linkTarget == null;
        }

        boolean executable() {
            return (mode & 0111) != 0;
        }
    }

    private final Path tar;
    private final JsonNode manifest;
    private final JsonNode config;
    private final Map<String, Entry> files = new LinkedHashMap<>();

    private ImageTar(Path tar) throws IOException {
        this.tar = tar;
        this.manifest = JSON.readTree(member("manifest.json")).get(0);
        this.config = JSON.readTree(member(manifest.get("Config").asText()));
        for (JsonNode layer : manifest.get("Layers")) {
            readLayer(layer.asText());
        }
    }

    static ImageTar read(Path tar) throws IOException {
        return new ImageTar(tar);
    }

    /** The {@code manifest.json} entry of the one image in the tar. */
    JsonNode manifest() {
        return manifest;
    }

    /** The image config's {@code config} part: User, Entrypoint, Env, ExposedPorts, Volumes, WorkingDir, Labels. */
    JsonNode containerConfig() {
        return config.get("config");
    }

    /** The whole image config (architecture, os, rootfs, history). */
    JsonNode imageConfig() {
        return config;
    }

    /** The merged file system: absolute path (no trailing slash) to entry. */
    Map<String, Entry> files() {
        return files;
    }

    /** The environment the image sets, as a map. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : containerConfig().path("Env")) {
            String[] nameValue = variable.asText().split("=", 2);
            environment.put(nameValue[0], nameValue[1]);
        }
        return environment;
    }

    /** Applies every layer in order below {@code root}, as a container engine lays out the file system. */
    void extractTo(Path root, boolean keepOwners) throws IOException {
        for (JsonNode layer : manifest.get("Layers")) {
            try (TarArchiveInputStream entries = layerStream(layer.asText())) {
                TarArchiveEntry entry;
                while ((entry = entries.getNextEntry()) != null) {
                    Path target = root.resolve(relative(entry.getName())).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("layer entry outside the root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                        continue;
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    if (keepOwners) {
                        Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId());
                        Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId());
                    }
                }
            }
        }
    }

    private void readLayer(String name) throws IOException {
        try (TarArchiveInputStream entries = layerStream(name)) {
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                String path = "/" + relative(entry.getName());
                if (path.contains("/.wh.")) {
                    throw new IOException("whiteouts are not expected in this image: " + path);
                }
                byte[] content = entry.isFile() && entry.getSize() <= KEPT ? entries.readAllBytes() : null;
                files.put(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                        new Entry(path, entry.getMode() & 07777, entry.getLongUserId(), entry.getLongGroupId(),
                                entry.isDirectory(), entry.isSymbolicLink() ? entry.getLinkName() : null,
                                entry.getSize(), content));
            }
        }
    }

    private byte[] member(String name) throws IOException {
        try (TarArchiveInputStream outer = new TarArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(tar)))) {
            TarArchiveEntry entry;
            while ((entry = outer.getNextEntry()) != null) {
                if (entry.getName().equals(name)) {
                    return outer.readAllBytes();
                }
            }
        }
        throw new IOException(tar + " has no " + name);
    }

    private TarArchiveInputStream layerStream(String name) throws IOException {
        TarArchiveInputStream outer = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)));
        TarArchiveEntry entry;
        while ((entry = outer.getNextEntry()) != null) {
            if (entry.getName().equals(name)) {
                InputStream layer = new GzipCompressorInputStream(outer);
                return new TarArchiveInputStream(layer);
            }
        }
        outer.close();
        throw new IOException(tar + " has no layer " + name);
    }

    private static String relative(String name) {
        String path = name;
        while (path.startsWith("/") || path.startsWith("./")) {
            path = path.substring(path.startsWith("/") ? 1 : 2);
        }
        return path;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values();   // OWNER_READ … OTHERS_EXECUTE, 0400 … 0001
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /** The lines of a text file in the image. */
    List<String> lines(String path) {
        Entry entry = files.get(path);
        if (entry == null || entry.content() == null) {
            throw new AssertionError("the image has no readable " + path);
        }
        return new ArrayList<>(new String(entry.content(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
}
