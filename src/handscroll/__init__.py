"""handscroll: publish illustrated history features as a library and an interactive reader."""

__version__ = "0.1.0"
