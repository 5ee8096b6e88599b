package jp.hokensho.routes.verification;

import java.util.List;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The bytes version 2 of the answer digest is taken over: the answer element rebuilt with every element in
 * the default namespace (no prefix), without comments and without the whitespace that only indents element
 * content, then put in exclusive XML canonical form (Canonicalizer ALGO_ID_C14N_EXCL_OMIT_COMMENTS, UTF-8).
 * Canonical XML keeps prefixes as written, so they are normalised first: the same answer serialised with
 * another prefix, other namespace declarations or another attribute order has the same form.
 */
final class AnswerCanonicalForm {
    private AnswerCanonicalForm() {
    }

    static byte[] of(Element answer) {
        Document normalised = AnswerDigest.newDocument();
        normalised.appendChild(copy(answer, normalised));
        return AnswerDigest.canonicalise(normalised.getDocumentElement());
    }

    private static Element copy(Element source, Document target) {
        // No prefix: the element takes the default namespace, which canonicalisation declares where it changes.
        Element copy = target.createElementNS(source.getNamespaceURI(), source.getLocalName());
        // Canonicalisation writes the declarations present in the tree (a built tree has none): declare on every
        // element, the canonical form keeps only those that change the namespace in scope.
        String namespace = source.getNamespaceURI() == null ? "" : source.getNamespaceURI();
        copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, XMLConstants.XMLNS_ATTRIBUTE, namespace);
        NamedNodeMap attributes = source.getAttributes();
        List<String> otherNamespaces = otherNamespaces(attributes);
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                String name = qualified(attribute, otherNamespaces);
                if (name.indexOf(':') > 0) {
                    copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + name.substring(0,
                            name.indexOf(':')), attribute.getNamespaceURI());
                }
                copy.setAttributeNS(attribute.getNamespaceURI(), name, attribute.getValue());
            }
        }
        boolean elementContent = hasChildElement(source);
        for (Node child = source.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> copy.appendChild(copy((Element) child, target));
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    if (!(elementContent && child.getNodeValue().isBlank())) {
                        copy.appendChild(target.createTextNode(child.getNodeValue()));
                    }
                }
                default -> {
                    // comments and processing instructions are not part of the answer
                }
            }
        }
        return copy;
    }

    // An attribute's prefix depends on its namespace only: xsi for XML Schema instance (xsi:nil), a0, a1, ... for
    // the element's other attribute namespaces in sorted order; unqualified attributes have none.
    private static String qualified(Attr attribute, List<String> otherNamespaces) {
        String namespace = attribute.getNamespaceURI();
        if (namespace == null) {
            return attribute.getLocalName();
        }
        String prefix = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(namespace) ? "xsi"
                : "a" + otherNamespaces.indexOf(namespace);
        return prefix + ":" + attribute.getLocalName();
    }

    private static List<String> otherNamespaces(NamedNodeMap attributes) {
        TreeSet<String> namespaces = new TreeSet<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            String namespace = attributes.item(i).getNamespaceURI();
            if (namespace != null && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)
                    && !XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(namespace)) {
                namespaces.add(namespace);
            }
        }
        return List.copyOf(namespaces);
    }

    private static boolean hasChildElement(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }
}
