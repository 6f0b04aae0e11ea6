"""Planning: tasks, the WBS, dependencies, calendars, baselines, and the stored schedule.

``core`` is the pure Critical Path Method; the modules beside it keep the stored schedule
current inside every change (``schedule``) and apply planning changes.
"""
