"""hugokit: one publication database for a Hugo site, validated and rendered into its pages."""

__version__ = "0.1.0"
