package dev.drydock.provider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers "does a Docker engine answer here?" in well under a second: a {@code GET /_ping} to
 * {@code DOCKER_HOST} or the usual unix sockets, never waiting on a missing daemon.
 */
public final class DockerProbe {
  private static final long TIMEOUT_MILLIS = 800;

  private DockerProbe() {}

  public static boolean dockerAnswers() {
    CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(DockerProbe::probe);
    try {
      return probe.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      probe.cancel(true);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean probe() {
    String dockerHost = System.getenv("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isBlank()) {
      URI uri = URI.create(dockerHost);
      if ("unix".equals(uri.getScheme())) {
        return pingUnix(Path.of(uri.getPath()));
      }
      if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
        return pingTcp(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
      }
      return false;
    }
    List<Path> sockets = new ArrayList<>();
    sockets.add(Path.of("/var/run/docker.sock"));
    sockets.add(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null) {
      sockets.add(Path.of(runtime, "docker.sock"));
    }
    for (Path socket : sockets) {
      if (Files.exists(socket) && pingUnix(socket)) {
        return true;
      }
    }
    return false;
  }

  private static final byte[] PING =
      "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static boolean pingUnix(Path socket) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(PING));
      ByteBuffer buffer = ByteBuffer.allocate(512);
      channel.read(buffer);
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII)
          .startsWith("HTTP/1.");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean pingTcp(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT_MILLIS);
      socket.setSoTimeout((int) TIMEOUT_MILLIS);
      socket.getOutputStream().write(PING);
      byte[] buffer = new byte[64];
      int n = socket.getInputStream().read(buffer);
      return n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
    } catch (IOException e) {
      return false;
    }
  }
}
