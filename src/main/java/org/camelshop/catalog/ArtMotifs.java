package org.camelshop.catalog;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.Locale;

/**
 * The five emblems of the product artwork (cross, star, sun, open book, laurel) as Java2D shapes, drawn once here for
 * both pictures: the SVG artwork writes them as paths ({@link #svgPath}), the PNG thumbnails for mail fill them.
 */
final class ArtMotifs {

    static final int COUNT = 5;

    private ArtMotifs() {
    }

    /** Emblem {@code motif} (0-4) centred on (cx, cy), about 2r across. */
    static Shape shape(int motif, double cx, double cy, double r) {
        return switch (motif) {
            case 0 -> cross(cx, cy, r);
            case 1 -> star(cx, cy, r * .8);
            case 2 -> sun(cx, cy, r * .75);
            case 3 -> openBook(cx, cy, r);
            default -> laurel(cx, cy, r * .8);
        };
    }

    /** The shape as SVG path data, one decimal. */
    static String svgPath(Shape shape) {
        StringBuilder d = new StringBuilder();
        double[] p = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(p);
            switch (type) {
                case PathIterator.SEG_MOVETO -> d.append(String.format(Locale.ROOT, "M%.1f %.1f", p[0], p[1]));
                case PathIterator.SEG_LINETO -> d.append(String.format(Locale.ROOT, "L%.1f %.1f", p[0], p[1]));
                case PathIterator.SEG_QUADTO -> d.append(String.format(Locale.ROOT, "Q%.1f %.1f %.1f %.1f", p[0], p[1], p[2], p[3]));
                case PathIterator.SEG_CUBICTO -> d.append(String.format(Locale.ROOT, "C%.1f %.1f %.1f %.1f %.1f %.1f", p[0], p[1], p[2], p[3], p[4], p[5]));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private static Shape cross(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        double arm = r * .12;
        double beam = cy - r * .35;
        p.moveTo(cx - arm, cy - r * .8);
        p.lineTo(cx + arm, cy - r * .8);
        p.lineTo(cx + arm, beam);
        p.lineTo(cx + arm + r * .4, beam);
        p.lineTo(cx + arm + r * .4, beam + r * .24);
        p.lineTo(cx + arm, beam + r * .24);
        p.lineTo(cx + arm, cy + r * .89);
        p.lineTo(cx - arm, cy + r * .89);
        p.lineTo(cx - arm, beam + r * .24);
        p.lineTo(cx - arm - r * .4, beam + r * .24);
        p.lineTo(cx - arm - r * .4, beam);
        p.lineTo(cx - arm, beam);
        p.closePath();
        return p;
    }

    private static Shape star(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double a = Math.PI / 5 * i - Math.PI / 2;
            double rr = i % 2 == 0 ? r : r * .42;
            if (i == 0) {
                p.moveTo(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
            } else {
                p.lineTo(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }

    /** A disc and twelve rays with round ends. */
    private static Shape sun(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double(new Ellipse2D.Double(cx - r * .5, cy - r * .5, r, r));
        BasicStroke ray = new BasicStroke((float) (r * .09), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        for (int i = 0; i < 12; i++) {
            double a = Math.PI / 6 * i;
            p.append(ray.createStrokedShape(new Line2D.Double(cx + r * .65 * Math.cos(a), cy + r * .65 * Math.sin(a),
                    cx + r * Math.cos(a), cy + r * Math.sin(a))), false);
        }
        return p;
    }

    /** Two pages curving away from the spine. */
    private static Shape openBook(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            double top = cy - r * .3;
            p.moveTo(cx, top);
            p.quadTo(cx + side * r * .4, top - r * .3, cx + side * r * .85, top);
            p.lineTo(cx + side * r * .85, top + r * .9);
            p.quadTo(cx + side * r * .4, top + r * .65, cx, top + r * .9);
            p.closePath();
        }
        return p;
    }

    /** Two branches of six leaves. */
    private static Shape laurel(double cx, double cy, double r) {
        Path2D.Double leaves = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            for (int i = 0; i < 6; i++) {
                double a = Math.PI * (0.6 + i * 0.13);
                double x = cx - side * r * Math.cos(a);
                double y = cy - r * Math.sin(a) + r * .3;
                Shape leaf = new Ellipse2D.Double(x - r * .1, y - r * .22, r * .2, r * .44);
                leaves.append(AffineTransform.getRotateInstance(Math.toRadians(side * (i * 22.0 - 40)), x, y).createTransformedShape(leaf), false);
            }
        }
        return leaves;
    }
}
