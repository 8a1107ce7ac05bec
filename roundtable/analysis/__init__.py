"""Pure core: analysis of participation (balance across stakeholder groups). No Django."""
