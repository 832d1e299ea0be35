package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.RegexFlag;
import org.junit.jupiter.api.Test;

/**
 * {@link JooqGeneratorSettings#copy} (Java serialization) against the copy it replaced (the
 * settings written as XML and read back by jOOQ's {@code GenerationTool.load}), on settings filled
 * at random: every field of every jOOQ settings class reachable from {@code <generator>}, strings
 * with XML's special characters, booleans and numbers, enums, lists, nested elements, or left
 * unset.
 */
class JooqGeneratorCopyTest {

  private static final String JAXB = "org.jooq.meta.jaxb.";

  @Test
  void theCopyEqualsTheSettingsAndTheXmlRoundTripOnRandomizedSettings() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int filledFields = 0;
    for (int i = 0; i < 300; i++) {
      Generator settings = new Generator();
      filledFields += fill(settings, random, 0);

      Generator copy = JooqGeneratorSettings.copy(settings);

      assertThat(copy).as("seed %d", seed).isEqualTo(settings).isNotSameAs(settings);
      assertThat(copy.toString()).as("seed %d", seed).isEqualTo(settings.toString());
      if (settings.getDatabase() != null) {
        assertThat(copy.getDatabase()).isNotSameAs(settings.getDatabase());
      }
      // the copy before (XML) agrees everywhere but in the regex flags it dropped
      Generator before = xmlRoundTrip(settings);
      clearRegexFlags(copy);
      clearRegexFlags(before);
      assertThat(copy).as("seed %d, settings %s", seed, settings).isEqualTo(before);
    }
    // the settings were not left empty: over a thousand of <generator>'s own fields (elements and
    // list entries, each filled below too) were set across the runs
    assertThat(filledFields).isGreaterThan(1_000);
  }

  @Test
  void regexFlagsAreCopiedWhereTheXmlRoundTripDroppedThem() throws Exception {
    Generator settings =
        new Generator()
            .withDatabase(
                new Database().withRegexFlags(RegexFlag.CASE_INSENSITIVE, RegexFlag.COMMENTS));

    assertThat(JooqGeneratorSettings.copy(settings).getDatabase().getRegexFlags())
        .containsExactly(RegexFlag.CASE_INSENSITIVE, RegexFlag.COMMENTS);
    assertThat(xmlRoundTrip(settings).getDatabase().getRegexFlags())
        .doesNotContain(RegexFlag.CASE_INSENSITIVE, RegexFlag.COMMENTS);
  }

  @Test
  void changingTheCopyLeavesTheSettingsAlone() {
    Generator settings =
        new Generator()
            .withDatabase(
                new Database()
                    .withExcludes("audit_.*")
                    .withForcedTypes(new ForcedType().withUserType("java.time.Instant")));
    String before = settings.toString();

    Generator copy = JooqGeneratorSettings.copy(settings);
    copy.getDatabase().setExcludes("other");
    copy.getDatabase().getForcedTypes().get(0).setUserType("java.lang.String");
    copy.getDatabase().getForcedTypes().add(new ForcedType().withName("BOOLEAN"));
    copy.getDatabase().getSchemata().clear();

    assertThat(settings.toString()).isEqualTo(before);
    assertThat(settings.getDatabase().getForcedTypes()).hasSize(1);
    assertThat(settings.getDatabase().getForcedTypes().get(0).getUserType())
        .isEqualTo("java.time.Instant");
  }

  /** The copy {@code JooqGeneratorSettings} made before: through XML and jOOQ's reader. */
  private static Generator xmlRoundTrip(Generator generator) throws Exception {
    String xml = "<configuration><generator>" + generator + "</generator></configuration>";
    return GenerationTool.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getGenerator();
  }

  private static boolean isSettings(Object value) {
    return value != null
        && !value.getClass().isEnum()
        && value.getClass().getName().startsWith(JAXB);
  }

  /** Empties every {@code regexFlags} list in the settings. */
  private static void clearRegexFlags(Object object) throws Exception {
    for (Class<?> c = object.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        Object value = field.get(object);
        if (field.getName().equals("regexFlags") && value instanceof List<?> flags) {
          flags.clear();
        } else if (value instanceof List<?> list) {
          for (Object element : list) {
            if (isSettings(element)) {
              clearRegexFlags(element);
            }
          }
        } else if (isSettings(value)) {
          clearRegexFlags(value);
        }
      }
    }
  }

  /** Sets each field of {@code object} at random (or leaves it unset); how many were set. */
  private static int fill(Object object, Random random, int depth) throws Exception {
    int set = 0;
    for (Class<?> c = object.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || random.nextInt(3) == 0) {
          continue;
        }
        field.setAccessible(true);
        Class<?> type = field.getType();
        if (List.class.isAssignableFrom(type)) {
          Class<?> element =
              (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
          @SuppressWarnings("unchecked")
          List<Object> list = (List<Object>) field.get(object);
          if (list == null) {
            list = new ArrayList<>();
            field.set(object, list);
          }
          for (int n = random.nextInt(depth < 2 ? 3 : 2); n > 0; n--) {
            Object value = value(element, random, depth);
            if (value != null) {
              list.add(value);
              set++;
            }
          }
          continue;
        }
        Object value = value(type, random, depth);
        if (value != null) {
          field.set(object, value);
          set++;
        }
      }
    }
    return set;
  }

  private static Object value(Class<?> type, Random random, int depth) throws Exception {
    if (type == String.class) {
      return string(random);
    }
    if (type == Boolean.class || type == boolean.class) {
      return random.nextBoolean();
    }
    if (type == Integer.class || type == int.class) {
      return random.nextInt(1_000);
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[random.nextInt(constants.length)];
    }
    if (type.getName().startsWith(JAXB) && depth < 3) {
      Object nested = type.getDeclaredConstructor().newInstance();
      fill(nested, random, depth + 1);
      return nested;
    }
    return null;
  }

  private static final String[] PIECES = {
    "a", "Z", "_", ".*", "(?i:x)", "\\d+", "<", ">", "&", "\"", "'", "é", "java.time.Instant", "-"
  };

  /** Words as settings have them, with the characters XML escapes. */
  private static String string(Random random) {
    StringBuilder s = new StringBuilder();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }
}
