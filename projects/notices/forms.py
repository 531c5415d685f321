from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from projects.notices.channels.robots import allowed
from projects.notices.models import Channel, NoticeKind, NoticePreference, TeamRobot
from projects.notices.record import channels_for

# Events a person may have sent outside the app (the digest is sent by email or not at all).
CHOOSABLE = [kind for kind in NoticeKind if kind != NoticeKind.DIGEST]


class PreferenceForm(forms.ModelForm):
    email = forms.EmailField(label=_("Email address"), required=False)

    class Meta:
        model = NoticePreference
        fields = ["quiet_from", "quiet_until"]
        widgets = {
            "quiet_from": forms.TimeInput(attrs={"type": "time"}),
            "quiet_until": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["email"].initial = user.email
        for kind in [*CHOOSABLE, NoticeKind.DIGEST]:
            choices = [(Channel.EMAIL, Channel.EMAIL.label)]
            if kind != NoticeKind.DIGEST:
                choices.append((Channel.ROBOT, Channel.ROBOT.label))
            self.fields[f"kind_{kind}"] = forms.MultipleChoiceField(
                label=kind.label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
            self.fields[f"kind_{kind}"].initial = channels_for(
                self.instance if self.instance.pk else None, kind
            )

    def kind_fields(self):
        return [self[name] for name in self.fields if name.startswith("kind_")]

    def save(self, commit=True):
        preference = super().save(commit=False)
        preference.user = self.user
        preference.channels = {
            name[5:]: value for name, value in self.cleaned_data.items() if name.startswith("kind_")
        }
        preference.save()
        self.user.email = self.cleaned_data["email"]
        self.user.save(update_fields=["email"])
        return preference


class RobotForm(forms.ModelForm):
    class Meta:
        model = TeamRobot
        fields = ["name", "kind", "url", "secret"]
        widgets = {
            "url": forms.PasswordInput(render_value=False),
            "secret": forms.PasswordInput(render_value=False),
        }
        help_texts = {
            "url": _("The robot's webhook address from the group's settings. It is never shown again."),
            "secret": _("钉钉 and 飞书 robots with signing on: the secret (SEC…). Never shown again."),
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("url")
            and data.get("kind")
            and not allowed(data["kind"], data["url"], settings.NOTICE_ROBOT_EXTRA_HOSTS)
        ):
            self.add_error("url", _("This is not a webhook address of that platform's robots."))
        return data
