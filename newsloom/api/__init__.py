"""The HTTP API: JSON routes under ``/api`` over :mod:`newsloom.service` (``create_app``)."""
