"""Settings for 大客户作战台, read from the environment (one module for every environment).

Development: nothing to set — DEBUG=1 uses an SQLite file in the project folder.
Production: SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL) are required.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (and ALLOWED_HOSTS) for production, "
            "or DEBUG=1 for development; ./run.sh and ./test.sh set both for you."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks_db",
    # Company sign-in (salescamp.signin): allauth's providers and our own for 企业微信.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.dingtalk",
    "allauth.socialaccount.providers.feishu",
    "allauth.socialaccount.providers.openid_connect",
    "salescamp.wecom",
    "salescamp",
    "accounts",
    "projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "salescamp.middleware.private_pages",
    "salescamp.middleware.plain_methods",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "salescamp.middleware.idle_sign_out",
    "salescamp.middleware.chinese_first",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "salescamp.urls"
WSGI_APPLICATION = "salescamp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default keeps `./run.sh` dependency-free; production and the test suite use PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "salescamp.User"
AUTHENTICATION_BACKENDS = [
    # Throttles password guessing: after AXES_FAILURE_LIMIT failures a username+IP pair waits.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]


def providers_from_environment(environ=os.environ) -> dict:
    """SOCIALACCOUNT_PROVIDERS for the company sign-ins the environment configures (none: passwords only;
    see salescamp.signin)."""
    providers: dict = {}
    if environ.get("DINGTALK_CLIENT_ID"):
        providers["dingtalk"] = {
            "APPS": [
                {
                    "name": "钉钉",
                    "client_id": environ["DINGTALK_CLIENT_ID"],
                    "secret": environ.get("DINGTALK_CLIENT_SECRET", ""),
                }
            ]
        }
    if environ.get("FEISHU_APP_ID"):
        providers["feishu"] = {
            "APPS": [
                {
                    "name": "飞书",
                    "client_id": environ["FEISHU_APP_ID"],
                    "secret": environ.get("FEISHU_APP_SECRET", ""),
                }
            ]
        }
    if environ.get("WECOM_CORP_ID"):
        providers["wecom"] = {
            "APPS": [
                {
                    "name": "企业微信",
                    "client_id": environ["WECOM_CORP_ID"],
                    "secret": environ.get("WECOM_SECRET", ""),
                    "settings": {"agent_id": environ.get("WECOM_AGENT_ID", "")},
                }
            ]
        }
    if environ.get("OIDC_SERVER_URL"):
        providers["openid_connect"] = {
            "APPS": [
                {
                    "provider_id": "company",
                    "name": environ.get("OIDC_NAME", "OpenID Connect"),
                    "client_id": environ.get("OIDC_CLIENT_ID", ""),
                    "secret": environ.get("OIDC_CLIENT_SECRET", ""),
                    "settings": {"server_url": environ["OIDC_SERVER_URL"]},
                }
            ]
        }
    return providers


ACCOUNT_ADAPTER = "salescamp.signin.NoSignup"
SOCIALACCOUNT_ADAPTER = "salescamp.signin.LinkedAccountsOnly"
SOCIALACCOUNT_PROVIDERS = providers_from_environment()
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an email address is something anyone can claim
SOCIALACCOUNT_STORE_TOKENS = False
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)


def client_address_settings(behind_proxy: bool, hops: int) -> dict:
    """Where django-axes (through django-ipware) reads a client's address. Behind our reverse proxies each
    appends the address it saw to X-Forwarded-For, so the client is the entry `hops` from the right (nginx
    alone: the last one); anything to its left was written by the client and is never trusted. Without a
    proxy the header is the client's own words: only the connection's address counts."""
    if not behind_proxy:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"]}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        # ipware counts the proxies whose addresses are *in* the header: all but the last one.
        "AXES_IPWARE_PROXY_COUNT": hops - 1,
        # Not strict: entries a client wrote to the left of ours are expected (and ignored); a strict count
        # would reject the whole header then and fall back to the proxy's own address for everyone.
        "IPWARE_STRICT": False,
    }


globals().update(client_address_settings(BEHIND_TLS_PROXY, int(os.environ.get("PROXY_HOPS", "1"))))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("FAST_PASSWORD_HASHER", False):
    # Test runs only: the default hasher costs ~100 ms per login.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
FORMAT_MODULE_PATH = ["salescamp.formats"]  # dates as people write them (9月5日)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CSP = {
    "default-src": [CSP.SELF],
    # No inline script anywhere; a nonce is the only way one could ever run.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

SESSION_COOKIE_SECURE = not DEBUG
# A sign-in lasts a working day of use: it ends after SESSION_IDLE_HOURS without a request (idle_sign_out
# renews it on use) and when the browser closes. Drafts typed meanwhile are kept in the browser and saved
# after signing in again.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_IDLE_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The header alone changes nothing until the domain owner submits it to the preload list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Shared by every process (the PDF cache must reach the web workers from the task worker).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "salescamp_cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
if REDIS_URL := os.environ.get("REDIS_URL"):
    # Django's own Redis backend (pip install '.[redis]'): the same shared cache, off the database.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "TIMEOUT": 3600,
    }

# Background work. Production: the database backend with `manage.py db_worker` running beside gunicorn.
# Development and tests: tasks are recorded but not run (PDFs then render on demand, as they always can).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend"),
    }
}

# Notifications (projects.notices). Links in emails and robot messages start with SITE_URL.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
NOTICE_SENDER_NAME = os.environ.get("NOTICE_SENDER_NAME", "大客户作战台")
# Robot addresses outside the platforms' own hosts, e.g. "127.0.0.1:8099" for a local robot to try things.
NOTICE_ROBOT_EXTRA_HOSTS = env_list("NOTICE_ROBOT_EXTRA_HOSTS", "")
# Email (Django 6.1's MAILERS): SMTP in production (EMAIL_HOST…); development prints mail to the console.
if os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "salescamp@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
