package jp.hokensho.center;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names Woodstox as the StAX input factory, when nothing else was chosen. WSS4J decrypts every encrypted part
 * through CXF's StaxSerializer, made anew per message, which asks {@code XMLInputFactory.newInstance()}; unnamed, that
 * is a ServiceLoader scan of every jar on the class path on each request (about 3 % of a verification's CPU in a
 * profile). Named, the JDK loads the class at once. CXF would pick Woodstox anyway: only the look-up changes.
 */
final class StaxFactoryChoice {
    private static final Logger LOG = LoggerFactory.getLogger(StaxFactoryChoice.class);
    static final String PROPERTY = "javax.xml.stream.XMLInputFactory";
    static final String WOODSTOX = "com.ctc.wstx.stax.WstxInputFactory";

    private StaxFactoryChoice() {
    }

    static synchronized void nameWoodstoxUnlessChosen() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(WOODSTOX, false, StaxFactoryChoice.class.getClassLoader());
            System.setProperty(PROPERTY, WOODSTOX);
        } catch (ClassNotFoundException e) {
            LOG.info("Woodstox is not on the class path: the StAX input factory is looked up per request");
        }
    }
}
