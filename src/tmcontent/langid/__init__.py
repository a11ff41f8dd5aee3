"""Turkmen-aware language identification: blocks, sentences, runs and short labels.

* :func:`detect` — the language of a string (:class:`Detection`: lang, confidence, script)
* :func:`segment` — maximal runs of one language in code-switched text
* :func:`annotate_article` — languages for every part of a parsed article

The default model is our own naive Bayes over character n-grams and words, built from the
NTREX-128 sentences (CC BY-SA 4.0) by ``scripts/build_langid_profile.py``; langdetect (with a
Turkmen profile we ship), pycld2 and py3langid are available as backends.
"""

from __future__ import annotations

from tmcontent.langid.annotate import annotate_article
from tmcontent.langid.detect import Detection, check_candidates, detect
from tmcontent.langid.segment import segment
from tmcontent.textfacts import UND

__all__ = ["UND", "Detection", "annotate_article", "check_candidates", "detect", "segment"]
