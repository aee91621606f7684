"""WSGI entry point App Engine's gunicorn loads (`main:app`)."""

from service import create_app

app = create_app()
