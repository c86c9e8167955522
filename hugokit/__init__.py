"""hugokit: one publication database for a Hugo site, validated and rendered into its pages."""

# The one place the version is written: pyproject.toml reads it from here, `hugokit --version`
# prints it, and `hugokit init` pins the hooks and the workflow to it.
__version__ = "0.1.0"
# Where hugokit is published: the Git repository pre-commit and GitHub Actions fetch, and the path
# Hugo Modules know it by (go.mod's module line).
REPOSITORY = "https://github.com/hugokit/hugokit"
HUGO_MODULE = "github.com/hugokit/hugokit"
