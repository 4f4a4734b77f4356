package io.github.flinkdatahub.benchmarks;

import javax.imageio.ImageIO;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Horizontal bar charts, one panel per {@link Report.Figure#panel}, stacked in one PNG. Plain
 * Java2D: a handful of labelled bars needs no charting library. Panels whose unit is "x" (ratios)
 * get a reference line at 1.
 */
final class BarChart {
    private static final int WIDTH = 1200;
    private static final int LABEL_WIDTH = 470;
    private static final int BAR_HEIGHT = 16;
    private static final int ROW = 22;
    private static final Color[] COLORS = {
        new Color(0x4C72B0),
        new Color(0xDD8452),
        new Color(0x55A868),
        new Color(0xC44E52),
        new Color(0x8172B3),
        new Color(0x937860)
    };

    private BarChart() {}

    static void write(List<Report.Figure> figures, String title, Path file) throws IOException {
        Map<String, List<Report.Figure>> panels = new LinkedHashMap<>();
        for (Report.Figure f : figures) {
            if (f.panel != null && !Double.isNaN(f.value)) {
                panels.computeIfAbsent(f.panel, p -> new ArrayList<>()).add(f);
            }
        }
        int height = 50;
        for (List<Report.Figure> bars : panels.values()) {
            height += 40 + bars.size() * ROW + 20;
        }
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 20, 32);
        int y = 50;
        int colour = 0;
        for (Map.Entry<String, List<Report.Figure>> panel : panels.entrySet()) {
            y = drawPanel(g, panel.getKey(), panel.getValue(), y, COLORS[colour++ % COLORS.length]);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static int drawPanel(
            Graphics2D g, String title, List<Report.Figure> bars, int top, Color colour) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 20, top + 24);
        int barsTop = top + 40;
        int plotLeft = LABEL_WIDTH + 30;
        int plotWidth = WIDTH - plotLeft - 130;
        boolean ratio = "x".equals(bars.get(0).unit);
        double max = ratio ? 1.0 : 0;
        for (Report.Figure f : bars) {
            max = Math.max(max, f.value);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < bars.size(); i++) {
            Report.Figure f = bars.get(i);
            int y = barsTop + i * ROW;
            String label = f.name;
            while (fm.stringWidth(label) > LABEL_WIDTH && label.length() > 4) {
                label = label.substring(0, label.length() - 4) + "...";
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(label, plotLeft - 10 - fm.stringWidth(label), y + BAR_HEIGHT - 3);
            int w = max <= 0 ? 0 : (int) Math.round(plotWidth * f.value / max);
            g.setColor(colour);
            g.fillRect(plotLeft, y, Math.max(w, 1), BAR_HEIGHT);
            g.setColor(Color.BLACK);
            g.drawString(
                    Report.format(f.value) + " " + f.unit, plotLeft + w + 6, y + BAR_HEIGHT - 3);
        }
        if (ratio) {
            int x = plotLeft + (int) Math.round(plotWidth / max);
            g.setColor(Color.RED);
            g.setStroke(
                    new BasicStroke(
                            1.5f,
                            BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER,
                            10f,
                            new float[] {4f},
                            0f));
            g.drawLine(x, barsTop - 4, x, barsTop + bars.size() * ROW);
            g.setStroke(new BasicStroke());
        }
        return barsTop + bars.size() * ROW + 20;
    }
}
