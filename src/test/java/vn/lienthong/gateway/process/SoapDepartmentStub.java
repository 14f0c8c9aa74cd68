package vn.lienthong.gateway.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The industrial-zone board's legacy SOAP service ({@code schemas/wsdl/izb-investment.wsdl}) outside the
 * gateway's JVM, answering {@code TiepNhanHoSo} at once at {@code /stub/soap}: for measurements, where the
 * target must cost nothing. Remembers when each dossier ({@code MaHoSo}) first arrived.
 */
public final class SoapDepartmentStub implements AutoCloseable {

    private static final Pattern DOSSIER_CODE = Pattern.compile("MaHoSo>([^<]+)<");
    private static final byte[] ANSWER = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\
            <TiepNhanHoSoResponse xmlns="urn:izb:investment:dossier:1"><KetQua>DA_TIEP_NHAN</KetQua>\
            </TiepNhanHoSoResponse></soap:Body></soap:Envelope>""".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    public final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger unreadable = new AtomicInteger();

    public SoapDepartmentStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(executor);
        server.createContext("/stub/soap", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                Matcher code = DOSSIER_CODE.matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                requests.incrementAndGet();
                if (code.find()) {
                    firstArrivalNanos.putIfAbsent(code.group(1), System.nanoTime());
                } else {
                    unreadable.incrementAndGet();
                }
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
                exchange.sendResponseHeaders(200, ANSWER.length);
                exchange.getResponseBody().write(ANSWER);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The endpoint to put in a system file. */
    public static String endpoint(int port) {
        return "http://127.0.0.1:" + port + "/stub/soap";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
