import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from salescamp.models import User


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's calendar address. Only its digest is kept: the address itself is shown once, when made,
    so a copy of the database reveals nobody's calendar."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def renew(cls, user) -> str:
        """A new secret address for `user`, revoking the old one; returns the token (shown once)."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(user=user, defaults={"token_digest": digest(token)})
        return token

    @classmethod
    def owner_of(cls, token: str):
        feed = cls.objects.select_related("user").filter(token_digest=digest(token)).first()
        return feed.user if feed is not None and feed.user.is_active else None
