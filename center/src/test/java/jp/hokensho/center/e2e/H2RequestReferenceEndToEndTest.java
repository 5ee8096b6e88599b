package jp.hokensho.center.e2e;

/** The requestReference end-to-end tests on the embedded default database. */
class H2RequestReferenceEndToEndTest extends RequestReferenceEndToEndTest {
}
