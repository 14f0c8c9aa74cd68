package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.GatewayTestSupport;

/** The national public service portal hears of every dossier once and of every status after it, in order. */
class PortalSyncE2ETest extends GatewayTestSupport {

    @Test
    void aDossierIsSyncedThenEachStatusIsReportedWithThePortalsFieldNames() throws Exception {
        ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
        String code = d.get("dossierCode").asText();
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> services = get("/sim/portal/received?dossierCode=" + code, null, null).json()
                    .findValuesAsText("service");
            assertThat(services).containsExactly("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "CapNhatTienDoHoSoMC");
        });
        JsonNode calls = get("/sim/portal/received?dossierCode=" + code, null, null).json();
        JsonNode sync = calls.get(0).get("data").get(0);
        assertThat(sync.get("MaHoSo").asText()).isEqualTo(code);
        assertThat(sync.get("MaTTHC").asText()).isEqualTo("2.000001");
        assertThat(sync.get("NgayTiepNhan").asText()).isEqualTo("20261121094000");
        assertThat(sync.get("NgayHenTra").asText()).isEqualTo("20261126170000");
        assertThat(sync.get("KenhThucHien").asInt()).isEqualTo(1);
        assertThat(calls.get(1).get("data").get(0).get("TrangThaiHoSo").asInt()).isEqualTo(4);
        assertThat(calls.get(2).get("data").get(0).get("TrangThaiHoSo").asInt()).isEqualTo(9);
        assertThat(calls.get(2).get("data").get(0).get("NgayCapNhat").asText()).matches("\\d{14}");
        assertThat(calls.get(2).get("data").get(0).get("MaCoQuanXuLy").asText()).isEqualTo("000.22.31.H19");
    }
}
