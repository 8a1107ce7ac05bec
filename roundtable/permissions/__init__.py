"""The one door: every view, endpoint, email handler and command asks the modalities engine here."""
