"""Machine translation, labelled (issue 18, part 3): providers, the per-venue switch, a cache.

Machine output is never a language version of a text: it is shown beside the original, labelled
"machine translation" in the reader's language, and never stored as a translation.
"""
