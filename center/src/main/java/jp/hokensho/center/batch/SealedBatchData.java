package jp.hokensho.center.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jp.hokensho.center.datakey.DataKeyring;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.routes.port.VerificationEvent;

/**
 * The card data of a batch item as it rests in the database: its input as submitted and its answer, each sealed
 * with the center's data key and bound to the item (reception number, position, and which of the two it is), so a
 * sealed value moved to another row or column does not open.
 */
final class SealedBatchData {
    private static final int FIELDS = 7;

    private final DataKeyring keys;
    private final AnswerXml answers = new AnswerXml();

    SealedBatchData(DataKeyring keys) {
        this.keys = keys;
    }

    byte[] sealItem(String receptionNumber, int position, BatchItem item) {
        String[] fields = {item.getReference(), item.getInsurerNumber(), item.getSymbol(), item.getNumber(),
                item.getBranchNumber(), item.getTargetDate(), item.getBirthDate()};
        return keys.seal(encode(fields), context("input", receptionNumber, position));
    }

    BatchItem openItem(String receptionNumber, int position, byte[] sealed) {
        String[] fields = decode(keys.open(sealed, context("input", receptionNumber, position)));
        BatchItem item = new BatchItem();
        item.setReference(fields[0]);
        item.setInsurerNumber(fields[1]);
        item.setSymbol(fields[2]);
        item.setNumber(fields[3]);
        item.setBranchNumber(fields[4]);
        item.setTargetDate(fields[5]);
        item.setBirthDate(fields[6]);
        return item;
    }

    byte[] sealAnswer(String receptionNumber, int position, EligibilityAnswer answer) {
        return sealAnswerXml(receptionNumber, position, answers.write(answer));
    }

    /** The event's answer, from the canonical form its digest was taken over when it kept it (made once). */
    byte[] sealAnswer(String receptionNumber, int position, VerificationEvent event) {
        if (event.canonicalAnswer() == null) {
            return sealAnswer(receptionNumber, position, event.answer());
        }
        return keys.seal(event.canonicalAnswer(), context("answer", receptionNumber, position));
    }

    /** The canonical answer XML (whose SHA-256 is the audit record's answer digest), sealed. */
    byte[] sealAnswerXml(String receptionNumber, int position, String xml) {
        return keys.seal(xml.getBytes(StandardCharsets.UTF_8), context("answer", receptionNumber, position));
    }

    EligibilityAnswer openAnswer(String receptionNumber, int position, byte[] sealed) {
        byte[] xml = keys.open(sealed, context("answer", receptionNumber, position));
        return answers.read(new String(xml, StandardCharsets.UTF_8));
    }

    private static String context(String part, String receptionNumber, int position) {
        return "batch_item/" + receptionNumber + "/" + position + "/" + part;
    }

    private static byte[] encode(String[] fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : fields) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] text = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a batch item", e);
        }
        return bytes.toByteArray();
    }

    private static String[] decode(byte[] encoded) {
        String[] fields = new String[FIELDS];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            for (int i = 0; i < FIELDS; i++) {
                int length = in.readInt();
                fields[i] = length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a stored batch item cannot be read", e);
        }
        return fields;
    }
}
