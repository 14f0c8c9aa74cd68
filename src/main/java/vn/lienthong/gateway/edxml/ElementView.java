package vn.lienthong.gateway.edxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads known children of an element by local name and remembers which ones were read, so the
 * rest can be kept as unknown elements instead of being lost or rejected.
 */
final class ElementView {

    private final XmlElement element;
    private final boolean[] used;

    ElementView(XmlElement element) {
        this.element = element;
        this.used = new boolean[element.children().size()];
    }

    XmlElement element() {
        return element;
    }

    /** Text of the first child with this name, null when absent. */
    String text(String name) {
        return child(name).map(v -> v.element.text()).orElse(null);
    }

    /** Texts of every child with this name, in document order. */
    List<String> texts(String name) {
        return children(name).stream().map(v -> v.element.text()).toList();
    }

    Optional<ElementView> child(String name) {
        List<XmlElement> children = element.children();
        for (int i = 0; i < children.size(); i++) {
            if (!used[i] && children.get(i).localName().equals(name)) {
                used[i] = true;
                return Optional.of(new ElementView(children.get(i)));
            }
        }
        return Optional.empty();
    }

    List<ElementView> children(String name) {
        List<ElementView> result = new ArrayList<>();
        List<XmlElement> children = element.children();
        for (int i = 0; i < children.size(); i++) {
            if (!used[i] && children.get(i).localName().equals(name)) {
                used[i] = true;
                result.add(new ElementView(children.get(i)));
            }
        }
        return result;
    }

    /** Children not read so far. */
    List<XmlElement> unknown() {
        List<XmlElement> result = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                result.add(element.children().get(i));
            }
        }
        return result;
    }
}
