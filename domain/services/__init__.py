"""Services: each public function applies one change (or answers one read) for a viewer.

Writes run inside a ``Work`` (one transaction): they validate, authorize, apply, record the
audit event, and leave rescheduling and governance to ``Work.finish``.
"""
