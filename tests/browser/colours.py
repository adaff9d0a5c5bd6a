"""Colour measurements in the browser: the background an element really shows
(its own and its ancestors' backgrounds, composited), and WCAG contrast ratios.

``COLOURS`` defines, in the page, ``parse``, ``composite``, ``backgroundOf``
(the opaque colour behind an element, from the element up), ``ownBackground``
(the element's own background colour) and ``contrast``; the scripts below
prefix it."""

COLOURS = """
const parse = value => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
};
const composite = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
});
const ownBackground = el => parse(getComputedStyle(el).backgroundColor);
const backgroundOf = el => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
        const colour = ownBackground(node);
        if (colour && colour.a > 0) layers.push(colour);
        if (colour && colour.a === 1) break;
    }
    return layers.reverse().reduce(
        (bottom, top) => composite(top, bottom), {r: 255, g: 255, b: 255, a: 1});
};
const luminance = c => {
    const channel = v => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
};
const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100;
};
"""


def text_contrast(page, element):
    """The element's own background alpha and its text's contrast with the
    background it is shown on."""
    return element.evaluate(
        "el => {"
        + COLOURS
        + """
        const background = backgroundOf(el);
        const text = composite(parse(getComputedStyle(el).color), background);
        return {ownAlpha: ownBackground(el).a, contrast: contrast(text, background)};
    }"""
    )
