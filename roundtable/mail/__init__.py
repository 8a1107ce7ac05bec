"""Pure core: mail parsing, normalisation, threading, quote/footer splitting, sanitising.

No Django here (an import-linter contract enforces it).
"""
