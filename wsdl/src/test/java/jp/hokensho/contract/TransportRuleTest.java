package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain HTTP only on loopback: which hosts count as loopback, which insurer addresses may be called. */
class TransportRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.2", " 127.0.0.1 "})
    void loopbackHosts(String host) {
        assertTrue(TransportRule.isLoopbackHost(host), host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "128.0.0.1", "127.0.0.256", "fe80::1",
        "insurer.example.jp", "localhost.example.jp", "127.0.0.1.nip.io"})
    void otherHostsAreNotLoopback(String host) {
        assertFalse(TransportRule.isLoopbackHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://insurer.example.jp/services/insurer-query", "HTTPS://10.0.0.5:8443/q",
        "http://127.0.0.1:8181/services/insurer-query", "http://localhost:8181/q", "http://[::1]:8181/q"})
    void httpsAnywhereAndHttpOnLoopbackMayBeCalled(String url) {
        assertEquals(Optional.empty(), TransportRule.refusalOf(url), url);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"http://insurer.example.jp/services/insurer-query", "http://0.0.0.0:8181/q",
        "http://192.168.1.10:8181/q", "ftp://127.0.0.1/q", "http:///q", "not a url"})
    void plainHttpOffLoopbackAndOtherAddressesAreRefused(String url) {
        assertTrue(TransportRule.refusalOf(url).isPresent(), url);
    }

    @Test
    void theRefusalSaysWhy() {
        assertEquals("plain HTTP to insurer.example.jp, which is not a loopback host: use https://",
                TransportRule.refusalOf("http://insurer.example.jp/q").orElseThrow());
    }
}
