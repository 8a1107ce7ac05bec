"""Stock-taking: balance per stakeholder group of a process, a venue's year or a set of people."""
