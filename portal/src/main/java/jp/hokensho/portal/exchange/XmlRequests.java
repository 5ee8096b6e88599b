package jp.hokensho.portal.exchange;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import jp.hokensho.contract.eligibility.VerifyEligibility;
import jp.hokensho.contract.eligibility.VerifyEligibilityResponse;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Request and answer files in the WSDL's own elements: a request is a {@code verifyEligibility} element, checked
 * against the contract's XSD (a DOCTYPE is refused: no entity can reach a file or the network), and its answer the
 * {@code verifyEligibilityResponse} element, exactly what a SOAP client would get in the body.
 */
final class XmlRequests {
    private final JAXBContext jaxb;
    private final Schema schema;
    private final SAXParserFactory parsers;

    XmlRequests() {
        try {
            jaxb = JAXBContext.newInstance(VerifyEligibility.class, VerifyEligibilityResponse.class);
            URL messages = XmlRequests.class.getResource("/wsdl/eligibility-messages.xsd");
            if (messages == null) {
                throw new IllegalStateException("wsdl/eligibility-messages.xsd is missing from the classpath");
            }
            schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(messages);
            parsers = SAXParserFactory.newInstance();
            parsers.setNamespaceAware(true);
            parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            parsers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (JAXBException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("the contract's classes or schema do not load", e);
        }
    }

    /** @throws RequestFileRefused naming the line, column and the problem when the file is not a valid request */
    VerifyEligibility read(byte[] content) {
        try {
            XMLReader reader = parsers.newSAXParser().getXMLReader();
            Unmarshaller unmarshaller = jaxb.createUnmarshaller();
            unmarshaller.setSchema(schema);
            Object request = unmarshaller.unmarshal(new SAXSource(reader,
                    new InputSource(new ByteArrayInputStream(content))));
            if (request instanceof VerifyEligibility verify) {
                return verify;
            }
            throw RequestFileRefused.notARequest(request == null ? "nothing" : request.getClass().getSimpleName());
        } catch (UnmarshalException e) {
            throw RequestFileRefused.invalidXml(problem(e));
        } catch (JAXBException | SAXException | ParserConfigurationException e) {
            throw RequestFileRefused.invalidXml(e.getMessage());
        }
    }

    private static String problem(UnmarshalException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        if (cause instanceof SAXParseException parse) {
            return "line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ": " + parse.getMessage();
        }
        return cause != null ? cause.getMessage() : e.getMessage();
    }

    void write(VerifyEligibilityResponse answer, OutputStream out) throws IOException {
        try {
            Marshaller marshaller = jaxb.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.marshal(answer, out);
        } catch (JAXBException e) {
            throw new IOException("the answer could not be written as XML", e);
        }
    }
}
