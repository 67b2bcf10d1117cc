package io.xmppgateway.k8s;

import static io.xmppgateway.k8s.Rendering.at;
import static io.xmppgateway.k8s.Rendering.map;
import static io.xmppgateway.k8s.Rendering.maps;
import static io.xmppgateway.k8s.Rendering.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.k8s.ContainerEnvironment.Variable;
import io.xmppgateway.stanza.Jid;

/**
 * {@code k8s/} as an operator applies it: the single-replica set-up ({@code k8s}) and the replicated one
 * ({@code k8s/ha}) rendered by the real {@code kubectl kustomize} and checked for what the gateway needs to start, be
 * probed, stop and run as several replicas. No cluster is involved: what only an API server checks (field names,
 * value types) is not tested here.
 */
class K8sManifestsTest {

    private static final String GATEWAY = "xmpp-gateway";

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/ha"})
    void theGatewayGetsWhatAClientSessionNeedsToStart(String dir) throws Exception {
        Rendering rendering = Rendering.of(dir);
        Map<String, Variable> env = ContainerEnvironment.of(rendering, gatewayContainer(rendering));

        Variable transport = env.get("XMPP_TRANSPORT");
        assertTrue(transport == null || "client".equals(transport.value()), dir + ": XMPP_TRANSPORT " + transport);
        // What TransportLauncher requires of a client session: an account JID and a password ...
        Jid jid = Jid.of(required(dir, env, "XMPP_JID"));
        assertTrue(jid.local().isPresent(), dir + ": XMPP_JID must be an account, not " + jid);
        required(dir, env, "XMPP_PASSWORD");
        // ... and what ApiKeys requires of a gateway with a real session: at least one key.
        String keys = required(dir, env, "GATEWAY_API_KEYS");
        assertTrue(Arrays.stream(keys.split(",")).anyMatch(key -> !key.isBlank()), dir + ": GATEWAY_API_KEYS " + keys);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/ha"})
    void probesAndTheServiceReachWhatTheGatewayServes(String dir) throws Exception {
        Rendering rendering = Rendering.of(dir);
        Map<String, Object> container = gatewayContainer(rendering);
        int httpPort = Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));

        // SmallRye Health's readiness (the XMPP session) and liveness, on Quarkus's HTTP port.
        assertEquals("/q/health/ready", string(container, "readinessProbe", "httpGet", "path"), dir);
        assertEquals(httpPort, containerPort(container, at(container, "readinessProbe", "httpGet", "port")), dir);
        assertEquals("/q/health/live", string(container, "livenessProbe", "httpGet", "path"), dir);
        assertEquals(httpPort, containerPort(container, at(container, "livenessProbe", "httpGet", "port")), dir);
        Map<String, Object> pod = map(gateway(rendering), "spec", "template");
        assertEquals("/q/metrics", string(pod, "metadata", "annotations", "prometheus.io/path"), dir);
        assertEquals(String.valueOf(httpPort), string(pod, "metadata", "annotations", "prometheus.io/port"), dir);

        Map<String, Object> service = rendering.get("Service", GATEWAY);
        assertTrue(selects(map(service, "spec", "selector"), podLabels(gateway(rendering))), dir + ": " + service);
        List<Map<String, Object>> ports = maps(service, "spec", "ports");
        assertEquals(1, ports.size(), dir + ": " + ports);
        assertEquals(80, number(ports.get(0), "port"), dir);
        assertEquals(httpPort, containerPort(container, at(ports.get(0), "targetPort")), dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/ha"})
    void aStoppingPodIsGivenLongerThanTheShutdownDrainAndASend(String dir) throws Exception {
        Rendering rendering = Rendering.of(dir);
        Map<String, Variable> env = ContainerEnvironment.of(rendering, gatewayContainer(rendering));
        Duration drain = setting(env, "XMPP_SM_SHUTDOWN_DRAIN", XmppConfig.StreamManagement.class, "shutdownDrain");
        Duration sendTimeout = setting(env, "GATEWAY_SEND_TIMEOUT", GatewayConfig.class, "sendTimeout");

        Object grace = at(gateway(rendering), "spec", "template", "spec", "terminationGracePeriodSeconds");
        long graceSeconds = grace == null ? 30 : ((Number) grace).longValue(); // Kubernetes' default
        assertTrue(Duration.ofSeconds(graceSeconds).compareTo(drain.plus(sendTimeout)) > 0,
                dir + ": terminationGracePeriodSeconds " + graceSeconds + " must exceed xmpp.sm.shutdown-drain "
                        + drain + " + gateway.send-timeout " + sendTimeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/ha"})
    void aDisruptionBudgetLetsOneGatewayGoAtATime(String dir) throws Exception {
        Rendering rendering = Rendering.of(dir);
        Map<String, Object> gatewayPods = podLabels(gateway(rendering));
        List<Map<String, Object>> budgets = rendering.all("PodDisruptionBudget").stream()
                .filter(pdb -> selects(map(pdb, "spec", "selector", "matchLabels"), gatewayPods))
                .toList();

        assertEquals(1, budgets.size(), dir + ": budgets selecting the gateway's pods " + budgets);
        Map<String, Object> budget = budgets.get(0);
        assertEquals(1, number(budget, "spec", "maxUnavailable"));
        assertNull(at(budget, "spec", "minAvailable"));
        for (Map<String, Object> other : rendering.all("Deployment")) {
            if (!GATEWAY.equals(string(other, "metadata", "name"))) {
                assertFalse(selects(map(budget, "spec", "selector", "matchLabels"), podLabels(other)),
                        dir + ": the gateway's budget also selects the pods of " + string(other, "metadata", "name"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/ha"})
    void replicasSpreadOverNodesAndZonesWithoutEverStayingPending(String dir) throws Exception {
        Rendering rendering = Rendering.of(dir);
        Map<String, Object> deployment = gateway(rendering);
        List<Map<String, Object>> constraints =
                maps(deployment, "spec", "template", "spec", "topologySpreadConstraints");

        assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"),
                constraints.stream().map(c -> string(c, "topologyKey")).collect(Collectors.toSet()));
        for (Map<String, Object> constraint : constraints) {
            assertEquals("ScheduleAnyway", string(constraint, "whenUnsatisfiable"), dir + ": " + constraint);
            assertTrue(selects(map(constraint, "labelSelector", "matchLabels"), podLabels(deployment)),
                    dir + ": a constraint that selects other pods spreads nothing: " + constraint);
        }
    }

    @Test
    void byDefaultOneGatewayKeepsItsStateInMemory() throws Exception {
        Rendering rendering = Rendering.of("k8s");
        Map<String, Variable> env = ContainerEnvironment.of(rendering, gatewayContainer(rendering));

        assertEquals(1, number(gateway(rendering), "spec", "replicas"));
        assertNull(env.get("GATEWAY_STORE"));
        assertEquals(List.of(GATEWAY), rendering.all("Deployment").stream()
                .map(d -> string(d, "metadata", "name")).toList());
    }

    @Test
    void haRunsThreeGatewaysEachWithItsOwnResourceSharingARedis() throws Exception {
        Rendering rendering = Rendering.of("k8s/ha");
        Map<String, Variable> env = ContainerEnvironment.of(rendering, gatewayContainer(rendering));

        assertEquals(3, number(gateway(rendering), "spec", "replicas"));
        assertEquals("redis", required("k8s/ha", env, "GATEWAY_STORE"));
        // Replicas binding the same resource would take it from each other in turn (<conflict/>).
        assertEquals(new Variable(null, "fieldRef metadata.name"), env.get("XMPP_RESOURCE"));

        URI redis = URI.create(required("k8s/ha", env, "QUARKUS_REDIS_HOSTS").split(",")[0].strip());
        assertEquals("redis", redis.getScheme());
        int redisPort = redis.getPort() == -1 ? 6379 : redis.getPort();
        Map<String, Object> service = rendering.get("Service", redis.getHost());
        Map<String, Object> port = maps(service, "spec", "ports").stream()
                .filter(p -> number(p, "port") == redisPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + redis.getHost() + " has no port " + redisPort));
        List<Map<String, Object>> backends = rendering.all("Deployment").stream()
                .filter(d -> selects(map(service, "spec", "selector"), podLabels(d)))
                .toList();
        assertEquals(1, backends.size(), "Deployments behind Service " + redis.getHost() + ": " + backends);
        Map<String, Object> backend = backends.get(0);
        assertEquals(1, number(backend, "spec", "replicas"));
        Map<String, Object> container = maps(backend, "spec", "template", "spec", "containers").get(0);
        assertTrue(string(container, "image").startsWith("redis:"), string(container, "image"));
        assertEquals(redisPort, containerPort(container, at(port, "targetPort")));
    }

    private static Map<String, Object> gateway(Rendering rendering) {
        return rendering.get("Deployment", GATEWAY);
    }

    private static Map<String, Object> gatewayContainer(Rendering rendering) {
        return maps(gateway(rendering), "spec", "template", "spec", "containers").stream()
                .filter(c -> GATEWAY.equals(string(c, "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rendering.dir() + ": no container " + GATEWAY));
    }

    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
        assertTrue(selects(map(deployment, "spec", "selector", "matchLabels"), labels),
                "a Deployment must select its own pods: " + deployment);
        return labels;
    }

    /** Whether a selector's matchLabels (or a Service's selector) pick pods with {@code labels}; empty picks none. */
    private static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
        return !matchLabels.isEmpty() && labels.entrySet().containsAll(matchLabels.entrySet());
    }

    /** The container port a probe or Service names, by name or number. */
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return maps(container, "ports").stream()
                .filter(p -> String.valueOf(port).equals(string(p, "name")))
                .findFirst()
                .map(p -> number(p, "containerPort"))
                .orElseThrow(() -> new AssertionError("container " + string(container, "name") + " has no port "
                        + port));
    }

    private static int number(Object node, String... path) {
        Object value = at(node, path);
        if (!(value instanceof Number number)) {
            throw new AssertionError(String.join(".", path) + " is not a number: " + value);
        }
        return number.intValue();
    }

    /** The value of a variable the gateway cannot start without. */
    private static String required(String dir, Map<String, Variable> env, String name) {
        Variable variable = env.get(name);
        assertNotNull(variable, dir + ": the gateway container gets no " + name);
        assertNotNull(variable.value(), dir + ": " + name + " from " + variable.source());
        assertFalse(variable.value().isBlank(), dir + ": " + name + " from " + variable.source() + " is blank");
        return variable.value();
    }

    /** A duration setting as the container gets it, else its default in the gateway's {@code @ConfigMapping}. */
    private static Duration setting(Map<String, Variable> env, String name, Class<?> mapping, String method)
            throws NoSuchMethodException {
        Variable variable = env.get(name);
        String value = variable != null
                ? variable.value()
                : mapping.getMethod(method).getAnnotation(WithDefault.class).value();
        return DurationConverter.parseDuration(value);
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = K8sManifestsTest.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                fail("application.properties is not on the classpath");
            }
            properties.load(in);
        }
        return properties;
    }
}
