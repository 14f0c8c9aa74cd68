package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.edxml.AttachmentSink;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.TrackingEvents;

/** How the inbox side of the connector decides about one package, without an axis or a broker. */
class AxisInboxTest {

    @TempDir
    static Path folder;

    private final AxisClient client = mock(AxisClient.class);
    private final DocumentStore store = mock(DocumentStore.class);
    private final PackageStore packages = new PackageStore(new PackageStoreProperties(folder, null),
            new GatewayProperties(folder, null, null));
    private final AxisInbox inbox = new AxisInbox(client, packages, store,
            new EdxmlParser(AttachmentSink.inMemory(1 << 20)),
            mock(EdxmlPackages.class), new AxisProperties("gw", "secret", Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, DataSize.ofMegabytes(1), null, null, null, null), mock(TrackingEvents.class));

    private Exchange take(String axisId) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(new AxisClient.Item(axisId, AxisClient.ServiceType.EDOC, null));
        inbox.receive(exchange);
        return exchange;
    }

    @Test
    void transientFailuresLeaveThePackageOnTheAxisUntilTheAttemptsAreUsedUp() {
        when(store.receipt(anyString())).thenReturn(Optional.empty());
        when(client.download(eq("a-1"), any(), anyString()))
                .thenThrow(new GatewayException(ErrorCode.TARGET_UNAVAILABLE, "axis down"));

        assertThat(take("a-1").getIn().getHeader(AxisInbox.OUTCOME)).isEqualTo("RETRY");
        assertThat(take("a-1").getIn().getHeader(AxisInbox.OUTCOME)).isEqualTo("RETRY");
        Exchange third = take("a-1");
        assertThat(third.getIn().getHeader(AxisInbox.OUTCOME)).isEqualTo("REFUSE");
        assertThat(third.getIn().getHeader(AxisInbox.REASON, String.class)).contains("3 attempt").contains("axis down");
    }

    @Test
    void aHostilePackageIsRefusedAtOnceAndNothingIsStored() throws Exception {
        when(store.receipt(anyString())).thenReturn(Optional.empty());
        byte[] hostile = ("<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&x;</edXML>").getBytes(StandardCharsets.UTF_8);
        when(client.download(eq("a-2"), any(), anyString())).thenAnswer(call -> packages.write(call.getArgument(2),
                new ByteArrayInputStream(hostile), 1 << 20));

        Exchange exchange = take("a-2");
        assertThat(exchange.getIn().getHeader(AxisInbox.OUTCOME)).isEqualTo("REFUSE");
        assertThat(exchange.getIn().getHeader(AxisInbox.REASON, String.class)).contains("EDXML_HOSTILE_XML");
        assertThat(exchange.getIn().getBody()).isNull();
        // Not kept in the claim check either.
        try (var files = Files.list(folder)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".edxml"))).isEmpty();
        }
    }

    @Test
    void aPackageTakenBeforeIsAcknowledgedAgainNotFetched() {
        when(store.receipt("a-3")).thenReturn(Optional.of(new DocumentStore.Receipt("a-3", "eDoc", "d", "m", "DONE",
                null)));

        assertThat(take("a-3").getIn().getHeader(AxisInbox.OUTCOME)).isEqualTo("ALREADY_TAKEN");
        verify(client, never()).download(any(), any(), any());
    }
}
