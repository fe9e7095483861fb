"""The choke point of client text (macros/render/html.py, macros/render/sanitize.py), in-process.

Escaping must show what was typed and leave nothing for HTML or Markdown to
interpret; the allow-lists (nh3) must keep what Markdown and the widgets
write and nothing else; URLs keep an allow-list of schemes however they are
disguised.
"""

from __future__ import annotations

import markdown
import pytest

from macros.render.html import Markup, esc, markdown_inert, tag
from macros.render.sanitize import clean_client_html, clean_page_html, disallowed, plain_title, safe_url

ATTR_PAYLOAD = "Réaménager la place {: tabindex=0 autofocus onfocus=alert(1) }"
IMAGE_PAYLOAD = "![a](https://x.invalid/p.png){: onerror=alert(2) }"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>ok <script>alert(1)</script></p>", "<p>ok </p>"),
        ('<a href="JaVaScRiPt&#58;alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#x6A;ava&#10;script:alert(1)">x</a>', "<a>x</a>"),
        ('<img src="data:text/html,x" onerror="alert(1)" alt="">', '<img alt="">'),
        (
            '<div onclick="alert(1)" style="background:url(https://suivi.example.org/x.gif)">b</div>',
            "<div>b</div>",
        ),
        ('<iframe src="https://x.example.org/"></iframe>', ""),
        ('<h1 autofocus onfocus="alert(1)" tabindex="0">T</h1>', "<h1>T</h1>"),
        ("<p>a &amp; b &lt;c&gt; &#233;</p><!-- caché -->", "<p>a &amp; b &lt;c&gt; é</p>"),
        ('<svg onload="alert(1)"><circle r="4"/></svg>', ""),
    ],
)
def test_client_allow_list_removes_what_markdown_does_not_write(raw, expected):
    assert clean_client_html(raw) == expected


def test_what_markdown_writes_is_kept():
    html = (
        '<h2 id="plan">Plan<a class="headerlink" href="#plan" title="Lien">¶</a></h2>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Voir <a href="../autre/">ici</a>, '
        '<a href="https://www.service-public.fr/">là</a>, <a href="mailto:x@example.org">écrire</a>.</p></div>'
        '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
        '<details open=""><summary>Plus</summary><ul><li><strong>a</strong> <em>b</em> <code>c</code></li></ul></details>'
        '<p><img src="images/plan.png" alt="Plan du quartier"><br></p>'
    )
    assert clean_client_html(html) == html
    assert disallowed(html) == []


def test_page_allow_list_keeps_the_widgets_svg_and_reports_what_it_removes():
    svg = (
        '<figure class="kit-x"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" '
        'aria-labelledby="t"><title id="t">Carte</title><rect x="1" y="1" width="2" height="2" fill="#fff"></rect>'
        '<text x="1" y="2" text-anchor="middle">A<tspan dy="1">b</tspan></text><use href="#t"></use></svg></figure>'
    )
    assert clean_page_html(svg) == svg
    assert disallowed(svg) == []
    bad = (
        '<p onclick="x()">a</p><svg><use href="https://x.invalid/s.svg#a"></use></svg><object data="x"></object>'
        '<div data-md-component="source" data-kit="ok">b</div>'
    )
    assert clean_page_html(bad) == '<p>a</p><svg><use></use></svg><div data-kit="ok">b</div>'
    assert disallowed(bad) == [
        "attribut « onclick » de <p>",
        "adresse « https://x.invalid/s.svg#a » de <use>",
        "élément <object>",
        "attribut « data-md-component » de <div>",
    ]


@pytest.mark.parametrize(
    "url", ["../page/", "#ancre", "https://x.fr/", "mailto:a@b.fr", "tel:+33100000000", "images/a.png"]
)
def test_safe_urls(url):
    assert safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JAVASCRIPT:x",
        "vbscript:x",
        "data:text/html,x",
        "java\nscript:x",
        "java\u200bscript:x",
        "&#106;avascript:x",
    ],
)
def test_unsafe_urls(url):
    assert not safe_url(url)


def test_titles_lose_every_tag_and_quote():
    assert (
        plain_title('Plan <img src=x onerror=alert(1)> "du" &lt;b&gt;quartier&lt;/b&gt;')
        == "Plan ”du” quartier"
    )
    assert plain_title("a < b") == "a ‹ b"
    assert plain_title(None) is None


def _site_markdown(text: str) -> str:
    """Rendered with the extensions of the kit's own pages (attr_list and md_in_html included)."""
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "admonition"])


@pytest.mark.parametrize(
    "payload", [ATTR_PAYLOAD, IMAGE_PAYLOAD, "*gras* _souligné_ `code` \\ | # titre", "<b>gras</b> & « x »"]
)
def test_escaped_text_survives_markdown_as_typed(payload):
    """What a page prints with ``{{ … }}`` or a widget with esc(): Markdown runs after, and changes nothing."""
    for line in (
        f"# {esc(payload)}",
        f"- {markdown_inert(payload)}",
        str(tag("p", payload)),
        f"| a |\n|---|\n| {esc(payload)} |",
    ):
        html = _site_markdown(line)
        assert disallowed(html) == [], html
        assert "<img" not in html and "<em>" not in html and "<code>" not in html
        assert clean_page_html(html).count("&amp;") == payload.count("&")
        text = clean_page_html(html)
        for word in payload.replace("&", " ").replace("<", " ").replace(">", " ").split():
            assert word in text or word in {"|", "#"}, (word, text)


def test_markup_escapes_what_is_added_to_it():
    assert (
        Markup("<p>{}</p>").format(ATTR_PAYLOAD)
        == "<p>Réaménager la place &#123;: tabindex=0 autofocus onfocus=alert(1) &#125;</p>"
    )
    assert Markup("<b>") + "[x](y)" == "<b>&#91;x&#93;(y)"
    assert markdown_inert(Markup("<i>ok</i>")) == "<i>ok</i>"
