package vn.lienthong.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Loads an XSD from {@code schemas/} without reaching outside it, and lists every problem of an element against it. */
public final class XmlSchemas {

    private XmlSchemas() {
    }

    /** The schema in {@code xsd}; a missing or broken file stops start-up with its path. */
    public static Schema load(Path xsd) {
        try (InputStream in = Files.newInputStream(xsd)) {
            return SecureXml.schemaFactory().newSchema(new StreamSource(in, xsd.toUri().toString()));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("cannot read " + xsd.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Every problem of {@code element} against {@code schema}, not just the first; empty when it is valid. */
    public static List<String> problems(Schema schema, Element element) {
        List<String> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a report invalid
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(e.getMessage());
            }
        });
        try {
            validator.validate(new DOMSource(element));
        } catch (SAXException | IOException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
