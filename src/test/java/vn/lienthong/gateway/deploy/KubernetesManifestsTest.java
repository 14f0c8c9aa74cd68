package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s: every manifest is a Kubernetes object of a known kind with no unknown or mistyped field (the
 * fabric8 model, strictly), and the Deployment agrees with the image this build makes, the variables the
 * gateway reads, its server port and its Actuator probes.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("deploy", "k8s");
    /** YAML is read as plain data first (as kubectl does), then bound strictly: "8080" is not a port number. */
    private static final JsonMapper MODEL = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, config -> config.setCoercion(CoercionInputShape.Integer,
                    CoercionAction.Fail))
            .build();

    /** The kinds a gateway installation consists of, by apiVersion and kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);

    private static final Map<String, HasMetadata> manifests = new TreeMap<>();
    private static Deployment deployment;
    private static Container gateway;

    @BeforeAll
    static void readManifests() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                int document = 0;
                for (Object data : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
                    document++;
                    if (data == null) {
                        continue;
                    }
                    String where = file + " (document " + document + ")";
                    Map<?, ?> fields = (Map<?, ?>) data;
                    Class<? extends HasMetadata> type = KINDS.get(fields.get("apiVersion") + " " + fields.get("kind"));
                    assertThat(type).as(where + ": apiVersion and kind, one of " + KINDS.keySet()).isNotNull();
                    HasMetadata object;
                    try {
                        object = MODEL.convertValue(data, type);
                    } catch (IllegalArgumentException e) {
                        throw new AssertionError(where + ": not a valid Kubernetes object: " + e.getMessage(), e);
                    }
                    List<String> unknown = new ArrayList<>();
                    unknownFields(object, object.getKind(), unknown);
                    assertThat(unknown).as(where + ": fields Kubernetes does not know").isEmpty();
                    manifests.put(object.getKind() + "/" + object.getMetadata().getName(), object);
                }
            }
        }
        deployment = (Deployment) manifests.get("Deployment/lienthong-gateway");
        assertThat(deployment).as("deploy/k8s has the Deployment lienthong-gateway").isNotNull();
        gateway = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyManifestIsAKubernetesObjectTheGatewayNeeds() {
        assertThat(manifests.keySet()).containsExactlyInAnyOrder("Deployment/lienthong-gateway",
                "Service/lienthong-gateway", "PodDisruptionBudget/lienthong-gateway",
                "ConfigMap/lienthong-gateway-settings", "Secret/lienthong-gateway-secrets");
    }

    @Test
    void severalReplicasRunThisVersionsImageAsItsNonRootUser() {
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(gateway.getImage()).endsWith("lienthong-gateway:" + DeploymentFacts.pomVersion());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(DeploymentFacts.imageUid());
        assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(mountPaths()).as("what a read-only root leaves writable: the data volume and /tmp")
                .contains("/opt/lienthong-gateway/data", "/tmp");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                .as("a rolling upgrade never has fewer ready gateways than replicas").isZero();
    }

    @Test
    void probesCallTheActuatorProbesOnTheServerPort() {
        assertThat(containerPort(gateway, "http")).isEqualTo(DeploymentFacts.serverPort());
        assertProbe(gateway.getLivenessProbe(), DeploymentFacts.LIVENESS);
        assertProbe(gateway.getStartupProbe(), DeploymentFacts.LIVENESS);
        assertProbe(gateway.getReadinessProbe(), DeploymentFacts.READINESS);
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectTheGatewayPods() {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

        Service service = (Service) manifests.get("Service/lienthong-gateway");
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(DeploymentFacts.serverPort());
        });

        PodDisruptionBudget budget = (PodDisruptionBudget) manifests.get("PodDisruptionBudget/lienthong-gateway");
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).as("a drain leaves gateways running")
                .isBetween(1, deployment.getSpec().getReplicas() - 1);
    }

    @Test
    void theEnvironmentSetsEveryRequiredVariableAndNoneTheGatewayDoesNotRead() {
        Set<String> names = new TreeSet<>();
        gateway.getEnv().forEach(variable -> names.add(variable.getName()));
        for (EnvFromSource source : gateway.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                ConfigMap settings = (ConfigMap) manifests.get("ConfigMap/" + source.getConfigMapRef().getName());
                assertThat(settings).as("ConfigMap " + source.getConfigMapRef().getName()).isNotNull();
                names.addAll(settings.getData().keySet());
            } else {
                Secret secrets = (Secret) manifests.get("Secret/" + source.getSecretRef().getName());
                assertThat(secrets).as("Secret " + source.getSecretRef().getName()).isNotNull();
                names.addAll(secrets.getStringData().keySet());
            }
        }
        assertThat(names).as("variables config/application.yml reads in prod without a default")
                .containsAll(DeploymentFacts.requiredProdVariables());
        assertThat(DeploymentFacts.knownVariables()).as("variables the gateway, its systems or the platform read")
                .containsAll(names);
    }

    @Test
    void theFilesTheSettingsNameAreMountedWhereTheyPoint() {
        Map<String, String> settings = ((ConfigMap) manifests.get("ConfigMap/lienthong-gateway-settings")).getData();
        Set<String> mounts = mountPaths();
        String catalog = settings.get("GATEWAY_CONFIG_DIR");
        assertThat(mounts).contains(catalog + "/systems", catalog + "/procedures", catalog + "/mappings");
        for (String file : List.of("GATEWAY_OPERATORS_FILE", "GATEWAY_SIGNING_KEY_STORE", "GATEWAY_TRUST_ANCHORS")) {
            assertThat(mounts).as(file).contains(Path.of(settings.get(file)).getParent().toString());
        }
        assertThat(mounts).as("the agency's routes go beside the release's, under routes/ in the working folder")
                .contains("/opt/lienthong-gateway/routes/agency");
    }

    @Test
    void everyVolumeIsMountedAndWhatItNamesIsDefinedOrMadeByTheDocumentedCommand() throws IOException {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Set<String> volumes = new TreeSet<>();
        pod.getVolumes().forEach(volume -> volumes.add(volume.getName()));
        Set<String> mounted = new TreeSet<>();
        gateway.getVolumeMounts().forEach(mount -> mounted.add(mount.getName()));
        assertThat(mounted).isEqualTo(volumes);

        String deployDoc = Files.readString(Path.of("docs", "deploy.md"));
        for (Volume volume : pod.getVolumes()) {
            if (volume.getConfigMap() != null) {
                String name = volume.getConfigMap().getName();
                assertThat(manifests.containsKey("ConfigMap/" + name) || deployDoc.contains("create configmap " + name))
                        .as("ConfigMap " + name + " is in deploy/k8s or docs/deploy.md says how to make it").isTrue();
            } else if (volume.getSecret() != null) {
                String name = volume.getSecret().getSecretName();
                assertThat(manifests.containsKey("Secret/" + name) || deployDoc.contains("create secret generic " + name))
                        .as("Secret " + name + " is in deploy/k8s or docs/deploy.md says how to make it").isTrue();
            }
        }
    }

    private static Set<String> mountPaths() {
        Set<String> paths = new TreeSet<>();
        for (VolumeMount mount : gateway.getVolumeMounts()) {
            paths.add(mount.getMountPath());
        }
        return paths;
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).findFirst()
                .map(ContainerPort::getContainerPort).orElseThrow(() -> new AssertionError("no port " + name));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as("the named container port").isEqualTo("http");
    }

    /**
     * The fabric8 model keeps any field it does not know in {@code additionalProperties} instead of failing;
     * a misspelt {@code readinesProbe} would be silently ignored by the cluster too, so every one is reported.
     */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
