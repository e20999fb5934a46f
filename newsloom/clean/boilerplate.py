"""Stage ``clean.boilerplate``: mark the clutter a scraped page leaves, line by line.

Nothing is dropped: a marked paragraph keeps its text, gets ``boilerplate=True``
and the name of the rule that fired as ``reason``.  Each rule is a precise
pattern in every supported script (phrases are matched on the Simplified form
of Chinese, so one list serves both scripts); a body sentence is never marked
for merely mentioning a word.  Rules, by reason:

``nav_list``       a "Related News" / "热点" / "Читайте также" heading and the run of
                   headline-like lines under it, or a run of "Country: Headline" lines
``read_more``      a line that only says "read more" / "阅读全文" / "Читать далее"
``photo_credit``   "NAME/AGENCY via AP", "Photo: ...", "（新华社记者 X摄）"
``caption``        a photo caption: "(left)"/"(左)" with an ellipsis, a date start,
                   a photographer's credit at its end, or a credit line beside it
``copyright``      "All rights reserved", "© 2022", "版权声明", "转载请注明", "Все права защищены"
``promo``          "Sign up for our newsletter", "订阅", "Подпишитесь на рассылку"
``editorial_note`` "..., proofing in progress", "This post appeared on ...", "Editor's note:"
``repeated_title`` the title line again inside the body
``recurring``      a line found in many documents of the same source (see recurring.py)
"""

from __future__ import annotations

import re
from typing import ClassVar

from newsloom.clean.lines import is_label_line, is_title_like, length, match_key
from newsloom.clean.parse import HTML_CLUTTER
from newsloom.clean.recurring import RecurringLines, source_key
from newsloom.hanzi import to_simplified as simplified
from newsloom.model import Document, Paragraph
from newsloom.pipeline import stage
from newsloom.settings import Settings

# A single-line rule only looks at lines up to this length: clutter is short, and a
# long paragraph that happens to contain a pattern is body text.
_RULE_MAX_CHARS = 400


def _keys(*phrases: str) -> frozenset[str]:
    return frozenset(match_key(p) for p in phrases)


# fmt: off
NAV_HEADINGS = _keys(
    # English
    "related", "related news", "related articles", "related stories", "related content",
    "related posts", "related topics", "related coverage", "related reading", "more stories",
    "more news", "more on this story", "more from this section", "you may also like",
    "you might also like", "recommended", "recommended for you", "recommended reading",
    "most read", "most popular", "most viewed", "most shared", "trending", "trending now",
    "hot this week", "popular this week", "popular now", "topics", "tags", "latest news",
    "latest stories", "top stories", "see also", "also read", "read also", "editor's picks",
    "editors' picks", "don't miss", "in other news", "read next", "what to read next",
    "further reading", "other news", "in case you missed it",
    # Chinese (Simplified form; Traditional lines are converted before matching)
    "相关新闻", "相关阅读", "相关文章", "相关报道", "相关推荐", "相关链接", "相关专题", "热点",
    "热点新闻", "热点推荐", "热门", "热门文章", "热门新闻", "热门推荐", "推荐阅读", "延伸阅读",
    "猜你喜欢", "更多新闻", "更多报道", "最新新闻", "最新文章", "排行榜", "精彩推荐", "专题",
    "标签", "热词", "今日热点", "本周热点", "阅读排行", "相关报导",
    # Russian
    "читайте также", "читать также", "смотрите также", "см. также", "по теме", "похожие новости",
    "похожие статьи", "другие новости", "новости по теме", "материалы по теме", "популярное",
    "самое популярное", "самое читаемое", "главное", "главные новости", "последние новости",
    "темы", "теги", "рекомендуем", "ещё по теме", "еще по теме", "выбор редакции",
)
READ_MORE = _keys(
    "read more", "read full article", "read the full article", "read the full story",
    "read full story", "continue", "continue reading", "continued", "more", "see more",
    "show more", "load more", "click here to read more", "full story", "read on", "keep reading",
    "阅读更多", "阅读全文", "查看全文", "查看更多", "展开全文", "点击查看", "继续阅读", "更多",
    "全文", "点击阅读全文", "加载更多", "查看原文", "阅读原文", "展开",
    "читать далее", "читать полностью", "читать дальше", "подробнее", "далее", "ещё", "еще",
    "показать ещё", "показать еще", "читать ещё", "читать еще", "развернуть",
)
# fmt: on
# "Read more: <headline>" and its kin: a pointer to another story.
_READ_MORE_PREFIX = re.compile(
    r"^(?:read more|read also|also read|see also|more|related|читайте также|читать также|"
    r"смотрите также|по теме|阅读更多|相关阅读|相关新闻|延伸阅读|推荐阅读|另请阅读)\s*[:：>»]\s*\S",
    re.IGNORECASE,
)

_AGENCIES = (
    r"AP|Associated Press|Reuters|AFP|Getty Images|Getty|EPA(?:-EFE)?|Bloomberg|Shutterstock|"
    r"Xinhua|TASS|Sputnik|RIA Novosti|Pool|ТАСС|РИА Новости|Спутник|Коммерсантъ|"
    r"美联社|路透社|法新社|新华社|盖蒂图片社|视觉中国|东方IC|彭博社|塔斯社|卫星通讯社|中新社|人民视觉"
)
_CREDIT_LABEL = re.compile(
    r"^(?:photo|photos|photograph|photography|picture|image|images|credit|photo credit|"
    r"image credit|фото|фотография|фотограф|图|图片|图片来源|图源|摄影|图文)\s*[:：/|]",
    re.IGNORECASE,
)
_VIA_AGENCY = re.compile(rf"(?:\bvia\s+|通过|经由|透过)(?:{_AGENCIES})\s*$", re.IGNORECASE)
_SLASH_AGENCY = re.compile(rf"^[^/]{{2,60}}/\s*(?:{_AGENCIES})\b", re.IGNORECASE)
_PAREN_PHOTO = re.compile(r"^[(（][^()（）]*(?:photo|фото|摄|图)[^()（）]*[)）]$", re.IGNORECASE)
_SHOT_BY = re.compile(r"^[(（]?[^()（）。]{1,30}摄[)）]?$")

_POSITION = re.compile(
    r"[(（]\s*(?:from\s+|слева\s+)?(?:left|right|center|centre|l|r|c|front|back|second from left|"
    r"second from right|左[一二三四]?|右[一二三四]?|中|前排|后排|слева|справа|в центре)"
    r"[^()（）]{0,20}[)）]",
    re.IGNORECASE,
)
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")
_CREDIT_TAIL = re.compile(
    r"[(（][^()（）]{0,40}(?:摄|photo|фото)[^()（）]{0,40}[)）]\s*$", re.IGNORECASE
)
_EN_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_RU_MONTH = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_DATE_START = re.compile(
    rf"^(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日|^{_EN_MONTH}\s+\d{{1,2}}\b|^\d{{1,2}}\s+{_EN_MONTH}\b"
    rf"|^\d{{1,2}}\s+{_RU_MONTH}\b|^\d{{4}}-\d{{2}}-\d{{2}}\b",
    re.IGNORECASE,
)

_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©|\(c\)|\d{4})|^copyright\b|all rights reserved|"
    r"may not be (?:published|reproduced|redistributed)|reproduction in whole or in part|"
    r"版权所有|版权声明|转载请注明|转载须注明|未经授权|未经许可|不得转载|禁止转载|"
    r"все права защищены|при (?:полном или частичном )?(?:использовании|перепечатке|цитировании)|"
    r"перепечатка\b.*\bзапрещена|использование материалов\b.*\bразрешено",
    re.IGNORECASE,
)
_EDITORIAL = re.compile(
    r"proof(?:ing|reading)\s+(?:is\s+)?(?:in progress|pending|complete)|proofread by|"
    r"\bedited by\b.*\bproof|"
    r"^this (?:post|article|story|piece|translation) (?:appeared|first appeared|originally "
    r"appeared|was (?:originally |first )?(?:published|posted)|has been (?:updated|corrected))|"
    r"^(?:editor'?s note|editor’s note|note from the editor|correction|clarification)\s*[:：]|"
    r"^(?:编者按|编者注|编注|编辑注)\s*[:：]|"
    r"^(?:от редакции|примечание редакции|прим\. ред\.)",
    re.IGNORECASE,
)
# Calls to subscribe: imperative at the start, or a newsletter with its sign-up.
_PROMO = re.compile(
    r"^(?:sign up|subscribe|get our|join our)\b|\bnewsletter\b.*\b(?:sign up|subscribe)\b|"
    r"\b(?:sign up|subscribe)\b.*\bnewsletter\b|^(?:订阅|关注我们|扫码关注|扫描二维码)|"
    r"^(?:подпишитесь|подписаться)\b",
    re.IGNORECASE,
)
# "Brazil: Perplexity, Skepticism": the label-and-headline lines of link lists.
_LABELLED_HEADLINE = re.compile(r"^[A-ZА-ЯЁ][\w.'’ -]{1,30}:\s+\S", re.UNICODE)


def line_rule(text: str) -> str | None:
    """The single-line rule a line matches, or None; ``text`` is in Simplified form."""
    if length(text) > _RULE_MAX_CHARS:
        return None
    key = match_key(text)
    if _COPYRIGHT.search(text):
        return "copyright"
    if _EDITORIAL.search(text):
        return "editorial_note"
    if key in READ_MORE or (_READ_MORE_PREFIX.search(text) and is_title_like(text, 160)):
        return "read_more"
    if is_photo_credit(text):
        return "photo_credit"
    if length(text) <= 120 and _PROMO.search(text):
        return "promo"
    if _CREDIT_TAIL.search(text) or (
        _POSITION.search(text) and (_ELLIPSIS_END.search(text) or _DATE_START.search(text))
    ):
        return "caption"
    return None


def is_photo_credit(text: str) -> bool:
    """A photographer or agency credit standing on its own line."""
    if length(text) > 100:
        return False
    if _CREDIT_LABEL.search(text) or _PAREN_PHOTO.search(text) or _SHOT_BY.search(text):
        return True
    return is_title_like(text, 100) and bool(_VIA_AGENCY.search(text) or _SLASH_AGENCY.search(text))


@stage
class Boilerplate:
    """Mark clutter paragraphs (never drop them), each with the rule that fired.

    The instance's ``recurring`` counts lines per source; the service feeds it a
    batch (:meth:`observe`) or saved counts (``recurring.merge``) before the
    documents are run, so the result does not depend on their order.
    """

    name: ClassVar[str] = "clean.boilerplate"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        conf = settings["clean"]
        self.nav_max_chars: int = conf["nav_max_chars"]
        self.nav_min_run: int = conf["nav_min_run"]
        self.title_max_chars: int = conf["title_max_chars"]
        self.recurring_max_chars: int = conf["recurring_max_chars"]
        self.recurring_max_share: float = conf["recurring_max_share"]
        self.recurring = RecurringLines(conf["recurring_min_docs"])

    def observe(self, doc: Document) -> None:
        """Count a parsed document's lines towards the recurring-line rule."""
        self.recurring.add(source_key(doc), (p.text for p in doc.paragraphs))

    def __call__(self, doc: Document) -> Document:
        paras = doc.paragraphs
        forms = [simplified(p.text) for p in paras]
        for p, form in zip(paras, forms, strict=True):
            if not p.boilerplate or p.reason == HTML_CLUTTER:
                _mark(p, line_rule(form), force=True)
        self._nav_lists(paras, forms)
        self._repeated_title(doc)
        self._captions_beside_credits(paras)
        self._recurring(doc)
        return doc

    def _headline_like(self, text: str) -> bool:
        return is_title_like(text, self.nav_max_chars)

    def _nav_lists(self, paras: list[Paragraph], forms: list[str]) -> None:
        """A nav heading (or a "read more") and the headline-like run under it; or a run of
        labelled headlines.  A header label line ("责任编辑：X") ends a run: it is metadata."""
        in_list = False
        for p, form in zip(paras, forms, strict=True):
            if match_key(form.rstrip(":：")) in NAV_HEADINGS and length(form) <= 40:
                _mark(p, "nav_list", force=p.reason == HTML_CLUTTER)
                in_list = True
            elif (
                in_list
                and not is_label_line(form)
                and (p.boilerplate or self._headline_like(p.text))
            ):
                _mark(p, "nav_list")
            else:
                in_list = p.reason == "read_more"
        run: list[Paragraph] = []
        for p, form in [*zip(paras, forms, strict=True), (None, "")]:
            if (
                p is not None
                and _LABELLED_HEADLINE.match(p.text)
                and not is_label_line(form)
                and self._headline_like(p.text)
            ):
                run.append(p)
                continue
            if len(run) >= self.nav_min_run:
                for q in run:
                    _mark(q, "nav_list")
            run = []

    def _repeated_title(self, doc: Document) -> None:
        """The title again inside the body: a copy of the page's first title-like line."""
        title_key = match_key(doc.meta.title) if doc.meta.title else None
        start = 0
        if title_key is None:
            for i, p in enumerate(doc.paragraphs[:3]):
                if not p.boilerplate and is_title_like(p.text, self.title_max_chars):
                    title_key, start = match_key(p.text), i + 1
                    break
        if not title_key:
            return
        seen_once = start > 0
        for p in doc.paragraphs[start:]:
            if match_key(p.text) == title_key:
                if seen_once:
                    _mark(p, "repeated_title")
                seen_once = True

    def _captions_beside_credits(self, paras: list[Paragraph]) -> None:
        """A "(left)"/"(左)" line next to a photo credit is that photo's caption."""
        for i, p in enumerate(paras):
            if p.boilerplate or not _POSITION.search(p.text) or length(p.text) > _RULE_MAX_CHARS:
                continue
            near = paras[max(i - 1, 0) : i] + paras[i + 1 : i + 2]
            if any(q.reason == "photo_credit" for q in near):
                _mark(p, "caption")

    def _recurring(self, doc: Document) -> None:
        """Mark lines common to many documents of this source, unless they are most of it.

        A document whose lines mostly recur is a copy of other documents (a
        syndicated story stored twice), not a page of clutter: leave it alone.
        """
        key = source_key(doc)
        hits = [
            p
            for p in doc.paragraphs
            if not p.boilerplate
            and length(p.text) <= self.recurring_max_chars
            and self.recurring.is_recurring(key, p.text)
        ]
        total = sum(length(p.text) for p in doc.paragraphs) or 1
        if sum(length(p.text) for p in hits) / total < self.recurring_max_share:
            for p in hits:
                _mark(p, "recurring")


def _mark(p: Paragraph, reason: str | None, force: bool = False) -> None:
    """Mark a paragraph unless it is marked already (``force`` replaces a weaker reason)."""
    if reason and (not p.boilerplate or force):
        p.boilerplate, p.reason = True, reason
