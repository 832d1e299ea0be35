package dev.drydock.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a Maven {@code settings.xml} says about where artifacts come from (offline, local
 * repository, mirrors, proxies): the settings the PostgreSQL binaries are resolved with. Never
 * reads or keeps credentials.
 *
 * @param offline {@code <offline>true</offline>}
 * @param localRepository {@code <localRepository>}, when set
 * @param mirrors each mirror as {@code id -> url (mirrorOf)}
 * @param proxies each active proxy as {@code protocol://host:port}
 */
record MavenSettings(
    boolean offline, Optional<String> localRepository, List<String> mirrors, List<String> proxies) {

  /** Reads {@code file}; throws {@link IOException} naming it when it is not well-formed XML. */
  static MavenSettings read(Path file) throws IOException {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      doc = factory.newDocumentBuilder().parse(file.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(file + " is not a readable settings file: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    boolean offline = "true".equalsIgnoreCase(childText(root, "offline").orElse("false"));
    Optional<String> local = childText(root, "localRepository");
    List<String> mirrors = new ArrayList<>();
    for (Element mirror : children(child(root, "mirrors"), "mirror")) {
      mirrors.add(
          childText(mirror, "id").orElse("(no id)")
              + " -> "
              + childText(mirror, "url").orElse("(no url)")
              + " (mirror of "
              + childText(mirror, "mirrorOf").orElse("?")
              + ")");
    }
    List<String> proxies = new ArrayList<>();
    for (Element proxy : children(child(root, "proxies"), "proxy")) {
      if ("false".equalsIgnoreCase(childText(proxy, "active").orElse("true"))) {
        continue;
      }
      proxies.add(
          childText(proxy, "protocol").orElse("http")
              + "://"
              + childText(proxy, "host").orElse("?")
              + ":"
              + childText(proxy, "port").orElse("?"));
    }
    return new MavenSettings(offline, local, List.copyOf(mirrors), List.copyOf(proxies));
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && name.equals(e.getTagName())) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && name.equals(e.getTagName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static Optional<String> childText(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? Optional.empty() : Optional.of(e.getTextContent().strip());
  }

  /** Whether {@code file} exists and can be read (else the defaults apply). */
  static boolean present(Path file) {
    return Files.isRegularFile(file);
  }
}
