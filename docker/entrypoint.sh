#!/bin/sh
# One image, three roles: web (migrate, then gunicorn), worker and beat (Celery); anything else is run as given.
set -eu

case "${1:-web}" in
    web)
        python manage.py migrate --noinput
        exec gunicorn marketplace.wsgi --config marketplace/gunicorn.conf.py
        ;;
    worker)
        exec celery -A marketplace worker --loglevel "${LOG_LEVEL:-INFO}"
        ;;
    beat)
        exec celery -A marketplace beat --loglevel "${LOG_LEVEL:-INFO}" --schedule /tmp/celerybeat-schedule
        ;;
    *)
        exec "$@"
        ;;
esac
