"""Widgets: functions that turn validated models into HTML for the pages."""
