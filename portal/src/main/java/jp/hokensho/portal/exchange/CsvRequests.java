package jp.hokensho.portal.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import jp.hokensho.portal.bulk.BulkJob;
import jp.hokensho.portal.bulk.BulkVerifier;
import jp.hokensho.portal.bulk.CardFile;
import jp.hokensho.portal.bulk.CardFileReader;
import jp.hokensho.portal.bulk.CardFileRefused;
import jp.hokensho.portal.bulk.FileEncoding;
import jp.hokensho.portal.bulk.ResultFileWriter;
import jp.hokensho.portal.bulk.RowProblem;
import jp.hokensho.portal.center.CenterSession;

/**
 * A CSV request: the card file of 一括認証 (the same columns, read by the same checks), sent with submitBatch and
 * answered as a CSV of the same columns plus the results, in the request's encoding. The batch's reception number
 * is kept in the work folder as soon as the center gave it, so a terminal restarted while the batch runs follows
 * that batch again instead of submitting the cards a second time.
 */
final class CsvRequests {
    private final CardFileReader reader;
    private final BulkVerifier verifier = new BulkVerifier(0);
    private final Path workDir;
    private final Duration poll;

    CsvRequests(int maxRows, Path workDir, Duration poll) {
        this.reader = new CardFileReader(maxRows);
        this.workDir = workDir;
        this.poll = poll;
    }

    CardFile read(byte[] content, LocalDate today) {
        CardFile file;
        try {
            file = reader.read(content, FileEncoding.AUTO, today);
        } catch (CardFileRefused e) {
            throw new RequestFileRefused(List.of(e.getMessage()),
                    List.of("The CSV file cannot be taken as a whole (see the Japanese line above for why)."));
        }
        if (!file.problems().isEmpty()) {
            throw new RequestFileRefused(file.problems().stream().map(RowProblem::text).toList(),
                    file.problems().stream().map(problem -> problem.line() == 1
                            ? "line 1: the header row names columns that cannot be used or misses a required one"
                            + " (see the Japanese line)"
                            : "line " + problem.line()
                            + ": this row is not a valid card (see the Japanese line with the same number)").toList());
        }
        return file;
    }

    /** Submits (or resumes) the batch and waits for its end; the thread waits, the center works. */
    BulkJob verify(CenterSession center, CardFile file, String reference) throws IOException, InterruptedException {
        Path receptionFile = workDir.resolve(FileReference.sha256(FileReference.utf8(reference)) + ".reception");
        BulkJob job;
        if (Files.exists(receptionFile)) {
            job = verifier.resume(file, Files.readString(receptionFile, StandardCharsets.UTF_8).strip());
        } else {
            job = verifier.start(center, file);
            String reception = job.receptionNumber();
            AtomicFiles.write(receptionFile, out -> out.write(reception.getBytes(StandardCharsets.UTF_8)));
        }
        verifier.refresh(center, job);
        while (!job.finished()) {
            Thread.sleep(poll.toMillis());
            verifier.refresh(center, job);
        }
        return job;
    }

    void write(BulkJob job, OutputStream out) throws IOException {
        FileEncoding encoding = job.file().encoding() == FileEncoding.SHIFT_JIS ? FileEncoding.SHIFT_JIS
                : FileEncoding.UTF_8;
        ResultFileWriter.write(job.results(), encoding, out);
    }

    /** Forgets a batch whose results were written. */
    void forget(String reference) throws IOException {
        Files.deleteIfExists(workDir.resolve(FileReference.sha256(FileReference.utf8(reference)) + ".reception"));
    }
}
