"""The one seam over python-pptx: templates read, slide plans written, the package saved.

Only the modules of this package import `pptx` or `lxml` (tests/test_imports.py holds them to
it); each one's docstring lists the python-pptx internals it relies on.
"""
