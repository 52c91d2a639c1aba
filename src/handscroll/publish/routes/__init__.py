"""The live reader's routes, one module per kind: pages, API, media (pictures, IIIF), search.

Each module has `routes(reader) -> list[Route]` over one shared `state.ReaderState`;
`publish.web.create_app` only assembles them with the error handlers and middleware.
"""
