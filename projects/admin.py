"""Django discovers an app's admin here: each concern of projects registers its own models."""

from projects.calendars import admin as calendars  # noqa: F401
from projects.deals import admin as deals  # noqa: F401
from projects.notices import admin as notices  # noqa: F401
from projects.plans import admin as plans  # noqa: F401
from projects.stored_warnings import admin as stored_warnings  # noqa: F401
from projects.visits import admin as visits  # noqa: F401
