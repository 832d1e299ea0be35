package dev.drydock.cli;

import dev.drydock.provider.ProviderKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --provider} values, with the provider module's own message for unknown ones. */
final class ProviderKindConverter implements ITypeConverter<ProviderKind> {
  @Override
  public ProviderKind convert(String value) {
    try {
      return ProviderKind.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
