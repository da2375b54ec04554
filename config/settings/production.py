"""Production: everything from the environment, HTTPS and hardened cookies.

`DJANGO_SETTINGS_MODULE=config.settings.production manage.py check --deploy`
reports nothing.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, SPECTACULAR_SETTINGS, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Persistent connections are a per-database setting (a top-level CONN_MAX_AGE does nothing).
for _base in DATABASES.values():
    _base["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    _base["CONN_HEALTH_CHECKS"] = True

# The API's schema and its docs page only for signed-in users (session or token); the docs
# page sends a browser to the login page (config/urls.py).
SPECTACULAR_SETTINGS = {
    **SPECTACULAR_SETTINGS,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}
