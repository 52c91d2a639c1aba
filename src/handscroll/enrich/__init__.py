"""Stage 2, enrich: Feature -> annotations (dates, terms, places, figures) with provenance.

Never: touches the store, the web or the source file.
"""
