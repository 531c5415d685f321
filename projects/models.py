"""Django reads an app's models from here. Each concern of projects keeps its models in its own package;
nothing imports this module but Django."""

from projects.calendars import models as calendars  # noqa: F401
from projects.deals import models as deals  # noqa: F401
from projects.notices import models as notices  # noqa: F401
from projects.plans import models as plans  # noqa: F401
from projects.stored_warnings import models as stored_warnings  # noqa: F401
from projects.visits import models as visits  # noqa: F401
