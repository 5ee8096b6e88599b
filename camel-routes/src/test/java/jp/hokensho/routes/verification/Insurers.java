package jp.hokensho.routes.verification;

import java.time.Duration;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;

/** Test data: the directory entries of the two kinds of insurer. */
final class Insurers {
    /** The source document's insurer, answering live from its own card server. */
    static final InsurerEntry REAL_TIME = new InsurerEntry("00000001", "〇〇〇健康保険組合", "東京都〇〇区××1-1-1",
            DeliveryMode.REAL_TIME, "https://insurer.example.jp/services/insurer-query", "insurer-00000001",
            Duration.ofSeconds(7));
    /** An insurer that uploads its cards to the center ahead of time. */
    static final InsurerEntry PRE_STORED = new InsurerEntry("33120015", "大阪〇〇健康保険組合", "大阪府大阪市北区梅田1-1-1",
            DeliveryMode.PRE_STORED, null, null, null);

    private Insurers() {
    }
}
