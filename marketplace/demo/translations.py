"""The demo's English pages: the home page, the news index, the programme pages and three news articles.

Each is a synced wagtail-localize translation of its Vietnamese page (``page_translate``): every translatable
field is covered, the English texts of translations_data are filled in, and the editors find the same strings
in the admin's translation editor. Idempotent like the rest of the demo: a page that has an English
translation is left alone (an editor may have changed it since).
"""

from __future__ import annotations

from wagtail.models import Locale, Page

from marketplace.cms.models import HomePage, NewsArticlePage, NewsIndexPage, ProgrammePage
from marketplace.cms.translations import page_translate
from marketplace.demo import news_data, programme_data
from marketplace.demo import translations_data as data
from marketplace.demo.catalogue import LoadSummary

ENGLISH = "en"
# The positions of a body block's texts, by kind (programme_data and news_data describe the blocks).
BLOCK_TEXTS = {
    "p": (1,), "h2": (1,), "quote": (1, 2), "product": (), "figure": (2, 3), "figure_typed": (1, 2, 3),
    "verify": (1, 2), "image": (1,), "video": (2, 3),
}


def english_texts(*, title: str, intro: str, body: tuple, english: data.EnglishPage) -> dict[str, str]:
    """Pair each Vietnamese text of a page spec with the English one at the same place in ``english``.

    Raises ValueError when the two bodies differ in shape (a block added to one and not the other).
    """
    texts = {title: english.title, intro: english.intro}
    if [block[0] for block in body] != [block[0] for block in english.body]:
        raise ValueError(f"The English page {english.title!r} does not have the blocks of {title!r}.")
    for vietnamese, translated in zip(body, english.body, strict=True):
        if vietnamese[0] == "timeline":
            texts[vietnamese[1]] = translated[1]
            for vietnamese_step, translated_step in zip(vietnamese[2], translated[2], strict=True):
                texts.update(zip(vietnamese_step, translated_step, strict=True))
        else:
            texts.update((vietnamese[position], translated[position]) for position in BLOCK_TEXTS[vietnamese[0]])
    texts.pop("", None)
    return texts


def _translate(*, page: Page | None, texts: dict[str, str], summary: LoadSummary, english: Locale) -> None:
    if page is None or page.has_translation(english):
        return
    page_translate(page=page, language=ENGLISH, strings=texts, publish=True)
    summary.record("English pages", created=True, updated=False)


def translations_demo_load(*, summary: LoadSummary) -> None:
    """Publish the English translations of the demo's home page, news index, programme pages and three articles."""
    english = Locale.objects.filter(language_code=ENGLISH).first()
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if english is None or home is None:
        summary.warnings.append("No English locale or no home page: the demo's English pages were not loaded.")
        return
    _translate(page=home, texts=data.HOME, summary=summary, english=english)
    _translate(page=NewsIndexPage.objects.filter(locale=home.locale).first(), texts=data.NEWS_INDEX,
               summary=summary, english=english)
    for spec in programme_data.PROGRAMMES:  # parents first
        texts = english_texts(title=spec.title, intro=spec.intro, body=spec.body,
                              english=data.PROGRAMMES[spec.slug])
        _translate(page=ProgrammePage.objects.filter(locale=home.locale, slug=spec.slug).first(), texts=texts,
                   summary=summary, english=english)
    for spec in news_data.ARTICLES:
        if spec.slug not in data.ARTICLES:
            continue
        texts = english_texts(title=spec.title, intro=spec.summary, body=spec.body, english=data.ARTICLES[spec.slug])
        _translate(page=NewsArticlePage.objects.filter(locale=home.locale, slug=spec.slug).first(),
                   texts=texts | data.AUTHORS, summary=summary, english=english)
