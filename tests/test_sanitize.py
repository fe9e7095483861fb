"""The allow-list that makes a client's own pages inert (macros/render/sanitize.py), in-process."""

from __future__ import annotations

import pytest

from macros.render.sanitize import plain_title, safe_url, sanitize_html


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>ok <script>alert(1)</script></p>", "<p>ok &lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('<a href="JaVaScRiPt&#58;alert(1)">x</a>', '<a href="#lien-retire">x</a>'),
        ('<a href="java\tscript:alert(1)">x</a>', '<a href="#lien-retire">x</a>'),
        ('<img src="data:text/html,x" onerror="alert(1)" alt="">', '<img src="" alt="">'),
        ('<div onclick="alert(1)" style="background:url(https://suivi.example.org/x.gif)">b</div>', "<div>b</div>"),
        ('<iframe src="https://x.example.org/"></iframe>', "&lt;iframe src=&quot;https://x.example.org/&quot;&gt;&lt;/iframe&gt;"),
        ("<p>a &amp; b &lt;c&gt; &#233;</p><!-- caché -->", "<p>a &amp; b &lt;c&gt; &#233;</p>"),
        ("fin <scr", "fin &lt;scr"),
    ],
)
def test_disallowed_markup_becomes_text(raw, expected):
    assert sanitize_html(raw) == expected


def test_what_markdown_writes_is_kept():
    html = (
        '<h2 id="plan">Plan<a class="headerlink" href="#plan" title="Lien">&para;</a></h2>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Voir <a href="../autre/">ici</a>, '
        '<a href="https://www.service-public.fr/">là</a>, <a href="mailto:x@example.org">écrire</a>.</p></div>'
        '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
        '<details open><summary>Plus</summary><ul><li><strong>a</strong> <em>b</em> <code>c</code></li></ul></details>'
        '<p><img src="images/plan.png" alt="Plan du quartier"><br></p>'
    )
    assert sanitize_html(html) == html.replace("<details open>", '<details open="">')


@pytest.mark.parametrize("url", ["../page/", "#ancre", "https://x.fr/", "mailto:a@b.fr", "tel:+33100000000", "images/a.png"])
def test_safe_urls(url):
    assert safe_url(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JAVASCRIPT:x", "vbscript:x", "data:text/html,x", "java\nscript:x"])
def test_unsafe_urls(url):
    assert not safe_url(url)


def test_titles_lose_every_tag_and_quote():
    assert plain_title('Plan <img src=x onerror=alert(1)> "du" &lt;b&gt;quartier&lt;/b&gt;') == "Plan ”du” quartier"
    assert plain_title("a < b") == "a ‹ b"
    assert plain_title(None) is None
