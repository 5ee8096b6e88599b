package jp.hokensho.portal.exchange;

import java.util.List;

/**
 * A request file the exchange will not send (it cannot be read, or the center refused its content): the reason in
 * Japanese and in English, one or more lines each, for the error file beside it in {@code err/}.
 */
final class RequestFileRefused extends RuntimeException {
    private final List<String> japanese;
    private final List<String> english;

    RequestFileRefused(List<String> japanese, List<String> english) {
        super(String.join("; ", english));
        this.japanese = List.copyOf(japanese);
        this.english = List.copyOf(english);
    }

    static RequestFileRefused invalidXml(String problem) {
        return new RequestFileRefused(List.of("XMLの要求ファイルとして読めません（verifyEligibility 要素の形式に合いません）: " + problem),
                List.of("The file is not a valid verifyEligibility request: " + problem));
    }

    static RequestFileRefused notARequest(String found) {
        return new RequestFileRefused(List.of("要求ファイルの最上位要素は verifyEligibility でなければなりません（" + found + "）"),
                List.of("The request's root element must be verifyEligibility, not " + found));
    }

    static RequestFileRefused unknownKind(String name) {
        return new RequestFileRefused(List.of("ファイル名の拡張子は .xml または .csv にしてください: " + name),
                List.of("Request files must end in .xml or .csv: " + name));
    }

    List<String> japanese() {
        return japanese;
    }

    List<String> english() {
        return english;
    }
}
