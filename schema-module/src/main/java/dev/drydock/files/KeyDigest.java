package dev.drydock.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over the parts of a cache key, each part delimited so that no two different sequences
 * of parts give the same bytes: what snapshot names, kept catalogs, kept observations and the
 * resolved migrations' digest are built with.
 */
public final class KeyDigest {

  private final MessageDigest sha;

  private KeyDigest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** An empty digest. */
  public static KeyDigest start() {
    return new KeyDigest();
  }

  /** A text part: its UTF-8 bytes, then a zero byte. */
  public KeyDigest text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A part of bytes that hold no zero byte of their own meaning: the bytes, then a zero byte. */
  public KeyDigest bytes(byte[] bytes) {
    sha.update(bytes);
    sha.update((byte) 0);
    return this;
  }

  /** A part of any bytes: their length, a zero byte, then the bytes. */
  public KeyDigest sized(byte[] bytes) {
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(bytes);
    return this;
  }

  /** A file's content as a {@link #bytes} part. */
  public KeyDigest content(Path file) {
    try {
      return bytes(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each file as its name ({@link #text}) and its content ({@link #content}). */
  public KeyDigest namedFiles(List<Path> files) {
    for (Path file : files) {
      text(file.getFileName().toString());
      content(file);
    }
    return this;
  }

  /** The digest in hex (64 digits); the digest is used up. */
  public String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The first {@code digits} hex digits of the digest; the digest is used up. */
  public String hex(int digits) {
    return hex().substring(0, digits);
  }
}
