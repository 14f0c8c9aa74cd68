package vn.lienthong.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Derived message ids: ids already used in running systems keep their seeds (a message in flight during an
 * upgrade keeps its Idempotency-Key), and a repeat of the same thing gets the same id.
 */
class MessageIdsTest {

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void idsInUseBeforeKeepTheirSeeds() {
        assertThat(MessageIds.stepDelivery("m1", "dpi-business")).isEqualTo(uuid("m1/dpi-business"));
        assertThat(MessageIds.followUp("m1", "status-01")).isEqualTo(uuid("m1/status-01"));
        assertThat(MessageIds.callback("s1")).isEqualTo(uuid("callback/s1"));
        assertThat(MessageIds.portal("sync", "m1")).isEqualTo(uuid("sync/m1"));
        assertThat(MessageIds.portal("progress", "s1")).isEqualTo(uuid("progress/s1"));
        assertThat(MessageIds.axisPackage("42")).isEqualTo(uuid("national-axis/42"));
        assertThat(MessageIds.axisRefusal("42")).isEqualTo(uuid("national-axis/refusal/42"));
    }

    @Test
    void aStatusIsIdentifiedByWhatItSaysWhateverTheOffsetItIsWrittenIn() {
        String utc = MessageIds.departmentStatus("D1", "izb-investment", "COMPLETED",
                OffsetDateTime.parse("2026-11-30T03:00:00Z"));
        String vietnam = MessageIds.departmentStatus("D1", "izb-investment", "COMPLETED",
                OffsetDateTime.parse("2026-11-30T10:00:00+07:00"));
        assertThat(vietnam).isEqualTo(utc);
        assertThat(MessageIds.departmentStatus("D1", "izb-investment", "IN_PROGRESS",
                OffsetDateTime.parse("2026-11-30T03:00:00Z"))).isNotEqualTo(utc);
        assertThat(MessageIds.officeStatus("p1", "05", "Đang xử lý", null))
                .isEqualTo(MessageIds.officeStatus("p1", "05", "Đang xử lý", null))
                .isNotEqualTo(MessageIds.officeStatus("p2", "05", "Đang xử lý", null));
    }
}
