package dev.drydock.maven.plugin;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A mojo execution's parameters as text, evaluated as Maven's configurator evaluates them (a
 * value's expressions, else its {@code default-value}), nested elements ({@code <generator>},
 * lists, maps) in document order with their attributes: what {@link BuildStamp} hashes.
 */
final class ExecutionParameters {

  private ExecutionParameters() {}

  /**
   * Each editable parameter of {@code goal} configured in {@code configuration} but those in {@code
   * left}, by name, as canonical text.
   */
  static Map<String, String> of(
      MojoDescriptor goal, Xpp3Dom configuration, ExpressionEvaluator evaluator, Set<String> left)
      throws ExpressionEvaluationException {
    Map<String, String> out = new TreeMap<>();
    if (configuration == null) {
      return out;
    }
    Map<String, Parameter> declared = goal.getParameterMap();
    for (Xpp3Dom child : configuration.getChildren()) {
      Parameter parameter = declared.get(child.getName());
      if (parameter == null || !parameter.isEditable() || left.contains(child.getName())) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      render(child, evaluator, text);
      out.put(child.getName(), text.toString());
    }
    return out;
  }

  private static void render(Xpp3Dom element, ExpressionEvaluator evaluator, StringBuilder out)
      throws ExpressionEvaluationException {
    out.append(element.getName());
    String[] attributes = element.getAttributeNames();
    Arrays.sort(attributes);
    for (String attribute : attributes) {
      if (!attribute.equals("default-value")) {
        String value = element.getAttribute(attribute);
        out.append(' ').append(attribute).append('=').append(value.length()).append(':');
        out.append(value);
      }
    }
    if (element.getChildCount() == 0) {
      Object value = evaluator.evaluate(element.getValue());
      if (value == null) {
        value = evaluator.evaluate(element.getAttribute("default-value"));
      }
      String text = Objects.toString(value, "<null>");
      out.append('=').append(text.length()).append(':').append(text);
      return;
    }
    out.append('{');
    for (Xpp3Dom child : element.getChildren()) {
      render(child, evaluator, out);
      out.append(';');
    }
    out.append('}');
  }
}
