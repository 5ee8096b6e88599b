package jp.hokensho.center.soap;

import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The contract's XSDs (from the wsdl module) compiled once for request validation. */
public final class ContractSchemas {
    private ContractSchemas() {
    }

    public static Schema eligibility() {
        return compile("wsdl/eligibility-messages.xsd");
    }

    public static Schema insurerQuery() {
        return compile("wsdl/insurer-query-messages.xsd");
    }

    private static Schema compile(String resource) {
        URL location = ContractSchemas.class.getClassLoader().getResource(resource);
        if (location == null) {
            throw new IllegalStateException("contract schema " + resource + " is not on the classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(location);
        } catch (SAXException e) {
            throw new IllegalStateException("contract schema " + resource + " does not compile", e);
        }
    }
}
