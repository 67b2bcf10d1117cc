package io.xmppgateway.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@code kubectl kustomize <dir>} renders — the objects {@code kubectl apply -k <dir>} would send — parsed, with
 * lookups by kind and name and a little navigation of the parsed YAML.
 */
final class Rendering {

    private final String dir;
    private final List<Map<String, Object>> objects;

    private Rendering(String dir, List<Map<String, Object>> objects) {
        this.dir = dir;
        this.objects = objects;
    }

    /** Renders {@code dir}, relative to the project, with the real kubectl; fails the test on any error. */
    static Rendering of(String dir) throws IOException, InterruptedException {
        Path project = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process kubectl;
            try {
                kubectl = new ProcessBuilder("kubectl", "kustomize", project.resolve(dir).toString())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                throw new AssertionError("kubectl not found: install the Debian package kubernetes-client "
                        + "(src/test/scripts/ensure-kubectl.sh does it when the build runs as root)", e);
            }
            String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                fail("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            assertEquals(0, kubectl.exitValue(), () -> "kubectl kustomize " + dir + " failed: " + read(stderr));
            return new Rendering(dir, parse(yaml));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    private static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add(map(document));
            }
        }
        return List.copyOf(objects);
    }

    /** The directory rendered, as given. */
    String dir() {
        return dir;
    }

    /** Every object of {@code kind}. */
    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The object of {@code kind} called {@code name}, if rendered. */
    Optional<Map<String, Object>> find(String kind, String name) {
        List<Map<String, Object>> found = all(kind).stream()
                .filter(o -> name.equals(string(o, "metadata", "name")))
                .toList();
        if (found.size() > 1) {
            fail(dir + " renders " + found.size() + " objects " + kind + " " + name);
        }
        return found.stream().findFirst();
    }

    /** The object of {@code kind} called {@code name}; fails the test when it is not rendered. */
    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(dir + " renders no " + kind + " " + name));
    }

    /** The node at {@code path} under {@code node}, or null where the path ends early. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** The mapping at {@code path}; empty when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object found = at(node, path);
        if (found == null) {
            return Map.of();
        }
        if (!(found instanceof Map<?, ?>)) {
            fail(String.join(".", path) + " is not a mapping: " + found);
        }
        return (Map<String, Object>) found;
    }

    /** The mappings in the sequence at {@code path}; empty when absent. */
    static List<Map<String, Object>> maps(Object node, String... path) {
        Object found = at(node, path);
        if (found == null) {
            return List.of();
        }
        if (!(found instanceof List<?> list)) {
            throw new AssertionError(String.join(".", path) + " is not a sequence: " + found);
        }
        return list.stream().map(Rendering::map).toList();
    }

    /** The scalar at {@code path} as a string, or null when absent. */
    static String string(Object node, String... path) {
        return Objects.toString(at(node, path), null);
    }
}
