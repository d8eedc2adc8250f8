"""Finding templates (the user's templates/ folder first, then ours), rendering, copying out."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tailor.errors import InputError, OutputError, TailorError

REFERENCE_DOCX = "reference.docx"


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


@cache
def make_environment(folders: tuple[str, ...], finalize: Callable[[Any], Any] | None) -> Any:
    """Gives the jinja2 environment for template folders, made once: it caches compiled
    templates (and reloads one whose file changed)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        bytecode_cache=bytecode_cache(finalize),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # HTML templates (report.html.j2) escape every value; Markdown templates print as is.
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "html.j2", "htm.j2"), default=False
        ),
        finalize=finalize,
    )


def bytecode_cache(finalize: Callable[[Any], Any] | None) -> Any:
    """Gives jinja's cache of compiled templates, or None where its folder can't be made.

    Compiling the three templates is 45 ms of a cold match. The cache lives under the user's
    cache folder ($XDG_CACHE_HOME, else ~/.cache), keyed by each template's name, path and
    text; the folder is named by a digest of what else shapes the compiled code (jinja's
    version, this module, which sets the environment's options, and the finalize function),
    so no environment reads code compiled for another.
    """
    import hashlib

    import jinja2

    shape = [jinja2.__version__, Path(__file__).read_text(encoding="utf-8")]
    shape.append(finalize.__qualname__ if finalize is not None else "")
    digest = hashlib.sha256("\0".join(shape).encode()).hexdigest()[:16]
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = base / "tailor" / f"templates-{digest}"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home, or a read-only one: compile each time
        return None

    class BestEffortCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            # A damaged or unreadable file (a crash mid-write elsewhere, another Python): the
            # template compiles afresh and the file is written anew.
            try:
                super().load_bytecode(bucket)
            except Exception:  # whatever unpickling a bad file raises
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            # A full disk, the folder deleted: the next run compiles again.
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    return BestEffortCache(str(folder))


def render_template(
    name: str,
    context: dict[str, Any],
    *,
    template: Path | None = None,
    filters: dict[str, Callable[..., Any]] | None = None,
    finalize: Callable[[Any], Any] | None = None,
) -> str:
    """Gives a template rendered with the context; template errors become TailorErrors.

    ``finalize`` is applied to every value the template prints (escaping), never to its text.
    """
    import jinja2

    if template is not None:
        if not template.is_file():
            raise InputError(
                "no such template",
                path=template,
                hint="give a jinja2 file, or run 'tailor init' to copy the default templates out",
            )
        folders = [template.parent]
        name = template.name
    else:
        folders = template_folders()
    environment = make_environment(tuple(str(folder) for folder in folders), finalize)
    environment.filters.update(filters or {})
    try:
        return str(environment.get_template(name).render(**context))
    except jinja2.TemplateNotFound as error:
        # The missing one may be a template that this one includes or extends.
        missing = error.name or name
        raise TailorError(
            f"template {missing} not found in {', '.join(str(f) for f in folders)}",
            hint="run 'tailor init' to copy the default templates out"
            if missing == name
            else f"{name} includes {missing}: add it beside {name}, or drop the include",
        ) from error
    except jinja2.TemplateSyntaxError as error:
        raise TailorError(
            f"template syntax error: {error.message}",
            path=error.filename or name,
            line=error.lineno,
            hint="fix the template, or delete it to use the default",
        ) from error
    except jinja2.UndefinedError as error:
        where, line = template_line(error)
        raise TailorError(
            f"template uses an undefined value: {error.message}",
            path=where or name,
            line=line,
            hint="check the variable names against the default template",
        ) from error
    except UnicodeDecodeError as error:
        raise TailorError(
            "the template is not UTF-8 text",
            path=template or name,
            hint="give a jinja2 text template such as templates/resume.md.j2",
        ) from error
    except TailorError:
        raise
    except Exception as error:
        # An edited template can fail as it runs ({{ 1 / 0 }}, a filter given the wrong type):
        # the user's to fix. In our own templates, or outside any template line, it is our bug.
        where, line = template_line(error)
        if where is None or Path(where).resolve().parent == shipped_templates().resolve():
            raise
        raise TailorError(
            f"template error: {type(error).__name__}: {error}",
            path=where,
            line=line,
            hint="fix the template, or delete it to use the default",
        ) from error


def template_line(error: BaseException) -> tuple[str | None, int | None]:
    """Gives the template file and line an error was raised at, from jinja's traceback frames."""
    where: tuple[str | None, int | None] = (None, None)
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        # jinja rewrites the traceback so that template code shows as its file and line.
        if not filename.endswith(".py") and not filename.startswith("<"):
            where = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return where


def find_reference_docx() -> Path:
    """Gives the reference.docx to take DOCX styles from: the user's templates/ first, then ours."""
    for folder in template_folders():
        if (folder / REFERENCE_DOCX).is_file():
            return folder / REFERENCE_DOCX
    return shipped_templates() / REFERENCE_DOCX


def copy_templates(folder: Path) -> list[tuple[Path, bool]]:
    """Copies the default templates into a folder; gives each path and whether it was written.

    An existing file is never overwritten: it may hold the user's edits.
    """
    shipped = shipped_templates()
    sources = sorted(
        path for path in shipped.iterdir() if path.is_file() and not path.name.startswith(".")
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the templates folder: {error.strerror}",
            path=folder,
            hint="give a folder you can write to",
        ) from error
    done: list[tuple[Path, bool]] = []
    for source in sources:
        target = folder / source.name
        try:
            # "x" creates the file or fails if it exists, so a file made meanwhile is kept too.
            with target.open("xb") as stream:
                stream.write(source.read_bytes())
        except FileExistsError:
            done.append((target, False))
            continue
        except OSError as error:
            # Only a file this call created can be there: a half-written copy is no template.
            target.unlink(missing_ok=True)
            raise OutputError(
                f"cannot write the template: {error.strerror}",
                path=target,
                hint="give a folder you can write to",
            ) from error
        done.append((target, True))
    return done
