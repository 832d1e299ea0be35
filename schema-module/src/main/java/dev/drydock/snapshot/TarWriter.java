package dev.drydock.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a snapshot archive ({@link ClusterArchive}) as a POSIX tar that {@link TarEntries} (and
 * any tar) reads: ustar headers, a PAX extended header before an entry whose name is longer than
 * 100 bytes or whose size does not fit 11 octal digits. Times, owners and user names are zero: the
 * same cluster gives the same bytes.
 *
 * <p>Commons Compress's {@code TarArchiveOutputStream} wrote the same archives (with a PAX header
 * for every entry's sub-second time) at a cold JVM's cost of its every header field; this formats
 * the five fields a snapshot needs.
 */
final class TarWriter implements AutoCloseable {

  private static final int BLOCK = 512;
  private static final long MAX_OCTAL_SIZE = 077777777777L;
  private static final byte[] ZEROS = new byte[BLOCK];

  private final OutputStream out;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** A directory entry (mode 0700). */
  void directory(String name) throws IOException {
    header(name + "/", '5', 0700, 0);
  }

  /** A regular file entry (mode 0600) with the bytes of {@code file}, {@code size} long. */
  void file(String name, Path file, long size) throws IOException {
    header(name, '0', 0600, size);
    long copied = Files.copy(file, out);
    if (copied != size) {
      throw new IOException(file + " changed while it was archived");
    }
    pad(size);
  }

  /** A regular file entry (mode 0600) holding {@code content}. */
  void file(String name, byte[] content) throws IOException {
    header(name, '0', 0600, content.length);
    out.write(content);
    pad(content.length);
  }

  /** The end: two zero blocks. */
  @Override
  public void close() throws IOException {
    out.write(ZEROS);
    out.write(ZEROS);
    out.flush();
  }

  private void header(String name, char type, int mode, long size) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    boolean longName = nameBytes.length > 100;
    boolean bigSize = size > MAX_OCTAL_SIZE;
    if (longName || bigSize) {
      StringBuilder records = new StringBuilder();
      if (longName) {
        records.append(paxRecord("path", name));
      }
      if (bigSize) {
        records.append(paxRecord("size", Long.toString(size)));
      }
      byte[] content = records.toString().getBytes(StandardCharsets.UTF_8);
      out.write(
          block("././@PaxHeader".getBytes(StandardCharsets.US_ASCII), 'x', 0644, content.length));
      out.write(content);
      pad(content.length);
    }
    out.write(
        block(
            longName ? Arrays.copyOf(nameBytes, 100) : nameBytes, type, mode, bigSize ? 0 : size));
  }

  /** {@code "<length> key=value\n"}, the length counting itself. */
  static String paxRecord(String key, String value) {
    int body =
        key.getBytes(StandardCharsets.UTF_8).length
            + value.getBytes(StandardCharsets.UTF_8).length
            + 3; // the space, '=' and '\n'
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() != Integer.toString(body).length()) {
      length = body + Integer.toString(length).length();
    }
    return length + " " + key + "=" + value + "\n";
  }

  private static byte[] block(byte[] name, char type, int mode, long size) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  /** {@code value} as {@code length - 1} octal digits, zero-padded, then a NUL. */
  private static void octal(byte[] h, int offset, int length, long value) {
    long v = value;
    for (int i = offset + length - 2; i >= offset; i--) {
      h[i] = (byte) ('0' + (v & 7));
      v >>>= 3;
    }
    h[offset + length - 1] = 0;
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(ZEROS, 0, BLOCK - rest);
    }
  }
}
