package io.xmppgateway.k8s;

import static io.xmppgateway.k8s.Rendering.map;
import static io.xmppgateway.k8s.Rendering.maps;
import static io.xmppgateway.k8s.Rendering.string;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a container of a {@link Rendering} starts with, as Kubernetes builds it: the keys of its
 * {@code envFrom} ConfigMaps and Secrets in order (a later source wins), then its {@code env} entries over them. A
 * ConfigMap or Secret named there must be in the same rendering unless marked optional — a pod whose reference is
 * missing never starts.
 */
final class ContainerEnvironment {

    /**
     * One variable.
     *
     * @param value its value; null when Kubernetes fills it in ({@code fieldRef}, {@code resourceFieldRef})
     * @param source where it comes from, for messages: {@code ConfigMap xmpp-gateway}, {@code fieldRef metadata.name}
     */
    record Variable(String value, String source) {
    }

    private ContainerEnvironment() {
    }

    static Map<String, Variable> of(Rendering rendering, Map<String, Object> container) {
        Map<String, Variable> environment = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(container, "envFrom")) {
            String prefix = Optional.ofNullable(string(from, "prefix")).orElse("");
            referenced(rendering, "ConfigMap", map(from, "configMapRef")).ifPresent(configMap ->
                    keys(configMap).forEach((key, value) ->
                            environment.put(prefix + key, new Variable(value, describe(configMap)))));
            referenced(rendering, "Secret", map(from, "secretRef")).ifPresent(secret ->
                    keys(secret).forEach((key, value) ->
                            environment.put(prefix + key, new Variable(value, describe(secret)))));
        }
        for (Map<String, Object> env : maps(container, "env")) {
            environment.put(string(env, "name"), variable(rendering, env));
        }
        return environment;
    }

    private static Variable variable(Rendering rendering, Map<String, Object> env) {
        Map<String, Object> valueFrom = map(env, "valueFrom");
        if (valueFrom.isEmpty()) {
            return new Variable(Optional.ofNullable(string(env, "value")).orElse(""), "env");
        }
        if (valueFrom.containsKey("fieldRef")) {
            return new Variable(null, "fieldRef " + string(valueFrom, "fieldRef", "fieldPath"));
        }
        if (valueFrom.containsKey("resourceFieldRef")) {
            return new Variable(null, "resourceFieldRef " + string(valueFrom, "resourceFieldRef", "resource"));
        }
        String kind = valueFrom.containsKey("configMapKeyRef") ? "ConfigMap" : "Secret";
        Map<String, Object> ref = map(valueFrom, kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
        return referenced(rendering, kind, ref)
                .map(object -> {
                    String value = keys(object).get(string(ref, "key"));
                    if (value == null && !"true".equals(string(ref, "optional"))) {
                        throw new AssertionError(string(env, "name") + " names key " + string(ref, "key") + " of "
                                + describe(object) + ", which it lacks");
                    }
                    return new Variable(value, describe(object));
                })
                .orElse(new Variable(null, "optional " + kind + " " + string(ref, "name") + ", not rendered"));
    }

    /** The object a reference names; absent only when the reference is optional and the object is not rendered. */
    private static Optional<Map<String, Object>> referenced(Rendering rendering, String kind, Map<String, Object> ref) {
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String name = string(ref, "name");
        Optional<Map<String, Object>> object = rendering.find(kind, name);
        if (object.isEmpty() && !"true".equals(string(ref, "optional"))) {
            throw new AssertionError("the container takes its environment from " + kind + " " + name + ", which "
                    + rendering.dir() + " does not render: the pod does not start unless it is created apart");
        }
        return object;
    }

    /** A ConfigMap's data, or a Secret's data (decoded) with its stringData over it. */
    private static Map<String, String> keys(Map<String, Object> object) {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean secret = "Secret".equals(object.get("kind"));
        map(object, "data").forEach((key, value) -> keys.put(key, secret
                ? new String(Base64.getDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)
                : String.valueOf(value)));
        if (secret) {
            map(object, "stringData").forEach((key, value) -> keys.put(key, String.valueOf(value)));
        }
        return keys;
    }

    private static String describe(Map<String, Object> object) {
        return object.get("kind") + " " + string(object, "metadata", "name");
    }
}
