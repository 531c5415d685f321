"""Winning the deal: the competition, the tender plan (招投标) and the negotiation exchange table (谈判交换
表)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Contact
from projects.deals.models.choices import TenderItemKind, TenderItemStatus
from projects.deals.models.project import Project
from salescamp.editing import Versioned


class Competitor(Versioned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="competitors")
    name = models.CharField(_("competitor"), max_length=100)
    strengths = models.TextField(_("their strengths"), blank=True)
    our_edge = models.TextField(_("our edge"), blank=True)
    supporters = models.ManyToManyField(
        Contact,
        verbose_name=_("their supporters in the chain"),
        blank=True,
        related_name="favoured_competitors",
    )

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[supporters])

    class Meta:
        verbose_name = _("competitor")
        verbose_name_plural = _("competition")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TenderItem(Versioned):
    """The tender plan (招投标): advantages put lawfully on paper, and the departments to prepare."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tender_items")
    kind = models.CharField(
        _("kind"), max_length=24, choices=TenderItemKind, default=TenderItemKind.ADVANTAGE
    )
    text = models.TextField(_("what"))
    status = models.CharField(
        _("status"), max_length=10, choices=TenderItemStatus, default=TenderItemStatus.PLANNED
    )
    # The people we know in the department that signs the contract or the acceptance: a relationship
    # prepared in advance, not a department's name on paper (control point 4).
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("people we know there"), blank=True, related_name="tender_items"
    )

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[contacts])

    class Meta:
        verbose_name = _("tender plan item")
        verbose_name_plural = _("tender plan")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.text


class NegotiationTerm(Versioned):
    """One row of the negotiation exchange table (谈判交换): worth little to us, much to them."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="negotiation_terms")
    term = models.CharField(_("term"), max_length=200)
    cost_to_us = models.DecimalField(
        _("cost to us (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    value_to_them = models.DecimalField(
        _("value to them (CNY)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    offered = models.BooleanField(_("offered"), default=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("negotiation term")
        verbose_name_plural = _("negotiation exchange table")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.term
