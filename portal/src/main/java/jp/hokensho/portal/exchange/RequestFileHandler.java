package jp.hokensho.portal.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.hokensho.contract.eligibility.VerifyEligibility;
import jp.hokensho.contract.eligibility.VerifyEligibilityResponse;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.portal.bulk.BulkJob;
import jp.hokensho.portal.bulk.CardFile;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterSession;
import jp.hokensho.portal.center.CenterUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request file, from reading it to its answer in {@code res/} (then the request moves to {@code done/}) or its
 * reason in {@code err/}. The answer is written before the request moves: a terminal that dies between the two
 * sends the file again and the center, knowing its requestReference, gives the original answer, so the hospital
 * system never gets two different answers for one file. A center that cannot be reached leaves the file waiting.
 */
final class RequestFileHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestFileHandler.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final ExchangeSettings settings;
    private final CenterSessions sessions;
    private final RetrySchedule retries;
    private final Clock clock;
    private final XmlRequests xml = new XmlRequests();
    private final CsvRequests csv;

    RequestFileHandler(ExchangeSettings settings, CenterSessions sessions, RetrySchedule retries, Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.retries = retries;
        this.clock = clock;
        this.csv = new CsvRequests(settings.maxCsvRows(), settings.workDir(), settings.batchPoll());
    }

    void handle(Path request) throws IOException, InterruptedException {
        String name = request.getFileName().toString();
        byte[] content;
        try {
            content = Files.readAllBytes(request);
        } catch (NoSuchFileException gone) {
            return;
        }
        String reference = FileReference.of(name, content);
        try {
            answer(request, name, content, reference);
            AtomicFiles.move(request, settings.doneDir().resolve(name));
            retries.forget(name);
        } catch (RequestFileRefused e) {
            LOG.warn("request file {} refused: {}", name, e.getMessage());
            refuse(request, name, e);
        } catch (CenterRequestRefused e) {
            LOG.warn("request file {} refused by the center: {}", name, e.getMessage());
            refuseQuietly(request, name, new RequestFileRefused(
                    List.of("認証センターが要求を受け付けませんでした（" + e.code()
                            + (e.field() == null ? "" : "・" + e.field()) + "）"),
                    List.of("The center refused the request: " + e.getMessage())));
        } catch (CenterUnavailable | CenterRefused e) {
            waitOrGiveUp(request, name, e);
        } catch (IOException e) {
            // The terminal's own disk (full, permissions): the request stays and is tried again like a center outage.
            LOG.error("request file {} could not be answered on this terminal: {}", name, e.toString());
            waitOrGiveUp(request, name, new java.io.UncheckedIOException(e));
        }
    }

    private void answer(Path request, String name, byte[] content, String reference)
            throws IOException, InterruptedException {
        String kind = extension(name);
        Path response = settings.responseDir().resolve(name);
        if (kind.equals("xml")) {
            VerifyEligibility verify = xml.read(content);
            String ownReference = verify.getRequestReference() != null ? verify.getRequestReference() : reference;
            EligibilityAnswer answer = sessions.call(session -> session.verify(verify.getQuery(), ownReference,
                    verify.getOnBehalfOf()));
            VerifyEligibilityResponse wrapped = new VerifyEligibilityResponse();
            wrapped.setAnswer(answer);
            AtomicFiles.write(response, out -> xml.write(wrapped, out));
            LOG.info("request file {} answered {} ({})", name, answer.getVerificationNumber(), answer.getResultCode());
        } else if (kind.equals("csv")) {
            CardFile cards = csv.read(content, LocalDate.now(clock.withZone(JAPAN)));
            BulkJob job = sessions.call(session -> csv.verify(session, cards, reference));
            AtomicFiles.write(response, out -> csv.write(job, out));
            csv.forget(reference);
            LOG.info("request file {} of {} cards answered by batch {} ({})", name, cards.rows().size(),
                    job.receptionNumber(), job.status());
        } else {
            throw RequestFileRefused.unknownKind(name);
        }
    }

    private void waitOrGiveUp(Path request, String name, RuntimeException e) {
        boolean givenUp = retries.failed(name);
        if (!givenUp) {
            LOG.warn("request file {} waits: {}", name, e.getMessage());
            return;
        }
        LOG.error("request file {} given up after waiting since {}: {}", name, retries.waitingSince(name),
                e.getMessage());
        String since = retries.waitingSince(name).toString();
        refuseQuietly(request, name, givenUpReason(e, since));
        retries.forget(name);
    }

    /** Why a file waited in vain: the center away, the account refused, or this terminal's own disk. */
    private static RequestFileRefused givenUpReason(RuntimeException e, String since) {
        if (e instanceof CenterRefused) {
            return new RequestFileRefused(List.of("認証センターが連携用アカウントを受け付けませんでした（パスワード、ロック、鍵を"
                    + "ご確認ください）。" + since + " から再試行しましたが、認証はされていません"),
                    List.of("The center refused the integration account (check its password, lock and key); retried"
                            + " since " + since + ". Nothing was verified."));
        }
        if (e instanceof java.io.UncheckedIOException) {
            // The center may have answered: the file's requestReference gets that answer back when it is sent again.
            return new RequestFileRefused(List.of("この端末で回答ファイルを書けませんでした（ディスクの空きと権限をご確認ください）。"
                    + since + " から再試行しました。ファイルを置き直すと、認証済みなら同じ回答が返ります"),
                    List.of("This terminal could not write the answer (check its disk space and permissions); retried"
                            + " since " + since + ". Put the file back: an answered request gets the same answer."));
        }
        return new RequestFileRefused(List.of("認証センターに接続できませんでした。" + since
                + " から再試行しましたが、認証はされていません。もう一度ファイルを置いてください"),
                List.of("The center could not be reached; retried since " + since
                        + ". Nothing was verified: put the file back to try again."));
    }

    private void refuseQuietly(Path request, String name, RequestFileRefused reason) {
        try {
            refuse(request, name, reason);
        } catch (IOException e) {
            LOG.error("request file {}: its error file could not be written: {}", name, e.toString());
        }
    }

    private void refuse(Path request, String name, RequestFileRefused reason) throws IOException {
        List<String> text = new ArrayList<>();
        text.add("要求ファイル: " + name);
        text.add("日時: " + clock.instant().atZone(JAPAN).toOffsetDateTime());
        text.add("理由:");
        reason.japanese().forEach(line -> text.add("  " + line));
        text.add("");
        text.add("Request file: " + name);
        text.add("Time: " + clock.instant());
        text.add("Reason:");
        reason.english().forEach(line -> text.add("  " + line));
        byte[] report = (String.join("\r\n", text) + "\r\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(settings.errorDir().resolve(name + ".error.txt"), out -> out.write(report));
        try {
            AtomicFiles.move(request, settings.errorDir().resolve(name));
        } catch (NoSuchFileException gone) {
            LOG.debug("request file {} was already moved", name);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
