package jp.hokensho.center.soap;

import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
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

    public static Schema account() {
        return compile("wsdl/account-messages.xsd");
    }

    /**
     * Every service the center serves (EligibilityService, AccountService, CardRegistryService, AdminService): its
     * endpoints share one validator.
     */
    public static Schema centerServices() {
        return compile("wsdl/eligibility-messages.xsd", "wsdl/account-messages.xsd", "wsdl/registry-messages.xsd",
                "wsdl/admin-messages.xsd");
    }

    public static Schema insurerQuery() {
        return compile("wsdl/insurer-query-messages.xsd");
    }

    private static Schema compile(String... resources) {
        Source[] sources = new Source[resources.length];
        for (int i = 0; i < resources.length; i++) {
            URL location = ContractSchemas.class.getClassLoader().getResource(resources[i]);
            if (location == null) {
                throw new IllegalStateException("contract schema " + resources[i] + " is not on the classpath");
            }
            sources[i] = new StreamSource(location.toExternalForm());
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException("contract schema " + String.join(", ", resources) + " does not compile", e);
        }
    }
}
