package dev.drydock.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Maven puts in the plugin's class realm: the built plugin descriptor's dependencies ({@code
 * META-INF/maven/plugin.xml}, written by maven-plugin-plugin from the plugin's compile and runtime
 * dependencies, the ones Maven resolves, POMs and parents, on every build that runs a goal). The
 * goals need jOOQ, Flyway, the driver and the providers; the CLI's picocli and the standalone Maven
 * Resolver (with its HTTP client and settings builder) must stay out: they cost an up-to-date build
 * ~100 ms, and inside Maven the goals resolve binaries with Maven's own RepositorySystem.
 */
class PluginRealmTest {

  @Test
  void thePluginsDependenciesAreWhatTheGoalsLoad_notTheCliOrTheStandaloneResolver()
      throws Exception {
    List<String> dependencies = descriptorDependencies();

    assertThat(dependencies)
        .contains(
            "org.jooq:jooq-codegen",
            "org.jooq:jooq-meta",
            "org.flywaydb:flyway-core",
            "org.flywaydb:flyway-database-postgresql",
            "org.postgresql:postgresql",
            "org.testcontainers:postgresql",
            "org.apache.commons:commons-compress");
    assertThat(dependencies)
        .filteredOn(
            ga ->
                ga.startsWith("org.apache.maven.resolver:")
                    || ga.startsWith("org.apache.maven:")
                    || ga.startsWith("org.apache.httpcomponents:")
                    || ga.startsWith("org.codehaus.plexus:")
                    || ga.startsWith("commons-logging:")
                    || ga.startsWith("info.picocli:"))
        .isEmpty();
  }

  /** groupId:artifactId of each dependency in the built plugin descriptor. */
  private static List<String> descriptorDependencies() throws Exception {
    Path classes =
        Path.of(GenerateMojo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path descriptor = classes.resolve("META-INF/maven/plugin.xml");
    assertThat(descriptor).isRegularFile();
    Element plugin =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Files.newInputStream(descriptor))
            .getDocumentElement();
    List<String> result = new ArrayList<>();
    NodeList lists = plugin.getElementsByTagName("dependencies");
    for (int i = 0; i < lists.getLength(); i++) {
      Element list = (Element) lists.item(i);
      if (list.getParentNode() != plugin) {
        continue; // a mojo's, not the plugin's
      }
      NodeList deps = list.getElementsByTagName("dependency");
      for (int j = 0; j < deps.getLength(); j++) {
        Element d = (Element) deps.item(j);
        result.add(text(d, "groupId") + ":" + text(d, "artifactId"));
      }
    }
    return result;
  }

  private static String text(Element e, String tag) {
    return e.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
