package jp.hokensho.center.admin.cli;

import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --delivery real-time | pre-stored}: the words the staff type for an insurer's {@link DeliveryMode}. */
final class DeliveryModeConverter implements ITypeConverter<DeliveryMode> {
    @Override
    public DeliveryMode convert(String value) {
        return switch (value) {
            case "real-time" -> DeliveryMode.REAL_TIME;
            case "pre-stored" -> DeliveryMode.PRE_STORED;
            default -> throw new TypeConversionException("must be real-time or pre-stored, not '" + value + "'");
        };
    }
}
