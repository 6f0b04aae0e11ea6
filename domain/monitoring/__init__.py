"""Monitoring and control: exact money, time-phased actuals, progress history and earned value.

``core/`` is the pure earned-value computation (plain data in and out); the services beside it
read and write the database.
"""
