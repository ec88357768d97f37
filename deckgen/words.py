"""deckgen's own words in the talk's language: message catalogues, dates, quotation marks.

The words deckgen writes itself ("Scan for the link", "Part 1 of 3", the notes' cue line, the
speaker script's headings) come from gettext catalogues in `deckgen/locale/` (English is the
source; German, French, Spanish, Brazilian Portuguese, Japanese, Chinese (Simplified and
Traditional), Arabic and Hebrew are shipped; any other
language falls back to English). `strings:` in the outline overrides any of them by key.
Dates written as YYYY-MM-DD are shown in the language's long form (Babel, from CLDR), and
quotations take the language's quotation marks (CLDR's delimiters, `assets/locale/quotes.json`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import gettext
import io
import json
import re
from functools import lru_cache
from pathlib import Path

from . import resources
from .errors import did_you_mean

# key in `strings:` -> the English text, the catalogues' msgid; {names} are filled in
WORDS: dict[str, str] = {
    "agenda": "Agenda",
    "questions": "Questions?",
    "scan": "Scan for the link",
    "part": "Part {number} of {total}",
    "slide": "slide {number} of {total}",
    "click": "{count} click",
    "clicks": "{count} clicks",
    "seconds": "{seconds} s",
    "minutes": "{minutes} min",
    "minutes_seconds": "{minutes} min {seconds} s",
    "speaker_script": "speaker script",
    "slot": "slot {minutes} min",
    "planned": "planned {time}",
    "audience": "audience: {label}",
    "estimated": "estimated",
    "no_notes": "no notes",
    "qr_alt": "QR code linking to {url}",
    "backup": "backup slide",
    "back": "Back",
}
PLURALS = {"click": "clicks"}  # singular key -> plural key: counted words go through ngettext
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr"})
LOCALE_DIR = Path(__file__).parent / "locale"
_NAMES = re.compile(r"\{(\w*)\}")


def placeholders(text: str) -> set[str]:
    """Return the {names} `text` fills in."""
    return set(_NAMES.findall(text))


def check_string(key: str, value: str) -> str:
    """Return `value`, a speaker's word for `key`, if it fills in only the names the English does."""
    allowed = placeholders(WORDS[key])
    used = placeholders(value)
    unknown = sorted(used - allowed)
    if unknown or "{" in _NAMES.sub("", value) or "}" in _NAMES.sub("", value):
        names = ", ".join("{" + n + "}" for n in sorted(allowed)) or "none"
        raise ValueError(f"may use {names}; {', '.join('{' + n + '}' for n in unknown) or 'a lone brace'} is not one")
    return value


def _parts(tag: str) -> tuple[str, str | None, str | None]:
    """Return (language, script, region) of BCP 47 `tag`."""
    pieces = tag.replace("_", "-").split("-")
    language, script, region = pieces[0].lower(), None, None
    for piece in pieces[1:]:
        if len(piece) == 4 and piece.isalpha():
            script = piece.title()
        elif (len(piece) == 2 and piece.isalpha()) or (len(piece) == 3 and piece.isdigit()):
            region = piece.upper()
    return language, script, region


TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def check_language(tag: str) -> str:
    """Return BCP 47 `tag` if its language, script and region are ones CLDR knows (Babel);
    raise ValueError saying what is wrong, with the tag meant where one is close."""
    from babel import Locale  # deferred: Babel loads only for a talk that names its language

    english = Locale("en")
    if not TAG.fullmatch(tag):
        written = tag.strip().replace("_", "-")
        meant = written if TAG.fullmatch(written) else _language_named(tag.strip().lower())
        hint = f" (did you mean {meant!r}?)" if meant else ""
        raise ValueError(f"{tag!r} is not a language tag{hint}; write a BCP 47 tag such as en, de, fr-CA, ja or pt-BR")
    language, script, region = _parts(tag)
    if language not in english.languages:
        raise ValueError(f"{tag!r}: no language has the code {language!r}; write a BCP 47 tag such as en, de, fr-CA, ja or pt-BR")
    if script and script not in english.scripts:
        raise ValueError(f"{tag!r}: no script has the code {script!r}{did_you_mean(script, list(english.scripts))}; scripts are four letters, e.g. zh-Hant, sr-Latn")
    if region and region not in english.territories:
        raise ValueError(f"{tag!r}: no region has the code {region!r}{did_you_mean(region, list(english.territories))}; regions are two letters, e.g. de-AT, pt-BR")
    return tag


def _language_named(name: str) -> str | None:
    """Return the code of the language called `name` in English or in itself ("german",
    "deutsch": de), else of the one whose name is close to it, else None."""
    from babel import Locale  # deferred: as check_language
    from babel.localedata import locale_identifiers  # deferred: as above

    english = {n.lower(): code for code, n in Locale("en").languages.items()}
    own = {}
    for code in locale_identifiers():
        if "_" not in code:
            own.setdefault((Locale(code).get_display_name(code) or "").lower(), code)
    for names in (english, own):
        if name in names:
            return names[name]
    for names in (english, own):
        close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.75)
        if close:
            return names[close[0]]
    return None


def check_date(text: str) -> str:
    """Return `text` unless it is written as a date (YYYY-MM-DD) that is no day of the calendar."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if match:
        try:
            dt.date(*(int(g) for g in match.groups()))
        except ValueError as exc:
            raise ValueError(f"{text.strip()!r} is no day of the calendar ({exc}); write the date as YYYY-MM-DD, e.g. 2026-12-03") from None
    return text


@lru_cache(maxsize=32)
def catalogue(tag: str) -> gettext.NullTranslations:
    """Return the catalogue for BCP 47 `tag`: its language and region's, else its language's
    (Portuguese without a region is Brazil's, as in CLDR), else none (English)."""
    from babel.messages.mofile import write_mo  # deferred: Babel loads only when a catalogue is looked for
    from babel.messages.pofile import read_po  # deferred: as above

    language, script, region = _parts(tag)
    names = ([f"{language}_{region}"] if region else []) + [language]
    if language == "pt":
        names.append("pt_BR")
    if language == "zh" and (script == "Hant" or region in ("TW", "HK", "MO")):
        names = [f"zh_{region}"] if region and region != "TW" else []
        names.append("zh_TW")  # Traditional characters: never the Simplified catalogue
    for name in names:
        path = LOCALE_DIR / name / "LC_MESSAGES" / "deckgen.po"
        if path.is_file():
            with path.open("rb") as stream:
                compiled = io.BytesIO()
                write_mo(compiled, read_po(stream, locale=name))
                compiled.seek(0)
                return gettext.GNUTranslations(compiled)
    return gettext.NullTranslations()


@lru_cache(maxsize=1)
def _quotes() -> dict[str, list[str]]:
    return json.loads(resources.asset("locale", "quotes.json").read_text(encoding="utf-8"))["quotes"]


class Words:
    """The words of one deck: its language's, with the outline's `strings:` over them."""

    def __init__(self, language: str = "en-US", overrides: dict[str, str] | None = None):
        self.language = language
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self._catalogue = catalogue(language)

    def __call__(self, key: str, **values) -> str:
        """Return the word for `key` with its {names} filled in."""
        text = self.overrides.get(key)
        if text is None:
            text = self._catalogue.gettext(WORDS[key])
        return text.format(**values) if values else text

    def counted(self, key: str, count: int) -> str:
        """Return the word for `key` (a singular key of PLURALS) in the form for `count`."""
        plural = PLURALS[key]
        if key in self.overrides or plural in self.overrides:
            text = self.overrides.get(key if count == 1 else plural) or self._catalogue.ngettext(WORDS[key], WORDS[plural], count)
        else:
            text = self._catalogue.ngettext(WORDS[key], WORDS[plural], count)
        return text.format(count=count)

    def duration(self, minutes: float) -> str:
        """Return `minutes` the way a speaker says it: '45 s', '1 min', '2 min 15 s'."""
        seconds = round(minutes * 60)
        whole, rest = divmod(seconds, 60)
        if not whole:
            return self("seconds", seconds=rest)
        return self("minutes_seconds", minutes=whole, seconds=rest) if rest else self("minutes", minutes=whole)

    @property
    def quotes(self) -> tuple[str, str]:
        """Return the language's opening and closing quotation marks (CLDR)."""
        table = _quotes()
        language, script, region = _parts(self.language)
        for name in (f"{language}-{script}" if script else None, f"{language}-{region}" if region else None, language):
            if name and name in table:
                return table[name][0], table[name][1]
        return table["en"][0], table["en"][1]

    def quoted(self, text: str) -> str:
        start, end = self.quotes
        return f"{start}{text}{end}"

    @property
    def rtl(self) -> bool:
        """Return whether the language is written right to left."""
        return _parts(self.language)[0] in RTL_LANGUAGES

    def date(self, text: str) -> str:
        """Return a date written YYYY-MM-DD in the language's long form (Babel, from CLDR);
        any other text as it is."""
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
        if not match:
            return text
        try:
            day = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return text
        from babel import Locale, UnknownLocaleError  # deferred: Babel loads only for a talk with a date
        from babel.dates import format_date  # deferred: as above

        language, script, region = _parts(self.language)
        for name in ("_".join(x for x in (language, script, region) if x), f"{language}_{region}" if region else None, language):
            if not name:
                continue
            try:
                return format_date(day, format="long", locale=Locale.parse(name))
            except (UnknownLocaleError, ValueError):
                continue
        return format_date(day, format="long", locale="en_US")


ENGLISH = Words()
