"""The one door to mkdocs and Material: everything that imports mkdocs or knows the theme lives here."""
