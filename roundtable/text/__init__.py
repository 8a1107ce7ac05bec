"""Pure core: text structure (paragraphs) and word-level comparison (redlines). No Django."""
