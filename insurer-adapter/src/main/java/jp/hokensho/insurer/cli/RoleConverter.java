package jp.hokensho.insurer.cli;

import jp.hokensho.insurer.security.AdapterRole;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --role}: an insurer role, in any case, with the list of roles when it is none. */
final class RoleConverter implements ITypeConverter<AdapterRole> {
    @Override
    public AdapterRole convert(String value) {
        try {
            return AdapterRole.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
