"""Reminders (提醒): what the scheduler finds worth telling people — a key contact gone quiet, a visit sheet
left as a draft, tasks falling due and overdue (escalated to the team leader past the team's limit) — and
each person's morning summary at 08:30. Every run may repeat: each event is recorded once (its key)."""
