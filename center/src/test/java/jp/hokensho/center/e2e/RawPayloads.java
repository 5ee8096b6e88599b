package jp.hokensho.center.e2e;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import java.net.URL;
import java.util.Properties;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Requests written as XML rather than through the generated classes, for what JAXB would never send (a dateTime
 * without offset, as other stacks and hand-written exports do), still signed and encrypted by the WSDL's policy
 * through a JAX-WS {@link Dispatch} client.
 */
final class RawPayloads {
    private RawPayloads() {
    }

    static Document marshal(Object request) throws Exception {
        Document document = newDocument();
        JAXBContext.newInstance(request.getClass()).createMarshaller().marshal(request, document);
        return document;
    }

    /** Replaces the text of every element with this local name, whatever its namespace. */
    static void setText(Document document, String localName, String text) {
        NodeList elements = document.getElementsByTagNameNS("*", localName);
        if (elements.getLength() == 0) {
            throw new IllegalArgumentException("no element " + localName + " in the payload");
        }
        for (int i = 0; i < elements.getLength(); i++) {
            elements.item(i).setTextContent(text);
        }
    }

    static String text(Document document, String localName) {
        NodeList elements = document.getElementsByTagNameNS("*", localName);
        if (elements.getLength() != 1) {
            throw new AssertionError(elements.getLength() + " elements " + localName + " in the answer");
        }
        return elements.item(0).getTextContent();
    }

    /** Sends the payload to the service at {@code client}'s endpoint with {@code client}'s key and person. */
    static Document invoke(Properties client, QName service, QName port, Document payload) throws Exception {
        String address = client.getProperty("endpoint");
        Dispatch<Source> dispatch = Service.create(new URL(address + "?wsdl"), service)
                .createDispatch(port, Source.class, Service.Mode.PAYLOAD);
        dispatch.getRequestContext().putAll(ClinicClient.securitySettings(client));
        dispatch.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        // The operation named by the payload's root element: its policy (body signed and encrypted) applies.
        Element root = payload.getDocumentElement();
        dispatch.getRequestContext().put(MessageContext.WSDL_OPERATION,
                new QName(service.getNamespaceURI(), root.getLocalName()));
        Source answer = dispatch.invoke(new DOMSource(payload));
        DOMResult result = new DOMResult(newDocument());
        TransformerFactory.newInstance().newTransformer().transform(answer, result);
        return (Document) result.getNode();
    }

    private static Document newDocument() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().newDocument();
    }
}
