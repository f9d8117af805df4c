#include "goodspictures.h"

#include "serverlog.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QRadialGradient>
#include <QRandomGenerator>

#include <cmath>

namespace mall::server {

namespace {

// All silhouettes are drawn in a 480x480 box with the product around the
// centre (240, 240) and standing on y = 400; callers scale and move it.
constexpr qreal kBox = 480;

struct Palette
{
    int hue = 0;
    QColor body;   // the product's own colour
    QColor dark;   // bezels, soles, rubber
    QColor metal;  // bars, rims, stands
    QColor accent; // screens, labels, liquids
    QColor light;  // highlights and paper
};

// Spread neighbouring ids around the colour wheel (the golden angle), so
// goods next to each other in a list do not share a colour.
int hueFor(qint64 seed)
{
    return int(std::fmod(double(seed) * 137.50776, 360.0));
}

Palette paletteFor(qint64 seed)
{
    Palette palette;
    palette.hue = hueFor(seed);
    // The product stands out against its background: the opposite side of
    // the wheel, nudged per goods so one aisle is not one colour.
    const int productHue = (palette.hue + 150 + int(seed % 7) * 10) % 360;
    palette.body = QColor::fromHsv(productHue, 150, 215);
    palette.dark = QColor::fromHsv(productHue, 45, 55);
    palette.metal = QColor::fromHsv(productHue, 12, 200);
    palette.accent = QColor::fromHsv((productHue + 200) % 360, 165, 245);
    palette.light = QColor::fromHsv(productHue, 10, 250);
    return palette;
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

// Light from the top left: lighter there, darker at the bottom right.
QBrush shade(const QRectF &rect, const QColor &color)
{
    QLinearGradient gradient(rect.topLeft(), rect.bottomRight());
    gradient.setColorAt(0, color.lighter(125));
    gradient.setColorAt(0.55, color);
    gradient.setColorAt(1, color.darker(135));
    return gradient;
}

QPainterPath rounded(const QRectF &rect, qreal radius)
{
    QPainterPath path;
    path.addRoundedRect(rect, radius, radius);
    return path;
}

void fill(QPainter &p, const QPainterPath &path, const QBrush &brush)
{
    p.fillPath(path, brush);
}

void fillRounded(QPainter &p, const QRectF &rect, qreal radius, const QBrush &brush)
{
    p.fillPath(rounded(rect, radius), brush);
}

void fillPolygon(QPainter &p, const QPolygonF &polygon, const QBrush &brush)
{
    QPainterPath path;
    path.addPolygon(polygon);
    path.closeSubpath();
    p.fillPath(path, brush);
}

void stroke(QPainter &p, const QPainterPath &path, const QColor &color, qreal width,
            Qt::PenStyle style = Qt::SolidLine)
{
    p.strokePath(path, QPen(color, width, style, Qt::RoundCap, Qt::RoundJoin));
}

void line(QPainter &p, QPointF from, QPointF to, const QColor &color, qreal width)
{
    QPainterPath path(from);
    path.lineTo(to);
    stroke(p, path, color, width);
}

void ring(QPainter &p, QPointF centre, qreal radius, const QColor &color, qreal width)
{
    QPainterPath path;
    path.addEllipse(centre, radius, radius);
    stroke(p, path, color, width);
}

void disc(QPainter &p, QPointF centre, qreal rx, qreal ry, const QBrush &brush)
{
    QPainterPath path;
    path.addEllipse(centre, rx, ry);
    p.fillPath(path, brush);
}

// A screen that is on: a glow from the accent colour into the body colour.
QBrush screenGlow(const QRectF &rect, const Palette &c)
{
    QLinearGradient gradient(rect.topLeft(), rect.bottomRight());
    gradient.setColorAt(0, c.accent.lighter(130));
    gradient.setColorAt(0.5, c.accent);
    gradient.setColorAt(1, c.body.darker(140));
    return gradient;
}

// A diagonal sheen across glass.
void glare(QPainter &p, const QRectF &rect)
{
    p.save();
    p.setClipRect(rect);
    fillPolygon(p,
                QPolygonF{rect.topLeft() + QPointF(rect.width() * 0.15, 0),
                          rect.topLeft() + QPointF(rect.width() * 0.55, 0),
                          rect.topLeft() + QPointF(rect.width() * 0.05, rect.height() * 0.6),
                          rect.topLeft() + QPointF(-rect.width() * 0.35, rect.height() * 0.6)},
                QColor(255, 255, 255, 38));
    p.restore();
}

void drawPhone(QPainter &p, const Palette &c)
{
    const QRectF body(165, 60, 150, 335);
    fillRounded(p, QRectF(315, 140, 5, 44), 2, c.dark.darker(130)); // side button
    fillRounded(p, body, 28, shade(body, c.dark));
    const QRectF screen = body.adjusted(9, 9, -9, -9);
    fillRounded(p, screen, 19, screenGlow(screen, c));
    // Two app cards on the screen, as shapes only.
    fillRounded(p, QRectF(188, 250, 104, 50), 10, withAlpha(c.light, 90));
    fillRounded(p, QRectF(188, 310, 104, 50), 10, withAlpha(c.light, 60));
    disc(p, QPointF(240, 84), 5, 5, c.dark.darker(160)); // punch-hole camera
    glare(p, screen);
}

void drawHeadphones(QPainter &p, const Palette &c)
{
    QPainterPath band;
    band.arcMoveTo(QRectF(118, 70, 244, 270), 0);
    band.arcTo(QRectF(118, 70, 244, 270), 0, 180);
    stroke(p, band, c.dark, 22);
    QPainterPath pad;
    pad.arcMoveTo(QRectF(118, 70, 244, 270), 60);
    pad.arcTo(QRectF(118, 70, 244, 270), 60, 60);
    stroke(p, pad, c.body, 14);
    for (const qreal x : {88.0, 328.0}) {
        const QRectF cup(x, 195, 64, 130);
        fillRounded(p, cup, 28, shade(cup, c.body));
        fillRounded(p, QRectF(x + 14, 232, 36, 56), 14, withAlpha(c.light, 70));
    }
    fillRounded(p, QRectF(148, 208, 22, 104), 10, c.dark);
    fillRounded(p, QRectF(310, 208, 22, 104), 10, c.dark);
}

void drawWatch(QPainter &p, const Palette &c)
{
    const QRectF strap(200, 45, 80, 390);
    fillRounded(p, strap, 22, shade(strap, c.body.darker(115)));
    for (int i = 0; i < 4; ++i)
        disc(p, QPointF(240, 355 + i * 18), 4, 4, c.dark);
    fillRounded(p, QRectF(318, 205, 12, 40), 4, c.metal); // crown
    const QRectF watchCase(158, 148, 164, 184);
    fillRounded(p, watchCase, 46, shade(watchCase, c.dark));
    const QRectF face = watchCase.adjusted(12, 12, -12, -12);
    fillRounded(p, face, 36, QColor::fromHsv(c.hue, 40, 22));
    // Activity rings.
    const QPointF centre = face.center();
    const QColor colours[] = {c.accent, c.body.lighter(130), c.light};
    for (int i = 0; i < 3; ++i) {
        const qreal r = 56 - i * 16;
        ring(p, centre, r, withAlpha(colours[i], 60), 10);
        QPainterPath arc;
        const QRectF box(centre.x() - r, centre.y() - r, 2 * r, 2 * r);
        arc.arcMoveTo(box, 90);
        arc.arcTo(box, 90, -(200 + i * 50));
        stroke(p, arc, colours[i], 10);
    }
}

void drawLaptop(QPainter &p, const Palette &c)
{
    const QRectF lid(110, 95, 260, 185);
    fillRounded(p, lid, 14, shade(lid, c.dark));
    const QRectF display = lid.adjusted(12, 12, -12, -14);
    fillRounded(p, display, 6, screenGlow(display, c));
    disc(p, QPointF(display.center().x() + 30, display.center().y() - 10), 60, 60,
         withAlpha(c.light, 40));
    glare(p, display);
    const QPolygonF base{{84, 282}, {396, 282}, {430, 320}, {50, 320}};
    QLinearGradient metal(0, 282, 0, 320);
    metal.setColorAt(0, c.metal.lighter(110));
    metal.setColorAt(1, c.metal.darker(130));
    fillPolygon(p, base, metal);
    fillRounded(p, QRectF(205, 304, 70, 8), 4, c.metal.darker(150));
}

void drawKeyboard(QPainter &p, const Palette &c)
{
    const QRectF board(45, 195, 305, 125);
    fillRounded(p, board, 14, shade(board, c.metal));
    for (int row = 0; row < 4; ++row) {
        const qreal y = 208 + row * 26;
        if (row == 3) {
            fillRounded(p, QRectF(58, y, 50, 20), 4, c.dark);
            fillRounded(p, QRectF(113, y, 160, 20), 4, c.dark);
            fillRounded(p, QRectF(278, y, 58, 20), 4, c.accent);
            continue;
        }
        for (int key = 0; key < 11; ++key)
            fillRounded(p, QRectF(58 + key * 25.5, y, 22, 20), 4, c.dark);
    }
    const QRectF mouse(372, 195, 68, 115);
    disc(p, mouse.center(), mouse.width() / 2, mouse.height() / 2, shade(mouse, c.body));
    line(p, QPointF(406, 197), QPointF(406, 238), c.body.darker(150), 2);
    fillRounded(p, QRectF(401, 212, 10, 20), 5, c.dark);
}

void drawMonitor(QPainter &p, const Palette &c)
{
    const QPolygonF neck{{225, 290}, {255, 290}, {268, 362}, {212, 362}};
    fillPolygon(p, neck, shade(neck.boundingRect(), c.metal));
    disc(p, QPointF(240, 365), 82, 14, shade(QRectF(158, 351, 164, 28), c.metal));
    const QRectF frame(65, 75, 350, 220);
    fillRounded(p, frame, 12, shade(frame, c.dark));
    const QRectF panel = frame.adjusted(10, 10, -10, -10);
    fillRounded(p, panel, 4, screenGlow(panel, c));
    p.save();
    p.setClipRect(panel);
    disc(p, QPointF(320, 250), 140, 80, withAlpha(c.body.lighter(140), 110));
    disc(p, QPointF(140, 110), 90, 60, withAlpha(c.light, 50));
    p.restore();
}

void drawAppliance(QPainter &p, const Palette &c)
{
    const QRectF body(140, 95, 200, 300);
    fillRounded(p, QRectF(160, 388, 24, 12), 4, c.dark);
    fillRounded(p, QRectF(296, 388, 24, 12), 4, c.dark);
    fillRounded(p, body, 50, shade(body, c.body));
    const QRectF panel(162, 118, 156, 72);
    fillRounded(p, panel, 22, shade(panel, c.dark));
    disc(p, QPointF(240, 154), 23, 23, shade(QRectF(217, 131, 46, 46), c.metal));
    line(p, QPointF(240, 154), QPointF(240, 138), c.dark, 4);
    disc(p, QPointF(190, 154), 5, 5, c.accent);
    disc(p, QPointF(290, 154), 5, 5, c.accent);
    const QRectF drawer(160, 212, 160, 150);
    fillRounded(p, drawer, 28, shade(drawer, c.body.darker(112)));
    const QRectF window(186, 236, 108, 58);
    fillRounded(p, window, 14, c.dark);
    fillRounded(p, window.adjusted(8, 8, -8, -8), 10, withAlpha(c.accent, 120));
    fillRounded(p, QRectF(202, 320, 76, 18), 9, c.dark);
}

void drawRobotVacuum(QPainter &p, const Palette &c)
{
    const QRectF side(85, 215, 310, 170);
    disc(p, side.center(), side.width() / 2, side.height() / 2, c.dark);
    const QRectF top(85, 190, 310, 170);
    disc(p, top.center(), top.width() / 2, top.height() / 2, shade(top, c.body));
    QPainterPath bumper;
    bumper.arcMoveTo(top.adjusted(10, 10, -10, -10), 200);
    bumper.arcTo(top.adjusted(10, 10, -10, -10), 200, 140);
    stroke(p, bumper, withAlpha(c.dark, 120), 3);
    // The laser turret.
    disc(p, QPointF(240, 240), 40, 20, c.dark.darker(120));
    disc(p, QPointF(240, 230), 40, 20, shade(QRectF(200, 210, 80, 40), c.dark));
    disc(p, QPointF(240, 310), 14, 7, c.accent);
}

void drawHairDryer(QPainter &p, const Palette &c)
{
    p.save();
    p.translate(228, 205);
    p.rotate(14);
    const QRectF handle(-32, 0, 64, 195);
    fillRounded(p, handle, 28, shade(handle, c.body.darker(110)));
    fillRounded(p, QRectF(-10, 40, 20, 34), 8, c.accent);
    fillRounded(p, QRectF(-10, 84, 20, 20), 8, c.light);
    p.restore();
    const QRectF barrel(110, 110, 235, 115);
    fillRounded(p, barrel, 57, shade(barrel, c.body));
    const QPolygonF nozzle{{338, 132}, {392, 142}, {392, 194}, {338, 204}};
    fillPolygon(p, nozzle, shade(nozzle.boundingRect(), c.dark));
    disc(p, QPointF(140, 167), 34, 56, c.dark);
    for (int r = 10; r <= 40; r += 10)
        ring(p, QPointF(140, 167), r * 0.8, withAlpha(c.metal, 150), 2);
}

void drawTShirt(QPainter &p, const Palette &c)
{
    QPainterPath shirt;
    shirt.moveTo(195, 80);
    shirt.cubicTo(205, 118, 275, 118, 285, 80);
    shirt.lineTo(350, 102);
    shirt.lineTo(406, 168);
    shirt.lineTo(356, 208);
    shirt.lineTo(336, 188);
    shirt.lineTo(336, 400);
    shirt.lineTo(144, 400);
    shirt.lineTo(144, 188);
    shirt.lineTo(124, 208);
    shirt.lineTo(74, 168);
    shirt.lineTo(130, 102);
    shirt.closeSubpath();
    fill(p, shirt, shade(shirt.boundingRect(), c.body));
    QPainterPath collar(QPointF(195, 80));
    collar.cubicTo(205, 118, 275, 118, 285, 80);
    stroke(p, collar, c.body.darker(130), 9);
    line(p, QPointF(78, 172), QPointF(126, 211), c.body.darker(125), 5);
    line(p, QPointF(402, 172), QPointF(354, 211), c.body.darker(125), 5);
    // A chest print, as a shape.
    disc(p, QPointF(240, 215), 36, 36, withAlpha(c.accent, 200));
    disc(p, QPointF(240, 215), 20, 20, withAlpha(c.light, 160));
}

void drawDress(QPainter &p, const Palette &c)
{
    line(p, QPointF(207, 60), QPointF(212, 122), c.body.darker(125), 7);
    line(p, QPointF(273, 60), QPointF(268, 122), c.body.darker(125), 7);
    QPainterPath bodice;
    bodice.moveTo(200, 122);
    bodice.quadTo(220, 138, 240, 124);
    bodice.quadTo(260, 138, 280, 122);
    bodice.lineTo(272, 200);
    bodice.lineTo(208, 200);
    bodice.closeSubpath();
    fill(p, bodice, shade(bodice.boundingRect(), c.body));
    QPainterPath skirt;
    skirt.moveTo(208, 212);
    skirt.lineTo(272, 212);
    skirt.cubicTo(300, 280, 350, 350, 372, 402);
    skirt.cubicTo(300, 424, 180, 424, 108, 402);
    skirt.cubicTo(130, 350, 180, 280, 208, 212);
    fill(p, skirt, shade(skirt.boundingRect(), c.body));
    for (int i = 1; i < 6; ++i) {
        const qreal t = i / 6.0;
        line(p, QPointF(208 + 64 * t, 214), QPointF(115 + 250 * t, 405 + 8 * std::sin(t * 3.14)),
             withAlpha(c.body.darker(150), 90), 2);
    }
    fillRounded(p, QRectF(204, 198, 72, 16), 6, c.accent);
    // Small flowers on the print.
    QRandomGenerator random(7);
    for (int i = 0; i < 14; ++i) {
        const QPointF at(150 + random.bounded(180), 260 + random.bounded(130));
        if (skirt.contains(at))
            disc(p, at, 5, 5, withAlpha(c.light, 190));
    }
}

void drawSneaker(QPainter &p, const Palette &c)
{
    QPainterPath upper;
    upper.moveTo(82, 340);
    upper.lineTo(86, 218);
    upper.quadTo(92, 200, 116, 206);
    upper.lineTo(176, 226);
    upper.quadTo(200, 232, 214, 206);
    upper.lineTo(244, 180);
    upper.lineTo(266, 200);
    upper.cubicTo(300, 240, 360, 260, 402, 282);
    upper.quadTo(432, 298, 426, 340);
    upper.closeSubpath();
    fill(p, upper, shade(upper.boundingRect(), c.body));
    QPainterPath stripe(QPointF(130, 310));
    stripe.cubicTo(210, 318, 300, 290, 370, 262);
    stroke(p, stripe, c.accent, 14);
    for (int i = 0; i < 5; ++i) {
        const QPointF at(262 + i * 22, 208 + i * 13);
        line(p, at + QPointF(-10, -10), at + QPointF(10, 10), c.light, 6);
    }
    const QRectF sole(70, 330, 368, 34);
    fillRounded(p, sole, 16, c.light);
    fillRounded(p, QRectF(76, 356, 356, 12), 6, c.dark);
}

void drawDropper(QPainter &p, const Palette &c)
{
    fillRounded(p, QRectF(222, 85, 36, 95), 18, shade(QRectF(222, 85, 36, 95), c.dark));
    fillRounded(p, QRectF(212, 172, 56, 32), 6, shade(QRectF(212, 172, 56, 32), c.metal));
    const QRectF glass(172, 200, 136, 200);
    fillRounded(p, glass, 24, withAlpha(c.body, 150));
    QLinearGradient liquid(0, 250, 0, 390);
    liquid.setColorAt(0, withAlpha(c.body.lighter(120), 200));
    liquid.setColorAt(1, c.body.darker(130));
    fillRounded(p, QRectF(182, 250, 116, 140), 16, liquid);
    const QRectF label(188, 280, 104, 74);
    fillRounded(p, label, 6, withAlpha(c.light, 230));
    fillRounded(p, QRectF(202, 296, 76, 8), 4, c.accent);
    fillRounded(p, QRectF(214, 314, 52, 5), 2, withAlpha(c.dark, 120));
    fillRounded(p, QRectF(214, 326, 40, 5), 2, withAlpha(c.dark, 120));
    fillRounded(p, QRectF(182, 214, 10, 150), 5, QColor(255, 255, 255, 90));
}

void drawLipstick(QPainter &p, const Palette &c)
{
    p.save();
    p.translate(345, 355);
    p.rotate(-18);
    fillRounded(p, QRectF(-42, -50, 84, 105), 8, shade(QRectF(-42, -50, 84, 105), c.dark));
    p.restore();
    const QRectF caseRect(196, 262, 88, 145);
    fillRounded(p, caseRect, 8, shade(caseRect, c.dark));
    QLinearGradient gold(200, 0, 280, 0);
    gold.setColorAt(0, QColor::fromHsv(42, 110, 160));
    gold.setColorAt(0.4, QColor::fromHsv(45, 80, 250));
    gold.setColorAt(1, QColor::fromHsv(40, 120, 150));
    fillRounded(p, QRectF(202, 228, 76, 36), 4, gold);
    const QColor lip = QColor::fromHsv((345 + c.hue % 30) % 360, 190, 200);
    QPainterPath bullet;
    bullet.moveTo(212, 230);
    bullet.lineTo(212, 150);
    bullet.quadTo(240, 128, 268, 108);
    bullet.lineTo(268, 230);
    bullet.closeSubpath();
    fill(p, bullet, shade(bullet.boundingRect(), lip));
    fillRounded(p, QRectF(218, 150, 8, 74), 4, QColor(255, 255, 255, 70));
}

void drawPerfume(QPainter &p, const Palette &c)
{
    const QRectF cap(196, 88, 88, 78);
    fillRounded(p, cap, 10, shade(cap, c.dark));
    fillRounded(p, QRectF(214, 162, 52, 30), 4, shade(QRectF(214, 162, 52, 30), c.metal));
    const QRectF bottle(138, 188, 204, 206);
    fillRounded(p, bottle, 32, withAlpha(c.light, 170));
    stroke(p, rounded(bottle, 32), withAlpha(c.body.darker(130), 160), 3);
    const QRectF juice = bottle.adjusted(16, 48, -16, -16);
    QLinearGradient liquid(juice.topLeft(), juice.bottomRight());
    liquid.setColorAt(0, withAlpha(c.body.lighter(130), 210));
    liquid.setColorAt(1, withAlpha(c.body.darker(120), 240));
    fillRounded(p, juice, 22, liquid);
    fillRounded(p, QRectF(156, 206, 14, 160), 7, QColor(255, 255, 255, 110));
    fillRounded(p, QRectF(200, 280, 80, 40), 6, withAlpha(c.light, 200));
}

void drawSnackBag(QPainter &p, const Palette &c)
{
    QPainterPath bag;
    bag.moveTo(150, 112);
    for (qreal x = 150; x < 330; x += 15) {
        bag.lineTo(x + 7.5, 98);
        bag.lineTo(x + 15, 112);
    }
    bag.lineTo(346, 380);
    bag.quadTo(346, 402, 324, 402);
    bag.lineTo(156, 402);
    bag.quadTo(134, 402, 134, 380);
    bag.closeSubpath();
    fill(p, bag, shade(bag.boundingRect(), c.body));
    fillRounded(p, QRectF(148, 112, 184, 22), 2, withAlpha(c.body.darker(130), 140));
    fillRounded(p, QRectF(170, 152, 140, 36), 18, c.accent);
    const QPointF window(240, 290);
    disc(p, window, 68, 68, withAlpha(c.light, 235));
    // Nuts and crisps seen through the window.
    QRandomGenerator random(11);
    for (int i = 0; i < 16; ++i) {
        const qreal angle = random.bounded(6.2832);
        const qreal distance = std::sqrt(random.bounded(1.0)) * 48;
        const QPointF at = window + QPointF(std::cos(angle), std::sin(angle)) * distance;
        const QColor nut = QColor::fromHsv(25 + random.bounded(20), 140, 150 + random.bounded(60));
        disc(p, at, 12, 8, shade(QRectF(at.x() - 12, at.y() - 8, 24, 16), nut));
    }
}

void drawMug(QPainter &p, const Palette &c)
{
    disc(p, QPointF(235, 392), 118, 18, shade(QRectF(117, 374, 236, 36), c.light));
    QPainterPath handle;
    handle.arcMoveTo(QRectF(282, 210, 92, 112), 90);
    handle.arcTo(QRectF(282, 210, 92, 112), 90, -180);
    stroke(p, handle, c.body.darker(115), 22);
    QPainterPath body;
    body.moveTo(150, 172);
    body.lineTo(320, 172);
    body.lineTo(310, 366);
    body.quadTo(306, 392, 280, 392);
    body.lineTo(190, 392);
    body.quadTo(164, 392, 160, 366);
    body.closeSubpath();
    fill(p, body, shade(body.boundingRect(), c.body));
    fillRounded(p, QRectF(170, 250, 130, 16), 8, withAlpha(c.light, 120));
    disc(p, QPointF(235, 172), 85, 14, c.body.lighter(115));
    disc(p, QPointF(235, 174), 76, 10, QColor::fromHsv(28, 190, 115));
    for (int i = 0; i < 3; ++i) {
        const qreal x = 205 + i * 30;
        QPainterPath steam(QPointF(x, 150));
        steam.cubicTo(x - 18, 128, x + 18, 110, x, 80);
        stroke(p, steam, QColor(255, 255, 255, 150), 7);
    }
}

void drawFruit(QPainter &p, const Palette &c)
{
    // Fruit keeps fruit colours: orange, red, green, purple or yellow.
    static const int kHues[] = {28, 2, 95, 285, 50};
    const QColor skin = QColor::fromHsv(kHues[c.hue % 5], 200, 225);
    const auto fruit = [&p, &skin](QPointF centre, qreal r, int darker) {
        QRadialGradient gradient(centre + QPointF(-r * 0.35, -r * 0.4), r * 1.4);
        gradient.setColorAt(0, skin.lighter(135).darker(darker));
        gradient.setColorAt(0.6, skin.darker(darker));
        gradient.setColorAt(1, skin.darker(darker + 45));
        disc(p, centre, r, r, gradient);
    };
    fruit(QPointF(330, 330), 70, 110);
    fruit(QPointF(150, 345), 60, 105);
    fruit(QPointF(240, 270), 110, 100);
    QPainterPath stem(QPointF(240, 165));
    stem.quadTo(242, 140, 254, 118);
    stroke(p, stem, QColor::fromHsv(30, 150, 95), 8);
    QPainterPath leaf(QPointF(252, 126));
    leaf.cubicTo(280, 92, 320, 96, 338, 110);
    leaf.cubicTo(316, 136, 282, 142, 252, 126);
    fill(p, leaf, shade(leaf.boundingRect(), QColor::fromHsv(110, 160, 170)));
    disc(p, QPointF(195, 215), 26, 17, QColor(255, 255, 255, 80));
}

void drawPillow(QPainter &p, const Palette &c)
{
    const QRectF blanket(75, 325, 330, 78);
    fillRounded(p, blanket, 16, shade(blanket, c.body));
    for (int i = 1; i < 4; ++i)
        line(p, QPointF(80, 325 + i * 19), QPointF(400, 325 + i * 19), withAlpha(c.accent, 150), 4);
    QPainterPath pillow;
    pillow.moveTo(110, 180);
    pillow.quadTo(240, 150, 370, 180);
    pillow.quadTo(392, 260, 370, 340);
    pillow.quadTo(240, 368, 110, 340);
    pillow.quadTo(88, 260, 110, 180);
    const QColor cotton = QColor::fromHsv(c.hue, 35, 245);
    fill(p, pillow, shade(pillow.boundingRect(), cotton));
    QPainterPath stitch;
    stitch.moveTo(130, 198);
    stitch.quadTo(240, 172, 350, 198);
    stitch.quadTo(368, 260, 350, 322);
    stitch.quadTo(240, 348, 130, 322);
    stitch.quadTo(112, 260, 130, 198);
    stroke(p, stitch, withAlpha(cotton.darker(150), 170), 2, Qt::DashLine);
}

void drawStorageBox(QPainter &p, const Palette &c)
{
    fillPolygon(p, QPolygonF{{340, 200}, {392, 158}, {392, 342}, {340, 392}}, c.body.darker(130));
    fillPolygon(p, QPolygonF{{116, 200}, {340, 200}, {392, 158}, {168, 158}}, c.body.lighter(118));
    const QRectF front(116, 200, 224, 192);
    p.fillRect(front, shade(front, c.body));
    p.fillRect(QRectF(112, 200, 232, 26), c.body.darker(112));
    fillRounded(p, QRectF(193, 256, 70, 24), 12, c.dark);
    fillRounded(p, QRectF(150, 300, 156, 60), 6, withAlpha(c.light, 60));
}

void drawLamp(QPainter &p, const Palette &c)
{
    QLinearGradient beam(0, 215, 0, 405);
    beam.setColorAt(0, QColor(255, 236, 170, 150));
    beam.setColorAt(1, QColor(255, 236, 170, 0));
    fillPolygon(p, QPolygonF{{300, 222}, {355, 206}, {455, 405}, {250, 405}}, beam);
    disc(p, QPointF(200, 390), 80, 15, shade(QRectF(120, 375, 160, 30), c.dark));
    QPainterPath arm(QPointF(200, 385));
    arm.lineTo(165, 262);
    arm.lineTo(268, 152);
    stroke(p, arm, c.body.darker(110), 14);
    disc(p, QPointF(165, 262), 12, 12, c.dark);
    disc(p, QPointF(268, 152), 12, 12, c.dark);
    QPainterPath shadeShape;
    shadeShape.moveTo(252, 132);
    shadeShape.lineTo(314, 110);
    shadeShape.lineTo(372, 198);
    shadeShape.quadTo(332, 236, 282, 232);
    shadeShape.closeSubpath();
    fill(p, shadeShape, shade(shadeShape.boundingRect(), c.body));
    QRadialGradient glow(QPointF(328, 218), 40);
    glow.setColorAt(0, QColor(255, 250, 220, 255));
    glow.setColorAt(1, QColor(255, 236, 170, 0));
    disc(p, QPointF(328, 218), 40, 40, glow);
}

void drawDumbbell(QPainter &p, const Palette &c)
{
    const QRectF bar(110, 232, 260, 16);
    fillRounded(p, bar, 8, shade(bar, c.metal));
    for (int i = 0; i < 6; ++i)
        line(p, QPointF(214 + i * 10, 234), QPointF(214 + i * 10, 246), c.metal.darker(150), 2);
    for (const bool left : {true, false}) {
        const auto mirror = [left](qreal x, qreal width) { return left ? x : 480 - x - width; };
        fillRounded(p, QRectF(mirror(98, 22), 222, 22, 36), 6, c.metal);
        const QRectF outer(mirror(118, 36), 168, 36, 144);
        fillRounded(p, outer, 8, shade(outer, c.dark));
        const QRectF inner(mirror(156, 28), 186, 28, 108);
        fillRounded(p, inner, 8, shade(inner, c.body));
    }
}

void drawTent(QPainter &p, const Palette &c)
{
    fillPolygon(p, QPolygonF{{240, 120}, {304, 124}, {432, 352}, {390, 382}}, c.body.darker(135));
    const QPolygonF front{{88, 382}, {240, 120}, {390, 382}};
    fillPolygon(p, front, shade(front.boundingRect(), c.body));
    fillPolygon(p, QPolygonF{{240, 165}, {186, 382}, {294, 382}}, c.dark);
    fillPolygon(p, QPolygonF{{240, 165}, {294, 382}, {330, 382}}, c.body.lighter(125));
    line(p, QPointF(240, 122), QPointF(230, 92), c.dark, 5);
    line(p, QPointF(240, 122), QPointF(60, 402), withAlpha(c.dark, 120), 2);
    line(p, QPointF(304, 124), QPointF(450, 396), withAlpha(c.dark, 120), 2);
}

void drawBicycle(QPainter &p, const Palette &c)
{
    for (const QPointF hub : {QPointF(138, 322), QPointF(342, 322)}) {
        ring(p, hub, 72, c.dark, 12);
        ring(p, hub, 62, c.metal, 3);
        for (int i = 0; i < 12; ++i) {
            const qreal angle = i * 3.14159 / 6;
            line(p, hub, hub + QPointF(std::cos(angle), std::sin(angle)) * 62,
                 withAlpha(c.metal, 200), 1.5);
        }
        disc(p, hub, 8, 8, c.dark);
    }
    QPainterPath frame(QPointF(138, 322));
    frame.lineTo(232, 322);
    frame.lineTo(206, 214);
    frame.lineTo(138, 322);
    frame.moveTo(206, 214);
    frame.lineTo(306, 210);
    frame.lineTo(232, 322);
    frame.moveTo(300, 196);
    frame.lineTo(342, 322);
    stroke(p, frame, c.body, 10);
    ring(p, QPointF(232, 322), 18, c.metal.darker(130), 4);
    line(p, QPointF(206, 214), QPointF(200, 190), c.metal, 6);
    QPainterPath saddle(QPointF(176, 186));
    saddle.quadTo(200, 178, 226, 188);
    stroke(p, saddle, c.dark, 10);
    QPainterPath bars(QPointF(300, 196));
    bars.lineTo(296, 174);
    bars.quadTo(310, 166, 332, 172);
    stroke(p, bars, c.dark, 8);
}

void drawBook(QPainter &p, const Palette &c)
{
    p.save();
    p.translate(240, 250);
    p.rotate(-8);
    const QColor paper = QColor::fromHsv(45, 25, 245);
    fillRounded(p, QRectF(-104, -140, 216, 290), 6, paper);
    for (int i = 0; i < 6; ++i)
        line(p, QPointF(100 + i * 1.5, -130), QPointF(100 + i * 1.5, 140),
             withAlpha(paper.darker(130), 150), 1);
    const QRectF cover(-116, -150, 212, 290);
    fillRounded(p, cover, 8, shade(cover, c.body));
    p.fillRect(QRectF(-116, -150, 26, 290), c.body.darker(130));
    fillRounded(p, QRectF(-58, -104, 124, 54), 6, withAlpha(c.light, 210));
    fillRounded(p, QRectF(-40, -88, 88, 8), 4, c.accent);
    fillRounded(p, QRectF(-28, -70, 64, 6), 3, withAlpha(c.dark, 120));
    disc(p, QPointF(4, 40), 42, 42, withAlpha(c.light, 60));
    QPainterPath ribbon(QPointF(40, 138));
    ribbon.lineTo(40, 190);
    ribbon.lineTo(48, 182);
    ribbon.lineTo(56, 190);
    ribbon.lineTo(56, 138);
    fill(p, ribbon, c.accent);
    p.restore();
}

void drawPen(QPainter &p, const Palette &c)
{
    const auto pen = [&p, &c](QPointF at, const QColor &colour) {
        p.save();
        p.translate(at);
        p.rotate(-35);
        const QRectF barrel(-150, -18, 232, 36);
        fillRounded(p, barrel, 18, shade(barrel, colour));
        fillRounded(p, QRectF(80, -16, 46, 32), 6, c.dark);
        fillPolygon(p, QPolygonF{{124, -15}, {176, -4}, {176, 4}, {124, 15}},
                    shade(QRectF(124, -15, 52, 30), c.metal));
        fillPolygon(p, QPolygonF{{176, -4}, {190, 0}, {176, 4}}, c.dark);
        const QRectF cap(-168, -21, 96, 42);
        fillRounded(p, cap, 20, shade(cap, c.dark));
        fillRounded(p, QRectF(-152, -31, 84, 10), 5, c.metal);
        p.restore();
    };
    pen(QPointF(210, 290), c.accent);
    pen(QPointF(260, 220), c.body);
}

void drawNotebook(QPainter &p, const Palette &c)
{
    const QColor paper = QColor::fromHsv(45, 25, 245);
    fillRounded(p, QRectF(148, 88, 208, 312), 12, paper);
    const QRectF cover(138, 80, 210, 312);
    fillRounded(p, cover, 12, shade(cover, c.body));
    p.fillRect(QRectF(308, 80, 14, 312), c.dark);
    fillRounded(p, QRectF(180, 130, 110, 62), 8, paper);
    fillRounded(p, QRectF(196, 150, 78, 7), 3, c.accent);
    for (qreal y = 98; y < 380; y += 22) {
        disc(p, QPointF(158, y + 6), 4, 4, c.dark);
        QPainterPath coil;
        coil.addEllipse(QRectF(122, y, 40, 13));
        stroke(p, coil, c.metal.darker(110), 4);
    }
}

void drawGiftBox(QPainter &p, const Palette &c)
{
    const QRectF box(130, 200, 220, 195);
    fillRounded(p, box, 8, shade(box, c.body));
    p.fillRect(QRectF(225, 200, 30, 195), c.accent);
    const QRectF lid(114, 162, 252, 52);
    fillRounded(p, lid, 8, shade(lid, c.body.lighter(110)));
    p.fillRect(QRectF(223, 162, 34, 52), c.accent.darker(110));
    for (const qreal x : {178.0, 242.0}) {
        QPainterPath loop;
        loop.addEllipse(QRectF(x, 118, 60, 44));
        stroke(p, loop, c.accent, 12);
    }
}

void drawProduct(QPainter &p, ProductShape shape, const Palette &c)
{
    switch (shape) {
    case ProductShape::Phone:
        return drawPhone(p, c);
    case ProductShape::Headphones:
        return drawHeadphones(p, c);
    case ProductShape::Watch:
        return drawWatch(p, c);
    case ProductShape::Laptop:
        return drawLaptop(p, c);
    case ProductShape::Keyboard:
        return drawKeyboard(p, c);
    case ProductShape::Monitor:
        return drawMonitor(p, c);
    case ProductShape::Appliance:
        return drawAppliance(p, c);
    case ProductShape::RobotVacuum:
        return drawRobotVacuum(p, c);
    case ProductShape::HairDryer:
        return drawHairDryer(p, c);
    case ProductShape::TShirt:
        return drawTShirt(p, c);
    case ProductShape::Dress:
        return drawDress(p, c);
    case ProductShape::Sneaker:
        return drawSneaker(p, c);
    case ProductShape::Dropper:
        return drawDropper(p, c);
    case ProductShape::Lipstick:
        return drawLipstick(p, c);
    case ProductShape::Perfume:
        return drawPerfume(p, c);
    case ProductShape::SnackBag:
        return drawSnackBag(p, c);
    case ProductShape::Mug:
        return drawMug(p, c);
    case ProductShape::Fruit:
        return drawFruit(p, c);
    case ProductShape::Pillow:
        return drawPillow(p, c);
    case ProductShape::StorageBox:
        return drawStorageBox(p, c);
    case ProductShape::Lamp:
        return drawLamp(p, c);
    case ProductShape::Dumbbell:
        return drawDumbbell(p, c);
    case ProductShape::Tent:
        return drawTent(p, c);
    case ProductShape::Bicycle:
        return drawBicycle(p, c);
    case ProductShape::Book:
        return drawBook(p, c);
    case ProductShape::Pen:
        return drawPen(p, c);
    case ProductShape::Notebook:
        return drawNotebook(p, c);
    case ProductShape::GiftBox:
        return drawGiftBox(p, c);
    }
}

// Soft out-of-focus circles, as in a studio shot.
void bokeh(QPainter &p, QRandomGenerator &random, const QSizeF &size, const QColor &colour,
           int count)
{
    for (int i = 0; i < count; ++i) {
        const QPointF at(random.bounded(size.width()), random.bounded(size.height()));
        const qreal r = 20 + random.bounded(70.0);
        QRadialGradient gradient(at, r);
        gradient.setColorAt(0, withAlpha(colour, 70));
        gradient.setColorAt(1, withAlpha(colour, 0));
        disc(p, at, r, r, gradient);
    }
}

void floorShadow(QPainter &p, QPointF centre, qreal width)
{
    QRadialGradient gradient(centre, width / 2);
    gradient.setColorAt(0, QColor(0, 0, 0, 70));
    gradient.setColorAt(1, QColor(0, 0, 0, 0));
    p.save();
    p.translate(centre);
    p.scale(1, 0.14);
    p.translate(-centre);
    disc(p, centre, width / 2, width / 2, gradient);
    p.restore();
}

// How each gallery picture frames the product: the main shot, then turned,
// closer, further and cropped views, so every index is its own picture.
struct View
{
    qreal angle;
    qreal scale;
    QPointF offset;
    qreal gradientAngle; // degrees
};

const View kViews[] = {
    {0, 0.92, {0, 0}, 90},   {-12, 1.0, {12, 6}, 45},   {10, 0.78, {-26, 24}, 135},
    {-4, 1.3, {14, 36}, 20}, {-6, 0.66, {40, 40}, 160},
};

QImage drawGallery(qint64 goodsId, int index, ProductShape shape)
{
    const Palette palette = paletteFor(goodsId);
    const View &view = kViews[index % std::size(kViews)];
    QImage image(GoodsPictures::kGallerySize, GoodsPictures::kGallerySize, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);

    const qreal radians = (view.gradientAngle + index * 7) * 3.14159265 / 180;
    const QPointF centre(kBox / 2, kBox / 2);
    const QPointF reach(std::cos(radians) * kBox / 2, std::sin(radians) * kBox / 2);
    QLinearGradient background(centre - reach, centre + reach);
    background.setColorAt(0, QColor::fromHsv(palette.hue, 22, 252));
    background.setColorAt(1, QColor::fromHsv((palette.hue + 24) % 360, 80, 228));
    p.fillRect(image.rect(), background);
    QRandomGenerator random(quint32(goodsId * 131 + index));
    bokeh(p, random, image.size(), QColor(255, 255, 255), 6);

    floorShadow(p, QPointF(240 + view.offset.x(), 398 + view.offset.y() * 0.3), 330 * view.scale);
    p.translate(centre + view.offset);
    p.rotate(view.angle);
    p.scale(view.scale, view.scale);
    p.translate(-centre);
    drawProduct(p, shape, palette);
    p.end();
    return image;
}

QImage drawIcon(qint64 categoryId, ProductShape shape)
{
    const Palette palette = paletteFor(categoryId * 5 + 2);
    const int size = GoodsPictures::kIconSize;
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    const QRectF tile(4, 4, size - 8, size - 8);
    QLinearGradient background(tile.topLeft(), tile.bottomRight());
    background.setColorAt(0, QColor::fromHsv(palette.hue, 30, 252));
    background.setColorAt(1, QColor::fromHsv(palette.hue, 95, 235));
    fillRounded(p, tile, 44, background);
    p.scale(size / kBox, size / kBox);
    p.translate(kBox / 2, kBox / 2);
    p.scale(0.82, 0.82);
    p.translate(-kBox / 2, -kBox / 2);
    drawProduct(p, shape, palette);
    p.end();
    return image;
}

QImage drawBanner(qint64 bannerId, qint64 goodsId, ProductShape shape)
{
    const Palette palette = paletteFor(goodsId);
    const int hue = hueFor(bannerId * 3 + 1);
    QImage image(GoodsPictures::kBannerWidth, GoodsPictures::kBannerHeight, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    QLinearGradient background(0, 0, image.width(), image.height());
    background.setColorAt(0, QColor::fromHsv(hue, 150, 240));
    background.setColorAt(1, QColor::fromHsv((hue + 40) % 360, 170, 190));
    p.fillRect(image.rect(), background);
    QRandomGenerator random(quint32(bannerId * 977));
    bokeh(p, random, image.size(), QColor(255, 255, 255), 10);
    // Ribbons on the left, under where the client puts the title.
    for (int i = 0; i < 3; ++i) {
        QPainterPath wave(QPointF(-20, 280 + i * 30));
        wave.cubicTo(200, 220 + i * 30, 360, 360 + i * 20, 620, 300 + i * 25);
        stroke(p, wave, QColor(255, 255, 255, 50 - i * 12), 18);
    }
    const QPointF spot(730, 200);
    QRadialGradient light(spot, 190);
    light.setColorAt(0, QColor(255, 255, 255, 150));
    light.setColorAt(1, QColor(255, 255, 255, 0));
    disc(p, spot, 190, 190, light);
    floorShadow(p, QPointF(730, 330), 260);
    p.translate(spot);
    p.scale(0.78, 0.78);
    p.translate(-kBox / 2, -kBox / 2);
    drawProduct(p, shape, palette);
    p.end();
    return image;
}

QByteArray pngBytes(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace

ProductShape shapeForCategory(const QString &nameEn, const QString &parentNameEn)
{
    static const QHash<QString, ProductShape> shapes = {
        // Top-level aisles: the shelf a customer thinks of first.
        {QStringLiteral("Phones & Digital"), ProductShape::Phone},
        {QStringLiteral("Computers & Office"), ProductShape::Laptop},
        {QStringLiteral("Home Appliances"), ProductShape::Appliance},
        {QStringLiteral("Clothing & Bags"), ProductShape::TShirt},
        {QStringLiteral("Beauty"), ProductShape::Lipstick},
        {QStringLiteral("Food & Fresh"), ProductShape::Fruit},
        {QStringLiteral("Home & Living"), ProductShape::Lamp},
        {QStringLiteral("Sports & Outdoors"), ProductShape::Bicycle},
        {QStringLiteral("Books & Stationery"), ProductShape::Book},
        // Shelves.
        {QStringLiteral("Phones"), ProductShape::Phone},
        {QStringLiteral("Headphones"), ProductShape::Headphones},
        {QStringLiteral("Smartwatches"), ProductShape::Watch},
        {QStringLiteral("Laptops"), ProductShape::Laptop},
        {QStringLiteral("Keyboards & Mice"), ProductShape::Keyboard},
        {QStringLiteral("Monitors"), ProductShape::Monitor},
        {QStringLiteral("Kitchen"), ProductShape::Appliance},
        {QStringLiteral("Household"), ProductShape::RobotVacuum},
        {QStringLiteral("Personal Care"), ProductShape::HairDryer},
        {QStringLiteral("Men"), ProductShape::TShirt},
        {QStringLiteral("Women"), ProductShape::Dress},
        {QStringLiteral("Sneakers"), ProductShape::Sneaker},
        {QStringLiteral("Skincare"), ProductShape::Dropper},
        {QStringLiteral("Makeup"), ProductShape::Lipstick},
        {QStringLiteral("Perfume"), ProductShape::Perfume},
        {QStringLiteral("Snacks"), ProductShape::SnackBag},
        {QStringLiteral("Tea & Drinks"), ProductShape::Mug},
        {QStringLiteral("Fruit"), ProductShape::Fruit},
        {QStringLiteral("Bedding"), ProductShape::Pillow},
        {QStringLiteral("Storage"), ProductShape::StorageBox},
        {QStringLiteral("Lighting"), ProductShape::Lamp},
        {QStringLiteral("Fitness"), ProductShape::Dumbbell},
        {QStringLiteral("Camping"), ProductShape::Tent},
        {QStringLiteral("Cycling"), ProductShape::Bicycle},
        {QStringLiteral("Books"), ProductShape::Book},
        {QStringLiteral("Stationery"), ProductShape::Pen},
        {QStringLiteral("Journals"), ProductShape::Notebook},
    };
    if (const auto found = shapes.constFind(nameEn); found != shapes.constEnd())
        return *found;
    return shapes.value(parentNameEn, ProductShape::GiftBox);
}

GoodsPictures::GoodsPictures(int cacheKiB)
    : m_cache(cacheKiB)
{}

QByteArray GoodsPictures::goods(qint64 goodsId, int index, ProductShape shape)
{
    return cached(QStringLiteral("g%1-%2-%3").arg(goodsId).arg(index).arg(int(shape)),
                  [=] { return drawGallery(goodsId, index, shape); });
}

QByteArray GoodsPictures::category(qint64 categoryId, ProductShape shape)
{
    return cached(QStringLiteral("c%1-%2").arg(categoryId).arg(int(shape)),
                  [=] { return drawIcon(categoryId, shape); });
}

QByteArray GoodsPictures::banner(qint64 bannerId, qint64 goodsId, ProductShape shape)
{
    return cached(QStringLiteral("b%1-%2-%3").arg(bannerId).arg(goodsId).arg(int(shape)),
                  [=] { return drawBanner(bannerId, goodsId, shape); });
}

QByteArray GoodsPictures::cached(const QString &key, const std::function<QImage()> &draw)
{
    if (const QByteArray *hit = m_cache.object(key))
        return *hit;
    QElapsedTimer timer;
    timer.start();
    const QByteArray png = pngBytes(draw());
    qCDebug(lcServer).noquote() << "drew picture" << key << png.size() << "bytes in"
                                << timer.elapsed() << "ms";
    // Cost in KiB, at least 1, so the cache is bounded by memory, not count.
    m_cache.insert(key, new QByteArray(png), qMax<qsizetype>(1, png.size() / 1024));
    return png;
}

} // namespace mall::server
