"""The editors' workspace (issue 13): accounts, roles, revisions, review, publishing, audit.

Drafts live only in the workspace tables, as authoring Markdown; the public
tables hold the published revision of each feature edition and are written
through the same path as `handscroll import`. Nothing here renders HTML: the
web layer (publish/routes) shows what these modules decide.
"""
