package dev.drydock.maven.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.marker.OutputMarker;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What Maven resolves and puts in this plugin's class realm on every build that runs one of its
 * goals: the built plugin descriptor's dependencies ({@code META-INF/maven/plugin.xml}, written by
 * maven-plugin-plugin from the compile and runtime dependencies). It must stay drydock-marker
 * alone, and drydock-marker must have no dependency of its own: an up-to-date build then reads two
 * POMs and opens two jars beyond {@code validate}, not the engine's 39 POMs and 35 jars.
 */
class PluginDependenciesTest {

  @Test
  void givenTheBuiltPluginDescriptorThenItsOnlyRuntimeDependencyIsTheMarker() throws Exception {
    Path classes =
        Path.of(GenerateMojo.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    List<String> dependencies =
        dependencies(classes.resolve("META-INF/maven/plugin.xml").toUri().toURL(), "plugin");

    assertThat(dependencies).containsExactly("dev.drydock:drydock-marker");
  }

  @Test
  void givenTheMarkersPomThenItDeclaresNoDependencyButTestOnes() throws Exception {
    Path marker =
        Path.of(OutputMarker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // target/classes (reactor) or the jar: the module's pom.xml is two levels up from classes
    Path pom =
        Files.isDirectory(marker)
            ? marker.getParent().getParent().resolve("pom.xml")
            : Path.of(System.getProperty("drydock.project.root"), "marker", "pom.xml");

    List<String> scopes = new ArrayList<>();
    Element project = parse(pom.toUri().toURL());
    NodeList deps = project.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      NodeList scope = ((Element) deps.item(i)).getElementsByTagName("scope");
      scopes.add(scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent().strip());
    }

    assertThat(scopes).isNotEmpty().allMatch("test"::equals);
  }

  /** groupId:artifactId of each dependency directly under the root element. */
  private static List<String> dependencies(URL xml, String root) throws Exception {
    Element plugin = parse(xml);
    assertThat(plugin.getTagName()).isEqualTo(root);
    List<String> result = new ArrayList<>();
    for (Node n = plugin.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element list && list.getTagName().equals("dependencies")) {
        NodeList deps = list.getElementsByTagName("dependency");
        for (int j = 0; j < deps.getLength(); j++) {
          Element d = (Element) deps.item(j);
          result.add(text(d, "groupId") + ":" + text(d, "artifactId"));
        }
      }
    }
    return result;
  }

  private static Element parse(URL xml) throws Exception {
    try (InputStream in = xml.openStream()) {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(in)
          .getDocumentElement();
    }
  }

  private static String text(Element e, String tag) {
    return e.getElementsByTagName(tag).item(0).getTextContent().strip();
  }
}
