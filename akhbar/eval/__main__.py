"""``python -m akhbar.eval eval ...`` and ``eval-multidoc ...``, without the rest of akhbar's CLI."""

import typer

from akhbar.eval.cli import register

app = typer.Typer(name="akhbar-eval", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
register(app)

if __name__ == "__main__":
    app()
