"""Saving a visit draft: versioned, so two devices editing one draft never silently overwrite each other."""

from django.db import transaction

from projects.visits.models import VisitSheet, VisitStatus
from projects.visits.schema import parse_date
from salescamp.editing import latest_author

DEVICE_KEY = "_device"


class StaleDraft(Exception):
    def __init__(self, current: VisitSheet):
        super().__init__("stale draft")
        self.current = current
        self.saved_by = latest_author(current)


class AlreadySubmitted(Exception):
    pass


@transaction.atomic
def draft_save(
    *, sheet_id: int, data: dict, expected_version: int | None, by, device: str = "", force: bool = False
) -> VisitSheet:
    """Store the draft as typed. A save that started from an older version is refused unless the user,
    having seen the other copy, chose to keep theirs (`force`) — or the newer copy came from this same
    device (a save that raced a reload), which this one simply continues."""
    sheet = VisitSheet.objects.select_for_update().get(pk=sheet_id)
    if sheet.status == VisitStatus.SUBMITTED:
        raise AlreadySubmitted
    device = device[:40]
    same_device = bool(device) and sheet.data.get(DEVICE_KEY) == device
    if not force and expected_version != sheet.version and not same_device:
        raise StaleDraft(sheet)
    if device:
        data = {**data, DEVICE_KEY: device}
    if data == sheet.data:
        return sheet
    sheet.data = data
    sheet.visit_date = parse_date(data.get("date", "")).value
    sheet.version += 1
    sheet._history_user = by
    sheet.save()
    return sheet
