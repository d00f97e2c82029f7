# Sourced by loadtest.sh and compare_datasette.sh (after they set PY and HOST):
# production-like settings for a server measured on loopback. Debug off, a throwaway
# secret, no TLS redirect, only this host. Each script then sets its own
# connection lifetime and cache.
export DJANGO_DEBUG=0
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_SECRET_KEY
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_ALLOWED_HOSTS=$HOST
export DJANGO_LOG_LEVEL=${DJANGO_LOG_LEVEL:-ERROR}
