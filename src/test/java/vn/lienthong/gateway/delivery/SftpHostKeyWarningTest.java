package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.Protocol;
import vn.lienthong.gateway.catalog.SystemKind;

/** An SFTP department that accepts any host key is named at start-up; one whose key is pinned is not. */
class SftpHostKeyWarningTest {

    private static ConnectedSystem system(Protocol protocol, Map<String, String> parameters) {
        return new ConnectedSystem("tc-finance", "Sở Tài chính", SystemKind.DEPARTMENT, "000.30.31.H19", protocol,
                "sftp://127.0.0.1:2222/inbox", null, null, null, null, null, Path.of("config/systems/tc-finance.yml"),
                null, null, parameters);
    }

    @Test
    void anSftpSystemWithoutAPinnedHostKeyIsNotChecked() {
        assertThat(SystemRoutes.hostKeyChecked(system(Protocol.SFTP, Map.of()))).isFalse();
        assertThat(SystemRoutes.hostKeyChecked(system(Protocol.SFTP, Map.of("strictHostKeyChecking", "yes"))))
                .as("strict without a known_hosts file").isFalse();
        assertThat(SystemRoutes.hostKeyChecked(system(Protocol.SFTP, Map.of("knownHostsFile", "/etc/gateway/known_hosts",
                "strictHostKeyChecking", "no")))).isFalse();
    }

    @Test
    void aPinnedHostKeyOrAnotherProtocolIsFine() {
        assertThat(SystemRoutes.hostKeyChecked(system(Protocol.SFTP, Map.of("knownHostsFile", "/etc/gateway/known_hosts",
                "strictHostKeyChecking", "yes")))).isTrue();
        assertThat(SystemRoutes.hostKeyChecked(system(Protocol.REST, Map.of()))).isTrue();
    }
}
