package dev.drydock.bench;

import java.util.List;
import java.util.Locale;

/**
 * The codegen section's curve as a self-contained SVG: run time (left) and peak RSS (right) against
 * the number of tables, Drydock's default and jOOQ's own {@code PostgresDatabase}.
 */
final class ScaleChart {

  private static final int W = 360;
  private static final int H = 240;
  private static final int PAD = 48;

  private ScaleChart() {}

  /** Points are {tables, seconds, megabytes}. */
  static String render(List<double[]> drydock, List<double[]> stock) {
    StringBuilder svg =
        new StringBuilder()
            .append(
                String.format(
                    Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\" font-size=\"11\">%n",
                    2 * W,
                    H + 30))
            .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    panel(svg, 0, "forced generate, s", 1, drydock, stock);
    panel(svg, W, "peak RSS, MB", 2, drydock, stock);
    svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">— Drydock (default)</text>%n",
                PAD,
                H + 24))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">- - jOOQ PostgresDatabase</text>%n",
                PAD + 160,
                H + 24))
        .append("</svg>\n");
    return svg.toString();
  }

  private static void panel(
      StringBuilder svg, int x0, String title, int field, List<double[]> a, List<double[]> b) {
    double maxX = 1;
    double maxY = 1;
    for (List<double[]> series : List.of(a, b)) {
      for (double[] p : series) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[field]);
      }
    }
    maxY = niceCeiling(maxY);
    int left = x0 + PAD;
    int right = x0 + W - 12;
    int top = 20;
    int bottom = H - 24;
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s</text>%n"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            left,
            title,
            left,
            bottom,
            right,
            bottom,
            left,
            top,
            left,
            bottom));
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      double y = bottom - (bottom - top) * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n"
                  + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
              left - 4,
              y + 4,
              v >= 10
                  ? String.format(Locale.ROOT, "%.0f", v)
                  : String.format(Locale.ROOT, "%.1f", v),
              left,
              y,
              right,
              y));
    }
    for (double[] p : a) {
      double x = left + (right - left) * p[0] / maxX;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,.0f</text>%n",
              x,
              bottom + 14,
              p[0]));
    }
    series(svg, a, field, left, right, top, bottom, maxX, maxY, "#1f77b4", "");
    series(
        svg,
        b,
        field,
        left,
        right,
        top,
        bottom,
        maxX,
        maxY,
        "#d62728",
        " stroke-dasharray=\"5,3\"");
  }

  private static void series(
      StringBuilder svg,
      List<double[]> points,
      int field,
      int left,
      int right,
      int top,
      int bottom,
      double maxX,
      double maxY,
      String color,
      String dash) {
    StringBuilder path = new StringBuilder();
    for (double[] p : points) {
      double x = left + (right - left) * p[0] / maxX;
      double y = bottom - (bottom - top) * p[field] / maxY;
      path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      svg.append(
          String.format(
              Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, color));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
            path.toString().trim(),
            color,
            dash));
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
