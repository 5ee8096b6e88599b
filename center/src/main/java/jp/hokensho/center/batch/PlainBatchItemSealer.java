package jp.hokensho.center.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import jp.hokensho.contract.eligibility.BatchItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the items a center before V7 stored in plain columns (input and answer XML), and empties those columns, so
 * that an upgrade leaves no card data readable; runs when a center starts. Each row is converted only while it is
 * still unsealed, so nodes starting together do not convert one twice.
 */
final class PlainBatchItemSealer {
    private static final Logger LOG = LoggerFactory.getLogger(PlainBatchItemSealer.class);
    private static final int PAGE = 500;

    private final DataSource dataSource;
    private final SealedBatchData sealed;

    PlainBatchItemSealer(DataSource dataSource, SealedBatchData sealed) {
        this.dataSource = dataSource;
        this.sealed = sealed;
    }

    int sealAll() {
        int total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (int done = sealPage(c); done > 0; done = sealPage(c)) {
                total += done;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seal the batch items stored before V7", e);
        }
        if (total > 0) {
            LOG.info("sealed {} batch items stored in plain text by an earlier version", total);
        }
        return total;
    }

    private int sealPage(Connection c) throws SQLException {
        int sealedRows = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT reception_number, position, reference,"
                + " insurer_number, card_symbol, card_number, branch_number, target_date, birth_date, answer_xml"
                + " FROM batch_item WHERE item_sealed IS NULL ORDER BY reception_number, position LIMIT " + PAGE);
             PreparedStatement update = c.prepareStatement("UPDATE batch_item SET item_sealed = ?, answer_sealed = ?,"
                     + " reference = NULL, insurer_number = NULL, card_symbol = NULL, card_number = NULL,"
                     + " branch_number = NULL, target_date = NULL, birth_date = NULL, answer_xml = NULL"
                     + " WHERE reception_number = ? AND position = ? AND item_sealed IS NULL");
             ResultSet r = select.executeQuery()) {
            while (r.next()) {
                String number = r.getString(1);
                int position = r.getInt(2);
                BatchItem item = new BatchItem();
                item.setReference(r.getString(3));
                item.setInsurerNumber(r.getString(4));
                item.setSymbol(r.getString(5));
                item.setNumber(r.getString(6));
                item.setBranchNumber(r.getString(7));
                item.setTargetDate(r.getString(8));
                item.setBirthDate(r.getString(9));
                String answer = r.getString(10);
                update.setBytes(1, sealed.sealItem(number, position, item));
                update.setBytes(2, answer == null ? null : sealed.sealAnswerXml(number, position, answer));
                update.setString(3, number);
                update.setInt(4, position);
                update.addBatch();
                sealedRows++;
            }
            update.executeBatch();
        }
        return sealedRows;
    }
}
