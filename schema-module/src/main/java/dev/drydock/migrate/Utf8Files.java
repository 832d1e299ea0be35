package dev.drydock.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Migration files must be UTF-8 (Flyway's default encoding): the first bad byte is named. */
final class Utf8Files {
  private Utf8Files() {}

  /** {@code V1__x.sql is not valid UTF-8 at byte 17}, rather than Flyway's checksum failure. */
  static void require(Path file) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      CharBuffer chars = CharBuffer.allocate(bytes.remaining() + 1);
      CoderResult result = decoder.decode(bytes, chars, true);
      if (result.isError()) {
        throw new MigrationException(
            file
                + " is not valid UTF-8 at byte offset "
                + bytes.position()
                + " (Flyway reads migrations as UTF-8; convert the file, or set Flyway's encoding)",
            file.getFileName().toString(),
            0,
            null,
            file,
            null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
