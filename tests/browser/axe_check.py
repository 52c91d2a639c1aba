"""The accessibility check every browser test shares: axe-core, serious and critical only."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page: Any) -> list[str]:
    """Run axe-core on the page; one line per serious or critical violation, with where."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
