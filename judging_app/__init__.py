"""judging-app: run a contest of improvement cases judged by expert panels."""

__version__ = "0.1.0"
