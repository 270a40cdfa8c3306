"""The README's example runs and shows what it claims."""

import doctest
from pathlib import Path


def test_readme_examples():
    readme = Path(__file__).resolve().parent.parent / "README.md"
    result = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0


def test_readme_scorecard_is_the_generated_one():
    from alliancegames.publishing.paper_artefacts import scorecard_markdown

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = text.split("<!-- scorecard:start", 1)[1].split("-->", 1)[1].split("<!-- scorecard:end -->")[0]
    assert block.strip() == scorecard_markdown().strip(), "run: python tools/update_readme_scorecard.py"
