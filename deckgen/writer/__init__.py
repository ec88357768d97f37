"""Turn a Deck into a python-pptx Presentation and save it."""
