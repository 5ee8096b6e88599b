// The CPU time of one RSA-2048 private-key operation on this machine, as WS-Security spends it on the real-time hop:
// an RSA-SHA256 signature and an RSA-OAEP key decryption, thread CPU per operation over 3 rounds of 400 (thread CPU
// moves much less with the machine's load than wall time). A source-file program, not compiled by the build:
//   java center/bench/RsaCost.java                 the JDK's providers (what a stand-alone insurer adapter uses)
//   java -cp ACCP.jar center/bench/RsaCost.java accp   Amazon Corretto Crypto Provider first (what the center installs)
// where ACCP.jar is ~/.m2/repository/software/amazon/cryptools/AmazonCorrettoCryptoProvider/2.5.0/*-linux-x86_64.jar.
// Results: docs/performance.md, "The real-time hop".
import java.lang.management.ManagementFactory;
import java.security.*;
import javax.crypto.Cipher;

/** Prints the thread CPU per RSA private-key operation, per round. */
public class RsaCost {
    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("accp")) {
            Security.insertProviderAt((Provider) Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider").getField("INSTANCE").get(null), 1);
        }
        var bean = ManagementFactory.getThreadMXBean();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA"); g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] data = new byte[1000];
        Cipher enc = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding"); enc.init(Cipher.ENCRYPT_MODE, kp.getPublic());
        byte[] wrapped = enc.doFinal(new byte[32]);
        for (int round = 0; round < 3; round++) {
            int n = 400;
            long t0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) { Signature s = Signature.getInstance("SHA256withRSA"); s.initSign(kp.getPrivate()); s.update(data); s.sign(); }
            long t1 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) { Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding"); c.init(Cipher.DECRYPT_MODE, kp.getPrivate()); c.doFinal(wrapped); }
            long t2 = bean.getCurrentThreadCpuTime();
            System.out.printf("%s round %d: sign %.3f ms, decrypt %.3f ms (thread CPU per op)%n", Security.getProviders()[0].getName(), round, (t1-t0)/1e6/n, (t2-t1)/1e6/n);
        }
    }
}
