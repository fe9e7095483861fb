"""An SVG image joined by a client, made inert before it is published.

An SVG file is a document that may hold scripts (``<script>``, ``onload=``),
links that run (``javascript:``), foreign HTML (``<foreignObject>``) and
references to other sites (``<image href="https://…">``, ``url(…)`` in a
style). Opened on its own from the site, it would run in the site's origin.
:func:`clean_svg` keeps the SVG drawing elements and their presentation
attributes, references inside the file (``#id``) and nothing else; the file
is parsed without DTD, entities or network (lxml), so that a billion-laughs
file or an external entity reads nothing.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["SvgError", "clean_svg"]

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_ELEMENTS = frozenset(
    "svg g defs title desc symbol use path rect circle ellipse line polyline polygon text tspan textPath "
    "linearGradient radialGradient stop clipPath mask pattern marker image style filter feGaussianBlur "
    "feOffset feBlend feColorMatrix feFlood feComposite feMerge feMergeNode".split()
)
_ATTRIBUTES = frozenset(
    "id class style transform viewBox width height x y x1 y1 x2 y2 cx cy r rx ry fx fy d points "
    "fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin "
    "stroke-dasharray stroke-dashoffset stroke-miterlimit opacity clip-path clip-rule mask filter "
    "font-family font-size font-weight font-style text-anchor dominant-baseline letter-spacing "
    "dx dy rotate offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod "
    "patternUnits patternTransform patternContentUnits markerWidth markerHeight refX refY orient "
    "markerUnits preserveAspectRatio version role aria-label aria-hidden visibility display "
    "stdDeviation in in2 result mode values type operator flood-color flood-opacity "
    "marker-start marker-mid marker-end href".split()
)
_UNSAFE_CSS = re.compile(
    r"url\(\s*['\"]?\s*(?!#)|@import|expression\s*\(|javascript:|behavior\s*:", re.IGNORECASE
)


class SvgError(ValueError):
    """The file is not an SVG image that can be read."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
    )


def _keep_attribute(name: str, value: str) -> bool:
    local = etree.QName(name).localname if name.startswith("{") else name
    if name.startswith("{") and etree.QName(name).namespace not in (XLINK,):
        return False
    if local not in _ATTRIBUTES:
        return False
    if local == "href":
        return value.strip().startswith("#")  # inside the file only
    return not _UNSAFE_CSS.search(value)


def _clean(element: etree._Element) -> None:
    for child in list(element):
        tag = child.tag if isinstance(child.tag, str) else ""
        qname = etree.QName(tag) if tag.startswith("{") else None
        if qname is None or qname.namespace != SVG or qname.localname not in _ELEMENTS:
            element.remove(child)
            continue
        if qname.localname == "style" and _UNSAFE_CSS.search(child.text or ""):
            element.remove(child)
            continue
        _clean(child)
    for name, value in list(element.attrib.items()):
        if not _keep_attribute(name, value):
            del element.attrib[name]


def clean_svg(data: bytes) -> bytes:
    """The drawing of ``data`` without anything that runs or loads; raises :class:`SvgError`."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise SvgError(f"SVG illisible ({exc.msg})") from None
    if etree.QName(root).namespace != SVG or etree.QName(root).localname != "svg":
        raise SvgError("ce fichier n’est pas une image SVG (pas d’élément <svg> à sa racine)")
    _clean(root)
    for name, value in list(root.attrib.items()):
        if not _keep_attribute(name, value):
            del root.attrib[name]
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
