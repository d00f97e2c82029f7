"""read_page and read_plain_text on pages and files written here."""

from datetime import date

import pytest

from timeline.ingest.page import PageError, PageText, read_page, read_plain_text

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree new grain corridor | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-12T09:30:00+00:00">
<meta name="author" content="Amira Haddad">
<link rel="canonical" href="https://ledger.example/world/2024/grain-corridor">
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Ministers agree new grain corridor</h1>
<p class="byline">By Amira Haddad</p>
<p>Foreign ministers from five countries agreed on Tuesday to open a new grain corridor
through the Black Sea, ending months of talks. The first ships are expected to sail within two weeks.</p>
<p>The agreement was signed in Istanbul after a late-night session. Officials said inspections
would take place at a joint centre, and that insurers had been consulted on the terms.</p>
<p>Critics said the deal left questions about naval escorts unanswered. A follow-up meeting
is planned for 3 April 2024, when the ministers will review the first shipments.</p>
</article></main>
<footer><p>&copy; 2024 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""

ARTICLE_TEXT = (
    "Ministers agree new grain corridor\n\n"
    "Foreign ministers from five countries agreed on Tuesday to open a new grain corridor through the Black Sea,"
    " ending months of talks. The first ships are expected to sail within two weeks.\n\n"
    "The agreement was signed in Istanbul after a late-night session. Officials said inspections would take place"
    " at a joint centre, and that insurers had been consulted on the terms.\n\n"
    "Critics said the deal left questions about naval escorts unanswered. A follow-up meeting is planned for"
    " 3 April 2024, when the ministers will review the first shipments."
)

STORY = (
    "<p>Flood defences along the river were raised overnight as the water kept rising, and the council"
    " opened two shelters for families who had to leave their homes before the worst of the storm.</p>"
)


def page(body, head=""):
    return f"<html><head><title>Floods</title>{head}</head><body><article>{body}</article></body></html>"


def test_reads_the_article_and_its_metadata():
    assert read_page(ARTICLE, url="https://ledger.example/world/grain?utm_source=feed") == PageText(
        title="Ministers agree new grain corridor",
        text=ARTICLE_TEXT,
        site_name="The Daily Ledger",
        author="Amira Haddad",
        published=date(2024, 3, 12),
        canonical_url="https://ledger.example/world/2024/grain-corridor",
    )


def test_leaves_out_the_menu_footer_cookie_banner_and_byline():
    text = read_page(ARTICLE).text
    for boilerplate in ("cookies", "Home", "Sport", "rights reserved", "Privacy", "By Amira"):
        assert boilerplate not in text


def test_separates_paragraphs_with_blank_lines_and_keeps_line_breaks_and_lists():
    html = page(
        STORY + "<p>The council said:<br>stay away from the embankment.</p>"
        "<ul><li>Northgate school is open as a shelter</li><li>The ring road is closed</li></ul>"
    )
    assert read_page(html).text.split("\n\n")[1:] == [
        "The council said:\nstay away from the embankment.",
        "- Northgate school is open as a shelter\n- The ring road is closed",
    ]


@pytest.mark.parametrize(
    "head, url, published",
    [
        ('<meta property="article:published_time" content="2023-11-05T22:10:00Z">', "", date(2023, 11, 5)),
        (
            '<script type="application/ld+json">'
            '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2022-06-07"}</script>',
            "",
            date(2022, 6, 7),
        ),
        ("", "https://ledger.example/2021/02/03/floods", date(2021, 2, 3)),
        ("", "https://ledger.example/floods", None),
    ],
)
def test_gives_the_publication_date_only_from_metadata_or_the_address(head, url, published):
    html = page("<p>Posted on 14 March 2020.</p>" + STORY + "<p>The last flood, on 9 May 2019, was worse.</p>", head)
    assert read_page(html, url=url).published == published


def test_falls_back_to_the_given_address_without_a_canonical_link():
    found = read_page(page(STORY), url="https://ledger.example/floods")
    assert (found.canonical_url, found.site_name, found.author) == (
        "https://ledger.example/floods",
        "ledger.example",  # trafilatura names the site after the host when the page does not
        "",
    )


def test_leaves_the_address_empty_when_nothing_gives_one():
    assert read_page(page(STORY)).canonical_url == ""


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<main><h1>Sign in</h1><form><label>Email <input name=e></label><button>Sign in</button></form></main>"
        "<footer>&copy; 2024 The Daily Ledger</footer></body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_refuses_a_page_without_an_article(html):
    with pytest.raises(PageError) as refused:
        read_page(html, url="https://ledger.example/sign-in")
    assert str(refused.value) == "https://ledger.example/sign-in: no article text found in this page"


def test_refusal_without_an_address_still_reads_well():
    with pytest.raises(PageError, match="^no article text found in this page$"):
        read_page("<html><body><nav>Home</nav></body></html>")


WINDOWS_1252_STORY = (
    "<p>Señor Peña’s café on the “old” quay – the one the floods closed in año 2019 – reopened on Monday,"
    " and the mayor said the whole street had waited a long time for it.</p>"
)


@pytest.mark.parametrize(
    "head, encoding",
    [
        ('<meta charset="windows-1252">', None),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', None),
        ("", "windows-1252"),
        ('<meta charset="utf-8">', "windows-1252"),  # the HTTP header wins, as in a browser
    ],
)
def test_reads_a_windows_1252_page(head, encoding):
    html = page(WINDOWS_1252_STORY, head).encode("cp1252")
    assert read_page(html, encoding=encoding).text == (
        "Señor Peña’s café on the “old” quay – the one the floods closed in año 2019 – reopened on Monday,"
        " and the mayor said the whole street had waited a long time for it."
    )


def test_ignores_a_charset_that_is_not_a_text_encoding():
    html = page(WINDOWS_1252_STORY.replace("’", "'"), '<meta charset="rot13">').encode("utf-8")
    assert read_page(html).text.startswith("Señor Peña's café")


@pytest.mark.parametrize(
    "data, text",
    [
        (b"Floods reached the old town.\n", "Floods reached the old town."),
        ("\ufeffCafé owners cleaned up.".encode(), "Café owners cleaned up."),
        (b"First line.\r\nSecond line.\r\n", "First line.\nSecond line."),
        ("Notepad’s “Unicode” file.".encode("utf-16"), "Notepad’s “Unicode” file."),
    ],
)
def test_reads_an_uploaded_text_file(data, text):
    assert read_plain_text(data) == text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty"),
        ("\ufeff \r\n\t".encode(), "the file is empty"),
        (b"PK\x03\x04\x00\x00binary", "the file contains NUL characters, so it is not a plain text file"),
        (
            "Café “olé”".encode("cp1252"),
            "the file is not UTF-8 text (byte 4 cannot be read); save it as UTF-8 and upload it again",
        ),
    ],
)
def test_refuses_an_uploaded_file_that_is_not_text(data, message):
    with pytest.raises(PageError) as refused:
        read_plain_text(data)
    assert str(refused.value) == message
