package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.process.GatewayProcess;
import vn.lienthong.gateway.process.LargePackageAxis;

/**
 * A 200 MB edXML package from the national document axis to the document office through a packaged gateway whose
 * heap (256 MB) is smaller than the package: taken to disk as it arrives (the claim check), its signature checked
 * while streaming (VALID, under the reject policy), acknowledged done, and kept through a SIGKILL of the gateway
 * while the office is down; after the restart the office fetches it by its link and gets exactly the signed bytes.
 */
class LargePackageIT {

    private static final int ATTACHMENT_MB = Integer.getInteger("it.large-package.attachment-mb", 150);
    private static final String HEAP = "256m";

    @TempDir
    Path work;

    @Test
    void a200MegabytePackageFlowsThroughA256MegabyteHeapAndSurvivesAKill() throws Exception {
        LargePackageAxis.Sender sender = LargePackageAxis.Sender.create(work, "Bo Noi vu (test)");
        Path edxml = work.resolve("large.edxml");
        long t0 = System.nanoTime();
        long size = LargePackageAxis.write(edxml, ATTACHMENT_MB, sender.key());
        String sha256 = LargePackageAxis.sha256(edxml);
        double written = (System.nanoTime() - t0) / 1e9;

        int axisPort = GatewayProcess.freePort();
        int officePort = GatewayProcess.freePort();
        Path gcLogs = Files.createDirectories(work.resolve("gc"));
        try (LargePackageAxis stubs = new LargePackageAxis(axisPort, officePort, edxml);
             GatewayProcess gateway = new GatewayProcess(work.resolve("gateway"), officePort,
                     "{ maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }")) {
            gateway.withConfigFile("systems/national-axis.yml", LargePackageAxis.axisSystem(axisPort))
                    .withConfigFile("systems/doc-office.yml", LargePackageAxis.officeSystem(officePort))
                    .withAxis()
                    .withArguments("--gateway.axis.poll-interval=1s", "--gateway.axis.request-timeout=120s",
                            "--gateway.axis.trust-anchors=" + sender.trustAnchor(),
                            "--gateway.axis.signature-policy.default-policy=reject")
                    .withJvmOptions("-Xmx" + HEAP, "-Xlog:gc:file=" + gcLogs.resolve("gc-%p.log"));
            stubs.officeDown.set(true);
            gateway.start("large-first");
            long taken = System.nanoTime();
            stubs.offer(gateway.baseUrl());

            // Taken, checked and durable; the office is down, so it waits in the gateway.
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() ->
                    stubs.refusedWhileDown.get() > 0 || stubs.acknowledgedFail.get() != null
                            || gateway.output().contains("OutOfMemoryError"));
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
            assertThat(stubs.acknowledgedFail.get()).as("the axis was told fail").isNull();
            assertThat(stubs.acknowledgedDone.get()).as("acknowledged done once durable").isTrue();
            double checked = (System.nanoTime() - taken) / 1e9;

            assertThat(gateway.killNine()).isEqualTo(137);
            gateway.start("large-second");
            stubs.offer(gateway.baseUrl());
            stubs.officeDown.set(false);
            long restarted = System.nanoTime();

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> stubs.officeMessage.get() != null || gateway.output().contains("OutOfMemoryError"));
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
            double fetched = (System.nanoTime() - restarted) / 1e9;

            JsonNode message = stubs.officeMessage.get();
            assertThat(message.has("edxml")).as("no Base64 package inside the message").isFalse();
            assertThat(message.at("/edxmlLink/size").asLong()).isEqualTo(size);
            assertThat(message.at("/edxmlLink/sha256").asText()).isEqualTo(sha256);
            assertThat(stubs.fetchedSha256.get()).as("the office got exactly the signed bytes").isEqualTo(sha256);
            assertThat(message.at("/signature/result").asText()).isEqualTo("VALID");
            assertThat(message.at("/signature/package/signatures/0/notes").toString()).contains("streaming");

            long heap = 0;
            try (Stream<Path> logs = Files.list(gcLogs)) {
                for (Path log : logs.toList()) {
                    heap = Math.max(heap, LargePackageAxis.heapPeakMiB(log));
                }
            }
            String figures = String.format("LARGE PACKAGE: %.0f MB edXML (%d MB attachment, signed, written in %.1f s):"
                            + " taken, checked (VALID, streaming) and acknowledged in %.1f s; after SIGKILL and restart"
                            + " fetched by the office in %.1f s; heap peak %d MiB of -Xmx%s",
                    size / 1048576.0, ATTACHMENT_MB, written, checked, fetched, heap, HEAP);
            System.out.println(figures);
            Files.writeString(Path.of("target", "large-package-figures.txt"), figures + System.lineSeparator());
            assertThat(size).isGreaterThan(200L * 1000 * 1000);
        }
    }
}
