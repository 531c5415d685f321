"""Support staff's view of reviews (Django admin). Submissions are read-only: a version never changes."""

from django.contrib import admin

from projects.plans.models import PlanSubmission, ReviewComment


@admin.register(PlanSubmission)
class PlanSubmissionAdmin(admin.ModelAdmin):
    list_display = ["project", "number", "status", "submitted_by", "submitted_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["project__name"]
    list_select_related = ["project", "submitted_by", "decided_by"]
    readonly_fields = ["snapshot"]
    raw_id_fields = ["project", "submitted_by", "decided_by"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ["project", "section", "author", "created_at"]
    list_select_related = ["project", "author"]
    raw_id_fields = ["project", "submission", "author"]
