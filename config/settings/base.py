"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the
environment (12-factor); the defaults below need no external service:
SQLite under var/ and Celery's filesystem transport under var/.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-inseguro-cambiar-en-produccion")
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_celery_beat",
    "padron",
    "cobranza",
    "convenios",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that may read the database: NUL bytes never get that far.
    "config.middleware.RechazarCaracteresDeControl",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navegacion.menu",
                "cobranza.gestiones.contexto.recados_sin_leer",
            ],
            "builtins": ["padron.templatetags.formato"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'cobranza.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file in `make run`.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
# Optional read replica (a PostgreSQL streaming standby, usually on the reports machine): only
# code inside `padron.replica.en_replica()` reads from it; writes always go to "default".
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["ATOMIC_REQUESTS"] = False
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASE_ROUTERS = ["padron.replica.RouterReplica"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# ModelBackend reading groups and permissions in one query per request (padron/backends.py).
AUTHENTICATION_BACKENDS = ["padron.backends.Backend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inicio"
LOGOUT_REDIRECT_URL = "login"

# Sonora: es-MX, America/Hermosillo (no daylight saving), dd/mm/aaaa, $1,234.56.
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", "Español (México)")]
TIME_ZONE = "America/Hermosillo"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Cobranza <cobranza@localhost>")
# Days after which a generated convenio, pagaré or contract without its signed original received
# shows as a missing original in the archive's inventory.
ARCHIVO_DIAS_ORIGINAL = env.int("ARCHIVO_DIAS_ORIGINAL", default=10)
# The public address of the site, for links sent by e-mail and SMS (surveys).
SITIO_URL = env("SITIO_URL", default="").rstrip("/")

# --- Django REST framework -------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous call then gets 401 with WWW-Authenticate.
        "padron.backends.TokenEnUnaConsulta",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["padron.permisos.TieneRol"],
    "DEFAULT_PAGINATION_CLASS": "config.api.Paginacion",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "EXCEPTION_HANDLER": "config.api.manejar_error",
    "DEFAULT_SCHEMA_CLASS": "config.esquema.Esquema",
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cobranza de cartera vencida — API",
    "DESCRIPTION": "API v1. Autenticación por sesión o por token (`Authorization: Token <clave>`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("tipo") need stable names, or W001 warns.
    "ENUM_NAME_OVERRIDES": {
        "CanalAtencionEnum": "cobranza.atencion.models.Canal",
        "TipoQuejaEnum": "cobranza.atencion.models.Queja.Tipo",
        "EstadoQuejaEnum": "cobranza.atencion.models.Queja.Estado",
        "OrigenQuejaEnum": "cobranza.atencion.models.Queja.Origen",
        "TipoPreguntaEnum": "cobranza.atencion.models.Pregunta.Tipo",
        "CanalInvitacionEnum": [
            ("ventanilla", "Ventanilla"),
            ("aviso", "Aviso"),
            ("publica", "Página pública"),
        ],
        "TipoCarteraEnum": "padron.models.Cartera.Tipo",
        "TipoCondicionEnum": "padron.models.CondicionEspecial.Tipo",
        "EstadoCuentaEnum": "padron.models.Cuenta.Estado",
        "ClasificacionCuentaEnum": "padron.models.Cuenta.Clasificacion",
        "EstadoExpedienteEnum": "cobranza.pec.models.Expediente.Estado",
        "EtapaPecEnum": "cobranza.pec.models.Etapa",
        "ResultadoDiligenciaEnum": "cobranza.pec.models.Diligencia.Resultado",
        "EstadoConvenioEnum": "convenios.models.Convenio.Estado",
        "TipoGestionEnum": "cobranza.gestiones.models.Gestion.Tipo",
        "ResultadoGestionEnum": "cobranza.gestiones.models.Gestion.Resultado",
        "MotivoNoEjecutadaEnum": "cobranza.cortes.models.OrdenCorte.Motivo",
        "TipoCorridaEnum": "cobranza.facturacion.models.CorridaFacturacion.Tipo",
        "TipoCargoPropuestoEnum": "cobranza.facturacion.models.CargoPropuesto.Tipo",
        "TipoDescuentoSocialEnum": "cobranza.facturacion.models.DescuentoSocial.Tipo",
        "EtapaCreditoEnum": "padron.beneficiarios.models.CreditoEducativo.Etapa",
        "TipoTramiteEnum": "padron.beneficiarios.models.Tramite.Tipo",
        "EstadoTramiteEnum": "padron.beneficiarios.models.Tramite.Estado",
        "EstadoMinistracionEnum": "padron.beneficiarios.models.Ministracion.Estado",
        "TipoImportacionEnum": [("padron", "Padrón de usuarios"), ("pagos", "Pagos del banco")],
    },
}

# --- Celery ---------------------------------------------------------------
# REDIS_URL (or CELERY_BROKER_URL) points at a real broker; without one, the
# filesystem transport under var/ lets `make run` work with no server at all.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery' / 'resultados'}"
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _cola = VAR_DIR / "celery" / "cola"
    _cola.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "procesados").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_cola),
        "data_folder_out": str(_cola),
        "processed_folder": str(VAR_DIR / "celery" / "procesados"),
        "store_processed": False,
        # Exchange tables; kombu's default is ./control in the working directory.
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
if CELERY_RESULT_BACKEND.startswith("file://"):
    (VAR_DIR / "celery" / "resultados").mkdir(parents=True, exist_ok=True)
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
# Crash-safe for every task (all are idempotent, docs/ARCHITECTURE.md "Cómo fluye una tarea"):
# a message is acknowledged only when its task ends, so a worker that dies mid-run (kill -9,
# out of memory, a restart) leaves it to be delivered again; a pool child that dies is
# rejected and requeued at once.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged message after the visibility timeout. It must exceed the
# longest countdown a task waits (retry backoff up to 1 h) or a waiting retry would be
# delivered twice; 2 h. The sweep that puts abandoned messages back runs every tenth of it.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=7200)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        "unacked_restore_interval": max(1, min(60, CELERY_VISIBILITY_TIMEOUT // 10)),
        "unacked_restore_throttle": 1,
    }
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
# A run of a scheduled task holds its EjecucionTarea for this long, renewed by a heartbeat
# every third of it; past it, the worker is taken for dead and the next attempt redoes it.
TAREAS_PLAZO_SEGUNDOS = env.int("TAREAS_PLAZO_SEGUNDOS", default=300)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Reports and exports on their own queue, `reportes` (config/celery.py: cola_de_tarea); a
# worker for it may run on a second machine (docker-compose.yml: worker-reportes).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = ("config.celery.cola_de_tarea",)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Cache: the progress of background imports, read by the web while a worker writes it.
# Redis when there is one; otherwise files under var/ (make run's three processes share them).
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Imports ----------------------------------------------------------------------------
IMPORTACION_TAMANO_MAXIMO = env.int("IMPORTACION_TAMANO_MAXIMO", default=50 * 1024 * 1024)
ADJUNTO_TAMANO_MAXIMO = env.int("ADJUNTO_TAMANO_MAXIMO", default=10 * 1024 * 1024)

# --- History (django-simple-history) --------------------------------------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Django's own "django" logger writes to its console handler when DEBUG and then
# propagates to the root: every request warning came out twice. Here it goes through
# the root's handler alone, and 4xx warnings lose their traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"sin_traza_4xx": {"()": "config.registro.SinTrazaEnErroresDelCliente"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["sin_traza_4xx"]},
        "django.db.backends": {"level": "WARNING"},
    },
}
