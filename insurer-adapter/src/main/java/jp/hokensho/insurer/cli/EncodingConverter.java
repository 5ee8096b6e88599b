package jp.hokensho.insurer.cli;

import java.nio.charset.Charset;
import jp.hokensho.insurer.card.CsvEncoding;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --encoding UTF-8 | Shift_JIS} (and the other names {@link CsvEncoding#forName} knows). */
final class EncodingConverter implements ITypeConverter<Charset> {
    @Override
    public Charset convert(String value) {
        try {
            return CsvEncoding.forName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
