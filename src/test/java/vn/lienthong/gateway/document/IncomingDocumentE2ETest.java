package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.signature.XmlSigner;
import vn.lienthong.gateway.support.Sha256;

/**
 * Documents and statuses arriving over the national document axis, end to end through the demo axis and
 * the demo document office: delivery, status 01 at once then the office's statuses, recalls, the
 * signature policy, duplicates, and hostile or invalid packages in the axis inbox.
 */
class IncomingDocumentE2ETest extends AxisTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Puts a fresh copy of edoc_new on the axis and waits until the office has it; returns its DocumentId. */
    private static String receivedDocument() {
        String documentId = freshDocumentId("000.00.00.G22");
        String axisId = inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
            assertThat(officeReceived(documentId).get("count").asInt()).isEqualTo(1);
        });
        return documentId;
    }

    @Test
    void anIncomingDocumentReachesTheDocumentOfficeAndTheSenderHears01Then03() {
        String documentId = freshDocumentId("000.00.00.G22");
        String axisId = inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(sentStatuses(documentId)).containsExactly("01", "03", "04", "05", "06"));
        JsonNode item = inboxItem(axisId);
        assertThat(item.get("status").asText()).isEqualTo("done");
        // Taken as processing, then done once durable: never fail.
        assertThat(item.get("acknowledgements").toString()).isEqualTo("[\"processing\",\"done\"]");

        // The office got it once, with the signature report: the sample's Signature is not XMLDSig.
        JsonNode office = officeReceived(documentId);
        assertThat(office.get("count").asInt()).isEqualTo(1);
        JsonNode delivered = office.get("received").get(0).get("body");
        assertThat(delivered.get("kind").asText()).isEqualTo("document");
        assertThat(delivered.get("businessType").asText()).isEqualTo("NEW");
        assertThat(delivered.get("from").get("organId").asText()).isEqualTo("000.00.00.A80");
        assertThat(delivered.get("signature").get("result").asText()).isEqualTo("NOT_SIGNED");
        assertThat(delivered.get("signature").get("policy").asText()).isEqualTo("flag");
        assertThat(delivered.get("signature").get("package").get("reasons").toString())
                .contains("not an XMLDSig signature");
        assertThat(delivered.get("edxmlSize").asInt()).isGreaterThan(300_000);

        // The statuses the gateway sent are signed edXML answering the document, from this agency.
        JsonNode first = sent(documentId).get(0);
        assertThat(first.get("from").asText()).isEqualTo(AGENCY);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode view = documentView(documentId).json();
            assertThat(view.get("direction").asText()).isEqualTo("INCOMING");
            assertThat(view.get("state").asText()).isEqualTo("DELIVERED");
            assertThat(view.get("packages").get(0).get("signature").get("result").asText()).isEqualTo("NOT_SIGNED");
            assertThat(view.get("receivers").get(0).get("organId").asText()).isEqualTo(AGENCY);
            assertThat(view.get("receivers").get(0).get("statuses").findValuesAsText("code"))
                    .containsExactly("01", "03", "04", "05", "06");
            assertThat(view.get("events").findValuesAsText("type")).containsSubsequence("RECEIVED", "ROUTED",
                    "DELIVERING", "DELIVERED");
        });
    }

    @Autowired
    XmlSigner signer;

    @Test
    void aLargePackageTravelsByClaimCheckIsCheckedWhileStreamingAndTheOfficeFetchesItByLink() throws Exception {
        String documentId = freshDocumentId("000.00.00.G22");
        // 9 MB of attachment, over gateway.axis.packages.large-size (8 MB), signed by the agency's demo key as the
        // gateway signs (the signature last, 12 MB into the package: read by the second reader).
        byte[] signed = signer.sign(withAttachmentOf(withDocumentId(edxmlSample("edoc_new.edxml"), documentId),
                9).getBytes(StandardCharsets.UTF_8));
        String axisId = inbox(new String(signed, StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
            assertThat(officeReceived(documentId).get("count").asInt()).isEqualTo(1);
        });
        JsonNode delivered = officeReceived(documentId).get("received").get(0).get("body");
        // A link, not 12 MB of Base64 in the message; the office followed it and got exactly the signed bytes.
        assertThat(delivered.has("edxml")).isFalse();
        JsonNode link = delivered.get("edxmlLink");
        assertThat(link.get("size").asLong()).isEqualTo(signed.length);
        assertThat(link.get("sha256").asText()).isEqualTo(Sha256.hex(signed));
        assertThat(delivered.get("edxmlFetched").asLong()).isEqualTo(signed.length);
        assertThat(delivered.get("edxmlSha256Matches").asBoolean()).isTrue();
        // Checked while streaming, and valid: the demo CA is a trust anchor.
        JsonNode signature = delivered.get("signature");
        assertThat(signature.get("result").asText()).isEqualTo("VALID");
        assertThat(signature.get("package").get("signatures").get(0).get("notes").toString()).contains("streaming");
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).startsWith("01"));

        // Only the document office may fetch it, by its own key; another system is refused.
        String href = link.get("href").asText();
        assertThat(fetch(href, DOC_OFFICE_KEY).statusCode()).isEqualTo(200);
        assertThat(fetch(href, ONE_STOP_KEY).statusCode()).isEqualTo(403);
        assertThat(fetch(PackageController.PATH + "not-a-reference", DOC_OFFICE_KEY).statusCode()).isEqualTo(400);
        assertThat(fetch(PackageController.PATH + "0".repeat(64), DOC_OFFICE_KEY).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> fetch(String path, String apiKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("X-Api-Key", apiKey).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The sample with its attachment replaced by {@code megabytes} MB of random bytes (Base64, 76-column lines). */
    static String withAttachmentOf(String sample, int megabytes) {
        Matcher attachment = Pattern.compile("(<edXML:ContentTransferEncoded[^>]*>)([^<]*)(</edXML:"
                + "ContentTransferEncoded>)").matcher(sample);
        assertThat(attachment.find()).as("the sample has an attachment").isTrue();
        byte[] content = new byte[megabytes * 1024 * 1024];
        new Random(14).nextBytes(content);
        return sample.substring(0, attachment.end(1)) + Base64.getMimeEncoder().encodeToString(content)
                + sample.substring(attachment.start(3));
    }

    @Test
    void aRecallTheOfficeRefusesLeavesTheDocumentDelivered() {
        String documentId = receivedDocument();
        await().atMost(WAIT).until(() -> "DELIVERED".equals(documentView(documentId).json().path("state").asText()));
        // The office is busy, so its simulator does not agree to the recall by itself; its clerk refuses it.
        postJson("/sim/doc-office/mode", null, "{\"mode\":\"down\"}");
        try {
            inbox(withDocumentId(edxmlSample("status_cancellation_13.edxml"), documentId));
            await().atMost(WAIT).until(() -> "RECALL_REQUESTED".equals(
                    documentView(documentId).json().path("state").asText()));

            Answer refused = postJson("/api/v1/documents/" + documentId + "/status", DOC_OFFICE_KEY,
                    "{\"status\":\"16\",\"description\":\"Văn bản đã được triển khai, không thu hồi\"}");
            assertThat(refused.status()).isEqualTo(202);
            await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).contains("16"));
            assertThat(documentView(documentId).json().path("state").asText()).isEqualTo("DELIVERED");
        } finally {
            postJson("/sim/doc-office/mode", null, "{\"mode\":\"up\"}");
        }
    }

    @Test
    void aDocumentWithALongDocumentIdIsTrackedLikeAnyOther() {
        // 180 characters: longer than a dossier code, within the 200 the validator allows.
        String base = freshDocumentId("000.00.00.G22");
        String documentId = base + "-" + "X".repeat(180 - base.length() - 1);
        inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));

        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).contains("01"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(viewerGet("/api/v1/messages?correlationId="
                + java.net.URLEncoder.encode(documentId, java.nio.charset.StandardCharsets.UTF_8)).json()
                .get("items").size()).isGreaterThan(0));
    }

    @Test
    void aRecallRequestIsForwardedAndAnsweredWith15() {
        String documentId = receivedDocument();
        String recall = withDocumentId(edxmlSample("status_cancellation_13.edxml"), documentId);
        String axisId = inbox(recall);

        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).contains("15"));
        assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
        JsonNode forwarded = officeReceived(documentId).get("received");
        assertThat(forwarded.findValuesAsText("statusCode")).contains("13");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode view = documentView(documentId).json();
            assertThat(view.get("state").asText()).isEqualTo("RECALLED");
        });
    }

    @Test
    void aRecallPackageLinksToItsDocumentAndIsAnsweredWith15() {
        String documentId = receivedDocument();
        inbox(withDocumentId(edxmlSample("edoc_revocation.edxml"), documentId));

        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).contains("15"));
        JsonNode recall = officeReceived(documentId).get("received").findParents("businessType").stream()
                .filter(r -> "RECALL".equals(r.get("businessType").asText())).findFirst().orElseThrow();
        assertThat(recall.get("relatedDocumentId").asText()).isEqualTo(documentId);
        assertThat(recall.get("relatedDocumentKnown").asBoolean()).isTrue();
        List<String> types = documentView(documentId).json().get("packages").findValuesAsText("businessType");
        assertThat(types).containsExactlyInAnyOrder("NEW", "RECALL");
    }

    @Test
    void theSameDocumentTakenAgainIsNotDeliveredTwice() {
        String documentId = receivedDocument();
        String again = inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inboxItem(again).get("status").asText()).isEqualTo("done");
            assertThat(documentView(documentId).json().get("events").findValuesAsText("type")).contains("DUPLICATE");
        });
        assertThat(officeReceived(documentId).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void withPolicyRejectAnUnsignedDocumentIsAnsweredWith02AndNotDelivered() {
        String documentId = freshDocumentId("000.00.99.Z99");
        // 000.00.99.Z99 is configured with signature policy reject (config/application.yml, demo).
        String unsigned = withDocumentId(edxmlSample("edoc_new.edxml"), documentId)
                .replace("<edXML:OrganId>000.00.00.A80</edXML:OrganId>", "<edXML:OrganId>000.00.99.Z99</edXML:OrganId>");
        String axisId = inbox(unsigned);

        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).containsExactly("02"));
        JsonNode rejection = sent(documentId).get(0);
        assertThat(rejection.get("description").asText()).contains("NOT_SIGNED");
        assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
        assertThat(officeReceived(documentId).get("count").asInt()).isZero();
        JsonNode view = documentView(documentId).json();
        assertThat(view.get("state").asText()).isEqualTo("REJECTED");
        assertThat(view.get("packages").get(0).get("signature").get("policy").asText()).isEqualTo("reject");
    }

    @Test
    void aPackageRejectedForItsSignatureCanBeSentAgainCorrected() {
        String documentId = freshDocumentId("000.00.99.Z99");
        String unsigned = withDocumentId(edxmlSample("edoc_new.edxml"), documentId)
                .replace("<edXML:OrganId>000.00.00.A80</edXML:OrganId>", "<edXML:OrganId>000.00.99.Z99</edXML:OrganId>");
        inbox(unsigned);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).containsExactly("02"));

        // The sender signs it (here with the demo agency key, which the demo CA vouches for) and sends it again.
        vn.lienthong.gateway.signature.SigningKey key = vn.lienthong.gateway.signature.KeyMaterial.loadPkcs12(
                DATA_DIR.resolve("keys").resolve(vn.lienthong.gateway.signature.DemoKeyMaterial.KEY_STORE_FILE),
                "demo-signing-password".toCharArray(), vn.lienthong.gateway.signature.DemoKeyMaterial.ALIAS);
        byte[] signed = new vn.lienthong.gateway.signature.XmlSigner(key).sign(unsigned.getBytes(StandardCharsets.UTF_8));
        inbox(new String(signed, StandardCharsets.UTF_8));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sentStatuses(documentId)).startsWith("02", "01");
            assertThat(officeReceived(documentId).get("count").asInt()).isEqualTo(1);
        });
        assertThat(documentView(documentId).json().get("packages").get(0).get("signature").get("result").asText())
                .isEqualTo("VALID");
    }

    @Test
    void hostileXmlInTheInboxIsAcknowledgedFailWithTheReasonAndOtherPackagesStillFlow() {
        List<String> hostile = hostilePackages().values().stream().map(AxisTestSupport::inbox).toList();
        String documentId = freshDocumentId("000.00.00.G22");
        inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));

        await().atMost(WAIT).untilAsserted(() -> {
            for (String axisId : hostile) {
                JsonNode item = inboxItem(axisId);
                assertThat(item.get("status").asText()).isEqualTo("fail");
                assertThat(item.get("reason").asText()).contains("EDXML_HOSTILE_XML").contains("DOCTYPE");
            }
            assertThat(sentStatuses(documentId)).startsWith("01");
        });
    }

    @Test
    void aPackageThatClaimsAnotherSenderThanTheAxisKnowsIsRefused() {
        // The axis knows the package came from X99; the package says From G22 (whose policy may be lenient).
        String documentId = freshDocumentId("000.00.00.G22");
        Answer queued = post("/sim/axis/inbox?from=000.00.00.X99", null, "application/xml",
                withDocumentId(edxmlSample("edoc_new.edxml"), documentId).getBytes(StandardCharsets.UTF_8));
        assertThat(queued.status()).isEqualTo(202);
        String axisId = queued.json().get("id").asText();

        await().atMost(WAIT).untilAsserted(() -> assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("fail"));
        assertThat(inboxItem(axisId).get("reason").asText()).contains("sender mismatch").contains("000.00.00.X99");
        assertThat(officeReceived(documentId).get("count").asInt()).isZero();
        assertThat(sentStatuses(documentId)).isEmpty();
    }

    @Test
    void anInvalidDocumentIsAcknowledgedFailAndTheSenderGets02WithTheReason() {
        String documentId = freshDocumentId("000.00.00.G22");
        String invalid = withDocumentId(edxmlSample("edoc_new.edxml"), documentId)
                .replaceFirst("<edXML:Subject>[^<]*</edXML:Subject>", "");
        String axisId = inbox(invalid);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("fail");
            assertThat(sentStatuses(documentId)).containsExactly("02");
        });
        assertThat(inboxItem(axisId).get("reason").asText()).contains("Subject");
        assertThat(sent(documentId).get(0).get("description").asText()).contains("Subject");
        assertThat(officeReceived(documentId).get("count").asInt()).isZero();
    }

    @Test
    void theDemoAxisRefusesRequestsWithoutAValidSignature() {
        Answer unsigned = get("/sim/axis/messages?servicetype=eDoc", null, null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("error").asText()).contains("signature");
    }
}
