package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.Test;

/**
 * The record hash is fixed by its format, not by this code: the expected values were computed once outside
 * Java (the canonical string written by hand, SHA-256 in Python). In the legacy chain, records of answer digest
 * version 1 keep the format they were chained with and version 2 records also cover the digest version; records of
 * a node's chain also cover the chain id and the operator ({@code onBehalfOf}).
 */
class AuditRecordHashTest {

    @Test
    void aRecordOfDigestVersionOneKeepsItsOriginalHash() {
        assertEquals("3d0e1dbe1fd2d7b86b92a5562b1e5bf06b9f1731cb0df3f289da798907cee2bb",
                AuditRecordHash.of(record(AuditChains.LEGACY, 1)));
    }

    @Test
    void aRecordOfDigestVersionTwoIsHashedWithItsVersion() {
        assertEquals("4a8739bbab0eefe13fc0418e652e21fd9a0574ad1dd5694fd251a219c1251280",
                AuditRecordHash.of(record(AuditChains.LEGACY, 2)));
    }

    @Test
    void aRecordOfANodesChainIsHashedWithItsChain() {
        assertEquals("355db2e21d619f4e498a3bb4f5a03ee80885f6073e7e85819ce121e0e21dc217",
                AuditRecordHash.of(record(3, 2)));
        assertEquals("8810131d6885a5ba3ea2eacbbd0e6f783e02d19c9dc1580ecb32b12a3c8815c1",
                AuditRecordHash.of(record(4, 2)), "the same record in another chain");
    }

    @Test
    void aNodeChainsRecordCoversTheOperatorItWasMadeFor() {
        VerificationRecordEntity record = record(3, 2);
        record.onBehalfOf = "受付 山田";
        assertEquals("a25eadb50f0fe718b88fd18f55d0cca92db71c7636c0c6ed24722af24e9b8035", AuditRecordHash.of(record));
    }

    private static VerificationRecordEntity record(int chain, int digestVersion) {
        VerificationRecordEntity r = new VerificationRecordEntity(chain, 7, "cd".repeat(32));
        r.verificationNumber = "00000000000000000709";
        r.requestedAt = LocalDateTime.of(2005, 7, 8, 1, 11, 12, 123_456_000);
        r.requesterUserId = "clinic-manager";
        r.requesterOrganisationCode = "M0000001";
        r.insurerNumber = "00000001";
        r.symbol = "東京";
        r.number = "001";
        r.targetDate = LocalDate.of(2005, 7, 8);
        r.resultCode = ResultCode.VALID;
        r.source = DataSource.PRE_STORED;
        r.validFrom = LocalDate.of(2004, 4, 1);
        r.validTo = LocalDate.of(2010, 3, 31);
        r.centerReceivedAt = LocalDateTime.of(2005, 7, 1, 0, 0, 0, 1_000);
        r.answerDigest = "ab".repeat(32);
        r.answerDigestVersion = digestVersion;
        return r;
    }
}
