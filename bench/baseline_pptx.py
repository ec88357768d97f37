"""Baseline: a plain python-pptx script writing the same content as bench outlines.

Usage: python bench/baseline_pptx.py N OUT.pptx
Each slide: a title, three bullets and one line of notes, on python-pptx's default
"Title and Content" layout -- what a speaker would write by hand without deckgen.
"""

import sys

from pptx import Presentation

n, out = int(sys.argv[1]), sys.argv[2]
prs = Presentation()
layout = prs.slide_layouts[1]
for i in range(n):
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = f"Slide {i}"
    body = slide.placeholders[1].text_frame
    body.text = "one point"
    for text in ("two points", "three points"):
        body.add_paragraph().text = text
    slide.notes_slide.notes_text_frame.text = f"Notes for slide {i}, a sentence or two."
prs.save(out)
