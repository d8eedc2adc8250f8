"""Finding and rendering jinja2 templates: the user's templates/ folder first, then ours."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from tailor.errors import TailorError


def shipped_templates() -> Path:
    """Gives the folder of the default templates: inside the wheel, or the source checkout's."""
    packaged = Path(str(resources.files("tailor"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def template_folders(user_folder: Path | None = None) -> list[Path]:
    """Gives the folders searched for templates, first match wins."""
    folders = [user_folder] if user_folder is not None else []
    local = Path.cwd() / "templates"
    if local.is_dir() and local.resolve() != shipped_templates().resolve():
        folders.append(local)
    folders.append(shipped_templates())
    return folders


def render_template(name: str, context: dict[str, Any], *, template: Path | None = None) -> str:
    """Gives a template rendered with the context; template errors become TailorErrors."""
    import jinja2

    if template is not None:
        folders = [template.parent]
        name = template.name
    else:
        folders = template_folders()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        raise TailorError(
            f"template {name} not found in {', '.join(str(f) for f in folders)}",
            hint="run 'tailor init' to copy the default templates out",
        ) from error
    except jinja2.TemplateSyntaxError as error:
        raise TailorError(
            f"template syntax error: {error.message}",
            path=error.filename or name,
            line=error.lineno,
            hint="fix the template, or delete it to use the default",
        ) from error
    except jinja2.UndefinedError as error:
        raise TailorError(
            f"template uses an undefined value: {error.message}",
            path=name,
            hint="check the variable names against the default template",
        ) from error
