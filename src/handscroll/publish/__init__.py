"""Stage 4, publish: stored Feature models -> bytes and files (Markdown, later HTML, EPUB, ...).

Never re-parses source text, never writes the library.
"""
