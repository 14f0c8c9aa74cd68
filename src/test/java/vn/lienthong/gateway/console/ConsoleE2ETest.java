package vn.lienthong.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * The operator console in a real headless browser (Debian chromium through chromedriver), against the whole gateway
 * with its simulators: what an operator does at the console, and what a viewer can neither see nor do. Every page
 * visited is saved under {@code target/screenshots/}.
 */
class ConsoleE2ETest extends GatewayTestSupport {

    private static final String DPI = "dpi-business";

    @AfterAll
    static void closeTheBrowser() throws IOException {
        Browser.quitAll();
    }

    @Test
    void anOperatorFindsADossierByItsCodeAndSeesItsStepsInOrder() throws IOException {
        String code = submit("investment-lienthong.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(dossierState(code)));
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo");
            browser.find("#find-dossier").sendKeys(code, Keys.ENTER);
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/console/dossiers/" + code));

            assertThat(browser.text("#dossier-code")).isEqualTo(code);
            assertThat(browser.text("#dossier-state")).isEqualTo("Đã giải quyết xong");
            // The route: the industrial-zone board first, then the two departments that wait on it, side by side.
            List<WebElement> columns = browser.driver.findElements(By.cssSelector("#route .column"));
            assertThat(columns).hasSize(2);
            assertThat(systemsIn(columns.get(0))).containsExactly("izb-investment");
            assertThat(systemsIn(columns.get(1))).containsExactlyInAnyOrder(DPI, "dolisa-labour");
            assertThat(columns.get(1).getText()).contains("Bắt đầu khi Ban Quản lý các KCN");
            assertThat(browser.text("#route")).containsAnyOf("Trước hạn", "Đúng hạn");
            List<String> timeline = browser.driver.findElements(By.cssSelector("#timeline li strong")).stream()
                    .map(WebElement::getText).toList();
            assertThat(timeline.get(0)).isEqualTo("Tiếp nhận");
            assertThat(timeline).contains("Đã chuyển", "Nhận trạng thái", "Đã báo về một cửa");
            assertThat(browser.text("#payload")).contains("\"dossierCode\" : \"" + code + "\"");
            browser.screenshot("dossier");
        }
    }

    @Test
    void aDeadLetterIsReplayedFromItsPageOnceTheDepartmentIsFixedAndTheDossierIsDelivered() throws IOException {
        simMode(DPI, "reject", null);
        String code;
        try {
            code = submit("business-single.json");
            awaitDeadLetter(code);
        } finally {
            simMode(DPI, "up", null);
        }
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo").go("/console/dead-letters?system=" + DPI);
            browser.find("tr[data-dossier='" + code + "'] a.open-letter").click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("replay")));
            assertThat(browser.text("#error-code")).isEqualTo("TARGET_REJECTED");
            assertThat(browser.text(".payload-side")).contains("/dossierCode", "/applicant/idNumber");
            browser.screenshot("dead-letter");

            browser.find("#replay").click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.text("#done")).isEqualTo("Đã gửi lại thông điệp.");
            assertThat(browser.text("#letter-state")).isEqualTo("Đã gửi lại");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.go("/console/dossiers/" + code);
                return browser.text("#dossier-state").equals("Đã giải quyết xong");
            });
            assertThat(browser.text("#route .step[data-system='" + DPI + "']")).contains("Đã giải quyết xong");
        }
        assertThat(get("/sim/departments/" + DPI + "/received?dossierCode=" + code, null, null).body())
                .contains(code);
    }

    @Test
    void editAndReplayShowsTheFieldErrorBesideTheFieldThenSendsTheCorrection() throws IOException {
        String code = code();
        String id = deadLetterOfNewDossier(code);
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo").go("/console/dead-letters/" + id);
            WebElement type = browser.find("[name='f/applicant/type']");
            type.clear();
            type.sendKeys("ROBOT");
            browser.find("#edit-replay").click();

            WebElement error = browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".field-error[data-pointer='/applicant/type']")));
            WebElement field = error.findElement(By.xpath(".."));
            assertThat(field.getAttribute("class")).contains("has-error");
            assertThat(field.findElement(By.cssSelector("input")).getAttribute("name")).isEqualTo("f/applicant/type");
            assertThat(field.findElement(By.cssSelector("input")).getAttribute("value")).isEqualTo("ROBOT");
            // In the operator's language: the console is in Vietnamese here.
            assertThat(error.getText())
                    .isEqualTo("không có giá trị trong bảng liệt kê [\"CITIZEN\", \"ORGANIZATION\"]");
            assertThat(browser.text("#letter-state")).isEqualTo("Chờ xử lý");
            browser.screenshot("dead-letter-field-error");

            type = browser.find("[name='f/applicant/type']");
            type.clear();
            type.sendKeys("CITIZEN");
            WebElement summary = browser.find("[name='f/summary']");
            summary.clear();
            summary.sendKeys("Thay đổi địa chỉ trụ sở chính (đã sửa)");
            browser.find("#edit-replay").click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            assertThat(browser.text("#done")).isEqualTo("Đã gửi lại thông điệp với nội dung đã sửa.");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/sim/departments/" + DPI + "/received?dossierCode="
                + code, null, null).body().contains("(đã sửa)"));
    }

    @Test
    void bulkReplayShowsHowManyBeforeTheOperatorConfirms() throws IOException {
        String first = code();
        String second = code();
        deadLetterOfNewDossier(first);
        deadLetterOfNewDossier(second);
        int open = viewerGet("/api/v1/dead-letters?system=" + DPI + "&flow=dossier").json().size();
        assertThat(open).isGreaterThanOrEqualTo(2);
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo").go("/console/dead-letters?system=" + DPI + "&flow=dossier");
            browser.find("#bulk-replay").click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("bulk-count")));
            assertThat(browser.text("#bulk-count")).isEqualTo("Sẽ gửi lại " + open + " thông điệp lỗi.");
            assertThat(deadLetter(first)).as("nothing is replayed before the operator confirms").isNotNull();
            browser.screenshot("dead-letters-bulk");

            browser.find("#bulk-confirm button[type='submit']").click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("bulk-done")));
            assertThat(browser.text("#bulk-done")).isEqualTo("Đã gửi lại " + open + " thông điệp lỗi.");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(dossierState(first))
                && "COMPLETED".equals(dossierState(second)));
    }

    @Test
    void aBulkActionWhoseSetChangedAfterTheCountWasShownDoesNothing() throws IOException {
        String id = deadLetterOfNewDossier(code());
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo").go("/console/dead-letters/bulk?action=discard&system=" + DPI);
            String shown = browser.find("#bulk-confirm input[name='expected']").getAttribute("value");
            // Meanwhile another operator handles one of them.
            operatorPost("/api/v1/dead-letters/" + id + "/discard", "{\"reason\":\"filed again by hand\"}");
            browser.find("#bulk-confirm textarea[name='reason']").sendKeys("duplicates of dossiers filed again");
            browser.find("#bulk-confirm button[type='submit']").click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("bulk-changed")));
            assertThat(browser.text("#bulk-changed")).contains(shown);
        }
    }

    @Test
    // Not rerun on PostgreSQL (pom.xml): the language is a cookie and a message bundle.
    @Tag("database-independent")
    void theLanguageSwitchesToEnglishAndStaysSo() throws IOException {
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo");
            assertThat(browser.text("h1")).isEqualTo("Tổng quan");
            assertThat(browser.text("#updated")).matches("Cập nhật lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}; tự làm mới\\.");
            browser.find("#lang-switch").click();
            browser.waitUntil(d -> browser.text("h1").equals("Overview"));
            assertThat(browser.text("#updated")).matches("Updated \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}; refreshes by itself\\.");
            assertThat(browser.text("header nav")).contains("Messages", "Dead letters", "Systems", "Reports", "Audit log");
            browser.screenshot("overview-en");

            browser.go("/console/systems");
            assertThat(browser.text("h1")).isEqualTo("Connected systems");
            assertThat(browser.text("#systems")).contains("Last delivery", "Closed – delivering");
            browser.go("/console/dead-letters/no-such-letter");
            assertThat(browser.text("#error")).startsWith("Not found");
            browser.screenshot("error-en");
            browser.find("#lang-switch").click();
            browser.waitUntil(d -> browser.text("h1").equals("Không thực hiện được"));
            assertThat(browser.text("#error")).startsWith("Không tìm thấy");
        }
    }

    @Test
    // Not rerun on PostgreSQL (pom.xml): the browser's own refresh; every console test's login lands on the
    // overview, so its queries run on PostgreSQL anyway.
    @Tag("database-independent")
    void theOverviewRefreshesItselfWithoutReloadingThePage() throws IOException {
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo");
            WebElement live = browser.find("#live");
            String before = browser.text("#dead-letter-count");
            deadLetterOfNewDossier(code());
            browser.waitUntil(Duration.ofSeconds(30), ExpectedConditions.stalenessOf(live));
            browser.waitUntil(Duration.ofSeconds(30), d -> !browser.text("#dead-letter-count").equals(before));
            assertThat(browser.text("#systems-overview tr[data-system='" + DPI + "']")).contains("Hồ sơ");
            assertThat(browser.has("canvas#throughput")).isTrue();
            // The chart is drawn, with one point per hour of the last 12.
            browser.waitUntil(d -> Long.valueOf(12).equals(browser.async("var done = arguments[arguments.length - 1];"
                    + " var chart = window.Chart && Chart.getChart('throughput');"
                    + " done(chart ? chart.data.labels.length : -1);")));
            browser.screenshot("overview");
            // The chart drawn again in the refreshed part is really painted, not an empty canvas.
            assertThat(browser.async("var done = arguments[arguments.length - 1];"
                    + " done(Chart.getChart('throughput').width > 0 && Chart.getChart('throughput').height > 0);"))
                    .isEqualTo(Boolean.TRUE);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    vn.lienthong.gateway.delivery.DeadLetters deadLetters;

    @Test
    void aDeadLetteredLargePackageShowsItsStoredPackageInsteadOfAnEditableReference() throws IOException {
        // A large document for the axis travels by its claim-check reference; its dead letter holds only that.
        String kept = vn.lienthong.gateway.document.PackageStore.ref("large-doc-" + System.nanoTime());
        String gone = vn.lienthong.gateway.document.PackageStore.ref("purged-doc-" + System.nanoTime());
        Path packages = Files.createDirectories(DATA_DIR.resolve("packages"));
        Files.write(packages.resolve(kept + ".edxml"), new byte[3 * 1024 * 1024]);
        String keptId = deadLetters.record("large-" + kept.substring(0, 8), "000.00.31.H19,2024/05/02,9/UBND-VP",
                "national-axis", "document", "gateway.delivery.national-axis", 5, null, "TARGET_REJECTED",
                "the axis refused the package", kept);
        String goneId = deadLetters.record("gone-" + gone.substring(0, 8), "000.00.31.H19,2024/05/02,10/UBND-VP",
                "national-axis", "document", "gateway.delivery.national-axis", 5, null, "TARGET_REJECTED",
                "the axis refused the package", gone);
        try (Browser browser = Browser.open(url(""))) {
            browser.login("operator", "operator-demo").go("/console/dead-letters/" + keptId);
            assertThat(browser.text("#stored-package")).contains(kept, "3 MB", "gửi lại sẽ gửi đúng gói đã lưu");
            assertThat(browser.has("#replay")).as("a replay sends the stored package").isTrue();
            assertThat(browser.has("#edit-form")).isFalse();
            assertThat(browser.has("#edit-text")).as("a reference is not a payload to edit").isFalse();
            browser.screenshot("dead-letter-stored-package");

            browser.go("/console/dead-letters/" + goneId);
            assertThat(browser.text("#stored-package")).contains(gone, "không còn gói", "huỷ thư lỗi");
        }
    }

    @Test
    void aViewerSeesNoPayloadNoActionsAndMaskedIdentityAndAForgedReplayIsRefused() throws IOException {
        String code = code();
        String id = deadLetterOfNewDossier(code);
        try (Browser browser = Browser.open(url(""))) {
            browser.login("viewer", "viewer-demo");
            browser.go("/console/dossiers/" + code);
            String idNumber = browser.text("#applicant-id-number");
            String phone = browser.text("#applicant-phone");
            assertThat(idNumber).isNotEqualTo("075190001234").doesNotContain("07519000").isNotBlank();
            assertThat(phone).isNotEqualTo("0918535758").doesNotContain("091853").isNotBlank();
            assertThat(browser.has("#payload")).isFalse();
            assertThat(browser.has(".hidden-payload")).isTrue();
            assertThat(browser.driver.getPageSource()).doesNotContain("075190001234", "0918535758",
                    "tram.nguyen@example.vn");
            browser.screenshot("dossier-viewer");

            browser.go("/console/dead-letters/" + id);
            assertThat(browser.has("#replay")).isFalse();
            assertThat(browser.has("#edit-form")).isFalse();
            assertThat(browser.has("#discard")).isFalse();
            assertThat(browser.driver.getPageSource()).doesNotContain("075190001234", "Nguyễn Thị Ngọc Trâm");
            browser.screenshot("dead-letter-viewer");
            browser.go("/console/dead-letters?system=" + DPI);
            assertThat(browser.has("#bulk-replay")).isFalse();
            browser.go("/console/systems");
            assertThat(browser.has("button.pause")).isFalse();

            // Forged actions from the viewer's own signed-in page: refused with and without the CSRF token.
            String token = browser.find("form input[name='_csrf']").getAttribute("value");
            String replay = "/console/dead-letters/" + id + "/replay";
            assertThat(post(browser, replay, "_csrf=" + token)).isEqualTo(403);
            assertThat(post(browser, replay, "")).isEqualTo(403);
            assertThat(post(browser, "/console/dead-letters/bulk", "_csrf=" + token
                    + "&action=discard&system=" + DPI + "&expected=1&reason=x")).isEqualTo(403);
            assertThat(post(browser, "/console/systems/" + DPI + "/pause", "_csrf=" + token + "&reason=x"))
                    .isEqualTo(403);
        }
        assertThat(deadLetter(code)).as("the dead letter is still waiting").isNotNull();
        assertThat(viewerGet("/api/v1/systems").body()).doesNotContain("\"paused\":true");
    }

    @Test
    void everyPageRendersForAnOperator() throws IOException {
        String code = submit("business-single.json");
        String documentId = "000.00.31.H19,2024/05/02," + (System.nanoTime() % 1_000_000_000L) + "/VPCP-TTĐT";
        Answer queued = post("/sim/axis/inbox", null, "application/xml", Files.readString(
                Path.of("src/test/resources/edxml/samples/edoc_new.edxml"), StandardCharsets.UTF_8)
                .replace("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", documentId).getBytes(StandardCharsets.UTF_8));
        assertThat(queued.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(dossierState(code))
                && viewerGet("/api/v1/documents/" + documentId).status() == 200);
        try (Browser browser = Browser.open(url(""))) {
            browser.go("/console/login");
            browser.screenshot("login");
            browser.login("operator", "operator-demo");
            page(browser, "/console/messages?dossierCode=" + code, "messages", "#messages");
            browser.find("#messages a.mono").click();
            browser.waitUntil(d -> browser.has("ol.hops li"));
            browser.screenshot("message");
            page(browser, "/console/dossiers", "dossier-find", "#dossier-code");
            page(browser, "/console/documents", "documents", "#documents");
            browser.find("#documents a").click();
            browser.waitUntil(d -> browser.has(".package"));
            assertThat(browser.text(".package")).contains("Kết quả kiểm tra chữ ký số");
            browser.screenshot("document");
            page(browser, "/console/dead-letters", "dead-letters", "#dead-letter-count");
            page(browser, "/console/systems", "systems", "#systems");
            page(browser, "/console/reports?from=2026-01-01&to=2030-01-01", "reports", "#report");
            browser.waitUntil(d -> Boolean.TRUE.equals(browser.async("var done = arguments[arguments.length - 1];"
                    + " var chart = window.Chart && Chart.getChart('on-time');"
                    + " done(!!chart && chart.data.labels.length > 0);")));
            browser.screenshot("reports");
            page(browser, "/console/audit", "audit", "#audit");
            assertThat(browser.text("footer")).contains("Phiên bản");
            browser.find("#logout").click();
            browser.waitUntil(d -> browser.has("#logged-out"));
        }
    }

    @Test
    void messagesAndReportsExportAsCsv() {
        String code = submit("business-single.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(dossierState(code)));
        Answer csv = viewerGet("/console/messages.csv?dossierCode=" + code);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFMã thông điệp,Hồ sơ / văn bản,Hệ thống");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4).allMatch(l -> l == lines.get(0) || l.contains(code));
        Answer report = viewerGet("/console/reports.csv?from=2026-01-01&to=2030-01-01&lang=en");
        assertThat(report.body().lines().findFirst().orElseThrow())
                .isEqualTo("\uFEFFAgency,Agency name,Finished,Early,On time,Late,On-time rate");
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String code() {
        return "CON-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static String submit(String sample) {
        return submit(sample, code());
    }

    private static String submit(String sample, String code) {
        try {
            ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/" + sample));
            dossier.put("dossierCode", code);
            Answer answer = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString());
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            return code;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String dossierState(String code) {
        Answer answer = viewerGet("/api/v1/dossiers/" + code);
        return answer.status() == 200 ? answer.json().path("state").asText() : null;
    }

    /** The id of the dossier's open dead letter at dpi-business, or null. */
    private static String deadLetter(String code) {
        for (JsonNode letter : viewerGet("/api/v1/dead-letters?system=" + DPI).json()) {
            if (code.equals(letter.path("correlationId").asText())) {
                return letter.get("id").asText();
            }
        }
        return null;
    }

    /** Files a dossier the department refuses; returns its dead letter's id once there, the department fixed. */
    private static String deadLetterOfNewDossier(String code) {
        simMode(DPI, "reject", code);
        try {
            submit("business-single.json", code);
            return awaitDeadLetter(code);
        } finally {
            simMode(DPI, "up", code);
        }
    }

    private static String awaitDeadLetter(String code) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(code), id -> id != null);
    }

    private static List<String> systemsIn(WebElement column) {
        return column.findElements(By.cssSelector(".step")).stream().map(s -> s.getAttribute("data-system")).toList();
    }

    private static void page(Browser browser, String path, String screenshot, String mustShow) throws IOException {
        browser.go(path);
        assertThat(browser.has(mustShow)).as(path + " shows " + mustShow).isTrue();
        assertThat(browser.has("#error")).as(path + " renders without an error").isFalse();
        browser.screenshot(screenshot);
    }

    /** A form POST sent by the page's own script, with the page's session cookie; returns the HTTP status. */
    private static long post(Browser browser, String path, String form) {
        return (Long) browser.async("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: arguments[1], redirect: 'manual'}).then(r => done(r.status), e => done(-1));", path, form);
    }
}
