package dev.drydock.codegen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a daemon thread, the classes a generation run needs once its database starts ({@value
 * #RESOURCE}: Flyway's migrate, the JDBC driver, jOOQ-meta, jOOQ's code generator), while the run's
 * own thread lists and hashes the migrations, restores a snapshot, waits for the server and the
 * migrations. In a fresh JVM (every Maven build, every {@code drydock generate}) loading those
 * ~2,600 classes is about a second of one core, which then is no longer on the critical path.
 * Classes are only loaded, never initialized (no static initializer runs on this thread: two
 * threads initializing classes that need each other could deadlock); a name that is not on the
 * class path is skipped. Started once the file listing says the output may be stale (a database
 * most likely starts), so the free up-to-date build loads no Flyway or jOOQ class. {@link #close()}
 * stops it (at most {@value #STOP_WAIT_MILLIS} ms).
 *
 * <p>Off with {@code -Ddrydock.classPreload=false} (to measure what it saves).
 */
final class ClassPreload implements AutoCloseable {

  static final String RESOURCE = "preload-classes.txt";

  /** The line of {@value #RESOURCE} that starts jOOQ's section. */
  static final String JOOQ_MARKER = "# --- jooq";

  /** The two parts of the list. */
  enum Section {
    /** What restoring, starting and migrating the database load (every run that starts one). */
    DATABASE,
    /** What jOOQ-meta and the code generator load (not a run that keeps the sources). */
    JOOQ
  }

  static final String PROPERTY = "drydock.classPreload";

  static final String THREAD_NAME = "drydock-class-preload";

  private static final long STOP_WAIT_MILLIS = 5_000;

  private final Thread thread;
  private volatile boolean stopped;
  private volatile int loaded;
  private volatile int missing;

  private ClassPreload(List<String> names, ClassLoader loader) {
    this.thread = new Thread(() -> load(names, loader), THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Starts loading the classes of these sections of {@value #RESOURCE} (in that order), unless
   * switched off; none: nothing starts.
   */
  static ClassPreload start(Section... sections) {
    List<String> names = new ArrayList<>();
    if (Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      for (Section section : sections) {
        names.addAll(shippedList(section));
      }
    }
    return start(names, ClassPreload.class.getClassLoader());
  }

  /** Starts loading {@code names} (binary class names) with {@code loader}. */
  static ClassPreload start(List<String> names, ClassLoader loader) {
    ClassPreload preload = new ClassPreload(names, loader);
    if (!names.isEmpty()) {
      preload.thread.start();
    }
    return preload;
  }

  /** The class names of one section of {@value #RESOURCE}; empty when it cannot be read. */
  static List<String> shippedList(Section section) {
    List<String> names = new ArrayList<>();
    try (InputStream in = ClassPreload.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return names;
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      Section current = Section.DATABASE;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.strip();
        if (name.startsWith(JOOQ_MARKER)) {
          current = Section.JOOQ;
        } else if (current == section && !name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      // an optimization only: nothing is preloaded
      names.clear();
    }
    return names;
  }

  private void load(List<String> names, ClassLoader loader) {
    for (String name : names) {
      if (stopped) {
        return;
      }
      try {
        Class.forName(name, false, loader);
        loaded++;
      } catch (ClassNotFoundException | LinkageError e) {
        missing++;
      }
    }
  }

  /** How many classes were loaded (or found loaded) so far. */
  int loaded() {
    return loaded;
  }

  /** How many names were not on the class path. */
  int missing() {
    return missing;
  }

  /** Waits until every name was tried (tests). */
  void awaitDone() throws InterruptedException {
    thread.join();
  }

  /** True while the thread runs. */
  boolean running() {
    return thread.isAlive();
  }

  /** Stops loading and waits for the thread to end (bounded). */
  @Override
  public void close() {
    stopped = true;
    try {
      thread.join(STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
