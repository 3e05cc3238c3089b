"""The disclosure site's Jinja2 templates, CSS and JS (shipped as package data; see powercat.publish)."""
