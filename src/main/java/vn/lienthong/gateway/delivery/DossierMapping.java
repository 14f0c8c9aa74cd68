package vn.lienthong.gateway.delivery;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * Applies a system's {@code mapping:} (in {@code config/mappings/}) to a dossier: the one piece of code that the
 * delivery kamelets and self-certification ({@code --certify}) share. An XSLT 3 stylesheet gets the dossier JSON as
 * {@code <json>…</json>} ({@link XsltInput}) and the parameter {@code GatewayMessageId}; its {@code xsl:output}
 * method decides the result's content type. A JSON template ({@code .jsonata}) is a JSONata expression over the
 * dossier with {@code $GatewayMessageId} bound; its result is sent as {@code application/json}.
 */
@Component("dossierMapping")
public class DossierMapping {

    /** The kamelets' mapping parameter for a system without {@code mapping:}. */
    public static final String NONE = "none";

    private static final QName MESSAGE_ID = new QName("GatewayMessageId");

    /** The file ending of a JSON template mapping. */
    public static final String JSONATA = ".jsonata";
    private static final long JSONATA_TIMEOUT_MILLIS = 5_000;
    private static final int JSONATA_MAX_DEPTH = 200;

    private final Processor saxon = new Processor(false);
    private final Map<Path, String> templates = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Path, XsltExecutable> stylesheets = new ConcurrentHashMap<>();

    /** A mapped dossier: the text to send and its media type (from the stylesheet's output method). */
    public record Mapped(String body, String contentType) {
    }

    /**
     * Maps {@code dossierJson} with the mapping at {@code stylesheet}: an XSLT 3 stylesheet, or a JSON template
     * ({@code .jsonata}).
     */
    public Mapped map(Path stylesheet, String dossierJson, String messageId) {
        if (stylesheet.getFileName().toString().endsWith(JSONATA)) {
            return mapJson(stylesheet, dossierJson, messageId);
        }
        try {
            Xslt30Transformer transformer = compiled(stylesheet).load30();
            transformer.setStylesheetParameters(Map.of(MESSAGE_ID, new XdmAtomicValue(messageId == null ? "" : messageId)));
            StringWriter text = new StringWriter();
            Serializer serializer = transformer.newSerializer(text);
            String method = String.valueOf(serializer.getOutputProperty(Serializer.Property.METHOD));
            net.sf.saxon.s9api.XdmNode input = XsltInput.wrap(saxon, dossierJson);
            transformer.setGlobalContextItem(input);
            transformer.applyTemplates(input, serializer);
            return new Mapped(text.toString(), contentType(method));
        } catch (SaxonApiException e) {
            throw new GatewayException(ErrorCode.MAPPING_FAILED, "mapping " + stylesheet.getFileName() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A JSON template: a JSONata expression over the dossier (https://jsonata.org), e.g.
     * {@code {"maHoSo": dossierCode, "nguoiNop": applicant.name, "maGiaoDich": $GatewayMessageId}}. Bounded in time
     * and depth, so a template that recurses for ever fails the one delivery instead of holding a consumer.
     */
    private Mapped mapJson(Path template, String dossierJson, String messageId) {
        try {
            String text = templates.computeIfAbsent(template.toAbsolutePath().normalize(), DossierMapping::read);
            Jsonata expression = Jsonata.jsonata(text);
            Jsonata.Frame frame = expression.createFrame();
            frame.setRuntimeBounds(JSONATA_TIMEOUT_MILLIS, JSONATA_MAX_DEPTH);
            frame.bind("GatewayMessageId", messageId == null ? "" : messageId);
            Object result = expression.evaluate(json.readValue(dossierJson, Object.class), frame);
            if (result == null) {
                throw new GatewayException(ErrorCode.MAPPING_FAILED, "mapping " + template.getFileName()
                        + " gave nothing for this dossier");
            }
            return new Mapped(json.writeValueAsString(result), "application/json; charset=UTF-8");
        } catch (JException e) {
            throw new GatewayException(ErrorCode.MAPPING_FAILED, "mapping " + template.getFileName() + " failed: "
                    + e.getMessage() + (e.getLocation() >= 0 ? " (at character " + e.getLocation() + ")" : ""), e);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new GatewayException(ErrorCode.MAPPING_FAILED, "mapping " + template.getFileName() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static String read(Path template) {
        try {
            return Files.readString(template, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * In a kamelet: replaces the body (the dossier JSON) with the mapped request and sets {@code Content-Type}.
     *
     * @param mapping the stylesheet, a path or {@code file:} URI; {@code none} leaves the dossier JSON as it is
     */
    public void apply(Exchange exchange, String mapping) {
        if (NONE.equals(mapping)) {
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
            return;
        }
        Mapped mapped = map(Path.of(mapping.startsWith("file:") ? mapping.substring(5) : mapping),
                exchange.getIn().getBody(String.class),
                exchange.getProperty("GatewayMessageId", String.class));
        exchange.getIn().setBody(mapped.body());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, mapped.contentType());
    }

    private XsltExecutable compiled(Path stylesheet) throws SaxonApiException {
        Path key = stylesheet.toAbsolutePath().normalize();
        XsltExecutable executable = stylesheets.get(key);
        if (executable == null) {
            executable = saxon.newXsltCompiler().compile(new javax.xml.transform.stream.StreamSource(key.toFile()));
            stylesheets.put(key, executable);
        }
        return executable;
    }

    private static String contentType(String method) {
        return switch (method) {
            case "json" -> "application/json; charset=UTF-8";
            case "text" -> "text/plain; charset=UTF-8";
            case "html", "xhtml" -> "text/html; charset=UTF-8";
            default -> "application/xml; charset=UTF-8";
        };
    }
}
