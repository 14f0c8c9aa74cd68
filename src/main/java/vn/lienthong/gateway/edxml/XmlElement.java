package vn.lienthong.gateway.edxml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An element kept as it was read (name, attributes, text, children): used for the Signature and for
 * elements this codec does not know, so they survive a parse and write without being understood.
 */
public record XmlElement(String namespaceUri, String localName, List<Attribute> attributes, String text,
                         List<XmlElement> children) {

    /** One attribute; the prefix is kept only so a namespaced attribute can be written back. */
    public record Attribute(String namespaceUri, String prefix, String localName, String value) {
        public Attribute {
            namespaceUri = namespaceUri == null ? "" : namespaceUri;
            prefix = prefix == null ? "" : prefix;
            Objects.requireNonNull(localName, "localName");
            value = value == null ? "" : value;
        }
    }

    public XmlElement {
        namespaceUri = namespaceUri == null ? "" : namespaceUri;
        Objects.requireNonNull(localName, "localName");
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        text = text == null ? "" : text;
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** A leaf element with text only. */
    public static XmlElement leaf(String namespaceUri, String localName, String text) {
        return new XmlElement(namespaceUri, localName, List.of(), text, List.of());
    }

    /** The first child with this local name, whatever its namespace. */
    public Optional<XmlElement> child(String name) {
        return children.stream().filter(c -> c.localName.equals(name)).findFirst();
    }

    /** The value of an attribute without namespace, if present. */
    public Optional<String> attribute(String name) {
        return attributes.stream()
                .filter(a -> a.namespaceUri().isEmpty() && a.localName().equals(name))
                .map(Attribute::value)
                .findFirst();
    }
}
