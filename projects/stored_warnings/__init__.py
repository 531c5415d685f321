"""Each project's current warnings kept as rows (预警表), so lists of projects are counted and filtered by
the database: rewritten with every write that can change them (tracking), when a team's thresholds change
(tasks), and daily for the rules that depend on the date (manage.py refresh_warnings)."""
