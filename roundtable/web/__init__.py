"""The site's frame: base layout, home page, language switching, denial pages."""
