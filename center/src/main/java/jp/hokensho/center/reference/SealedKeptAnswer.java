package jp.hokensho.center.reference;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jp.hokensho.center.batch.AnswerXml;
import jp.hokensho.center.datakey.DataKeyring;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.routes.port.AskedQuery;
import jp.hokensho.routes.port.KeptAnswer;

/**
 * A kept answer as it rests in {@code request_answer}: sealed with the center's data key like batch answers, bound
 * to its row (organisation, reference digest, verification number), so a value moved to another row does not open.
 * The answer's own query is the normalised one asked; one leading byte says whether the target date was sent or
 * was "today", which is all that is needed to know what the caller asked.
 */
final class SealedKeptAnswer {
    private static final byte TARGET_DATE_SENT = 1;
    private static final byte TARGET_DATE_TODAY = 0;

    private final DataKeyring keys;
    private final AnswerXml answers = new AnswerXml();

    SealedKeptAnswer(DataKeyring keys) {
        this.keys = keys;
    }

    byte[] seal(KeyOfRow row, AskedQuery asked, EligibilityAnswer answer) {
        byte[] xml = answers.write(answer).getBytes(StandardCharsets.UTF_8);
        byte[] plain = new byte[xml.length + 1];
        plain[0] = asked.targetDate() == null ? TARGET_DATE_TODAY : TARGET_DATE_SENT;
        System.arraycopy(xml, 0, plain, 1, xml.length);
        return keys.seal(plain, row.context());
    }

    KeptAnswer open(KeyOfRow row, byte[] sealed) {
        byte[] plain = keys.open(sealed, row.context());
        EligibilityAnswer answer = answers.read(new String(Arrays.copyOfRange(plain, 1, plain.length),
                StandardCharsets.UTF_8));
        EligibilityQuery query = answer.getQuery();
        return new KeptAnswer(AskedQuery.of(query, plain[0] == TARGET_DATE_SENT ? query.getTargetDate() : null),
                answer);
    }

    /** What a sealed value is bound to: its row. */
    record KeyOfRow(String organisationCode, String referenceDigest, String verificationNumber) {
        String context() {
            return "request_answer/" + organisationCode + "/" + referenceDigest + "/" + verificationNumber;
        }
    }
}
