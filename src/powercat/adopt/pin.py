"""What the CI files `powercat init` writes say of powercat: the GitHub Action and the
pre-commit hook, pinned to the commit this powercat came from (``powercat.origin``).

    pin, warnings = ci_pin()     # {"@@ACTION@@": "powercat/powercat@0123…", "@@REPOSITORY@@": …, "@@REF@@": …}
    fill_in(template_text, pin, title)
"""

from __future__ import annotations

from powercat import __version__
from powercat.i18n import Message
from powercat.origin import HOME, Origin, origin

GITLAB_TEMPLATE = "ci/powercat.gitlab-ci.yml"


def ci_pin(found: Origin | None = None) -> tuple[dict[str, str], list[Message]]:
    """What the CI files say of powercat: the Action ``owner/name@commit``, the repository and the
    ref for pre-commit, the version; a warning when the commit this powercat came from is unknown
    (an install from a package index): the files then name the version's tag."""
    found = found or origin()
    repository = found.repository or HOME
    ref = found.ref or f"v{__version__}"
    warnings = [] if found.pinned else [Message("init.unpinned", ref=ref, repository=repository)]
    pin = {"@@ACTION@@": f"{Origin(repository).slug}@{ref}", "@@REPOSITORY@@": repository, "@@REF@@": ref,
           "@@VERSION@@": __version__, "@@GITLAB_INCLUDE@@": gitlab_include(repository, ref)}
    return pin, warnings


def gitlab_include(repository: str, ref: str) -> str:
    """The address of ci/powercat.gitlab-ci.yml at ``ref`` that GitLab's ``include: remote`` reads."""
    slug = Origin(repository).slug
    if repository.startswith("https://github.com/"):
        return f"https://raw.githubusercontent.com/{slug}/{ref}/{GITLAB_TEMPLATE}"
    return f"{repository}/-/raw/{ref}/{GITLAB_TEMPLATE}"  # a GitLab copy of powercat


def fill_in(text: str, pin: dict[str, str], title: str) -> str:
    """A template's text with the pin and the site's title filled in."""
    for key, value in pin.items():
        text = text.replace(key, value)
    return text.replace("@@TITLE@@", title.replace('"', "'"))
