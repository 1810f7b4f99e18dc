package dev.referent.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A whole number >= 1 for counts such as {@code --threads}: 0 and negatives are usage errors at parse time (exit 2,
 * before any model loads) instead of being taken silently as "all cores".
 */
final class PositiveInt implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number >= 1, not '" + value + "'");
        }
        if (n < 1) {
            throw new TypeConversionException("must be >= 1, not " + n);
        }
        return n;
    }
}
