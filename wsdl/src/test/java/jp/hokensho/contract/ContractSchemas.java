package jp.hokensho.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** The contract's XSDs as one {@link Schema}, and a validation that reports every problem, not only the first. */
final class ContractSchemas {
    private static final String[] XSDS = {
        "wsdl/verification-types.xsd", "wsdl/eligibility-messages.xsd", "wsdl/insurer-query-messages.xsd"};

    private ContractSchemas() {
    }

    static Schema load() {
        try {
            Source[] sources = new Source[XSDS.length];
            for (int i = 0; i < XSDS.length; i++) {
                // With a system id so that the relative schemaLocation of xs:import resolves.
                sources[i] = new StreamSource(resource(XSDS[i]).toExternalForm());
            }
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException("the contract's XSDs do not load", e);
        }
    }

    /** @return every error message the validator reports; empty when the document is valid */
    static List<String> errorsOf(Schema schema, Source document) {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                errors.add(e.getMessage());
                throw e;
            }
        });
        try {
            validator.validate(document);
        } catch (SAXException e) {
            if (errors.isEmpty()) {
                errors.add(e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    static Source sample(String path) {
        URL url = resource(path);
        try {
            InputStream in = url.openStream();
            return new StreamSource(in, url.toExternalForm());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static URL resource(String path) {
        return Objects.requireNonNull(ContractSchemas.class.getClassLoader().getResource(path),
                () -> "missing on the classpath: " + path);
    }
}
