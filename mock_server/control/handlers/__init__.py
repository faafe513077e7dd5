"""Handlers of the control API, one module per tag of specs/control.yaml."""
