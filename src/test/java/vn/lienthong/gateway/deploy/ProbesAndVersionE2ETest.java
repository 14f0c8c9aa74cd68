package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * What a platform and an operator read from a running gateway: the liveness and readiness probes that
 * deploy/k8s and docs/deploy.md point at, open without an identity, and the POM's version at
 * {@code /actuator/info}.
 */
class ProbesAndVersionE2ETest extends GatewayTestSupport {

    @Test
    void livenessAndReadinessAnswerUpWithoutAnIdentity() {
        for (String probe : List.of(DeploymentFacts.LIVENESS, DeploymentFacts.READINESS)) {
            Answer answer = get(probe, null, null);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void readinessNeedsTheBrokerAndTheDatabaseButLivenessOnlyTheProcess() {
        Answer readiness = viewerGet(DeploymentFacts.READINESS);
        assertThat(components(readiness.json())).as(readiness.body())
                .containsExactlyInAnyOrder("readinessState", "db", "jms");
        Answer liveness = viewerGet(DeploymentFacts.LIVENESS);
        assertThat(components(liveness.json())).as(liveness.body()).containsExactly("livenessState");
    }

    @Test
    void theVersionOfThePomIsAtActuatorInfo() {
        JsonNode build = viewerGet("/actuator/info").json().get("build");
        assertThat(build.get("version").asText()).isEqualTo(DeploymentFacts.pomVersion());
        assertThat(build.get("artifact").asText()).isEqualTo("lienthong-gateway");
    }

    private static List<String> components(JsonNode health) {
        List<String> names = new ArrayList<>();
        health.path("components").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
