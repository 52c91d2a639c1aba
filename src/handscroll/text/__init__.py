"""Facts about text every stage shares: Han ranges, scripts, pinyin, stems, language tags, encodings.

Readers detect languages, enrichers gloss terms, the store folds text for
search and publishers mark Chinese spans with `lang`: all of them ask these
modules, so "is this Chinese" has one answer everywhere. Nothing here knows
features, the library or the web.
"""
