"""Facts about text that every stage shares: Han characters, Chinese scripts and pinyin.

Readers detect languages, enrichers gloss terms, the store folds text for
search and publishers mark Chinese spans with `lang`: all of them ask these
modules, so "is this Chinese" has one answer everywhere. Nothing here knows
features, the library or the web.
"""
